// A strip of hall thumbnails under the panorama: each is a link to its hall's page
// (data-hall: viewer.js moves there in place, with its transition); the current
// hall is marked aria-current by viewer.js like every other hall link.
import { el, bilingual } from './dom.js';
import { currentLang } from './lang-core.js';

export function createHallStrip({ data, container, rootUrl }) {
  if (data.halls.length < 2) return null;
  const items = data.halls.map((h) => {
    const thumb = h.thumbnail || {};
    const img = thumb.src
      ? el('img', { src: rootUrl + thumb.src, alt: '', width: thumb.width, height: thumb.height, loading: 'lazy', decoding: 'async' })
      : el('span', { className: 'yz-hall-strip__blank' });
    const link = el('a', { href: new URL(h.url, rootUrl).href, className: 'yz-hall-strip__link', 'data-hall': h.id },
      img, bilingual(h.title, 'span', 'yz-hall-strip__title'));
    return el('li', {}, link);
  });
  const nav = el('nav', { className: 'yz-hall-strip' }, el('ul', {}, ...items));
  const label = () => nav.setAttribute('aria-label', currentLang() === 'zh' ? '展厅缩略图' : 'Hall thumbnails');
  label();
  window.addEventListener('yunzhan:lang', label);
  container.after(nav);

  // keep the current hall's thumbnail in sight when the visitor moves on
  function setHall(id) {
    const current = nav.querySelector(`a[data-hall="${CSS.escape(id)}"]`);
    if (current && nav.scrollWidth > nav.clientWidth) {
      const left = current.offsetLeft - (nav.clientWidth - current.offsetWidth) / 2;
      nav.scrollTo({ left: Math.max(0, left) });
    }
  }
  return { setHall, element: nav };
}
