// The light site script, deferred on every page: language switch, offline cache
// (service worker), the file:// notice, and the lazy start of the panorama viewer.
import { applyLang, currentLang } from './lang-core.js';
import { startTurntable } from './turntable.js';

const rootMeta = document.querySelector('meta[name="yunzhan-root"]');
const rootUrl = new URL((rootMeta && rootMeta.content) || './', location.href).href;
const fromDisk = location.protocol === 'file:';
// The "kiosk" profile ships the viewer and its data as classic scripts, so halls
// work from disk too (USB sticks, kiosks).
const kiosk = Boolean(document.querySelector('meta[name="yunzhan-kiosk"]'));

function switchLang() {
  applyLang(currentLang() === 'zh' ? 'en' : 'zh', true);
  window.dispatchEvent(new CustomEvent('yunzhan:lang', { detail: currentLang() }));
}

for (const button of document.querySelectorAll('[data-lang-switch]')) {
  button.addEventListener('click', switchLang);
}

// A deep link to a hall (index.html#/hall/<slug>) typed or followed while the home
// page is already open: lang.js handles it on a fresh load.
if (document.querySelector('meta[name="yunzhan-page"][content="home"]')) {
  window.addEventListener('hashchange', () => {
    const deepLink = /^#\/hall\/([a-z0-9][a-z0-9-]{0,63})$/.exec(location.hash);
    if (deepLink) location.replace(`${rootUrl}halls/${deepLink[1]}.html`);
  });
}

if (fromDisk && !kiosk) {
  for (const notice of document.querySelectorAll('[data-file-notice]')) notice.hidden = false;
}

function loadClassic(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = reject;
    document.head.append(script);
  });
}

// -- offline: the service worker precaches the shell and data; what this page
// fetched before the worker took control is handed to it so that it is cached too.
if (!fromDisk && 'serviceWorker' in navigator) {
  if (performance.setResourceTimingBufferSize) performance.setResourceTimingBufferSize(5000);
  const sendSeen = () => {
    const worker = navigator.serviceWorker.controller;
    if (!worker) return;
    const urls = performance.getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((url) => url.startsWith(location.origin));
    urls.push(location.href.split('#')[0]);
    worker.postMessage({ type: 'cache-seen', urls });
  };
  navigator.serviceWorker.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'cached') document.documentElement.dataset.offlineReady = '1';
  });
  navigator.serviceWorker.addEventListener('controllerchange', sendSeen);
  window.addEventListener('load', () => {
    navigator.serviceWorker.register(rootUrl + 'sw.js', { scope: rootUrl })
      .then(() => navigator.serviceWorker.ready)
      .then(() => { if (navigator.serviceWorker.controller) sendSeen(); })
      .catch(() => { /* no offline copy: the site still works online */ });
  });
}

// -- the panorama viewer: a large module (three.js + Photo Sphere Viewer), so the
// first screen is the hall's picture and title, and the viewer starts when the
// visitor asks for it ("Enter the 360° view"), or by itself when they came here
// from another page of the package or started it before in this tab. A tap also
// gives phones the user gesture their gyroscope permission needs.
const VIEWER_KEY = 'yunzhan-viewer-started';
const viewerBox = document.getElementById('viewer');
const enterButton = document.getElementById('viewer-enter');
if (viewerBox && fromDisk && !kiosk && enterButton) enterButton.hidden = true;
if (viewerBox && (!fromDisk || kiosk)) {
  let started = false;
  const showFailure = () => {
    viewerBox.classList.remove('is-loading');
    viewerBox.classList.add('is-failed');
    for (const button of [enterButton, document.getElementById('tour-start')]) if (button) button.hidden = true;
    const note = document.getElementById('viewer-failed');
    if (note) note.hidden = false;
  };
  const startViewer = () => {
    if (started) return;
    started = true;
    try { sessionStorage.setItem(VIEWER_KEY, '1'); } catch (e) { /* not remembered: fine */ }
    viewerBox.classList.add('is-loading');
    if (enterButton) enterButton.disabled = true;
    const hall = document.body.dataset.hall;
    const loaded = fromDisk
      ? loadClassic(rootUrl + 'data/viewer.js')
        .then(() => loadClassic(rootUrl + 'assets/viewer-classic.js'))
        .then(() => window.YunzhanViewer.start({ rootUrl, container: viewerBox, hall, data: window.YZ_VIEWER_DATA }))
      : import(rootUrl + 'assets/viewer.js').then((viewer) => viewer.start({ rootUrl, container: viewerBox, hall }));
    loaded.catch(showFailure);
  };
  if (enterButton) enterButton.addEventListener('click', startViewer);
  // "Start tour" (hall pages of a package with narration): starts the viewer if
  // needed, then the tour. The press is the user gesture that lets audio play.
  const tourButton = document.getElementById('tour-start');
  if (tourButton) {
    tourButton.hidden = false;
    tourButton.addEventListener('click', () => {
      window.yunzhanTourRequested = true;
      if (started) window.dispatchEvent(new CustomEvent('yunzhan:tour-start'));
      else startViewer();
    });
  }
  let startedBefore = false;
  try { startedBefore = sessionStorage.getItem(VIEWER_KEY) === '1'; } catch (e) { /* no storage */ }
  const cameFromPackage = document.referrer.startsWith(rootUrl);
  if (startedBefore || cameFromPackage || (kiosk && fromDisk)) {
    const whenIdle = (fn) => (window.requestIdleCallback ? requestIdleCallback(fn, { timeout: 1000 }) : setTimeout(fn, 100));
    if (document.readyState === 'complete') whenIdle(startViewer);
    else window.addEventListener('load', () => whenIdle(startViewer));
  }
}

// -- the 3D viewer of an object page: three.js and the model load only when the
// visitor asks ("View in 3D"); the poster and the notes as text are the page
// without it (no WebGL, no JavaScript, or opened from disk, where ES modules fail).
const modelBox = document.getElementById('model3d');
const modelEnter = document.getElementById('model3d-enter');
if (modelBox && modelEnter) {
  startTurntable(modelBox.querySelector('.model3d-poster'), document.getElementById('model3d-turn-stop'));
  const modelFailed = () => {
    modelBox.classList.remove('is-loading');
    modelEnter.hidden = true;
    const note = document.getElementById('model3d-failed');
    if (note) note.hidden = false;
  };
  if (fromDisk) modelEnter.hidden = true;
  modelEnter.addEventListener('click', () => {
    modelEnter.disabled = true;
    modelBox.classList.add('is-loading');
    const data = JSON.parse(document.getElementById('model3d-data').textContent);
    import(rootUrl + 'assets/model3d.js')
      .then((viewer) => viewer.start({ rootUrl, container: modelBox, data }))
      .then(() => modelBox.classList.remove('is-loading'))
      .catch(modelFailed);
  });
}

// -- a virtual hall's walk-through: three.js and the hall's GLB load only on request.
const walkBox = document.getElementById('walk');
const walkEnter = document.getElementById('walk-enter');
if (walkBox && walkEnter) {
  if (fromDisk) walkEnter.hidden = true;
  walkEnter.addEventListener('click', () => {
    walkEnter.disabled = true;
    const layout = JSON.parse(document.getElementById('walk-data').textContent);
    import(rootUrl + 'assets/walk.js')
      .then((walk) => walk.start({ rootUrl, container: walkBox, layout }))
      .catch(() => {
        walkEnter.hidden = true;
        const note = document.getElementById('walk-failed');
        if (note) note.hidden = false;
      });
  });
}
