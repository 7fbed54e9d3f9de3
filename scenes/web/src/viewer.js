// The panorama viewer of an exported exhibition: Photo Sphere Viewer 5 with tiled
// cube maps, a virtual tour of the halls, hotspots (scene links, object cards,
// notes) as real <button>s with visible labels so they work with the keyboard,
// a first view fitted to the screen so every hotspot shows, a minimap, a compass,
// a strip of hall thumbnails, a short zoom-and-fade toward the door between halls,
// gentle autorotation when idle, gyroscope and fullscreen. Without WebGL 2, or
// when the panorama cannot load, the page's own message, the hall's still picture
// and its list stay. Loaded lazily by site.js; reads data/viewer.json.
import { Viewer } from '@photo-sphere-viewer/core';
import { CubemapTilesAdapter } from '@photo-sphere-viewer/cubemap-tiles-adapter';
import { MarkersPlugin } from '@photo-sphere-viewer/markers-plugin';
import { VirtualTourPlugin } from '@photo-sphere-viewer/virtual-tour-plugin';
import { AutorotatePlugin } from '@photo-sphere-viewer/autorotate-plugin';
import { GyroscopePlugin } from '@photo-sphere-viewer/gyroscope-plugin';
import '@photo-sphere-viewer/core/index.css';
import '@photo-sphere-viewer/markers-plugin/index.css';
import '@photo-sphere-viewer/virtual-tour-plugin/index.css';
import './viewer.css';
import { currentLang } from './lang-core.js';
import { openObjectCard, openNoteCard } from './card.js';
import { bilingual, loadStylesheet } from './dom.js';
import { createTour } from './tour.js';
import { createBearings } from './minimap.js';
import { createHallStrip } from './hall-strip.js';
import { webglAvailable } from './webgl.js';

const PSV_LANG_ZH = {
  zoom: '缩放', zoomOut: '缩小', zoomIn: '放大', moveUp: '向上', moveDown: '向下', moveLeft: '向左',
  moveRight: '向右', description: '说明', download: '下载', fullscreen: '全屏', loading: '加载中…',
  menu: '菜单', close: '关闭', twoFingers: '请用两指拖动', ctrlZoom: '按住 Ctrl 并滚动以缩放',
  loadError: '无法加载全景图', webglError: '此浏览器不支持 WebGL', autorotate: '自动旋转', gyroscope: '陀螺仪',
};
const PSV_LANG_EN = { autorotate: 'Automatic rotation', gyroscope: 'Gyroscope' };

const deg = (v) => `${Number(v) || 0}deg`;
const view = (v) => ({ yaw: deg(v.yaw), pitch: deg(v.pitch) });

// A hall's stored fov is horizontal (as the studio shows it); PSV zooms by the
// vertical fov, linearly from MAX_FOV (level 0) to MIN_FOV (level 100), so the
// level that shows it depends on the shape of this window. The stored view is
// shown at most USUAL_FOV high; the fitted first view may open up to MAX_FOV
// (as scenes/export/viewer_data.py MAX_START_FOV) so that all hotspots show.
const MIN_FOV = 30;
const USUAL_FOV = 90;
const MAX_FOV = 120;
// Room kept between a hotspot's centre and the edge: half a hotspot and a little
// across; up and down also the navigation bar (40 px) and the minimap/compass.
const MARGIN_X = 28;
const MARGIN_Y = 64;
const DEG = Math.PI / 180;

function zoomForFov(vfov) {
  return ((MAX_FOV - Math.min(MAX_FOV, Math.max(MIN_FOV, vfov))) / (MAX_FOV - MIN_FOV)) * 100;
}

// The vertical fov that shows the hall's stored view, and (its `fit`, computed at
// export from the hotspots) every hotspot with a margin, on this element's shape.
function startFov(hall, element) {
  const w = element.clientWidth || 16;
  const h = element.clientHeight || 9;
  const aspect = w / h;
  const half = (Number(hall.initial.fov) || 90) * DEG / 2;
  let vfov = Math.min(USUAL_FOV, (2 * Math.atan(Math.tan(half) / aspect)) / DEG);
  const fit = hall.fit;
  if (fit) {
    const keepX = Math.max(0.2, 1 - MARGIN_X / (w / 2));
    const keepY = Math.max(0.2, 1 - MARGIN_Y / (h / 2));
    const tan = Math.max(fit.tanY / keepY, fit.tanX / (aspect * keepX));
    vfov = Math.max(vfov, (2 * Math.atan(tan)) / DEG);
  }
  return Math.min(MAX_FOV, Math.max(MIN_FOV, vfov));
}

