// The 3D viewer of an object page: the model's web GLB (meshopt, WebP; Draco too)
// with orbit and zoom, reset, fullscreen, numbered annotation pins that stay
// readable (dimmed when their surface faces away), and the annotation tour with
// captions and narration. Built on the same three.js the panorama viewer bundles;
// the loaders' decoders ship in the package (assets/), nothing from a CDN.
// Loaded by site.js only when the visitor asks ("View in 3D").
import {
  ACESFilmicToneMapping, Box3, Color, DirectionalLight, HemisphereLight, PerspectiveCamera, PMREMGenerator,
  Raycaster, Scene, SRGBColorSpace, Vector2, Vector3, WebGLRenderer,
} from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { DRACOLoader } from 'three/examples/jsm/loaders/DRACOLoader.js';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { RoomEnvironment } from 'three/examples/jsm/environments/RoomEnvironment.js';
import './model3d.css';  // emitted as assets/model3d.css, loaded by start()
import { bilingual, el, loadStylesheet } from './dom.js';
import { webglAvailable } from './webgl.js';

const LABELS = {
  reset: { zh: '复位', en: 'Reset view' },
  fullscreen: { zh: '全屏', en: 'Fullscreen' },
  tour: { zh: '注释导览', en: 'Tour the notes' },
  prev: { zh: '上一条', en: 'Previous note' },
  next: { zh: '下一条', en: 'Next note' },
  close: { zh: '关闭', en: 'Close' },
};

const vec = (a) => new Vector3(a[0], a[1], a[2]);

// Phones and low-memory devices get the mobile budget's file (fewer triangles,
// smaller textures): a screen under 768 CSS px on its short side, or at most 2 GB
// of memory as the browser reports it (navigator.deviceMemory, Chromium only).
const SMALL_SCREEN_PX = 768;
const LOW_MEMORY_GB = 2;

/** The GLB to load for this device: ``data.glb_mobile`` on small or low-memory devices. */
export function chooseGlb(data) {
  if (!data.glb_mobile) return data.glb;
  const memory = navigator.deviceMemory;
  const side = Math.min(window.screen.width || Infinity, window.screen.height || Infinity);
  return (side < SMALL_SCREEN_PX || (memory && memory <= LOW_MEMORY_GB)) ? data.glb_mobile : data.glb;
}

function lights(scene, renderer, preset) {
  if (preset !== 'dramatic') {
    const pmrem = new PMREMGenerator(renderer);
    scene.environment = pmrem.fromScene(new RoomEnvironment(), 0.04).texture;
    scene.environmentIntensity = preset === 'soft' ? 0.9 : 0.6;
  }
  scene.add(new HemisphereLight(0xffffff, 0x444444, preset === 'dramatic' ? 0.3 : 0.8));
  const key = new DirectionalLight(0xffffff, preset === 'dramatic' ? 3.0 : 1.5);
  key.position.set(preset === 'dramatic' ? 3 : 1, 2, 1.5);
  scene.add(key);
}

function iconButton(label, className, onClick) {
  const button = el('button', { type: 'button', className }, bilingual(label));
  button.addEventListener('click', onClick);
  return button;
}

/**
 * Start the viewer in ``container`` (the poster's box) for ``data`` (an entry of
 * exhibition.json's ``models``, paths relative to the page).
 * @returns {Promise<object>} the viewer's handle (also ``container.yunzhanModel``).
 */
