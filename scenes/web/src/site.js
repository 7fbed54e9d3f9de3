// The light site script, deferred on every page: language switch, offline cache
// (service worker), the file:// notice, and the lazy start of the panorama viewer.
import { applyLang, currentLang } from './lang-core.js';

const rootMeta = document.querySelector('meta[name="yunzhan-root"]');
const rootUrl = new URL((rootMeta && rootMeta.content) || './', location.href).href;
const fromDisk = location.protocol === 'file:';

function switchLang() {
  applyLang(currentLang() === 'zh' ? 'en' : 'zh', true);
  window.dispatchEvent(new CustomEvent('yunzhan:lang', { detail: currentLang() }));
}

for (const button of document.querySelectorAll('[data-lang-switch]')) {
  button.addEventListener('click', switchLang);
}

if (fromDisk) {
  for (const notice of document.querySelectorAll('[data-file-notice]')) notice.hidden = false;
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

// -- the panorama viewer: a large module, started only once the light page is
// shown and idle, so the first screen (title + preview image) never waits for it.
const viewerBox = document.getElementById('viewer');
if (viewerBox && !fromDisk) {
  const showFailure = () => {
    viewerBox.classList.remove('is-loading');
    const note = document.getElementById('viewer-failed');
    if (note) note.hidden = false;
  };
  const startViewer = () => {
    viewerBox.classList.add('is-loading');
    import(rootUrl + 'assets/viewer.js')
      .then((viewer) => viewer.start({ rootUrl, container: viewerBox, hall: document.body.dataset.hall }))
      .catch(showFailure);
  };
  const whenIdle = (fn) => (window.requestIdleCallback ? requestIdleCallback(fn, { timeout: 1500 }) : setTimeout(fn, 200));
  if (document.readyState === 'complete') whenIdle(startViewer);
  else window.addEventListener('load', () => whenIdle(startViewer));
}