function startPosition(hall) {
  return hall.fit ? view(hall.fit) : view(hall.initial);
}

const reducedMotion = () => Boolean(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);

// The page's own message in place of the viewer: its still picture and the hall's
// list stay (site.js does the same when the viewer's script itself cannot load).
function showFallback(container, reason) {
  container.classList.remove('is-loading', 'is-ready');
  container.classList.add('is-failed');
  const canvas = container.querySelector('.viewer-canvas');
  if (canvas) canvas.hidden = true;
  for (const extra of container.querySelectorAll('.yz-minimap, .yz-compass')) extra.hidden = true;
  // nothing left to enter, and the guided tour turns the 360° view
  for (const id of ['viewer-enter', 'tour-start']) {
    const button = document.getElementById(id);
    if (button) button.hidden = true;
  }
  const note = document.getElementById('viewer-failed');
  if (!note) return;
  if (reason !== 'webgl') {
    note.replaceChildren(bilingual({
      zh: '360° 全景未能加载；下面的展品和说明仍可浏览。',
      en: 'The 360° view could not be loaded; the objects and notes below still work.',
    }));
  }
  note.hidden = false;
}

export class ViewerUnavailable extends Error {}

// A label near the edge of the view slides inwards, and one that would cover a
// label already placed moves down below it (after each frame PSV draws, once per
// animation frame): on touch screens all labels show at once.
function keepLabelsInside(viewer, element) {
  const allShown = window.matchMedia('(hover: none)');
  let queued = false;
  const clamp = () => {
    queued = false;
    const box = element.getBoundingClientRect();
    const placed = [];
    const labels = [...element.querySelectorAll('.psv-marker--visible .yz-hotspot__label')]
      .map((label) => ({ label, at: label.parentElement.getBoundingClientRect() }))
      .filter(({ at }) => at.width > 0)
      .sort((a, b) => a.at.top - b.at.top || a.at.left - b.at.left);
    for (const { label, at } of labels) {
      const width = label.offsetWidth;
      const height = label.offsetHeight;
      if (!width) continue;
      const natural = at.left + at.width / 2 - width / 2;
      const left = Math.max(box.left + 4, Math.min(natural, box.right - 4 - width));
      const naturalTop = at.top + label.offsetTop;
      let top = naturalTop;
      for (const other of (allShown.matches ? placed : [])) {
        if (left < other.right && left + width > other.left && top < other.bottom && top + height > other.top) {
          top = other.bottom + 2;
        }
      }
      placed.push({ left, right: left + width, top, bottom: top + height });
      label.style.setProperty('--yz-shift', `${Math.round(left - natural)}px`);
      label.style.setProperty('--yz-drop', `${Math.round(top - naturalTop)}px`);
    }
  };
  viewer.addEventListener('render', () => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(clamp);
    }
  });
}

// PSV's animate() returns a thenable without catch(), or nothing when prevented;
// this settles (true: done, false: interrupted) either way.
function glide(viewer, options) {
  return Promise.resolve(viewer.animate(options)).then((done) => done !== false, () => false);
}

// Where a package file is: a URL under the package root, or (kiosk profile, pages
// opened from disk where images fetched from files cannot become WebGL textures)
// a data: URL from the hall's tile script.
function fileUrl(path, rootUrl, kiosk) {
  if (!kiosk) return rootUrl + path;
  return (window.YZ_TILES && window.YZ_TILES[path]) || null;
}

function cubemapPanorama(pano, rootUrl, kiosk) {
  return {
    levels: pano.levels,
    tileUrl: (face, col, row, level) => fileUrl(pano.tileUrl
      .replace('{face}', pano.faces[face])
      .replace('{level}', String(level))
      .replace('{col}', String(col))
      .replace('{row}', String(row)), rootUrl, kiosk),
    baseUrl: { ...pano.base, path: fileUrl(pano.base.path, rootUrl, kiosk) },
    flipTopBottom: Boolean(pano.flipTopBottom),
  };
}

