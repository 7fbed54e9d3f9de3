// The panorama viewer of an exported exhibition: Photo Sphere Viewer 5 with tiled
// cube maps, a virtual tour of the halls, hotspots (scene links, object cards,
// notes) as real <button>s so they work with the keyboard, autorotate, gyroscope
// and fullscreen. Loaded lazily by site.js; reads data/viewer.json.
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
import { bilingual } from './dom.js';

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
// level that shows it depends on the shape of this window.
const MIN_FOV = 30;
const MAX_FOV = 90;
function zoomLevel(hfov, element) {
  const aspect = (element.clientWidth || 16) / (element.clientHeight || 9);
  const half = ((Number(hfov) || 90) * Math.PI) / 360;
  const vfov = (2 * Math.atan(Math.tan(half) / aspect) * 180) / Math.PI;
  return ((MAX_FOV - Math.min(MAX_FOV, Math.max(MIN_FOV, vfov))) / (MAX_FOV - MIN_FOV)) * 100;
}

function loadStylesheet(href) {
  return new Promise((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.onload = link.onerror = () => resolve();
    document.head.append(link);
  });
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

function hotspotButton(hotspot, data, actions) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = `yz-hotspot yz-hotspot--${hotspot.kind}`;
  let label;
  if (hotspot.kind === 'scene') {
    const target = data.hallsById[hotspot.to];
    label = { zh: `前往：${target.title.zh}`, en: `Go to: ${target.title.en}` };
    button.dataset.to = hotspot.to;
  } else if (hotspot.kind === 'object') {
    const object = data.objects[hotspot.object];
    label = { zh: `展品：${object.title.zh}`, en: `Object: ${object.title.en}` };
    button.dataset.object = hotspot.object;
  } else {
    label = { zh: `说明：${hotspot.label.zh}`, en: `Note: ${hotspot.label.en}` };
  }
  const icon = document.createElement('span');
  icon.className = 'yz-hotspot__icon';
  icon.setAttribute('aria-hidden', 'true');
  const text = bilingual(label, 'span');
  text.className = 'yz-hotspot__label';
  button.append(icon, text);
  button.addEventListener('click', (event) => {
    event.stopPropagation();
    actions.activate(hotspot, button);
  });
  // PSV would otherwise start a drag from a press on the button.
  button.addEventListener('pointerdown', (event) => event.stopPropagation());
  return button;
}

export async function start({ rootUrl, container, hall, data: given }) {
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
      if (hotspot.kind === 'scene') goTo(hotspot.to, hotspot.arrival, true);
      else if (hotspot.kind === 'object') openObjectCard(data.objects[hotspot.object], rootUrl, opener);
      else openNoteCard(hotspot, opener);
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
    })),
    data: { url: h.url },
  }));

  await tilesReady(first);
  const container_ = container.querySelector('.viewer-canvas') || container;
  viewer = new Viewer({
    container: container_,
    adapter: [CubemapTilesAdapter, { showErrorTile: false }],
    defaultYaw: deg(first.initial.yaw),
    defaultPitch: deg(first.initial.pitch),
    minFov: MIN_FOV,
    maxFov: MAX_FOV,
    defaultZoomLvl: zoomLevel(first.initial.fov, container_),
    navbar: ['autorotate', 'zoom', 'gyroscope', 'fullscreen'],
    lang: currentLang() === 'zh' ? PSV_LANG_ZH : PSV_LANG_EN,
    loadingImg: null,
    touchmoveTwoFingers: false,
    mousewheelCtrlKey: true,
    plugins: [
      MarkersPlugin,
      [VirtualTourPlugin, {
        nodes,
        startNodeId: first.id,
        renderMode: '2d',
        preload: !kiosk,  // kiosk tiles arrive with their hall
        transitionOptions: { showLoader: false, effect: 'fade', rotation: false, speed: 600 },
      }],
      [AutorotatePlugin, { autostartDelay: 30000, autostartOnIdle: true, autorotateSpeed: '1rpm' }],
      [GyroscopePlugin, { touchmove: true }],
    ],
  });
  tour = viewer.getPlugin(VirtualTourPlugin);

  function showHall(id, push) {
    const target = data.hallsById[id];
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
    const titleMeta = document.querySelector(`meta[name="yunzhan-title-${currentLang()}"]`);
    const title = currentLang() === 'zh' ? target.title.zh : target.title.en;
    document.title = titleMeta ? `${title} · ${titleMeta.dataset.site || ''}` : title;
  }

  function goTo(id, arrival, push) {
    const target = data.hallsById[id];
    if (!target) return Promise.resolve(false);
    return tilesReady(target)
      .then(() => tour.setCurrentNode(id, {
        rotateTo: view(arrival || target.initial),
        zoomTo: zoomLevel(target.initial.fov, container_),
        rotation: false,
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

  await new Promise((resolve) => viewer.addEventListener('ready', resolve, { once: true }));
  container.classList.remove('is-loading');
  container.classList.add('is-ready');
  showHall(first.id, false);
  viewer.addEventListener('panorama-loaded', () => {
    container.dataset.rendered = String(Number(container.dataset.rendered || 0) + 1);
  });
  container.dataset.rendered = '1';
  return { viewer, tour, goTo };
}
