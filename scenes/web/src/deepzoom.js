// The object pages' deep-zoom viewer: OpenSeadragon over the image's IIIF level-0
// tiles (iiif/images/<sha>/info.json). Loaded only when the visitor taps "Zoom", so
// the first screen is the page's ordinary picture. It opens as a full-screen layer
// with its own bilingual buttons (OpenSeadragon's default ones would need image
// files) and draws on a 2D canvas, so it works without WebGL too.
import OpenSeadragon from 'openseadragon';
import { el, bilingual, loadStylesheet } from './dom.js';
import './deepzoom.css'; // emitted as assets/deepzoom.css, loaded by start()

const LABELS = {
  dialog: { zh: '放大查看', en: 'Zoom view' },
  zoomIn: { zh: '放大', en: 'Zoom in' },
  zoomOut: { zh: '缩小', en: 'Zoom out' },
  home: { zh: '复原', en: 'Fit' },
  close: { zh: '关闭', en: 'Close' },
};

function button(label, action) {
  const b = el('button', { type: 'button', className: 'deepzoom-button' }, bilingual(label));
  b.addEventListener('click', action);
  return b;
}

// The service's info.json, its id set to where it was actually fetched from: the
// package may be served from another address than the one its IIIF ids name (or
// from none, without --base-url), and OpenSeadragon builds tile URLs from the id.
async function tileSource(infoUrl) {
  const response = await fetch(infoUrl);
  if (!response.ok) throw new Error(`${infoUrl}: ${response.status}`);
  const info = await response.json();
  info.id = response.url.replace(/\/info\.json(\?.*)?$/, '');
  return info;
}

/** Open the viewer for the info.json at `info` (relative to the page); `opener` gets
 * the focus back on close. Resolves with the OpenSeadragon viewer once it shows the image. */
export async function start({ rootUrl, info, opener, title }) {
  const [source] = await Promise.all([tileSource(new URL(info, location.href).href),
    loadStylesheet(rootUrl + 'assets/deepzoom.css')]);
  const stage = el('div', { className: 'deepzoom-stage' });
  const layer = el('div', { className: 'deepzoom-layer', role: 'dialog', 'aria-modal': 'true',
    'aria-label': document.documentElement.lang.startsWith('en') ? LABELS.dialog.en : LABELS.dialog.zh });
  const toolbar = el('div', { className: 'deepzoom-toolbar' });
  if (title) toolbar.append(el('span', { className: 'deepzoom-title', text: title }));
  layer.append(stage, toolbar);
  document.body.append(layer);
  document.body.classList.add('has-deepzoom');

  const viewer = OpenSeadragon({
    element: stage,
    tileSources: source,
    drawer: 'canvas',
    showNavigationControl: false,
    crossOriginPolicy: false,
    visibilityRatio: 0.5,
    minZoomImageRatio: 0.8,
    maxZoomPixelRatio: 2, // twice the last pixel: sharp, and no further
    gestureSettingsTouch: { pinchRotate: false },
  });
  window.yunzhanDeepZoom = viewer; // for tests and the browser console

  const close = () => {
    viewer.destroy();
    layer.remove();
    document.body.classList.remove('has-deepzoom');
    document.removeEventListener('keydown', onKey);
    window.yunzhanDeepZoom = null;
    if (opener) opener.focus();
  };
  const onKey = (event) => { if (event.key === 'Escape') close(); };
  document.addEventListener('keydown', onKey);
  const zoomBy = (factor) => { viewer.viewport.zoomBy(factor); viewer.viewport.applyConstraints(); };
  const closeButton = button(LABELS.close, close);
  toolbar.append(button(LABELS.zoomIn, () => zoomBy(2)), button(LABELS.zoomOut, () => zoomBy(0.5)),
    button(LABELS.home, () => viewer.viewport.goHome()), closeButton);
  closeButton.focus();
  await new Promise((resolve, reject) => {
    viewer.addOnceHandler('open', resolve);
    viewer.addOnceHandler('open-failed', (event) => { close(); reject(new Error(event.message)); });
  });
  return viewer;
}