export async function start({ rootUrl, container, data }) {
  if (!webglAvailable()) throw new Error('WebGL is not available');
  const styled = loadStylesheet(rootUrl + 'assets/model3d.css');
  const renderer = new WebGLRenderer({ antialias: true });
  renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
  renderer.outputColorSpace = SRGBColorSpace;
  renderer.toneMapping = ACESFilmicToneMapping;
  const scene = new Scene();
  scene.background = new Color(data.background);
  lights(scene, renderer, data.lighting);

  const draco = new DRACOLoader().setDecoderPath(rootUrl + 'assets/');
  const loader = new GLTFLoader().setMeshoptDecoder(MeshoptDecoder).setDRACOLoader(draco);
  const glbUrl = new URL(chooseGlb(data), location.href).href;
  const [gltf] = await Promise.all([loader.loadAsync(glbUrl), styled]);
  scene.add(gltf.scene);
  const box = new Box3().setFromObject(gltf.scene);
  const radius = Math.max(box.getSize(new Vector3()).length() / 2, 1e-3);

  const stage = el('div', { className: 'model3d-canvas' });
  const pins = el('div', { className: 'model3d-pins' });
  const caption = el('div', { className: 'model3d-caption', 'aria-live': 'polite', hidden: '' });
  const toolbar = el('div', { className: 'model3d-toolbar' });
  stage.append(renderer.domElement, pins, caption, toolbar);
  container.append(stage);

  const camera = new PerspectiveCamera(data.camera.fov, 1, radius / 100, radius * 100);
  const controls = new OrbitControls(camera, renderer.domElement);
  controls.enableDamping = true;
  controls.minDistance = radius * 0.2;
  controls.maxDistance = radius * 10;
  const startView = { position: vec(data.camera.position), target: vec(data.camera.target) };
  camera.position.copy(startView.position);
  controls.target.copy(startView.target);
  controls.update();

  // -- camera moves (reset, tour): eased over 0.8 s, interrupted by the visitor
  let move = null;
  function flyTo(position, target) {
    move = { from: camera.position.clone(), fromTarget: controls.target.clone(), to: position, toTarget: target,
      t0: performance.now() };
  }
  controls.addEventListener('start', () => { move = null; });

  // -- notes: pins, caption, tour
  const notes = data.annotations.map((a) => ({ ...a, point: vec(a.position), normal: vec(a.normal) }));
  const tour = data.tour.map((id) => notes.find((n) => n.id === id)).filter(Boolean);
  let current = -1;
  let audio = null;
  const pinButtons = notes.map((note) => {
    const button = el('button', { type: 'button', className: 'model3d-pin', 'data-note': String(note.id),
      'aria-label': `${note.number}. ${note.title.zh || note.title.en} / ${note.title.en || note.title.zh}` },
    String(note.number));
    button.addEventListener('click', () => show(note));
    pins.append(button);
    return button;
  });
  function show(note) {
    current = tour.indexOf(note);
    caption.replaceChildren(
      el('p', { className: 'model3d-caption-title' }, `${note.number}. `, bilingual(note.title)),
      (note.text.zh || note.text.en) ? bilingual(note.text, 'p') : null,
      iconButton(LABELS.close, 'model3d-close', () => { caption.hidden = true; stopAudio(); }),
    );
    caption.hidden = false;
    pinButtons.forEach((b) => b.classList.toggle('is-current', b.dataset.note === String(note.id)));
    const distance = Math.max(camera.position.distanceTo(controls.target), radius * 0.8);
    flyTo(note.point.clone().addScaledVector(note.normal, distance), note.point.clone());
    stopAudio();
    if (note.narration) playNarration(note);
  }
  // The narration plays with its captions (WebVTT, parsed by the browser's own
  // TextTrack): the current cue shows under the note, in the narration's language.
  function playNarration(note) {
    audio = el('audio', { className: 'model3d-audio', preload: 'auto',
      src: new URL(note.narration, location.href).href });
    if (note.captions) {
      const track = el('track', { kind: 'captions', default: '', srclang: note.captions.lang,
        src: new URL(note.captions.vtt, location.href).href });
      const line = el('p', { className: 'model3d-subtitle', lang: note.captions.lang === 'zh' ? 'zh-Hans' : 'en' });
      caption.append(line);
      audio.append(track);
      track.track.mode = 'hidden';
      track.track.addEventListener('cuechange', () => {
        const cues = Array.from(track.track.activeCues || []);
        line.textContent = cues.map((c) => c.text).join(' ');
      });
    }
    stage.append(audio);
    audio.play().catch(() => { /* autoplay refused: the caption is there */ });
  }
  function stopAudio() {
    if (audio) {
      audio.pause();
      audio.remove();
    }
    audio = null;
  }
  function step(delta) {
    if (!tour.length) return;
    const next = current < 0 ? 0 : (current + delta + tour.length) % tour.length;
    show(tour[next]);
  }

  toolbar.append(
    iconButton(LABELS.reset, 'model3d-reset', () => {
      caption.hidden = true;
      stopAudio();
      flyTo(startView.position.clone(), startView.target.clone());
    }),
    iconButton(LABELS.fullscreen, 'model3d-fullscreen', () => {
      if (document.fullscreenElement) document.exitFullscreen();
      else if (container.requestFullscreen) container.requestFullscreen().catch(() => {});
    }),
  );
  if (tour.length) {
    toolbar.append(iconButton(LABELS.prev, 'model3d-prev', () => step(-1)),
      iconButton(LABELS.tour, 'model3d-tour', () => step(current < 0 ? 0 : 1)),
      iconButton(LABELS.next, 'model3d-next', () => step(1)));
  }

  // -- sizing and the frame loop
  function resize() {
    const width = stage.clientWidth || 640;
    const height = stage.clientHeight || 480;
    renderer.setSize(width, height, false);
    camera.aspect = width / height;
    camera.updateProjectionMatrix();
  }
  new ResizeObserver(resize).observe(stage);
  resize();

  const projected = new Vector3();
  const toCamera = new Vector3();
  function placePins() {
    const width = stage.clientWidth;
    const height = stage.clientHeight;
    notes.forEach((note, i) => {
      projected.copy(note.point).project(camera);
      const button = pinButtons[i];
      const inView = projected.z < 1 && Math.abs(projected.x) <= 1 && Math.abs(projected.y) <= 1;
      button.hidden = !inView;
      button.style.transform = `translate(${((projected.x + 1) / 2) * width}px, ${((1 - projected.y) / 2) * height}px)`;
      toCamera.copy(camera.position).sub(note.point);
      button.classList.toggle('is-behind', toCamera.dot(note.normal) < 0);
    });
  }
  function frame(now) {
    if (move) {
      const t = Math.min((now - move.t0) / 800, 1);
      const e = t < 0.5 ? 2 * t * t : 1 - ((-2 * t + 2) ** 2) / 2;
      camera.position.lerpVectors(move.from, move.to, e);
      controls.target.lerpVectors(move.fromTarget, move.toTarget, e);
      if (t >= 1) move = null;
    }
    controls.update();
    renderer.render(scene, camera);
    placePins();
  }
  renderer.setAnimationLoop(frame);

  // What tests (and the studio's checks) ask of a running viewer.
  const raycaster = new Raycaster();
  const handle = {
    camera,
    notes,
    /** The surface point under page pixel (x, y) of the canvas, or null. */
    surfaceAt(x, y) {
      const rect = renderer.domElement.getBoundingClientRect();
      raycaster.setFromCamera(new Vector2(((x - rect.left) / rect.width) * 2 - 1,
        -((y - rect.top) / rect.height) * 2 + 1), camera);
      const hit = raycaster.intersectObject(gltf.scene, true)[0];
      return hit ? hit.point.toArray() : null;
    },
    show: (id) => show(notes.find((n) => n.id === id)),
    glb: glbUrl,
    audio: () => audio,
    moving: () => move !== null,
  };
  container.yunzhanModel = handle;
  container.classList.add('is-ready');
  return handle;
}
