// The walk-through of a virtual hall: the hall's one GLB (room, pictures, plinths,
// 3D works) seen first-person. Keyboard (arrows, WASD), mouse or touch drag to look,
// click or tap the floor to walk there, click a work to open its card, a minimap
// (click it to walk too). The walls and plinths stop the visitor. Loaded by site.js
// only when the visitor asks; the page lists the works without it.
import {
  ACESFilmicToneMapping, Color, DirectionalLight, HemisphereLight, PerspectiveCamera, Raycaster, Scene,
  SRGBColorSpace, Vector2, WebGLRenderer,
} from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import './walk.css';  // emitted as assets/walk.css, loaded by start()
import { bilingual, el, loadStylesheet } from './dom.js';
import { webglAvailable } from './webgl.js';

const BODY = 0.35;        // the visitor's half width (metres)
const SPEED = 1.6;        // metres per second
const TURN = 0.0045;      // radians per dragged pixel
const LIGHT = { warm: 0xfff1dc, neutral: 0xffffff, cool: 0xe6f0ff };

/** Where the visitor may stand: inside the walls, outside every plinth. */
export function allowed(layout, x, z) {
  const { width, depth } = layout.room;
  if (Math.abs(x) > width / 2 - BODY || Math.abs(z) > depth / 2 - BODY) return false;
  return !layout.blocked.some(([x0, z0, x1, z1]) => x > x0 - BODY && x < x1 + BODY && z > z0 - BODY && z < z1 + BODY);
}

// three.js strips ':' and '.' from node names; the file's own names are read back
// through the loader's associations.
function nodeNames(gltf) {
  const names = new Map();
  const nodes = gltf.parser.json.nodes || [];
  for (const [object, assoc] of gltf.parser.associations) {
    if (assoc && assoc.nodes !== undefined && nodes[assoc.nodes]) names.set(object, nodes[assoc.nodes].name || '');
  }
  return names;
}

function workOf(object, names) {
  for (let o = object; o; o = o.parent) {
    const match = /^work:(.+?)(:frame)?$/.exec(names.get(o) || '');
    if (match) return match[1];
  }
  return null;
}

