// The visitor's bearings over the panorama: a minimap of the floor plan (the hall's
// pin is "you are here", a cone shows where the view looks) and a compass whose
// needle points north; pressing the compass turns the view to face north.
// Both follow the view as it moves (drag, keys, autorotation, the tour).
// A hall's north is the panorama yaw that faces north (its `north`); the floor
// plan is drawn with north up, as plans are.
import { el, bilingual } from './dom.js';
import { currentLang } from './lang-core.js';

const WINDS = [
  { zh: '北', en: 'north' }, { zh: '东北', en: 'north-east' }, { zh: '东', en: 'east' },
  { zh: '东南', en: 'south-east' }, { zh: '南', en: 'south' }, { zh: '西南', en: 'south-west' },
  { zh: '西', en: 'west' }, { zh: '西北', en: 'north-west' },
];
const SIDE = 112;  // the minimap's longer side, CSS px

const toDeg = (rad) => (rad * 180) / Math.PI;
const wrap = (deg) => ((deg % 360) + 360) % 360;

export function createBearings({ data, viewer, container, rootUrl, reducedMotion }) {
  const plan = data.plan;
  let hall = null;
  let bearing = 0;
  let wind = -1;

  let minimap = null;
  let here = null;
  let cone = null;
  if (plan && plan.width && plan.height) {
    const aspect = plan.width / plan.height;
    const img = el('img', { src: rootUrl + plan.image, alt: '', width: plan.width, height: plan.height, decoding: 'async' });
    cone = el('span', { className: 'yz-minimap__cone' });
    here = el('span', { className: 'yz-minimap__here' }, cone, el('span', { className: 'yz-minimap__dot' }));
    minimap = el('div', { className: 'yz-minimap', role: 'img' }, img, here);
    // sizes through the CSSOM: the package's CSP forbids style attributes, not this
    minimap.style.width = `${Math.round(aspect >= 1 ? SIDE : SIDE * aspect)}px`;
    minimap.style.height = `${Math.round(aspect >= 1 ? SIDE / aspect : SIDE)}px`;
    container.append(minimap);
  }

  const needle = el('span', { className: 'yz-compass__dial', 'aria-hidden': 'true' },
    el('span', { className: 'yz-compass__n', text: 'N' }), el('span', { className: 'yz-compass__needle' }));
  const compassText = el('span', { className: 'yz-visually-hidden' });
  const compass = el('button', { type: 'button', className: 'yz-compass' }, needle, compassText);
  container.append(compass);
  compass.addEventListener('click', () => {
    if (!hall) return;
    const target = { yaw: `${Number(hall.north) || 0}deg`, pitch: viewer.getPosition().pitch };
    viewer.stopAll();  // also the glide left from a drag
    if (reducedMotion()) viewer.rotate(target);
    else Promise.resolve(viewer.animate({ ...target, speed: 600 })).catch(() => { /* interrupted: fine */ });
  });
  compass.addEventListener('pointerdown', (event) => event.stopPropagation());

  function describe() {
    const name = WINDS[wind];
    const title = hall ? hall.title : { zh: '', en: '' };
    compassText.replaceChildren(bilingual({
      zh: `指南针：正朝${name.zh}。按下朝北。`, en: `Compass: facing ${name.en}. Press to face north.`,
    }));
    if (minimap) {
      const pinned = here && !here.hidden;
      minimap.setAttribute('aria-label', currentLang() === 'zh'
        ? `平面图：${pinned ? `您在${title.zh}，` : ''}正朝${name.zh}`
        : `Floor plan: ${pinned ? `you are in ${title.en}, ` : ''}facing ${name.en}`);
    }
  }

  function update() {
    if (!hall) return;
    bearing = wrap(toDeg(viewer.getPosition().yaw) - (Number(hall.north) || 0));
    const rounded = Math.round(bearing);
    needle.style.transform = `rotate(${-bearing}deg)`;
    compass.dataset.heading = String(rounded % 360);
    if (minimap) {
      cone.style.transform = `rotate(${bearing}deg)`;
      minimap.dataset.heading = String(rounded % 360);
    }
    const w = Math.round(bearing / 45) % 8;
    if (w !== wind) {
      wind = w;
      describe();
    }
  }

  function setHall(next) {
    hall = next;
    if (minimap) {
      const pin = plan.pins && plan.pins[hall.id];
      here.hidden = !pin;
      if (pin) {
        here.style.left = `${pin[0] * 100}%`;
        here.style.top = `${pin[1] * 100}%`;
      }
      minimap.dataset.hall = hall.id;
    }
    wind = -1;
    update();
  }

  viewer.addEventListener('position-updated', update);
  window.addEventListener('yunzhan:lang', () => { wind = -1; update(); });
  return { setHall, update, minimap, compass };
}