const loadedScripts = {};
function loadScript(src) {
  if (!loadedScripts[src]) {
    loadedScripts[src] = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`cannot load ${src}`));
      document.head.append(script);
    });
  }
  return loadedScripts[src];
}

function sphereCorrection(hall) {
  const c = hall.correction || {};
  return (c.tilt || c.roll) ? { tilt: deg(c.tilt), roll: deg(c.roll) } : undefined;
}

// A hotspot's label shows its title; the kind ("Object: ") is said to screen
// readers only, where the icon does not speak.
function hotspotButton(hotspot, data, actions) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = `yz-hotspot yz-hotspot--${hotspot.kind}`;
  let kind = null;
  let title;
  if (hotspot.kind === 'scene') {
    const target = data.hallsById[hotspot.to];
    if (hotspot.label) title = hotspot.label;
    else [kind, title] = [{ zh: '前往：', en: 'Go to: ' }, target.title];
    button.dataset.to = hotspot.to;
  } else if (hotspot.kind === 'object') {
    [kind, title] = [{ zh: '展品：', en: 'Object: ' }, data.objects[hotspot.object].title];
    button.dataset.object = hotspot.object;
  } else {
    [kind, title] = [{ zh: '说明：', en: 'Note: ' }, hotspot.label];
  }
  const icon = document.createElement('span');
  icon.className = 'yz-hotspot__icon';
  icon.setAttribute('aria-hidden', 'true');
  const text = bilingual(title, 'span', 'yz-hotspot__label');
  if (kind) text.prepend(bilingual(kind, 'span', 'yz-visually-hidden'));
  button.append(icon, text);
  button.addEventListener('click', (event) => {
    event.stopPropagation();
    actions.activate(hotspot, button);
  });
  // PSV would otherwise start a drag from a press on the button.
  button.addEventListener('pointerdown', (event) => event.stopPropagation());
  // reached with Tab while out of sight: turn the view to it
  button.addEventListener('focus', () => actions.reveal(hotspot, button));
  return button;
}