export async function start({ rootUrl, container, layout }) {
  if (!webglAvailable()) throw new Error('WebGL is not available');
  const styled = loadStylesheet(rootUrl + 'assets/walk.css');
  const renderer = new WebGLRenderer({ antialias: true });
  renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
  renderer.outputColorSpace = SRGBColorSpace;
  renderer.toneMapping = ACESFilmicToneMapping;
  const scene = new Scene();
  scene.background = new Color(0x202020);
  scene.add(new HemisphereLight(LIGHT[layout.room.light] || 0xffffff, 0x555048, 1.6));
  const sun = new DirectionalLight(0xffffff, 1.2);
  sun.position.set(2, 5, 3);
  scene.add(sun);

  const loader = new GLTFLoader().setMeshoptDecoder(MeshoptDecoder);
  const [gltf] = await Promise.all([loader.loadAsync(new URL(layout.glb, location.href).href), styled]);
  scene.add(gltf.scene);
  const names = nodeNames(gltf);
  const works = Object.fromEntries(layout.works.map((w) => [w.object, w]));

  const stage = el('div', { className: 'walk-canvas' });
  const minimap = el('canvas', { className: 'walk-minimap', width: '180', height: String(Math.round(180 * layout.room.depth / layout.room.width)),
    'aria-label': 'Minimap / 平面图' });
  const card = el('div', { className: 'walk-card', hidden: '', role: 'dialog', 'aria-live': 'polite' });
  const help = el('p', { className: 'walk-help' }, bilingual({
    zh: '方向键或 WASD 行走，拖动环顾，点击地面前往，点击展品查看。',
    en: 'Arrows or WASD to walk, drag to look, click the floor to go there, click a work to read about it.' }));
  stage.append(renderer.domElement, minimap, card, help);
  container.append(stage);
  renderer.domElement.tabIndex = 0;

  const camera = new PerspectiveCamera(70, 1, 0.05, 200);
  camera.rotation.order = 'YXZ';
  const me = { x: layout.start[0], z: layout.start[2], yaw: 0, pitch: 0, target: null };
  const eye = layout.start[1];

  function resize() {
    const width = stage.clientWidth || 800;
    const height = stage.clientHeight || 500;
    renderer.setSize(width, height, false);
    camera.aspect = width / height;
    camera.updateProjectionMatrix();
  }
  new ResizeObserver(resize).observe(stage);
  resize();

  // -- moving: each step is checked against the walls and plinths, per axis, so
  // the visitor slides along a wall instead of sticking to it.
  function tryMove(dx, dz) {
    if (allowed(layout, me.x + dx, me.z)) me.x += dx;
    if (allowed(layout, me.x, me.z + dz)) me.z += dz;
  }
  const keys = new Set();
  renderer.domElement.addEventListener('keydown', (e) => {
    if (['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'KeyW', 'KeyA', 'KeyS', 'KeyD'].includes(e.code)) {
      keys.add(e.code);
      me.target = null;
      e.preventDefault();
    }
  });
  renderer.domElement.addEventListener('keyup', (e) => keys.delete(e.code));
  renderer.domElement.addEventListener('blur', () => keys.clear());

  // -- looking (drag) and clicking (no drag)
  let drag = null;
  renderer.domElement.addEventListener('pointerdown', (e) => {
    drag = { x: e.clientX, y: e.clientY, moved: 0 };
    renderer.domElement.setPointerCapture(e.pointerId);
    renderer.domElement.focus();
  });
  renderer.domElement.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    drag.moved += Math.abs(dx) + Math.abs(dy);
    me.yaw += dx * TURN;
    me.pitch = Math.max(-1.2, Math.min(1.2, me.pitch + dy * TURN));
    drag.x = e.clientX;
    drag.y = e.clientY;
  });
  renderer.domElement.addEventListener('pointerup', (e) => {
    const click = drag && drag.moved < 6;
    drag = null;
    if (click) clickAt(e.clientX, e.clientY);
  });

  const raycaster = new Raycaster();
  function pick(x, y) {
    const rect = renderer.domElement.getBoundingClientRect();
    raycaster.setFromCamera(new Vector2(((x - rect.left) / rect.width) * 2 - 1, -((y - rect.top) / rect.height) * 2 + 1), camera);
    return raycaster.intersectObject(gltf.scene, true)[0] || null;
  }
  function clickAt(x, y) {
    const hit = pick(x, y);
    if (!hit) return;
    const work = workOf(hit.object, names);
    if (work && works[work]) openCard(works[work]);
    else if (names.get(hit.object) === 'floor' || names.get(hit.object.parent) === 'floor') walkTo(hit.point.x, hit.point.z);
  }
  function walkTo(x, z) {
    me.target = { x, z };
  }

  function openCard(work) {
    card.replaceChildren(
      el('h2', {}, bilingual(work.title)),
      work.kind === 'model' ? el('p', {}, bilingual({ zh: '三维展品', en: '3D work' })) : null,
      el('p', {}, el('a', { href: new URL(work.href, location.href).href }, bilingual({ zh: '查看展品页', en: 'Open the object page' }))),
      (() => {
        const close = el('button', { type: 'button', className: 'walk-card-close' }, bilingual({ zh: '关闭', en: 'Close' }));
        close.addEventListener('click', () => { card.hidden = true; renderer.domElement.focus(); });
        return close;
      })(),
    );
    card.dataset.object = work.object;
    card.hidden = false;
  }

  minimap.addEventListener('click', (e) => {
    const rect = minimap.getBoundingClientRect();
    walkTo(((e.clientX - rect.left) / rect.width - 0.5) * layout.room.width,
      ((e.clientY - rect.top) / rect.height - 0.5) * layout.room.depth);
  });
  function drawMinimap() {
    const g = minimap.getContext('2d');
    const sx = minimap.width / layout.room.width;
    const sz = minimap.height / layout.room.depth;
    const px = (x) => (x + layout.room.width / 2) * sx;
    const pz = (z) => (z + layout.room.depth / 2) * sz;
    g.fillStyle = 'rgba(250,248,244,.92)';
    g.fillRect(0, 0, minimap.width, minimap.height);
    g.strokeStyle = '#1a1a1a';
    g.lineWidth = 2;
    g.strokeRect(1, 1, minimap.width - 2, minimap.height - 2);
    g.fillStyle = '#8a1c1c';
    for (const w of layout.works) {
      if (w.kind === 'model') g.fillRect(px(w.position[0]) - 3, pz(w.position[2]) - 3, 6, 6);
      else g.fillRect(px(w.position[0]) - 2, pz(w.position[2]) - 2, 4, 4);
    }
    g.fillStyle = '#1565c0';
    g.beginPath();
    g.arc(px(me.x), pz(me.z), 4, 0, Math.PI * 2);
    g.fill();
    g.strokeStyle = '#1565c0';
    g.beginPath();
    g.moveTo(px(me.x), pz(me.z));
    g.lineTo(px(me.x - Math.sin(me.yaw) * 1.2), pz(me.z - Math.cos(me.yaw) * 1.2));
    g.stroke();
  }

  let last = performance.now();
  renderer.setAnimationLoop((now) => {
    const dt = Math.min((now - last) / 1000, 0.1);
    last = now;
    const forward = (keys.has('ArrowUp') || keys.has('KeyW') ? 1 : 0) - (keys.has('ArrowDown') || keys.has('KeyS') ? 1 : 0);
    const strafe = (keys.has('KeyD') ? 1 : 0) - (keys.has('KeyA') ? 1 : 0);
    me.yaw += ((keys.has('ArrowLeft') ? 1 : 0) - (keys.has('ArrowRight') ? 1 : 0)) * 1.8 * dt;
    if (forward || strafe) {
      const step = SPEED * dt;
      tryMove((-Math.sin(me.yaw) * forward + Math.cos(me.yaw) * strafe) * step,
        (-Math.cos(me.yaw) * forward - Math.sin(me.yaw) * strafe) * step);
    } else if (me.target) {
      const dx = me.target.x - me.x;
      const dz = me.target.z - me.z;
      const dist = Math.hypot(dx, dz);
      if (dist < 0.05) me.target = null;
      else {
        const step = Math.min(SPEED * dt, dist);
        const before = [me.x, me.z];
        tryMove((dx / dist) * step, (dz / dist) * step);
        // blocked (by a wall or plinth, even if sliding along it a little): stop there
        if (Math.hypot(me.x - before[0], me.z - before[1]) < step * 0.5) me.target = null;
      }
    }
    camera.position.set(me.x, eye, me.z);
    camera.rotation.set(me.pitch, me.yaw, 0);
    renderer.render(scene, camera);
    drawMinimap();
  });

  const handle = {
    position: () => [me.x, me.z],
    walkTo,
    moving: () => me.target !== null,
    face(yaw) { me.yaw = yaw; me.pitch = 0; },
    /** The accession number of the work under page pixel (x, y), or null. */
    workAt(x, y) { const hit = pick(x, y); return hit ? workOf(hit.object, names) : null; },
    /** Screen position of a room point (x, y, z), for tests. */
    project(x, y, z) {
      const v = camera.position.clone().set(x, y, z).project(camera);
      const rect = renderer.domElement.getBoundingClientRect();
      return [rect.left + ((v.x + 1) / 2) * rect.width, rect.top + ((1 - v.y) / 2) * rect.height, v.z];
    },
  };
  container.yunzhanWalk = handle;
  container.classList.add('is-ready');
  return handle;
}