export async function start({ rootUrl, container, hall, data: given }) {
  if (!webglAvailable({ version: 2 })) {
    showFallback(container, 'webgl');
    throw new ViewerUnavailable('WebGL 2 is not available');
  }
  let data = given;
  if (data) {
    await loadStylesheet(rootUrl + 'assets/viewer.css');
  } else {
    const [response] = await Promise.all([
      fetch(rootUrl + 'data/viewer.json'),
      loadStylesheet(rootUrl + 'assets/viewer.css'),
    ]);
    if (!response.ok) throw new Error(`data/viewer.json: HTTP ${response.status}`);
    data = await response.json();
  }
  const kiosk = Boolean(data.kiosk);
  // Kiosk: a hall's tiles arrive as a script of data: URLs, loaded when the hall is shown.
  const tilesReady = (h) => (kiosk ? loadScript(rootUrl + h.panorama.script) : Promise.resolve());
  data.hallsById = Object.fromEntries(data.halls.map((h) => [h.id, h]));
  const first = data.hallsById[hall] || data.hallsById[data.start] || data.halls[0];

  let viewer;
  let tour;
  const actions = {
    activate(hotspot, opener) {
      if (hotspot.kind === 'scene') goTo(hotspot.to, hotspot.arrival, true, hotspot);
      else if (hotspot.kind === 'object') openObjectCard(data.objects[hotspot.object], rootUrl, opener);
      else openNoteCard(hotspot, opener);
    },
    reveal(hotspot, button) {
      if (!viewer) return;
      const box = container.getBoundingClientRect();
      const at = button.getBoundingClientRect();
      const inside = at.width > 0 && at.left >= box.left && at.right <= box.right
        && at.top >= box.top && at.bottom <= box.bottom;
      if (inside) return;
      viewer.stopAll();
      if (reducedMotion()) viewer.rotate(view(hotspot));
      else glide(viewer, { ...view(hotspot), speed: 500 });
    },
  };

  const nodes = data.halls.map((h) => ({
    id: h.id,
    name: h.title.en,
    // a getter: in kiosk mode the tile script may arrive after the node is made
    get panorama() { return cubemapPanorama(h.panorama, rootUrl, kiosk); },
    sphereCorrection: sphereCorrection(h),
    // The tour's links (for preloading the next halls); their arrows are hidden
    // because the hotspot buttons above do the walking, with the keyboard too.
    links: [...new Set(h.hotspots.filter((s) => s.kind === 'scene').map((s) => s.to))].map((to) => ({
      nodeId: to,
      position: view(h.hotspots.find((s) => s.to === to)),
      arrowStyle: { className: 'yz-tour-link' },
    })),
    markers: h.hotspots.map((hotspot, i) => ({
      id: `${h.id}-hotspot-${i}`,
      element: hotspotButton(hotspot, data, actions),
      position: view(hotspot),
      anchor: 'center center',
      className: 'yz-marker',
    })),
    data: { url: h.url },
  }));

  await tilesReady(first);
  const container_ = container.querySelector('.viewer-canvas') || container;
  const firstView = startPosition(first);
  const still = reducedMotion();
  viewer = new Viewer({
    container: container_,
    adapter: [CubemapTilesAdapter, { showErrorTile: false }],
    defaultYaw: firstView.yaw,
    defaultPitch: firstView.pitch,
    minFov: MIN_FOV,
    maxFov: MAX_FOV,
    defaultZoomLvl: zoomForFov(startFov(first, container_)),
    navbar: ['autorotate', 'zoom', 'gyroscope', 'fullscreen'],
    lang: currentLang() === 'zh' ? PSV_LANG_ZH : PSV_LANG_EN,
    loadingImg: null,
    touchmoveTwoFingers: false,
    moveInertia: !still,  // no glide after a drag for visitors who asked for less motion
    mousewheelCtrlKey: true,
    plugins: [
      MarkersPlugin,
      [VirtualTourPlugin, {
        nodes,
        startNodeId: first.id,
        renderMode: '2d',
        preload: !kiosk,  // kiosk tiles arrive with their hall
        transitionOptions: { showLoader: false, effect: still ? 'none' : 'fade', rotation: false, speed: 500 },
      }],
      // Idle for a while: the view turns slowly by itself, until the next touch,
      // drag or key. Never for visitors who asked for less motion.
      [AutorotatePlugin, {
        autostartDelay: still ? null : 15000, autostartOnIdle: !still, autorotateSpeed: '0.5rpm',
        autorotatePitch: firstView.pitch,
      }],
      [GyroscopePlugin, { touchmove: true }],
    ],
  });
  tour = viewer.getPlugin(VirtualTourPlugin);
  const failed = new Promise((resolve) => viewer.addEventListener('panorama-error', resolve, { once: true }));
  failed.then(() => showFallback(container, 'load'));
  keepLabelsInside(viewer, container_);
  const bearings = createBearings({ data, viewer, container, rootUrl, reducedMotion });
  const strip = createHallStrip({ data, container, rootUrl });
  const autorotate = viewer.getPlugin(AutorotatePlugin);
  // any touch, click, wheel or key in the view stops it (PSV itself stops on drags only)
  let handled = false;  // the visitor moved the view in this hall (then a new screen shape keeps it)
  for (const type of ['pointerdown', 'touchstart', 'wheel', 'keydown']) {
    container.addEventListener(type, (event) => {
      handled = true;
      const own = event.target.closest && event.target.closest('.psv-autorotate-button');
      if (!own && autorotate.isEnabled()) autorotate.stop();
    }, { passive: true, capture: true });
  }
  // A phone turned (or a window resized) before the visitor moved: fit again.
  let refit = null;
  window.addEventListener('resize', () => {
    clearTimeout(refit);
    refit = setTimeout(() => {
      const here = data.hallsById[document.body.dataset.hall];
      if (handled || !here || container.dataset.tourStop) return;
      viewer.rotate(startPosition(here));
      viewer.zoom(zoomForFov(startFov(here, container_)));
    }, 250);
  });
  autorotate.addEventListener('autorotate', (event) => {
    // the guided tour turns the view itself; a visitor reading a card is not idle
    if (event.autorotateEnabled && (container.dataset.tourStop || document.querySelector('dialog[open]'))) {
      autorotate.stop();
    }
  });

  function showHall(id, push) {
    const target = data.hallsById[id];
    if (document.body.dataset.hall !== id) handled = false;
    document.body.dataset.hall = id;
    for (const panel of document.querySelectorAll('[data-hall-panel]')) {
      panel.hidden = panel.dataset.hallPanel !== id;
    }
    for (const pin of document.querySelectorAll('a[data-hall]')) {
      if (pin.dataset.hall === id) pin.setAttribute('aria-current', 'page');
      else pin.removeAttribute('aria-current');
    }
    const url = new URL(target.url, rootUrl).href;
    try {
      if (push && url !== location.href.split('#')[0]) history.pushState({ hall: id }, '', url);
    } catch (e) { /* file:// pages may not change their address: the view still changes */ }
    bearings.setHall(target);
    if (strip) strip.setHall(id);
    const titleMeta = document.querySelector(`meta[name="yunzhan-title-${currentLang()}"]`);
    const title = currentLang() === 'zh' ? target.title.zh : target.title.en;
    document.title = titleMeta ? `${title} · ${titleMeta.dataset.site || ''}` : title;
  }

  // Through a door (a scene hotspot): a short turn and zoom toward it, then the
  // next hall fades in; with reduced motion the next hall simply appears.
  function goTo(id, arrival, push, door) {
    const target = data.hallsById[id];
    if (!target) return Promise.resolve(false);
    const still = reducedMotion();
    const approach = () => (door && !still
      ? glide(viewer, { ...view(door), zoom: Math.min(100, viewer.getZoomLevel() + 30), speed: 450 })
      : Promise.resolve());
    return Promise.all([tilesReady(target), approach()])
      .then(() => tour.setCurrentNode(id, {
        rotateTo: arrival ? view(arrival) : startPosition(target),
        zoomTo: zoomForFov(startFov(target, container_)),
        rotation: false,
        effect: still ? 'none' : 'fade',
        speed: still ? 0 : 500,
      }))
      .then(() => showHall(id, push))
      .catch(() => { /* aborted by a newer move */ });
  }

  // Links in the page (hall list, floor plan, "in this hall" lists) act in place.
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a[data-hall], a[data-object]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;
    if (link.dataset.hall && data.hallsById[link.dataset.hall]) {
      event.preventDefault();
      goTo(link.dataset.hall, null, true);
      container.scrollIntoView({ block: 'nearest' });
    } else if (link.dataset.object && data.objects[link.dataset.object]) {
      event.preventDefault();
      openObjectCard(data.objects[link.dataset.object], rootUrl, link);
    }
  });
  window.addEventListener('popstate', (event) => {
    const id = (event.state && event.state.hall) || first.id;
    goTo(id, null, false);
  });
  try { history.replaceState({ hall: first.id }, '', location.href); } catch (e) { /* file:// */ }
  window.addEventListener('yunzhan:lang', () => {
    viewer.setOption('lang', currentLang() === 'zh' ? PSV_LANG_ZH : PSV_LANG_EN);
    showHall(document.body.dataset.hall || first.id, false);
  });

  const outcome = await Promise.race([
    new Promise((resolve) => viewer.addEventListener('ready', () => resolve('ready'), { once: true })),
    failed.then(() => 'failed'),
  ]);
  if (outcome === 'failed') throw new ViewerUnavailable('the panorama could not be loaded');
  container.classList.remove('is-loading');
  container.classList.add('is-ready');
  showHall(first.id, false);
  viewer.addEventListener('panorama-loaded', () => {
    container.dataset.rendered = String(Number(container.dataset.rendered || 0) + 1);
  });
  container.dataset.rendered = '1';
  const guidedTour = createTour({ data, viewer, goTo, rootUrl, container });
  if (guidedTour) {
    // site.js shows the "Start tour" button; a press before the viewer was ready
    // is remembered there and arrives as this event.
    window.addEventListener('yunzhan:tour-start', () => guidedTour.start());
    if (window.yunzhanTourRequested) guidedTour.start();
  }
  return { viewer, tour, goTo, guidedTour };
}
