// Makes the web version of one glTF model with glTF-Transform, and validates it.
//
//   node webglb.mjs --in IN --intermediate MID.glb --out WEB.glb --max-triangles N
//        --texture-size PX [--scale S] [--z-up] [--webp-quality Q] [--no-compress]
//
// IN is glTF or GLB (Draco, meshopt, quantized, embedded or external textures).
// MID.glb is the uncompressed intermediate (simplified, textures resized, JPEG/PNG):
// the Khronos glTF-Validator must report 0 errors and 0 warnings on it, because it
// cannot look inside compressed buffers. WEB.glb adds WebP textures and meshopt
// compression; it must have 0 errors. Prints one JSON object on stdout; on a
// failure, {"error": "..."} and exit code 2.
import { readFile, writeFile, rename } from 'node:fs/promises';
import { dirname, basename } from 'node:path';
import { Logger, NodeIO } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import {
  dedup, dequantize, getBounds, meshopt, normals, prune, simplify, tangents, textureCompress, weldPrimitive,
} from '@gltf-transform/functions';
import { MeshoptDecoder, MeshoptEncoder, MeshoptSimplifier } from 'meshoptimizer';
import sharp from 'sharp';
import validator from 'gltf-validator';

const COMPRESSION = new Set(['KHR_draco_mesh_compression', 'EXT_meshopt_compression', 'KHR_mesh_quantization']);

// YUNZHAN_TIMING=1 prints each phase's time to stderr (bench/models.py).
const timing = process.env.YUNZHAN_TIMING ? { t: performance.now() } : null;
if (timing) process.stderr.write(`node start-up: ${(performance.now() / 1000).toFixed(2)} s (modules loaded)\n`);
function phase(name) {
  if (!timing) return;
  const now = performance.now();
  process.stderr.write(`${name}: ${((now - timing.t) / 1000).toFixed(2)} s\n`);
  timing.t = now;
}

function parseArgs(argv) {
  const args = { scale: 1, zUp: false, webpQuality: 85, compress: true };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    const next = () => argv[++i];
    if (key === '--in') args.input = next();
    else if (key === '--intermediate') args.intermediate = next();
    else if (key === '--out') args.out = next();
    else if (key === '--max-triangles') args.maxTriangles = Number(next());
    else if (key === '--texture-size') args.textureSize = Number(next());
    else if (key === '--scale') args.scale = Number(next());
    else if (key === '--z-up') args.zUp = true;
    else if (key === '--webp-quality') args.webpQuality = Number(next());
    else if (key === '--no-compress') args.compress = false;
    else throw new Error(`unknown argument ${key}`);
  }
  for (const k of ['input', 'intermediate', 'out', 'maxTriangles', 'textureSize']) {
    if (args[k] === undefined || Number.isNaN(args[k])) throw new Error(`missing --${k}`);
  }
  return args;
}

function countTriangles(doc) {
  let n = 0;
  for (const mesh of doc.getRoot().listMeshes()) {
    for (const prim of mesh.listPrimitives()) {
      if (prim.getMode() !== 4) continue; // TRIANGLES only; strips/fans are rare in scans
      const indices = prim.getIndices();
      n += (indices ? indices.getCount() : prim.getAttribute('POSITION').getCount()) / 3;
    }
  }
  return n;
}

function textureSizes(doc) {
  return doc.getRoot().listTextures().map((t) => t.getSize() || [0, 0]);
}

// The simplifier needs shared vertices. A scan is usually indexed with them already
// (about half as many vertices as triangles, more along UV seams): welding it again
// costs a third of a second per million triangles and changes nothing. Only
// primitives with unshared vertices (an STL's three per triangle) or no indices
// are welded.
function weldWhereSplit(doc) {
  for (const mesh of doc.getRoot().listMeshes()) {
    for (const prim of mesh.listPrimitives()) {
      if (prim.getMode() !== 4) continue;
      const indices = prim.getIndices();
      const vertices = prim.getAttribute('POSITION').getCount();
      if (!indices || vertices > indices.getCount() / 3) weldPrimitive(prim, { overwrite: true });
    }
  }
}

// tangents() only fills unindexed primitives that lack them, under a normal map.
function needsTangents(doc) {
  return doc.getRoot().listMeshes().some((mesh) => mesh.listPrimitives().some((prim) => {
    const material = prim.getMaterial();
    return material && material.getNormalTexture() && !prim.getIndices() && !prim.getAttribute('TANGENT');
  }));
}

// Units and up axis: one new root node per scene carries the scale and the turn
// from Z-up to glTF's Y-up, so every mesh keeps its own data.
function applyRootTransform(doc, scale, zUp) {
  if (scale === 1 && !zUp) return;
  const s = Math.SQRT1_2;
  const rotation = zUp ? [-s, 0, 0, s] : [0, 0, 0, 1]; // -90° about X: +Z becomes +Y
  for (const scene of doc.getRoot().listScenes()) {
    const root = doc.createNode('yunzhan-root').setScale([scale, scale, scale]).setRotation(rotation);
    for (const child of scene.listChildren()) {
      scene.removeChild(child);
      root.addChild(child);
    }
    scene.addChild(root);
  }
}

async function usesDraco(path) {
  const head = await readFile(path);
  const text = path.toLowerCase().endsWith('.glb')
    ? head.subarray(20, 20 + head.readUInt32LE(12)).toString('utf8') : head.toString('utf8');
  return text.includes('KHR_draco_mesh_compression');
}

async function validate(path, bytes) {
  const report = await validator.validateBytes(new Uint8Array(bytes), {
    uri: basename(path),
    maxIssues: 50,
    externalResourceFunction: (uri) => readFile(`${dirname(path)}/${decodeURIComponent(uri)}`)
      .then((b) => new Uint8Array(b)),
  });
  const issues = report.issues;
  return {
    errors: issues.numErrors,
    warnings: issues.numWarnings,
    messages: issues.messages.filter((m) => m.severity <= 1).slice(0, 5)
      .map((m) => `${m.code} ${m.pointer || ''}: ${m.message}`),
  };
}

async function writeAtomic(io, path, doc) {
  const bytes = await io.writeBinary(doc);
  await writeFile(`${path}.part`, bytes);
  await rename(`${path}.part`, path);
  return bytes;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  // glTF-Transform logs to stdout, which carries this script's JSON answer.
  const logger = new Logger(Logger.Verbosity.ERROR);
  const io = new NodeIO()
    .setLogger(logger)
    .registerExtensions(ALL_EXTENSIONS)
    .registerDependencies({
      // The Draco decoder takes a moment to start: only for files that need it.
      ...(await usesDraco(args.input)
        ? { 'draco3d.decoder': await (await import('draco3dgltf')).default.createDecoderModule() } : {}),
      'meshopt.decoder': MeshoptDecoder,
      'meshopt.encoder': MeshoptEncoder,
    });
  await MeshoptDecoder.ready;
  await MeshoptEncoder.ready;
  await MeshoptSimplifier.ready;

  phase('start');
  const doc = (await io.read(args.input)).setLogger(logger);
  phase('read');
  const sourceTriangles = countTriangles(doc);
  if (sourceTriangles === 0) throw new Error('no faces (a model needs triangles to be shown)');

  // Decode everything into plain buffers: the intermediate must be readable by
  // the validator and by VTK (the poster).
  await doc.transform(dequantize());
  for (const ext of doc.getRoot().listExtensionsUsed()) {
    if (COMPRESSION.has(ext.extensionName)) ext.dispose();
  }
  applyRootTransform(doc, args.scale, args.zUp);

  weldWhereSplit(doc);
  phase('weld');
  let triangles = countTriangles(doc);
  // The simplifier stops short of its target where seams block it: tighten the
  // ratio until the budget holds.
  for (let attempt = 0; attempt < 4 && triangles > args.maxTriangles; attempt++) {
    const ratio = (args.maxTriangles / triangles) * (attempt === 0 ? 0.98 : 0.9);
    await doc.transform(simplify({ simplifier: MeshoptSimplifier, ratio, error: 1, lockBorder: false }));
    triangles = countTriangles(doc);
  }
  if (triangles > args.maxTriangles) {
    throw new Error(`cannot simplify below ${triangles} triangles (budget ${args.maxTriangles})`);
  }
  phase('simplify');
  // A normal map needs tangents the file carries (the validator warns otherwise):
  // MikkTSpace ones, as Blender and three.js compute them.
  await doc.transform(normals({ overwrite: false }));
  phase('normals');
  if (needsTangents(doc)) {
    const { generateTangents } = await import('mikktspace');
    await doc.transform(tangents({ generateTangents, overwrite: false }));
  }
  phase('tangents');
  await doc.transform(prune());
  phase('prune');
  await doc.transform(dedup());
  phase('dedup');
  // Re-encoding a texture that already fits costs seconds and gains nothing.
  if (textureSizes(doc).some(([w, h]) => Math.max(w, h) > args.textureSize)) {
    await doc.transform(textureCompress({ encoder: sharp, resize: [args.textureSize, args.textureSize] }));
  }
  phase('textures');
  const intermediateBytes = await io.writeBinary(doc);
  // Bounds before quantization: exact, in metres.
  const bounds = getBounds(doc.getRoot().listScenes()[0]);
  phase('intermediate in memory');
  // The intermediate's bytes are taken: the web version's WebP encoding (sharp, on
  // libuv's threads) runs while this thread writes and validates them.
  const compressing = args.compress ? doc.transform(
    // effort 2 of 6: a few percent larger files, about twice as fast as the default.
    textureCompress({ encoder: sharp, targetFormat: 'webp', quality: args.webpQuality, effort: 2 }),
    meshopt({ encoder: MeshoptEncoder, level: 'medium' }),
  ) : Promise.resolve();
  compressing.catch(() => {});  // awaited below; a failure of the intermediate is reported first
  await writeFile(`${args.intermediate}.part`, intermediateBytes);
  await rename(`${args.intermediate}.part`, args.intermediate);
  const intermediateReport = await validate(args.intermediate, intermediateBytes);
  phase('write and validate intermediate');
  if (intermediateReport.errors || intermediateReport.warnings) {
    throw new Error(`the uncompressed web model fails the glTF validator: ${intermediateReport.messages.join('; ')}`);
  }
  await compressing;
  phase('webp, meshopt (rest)');
  const webBytes = await writeAtomic(io, args.out, doc);
  const webReport = await validate(args.out, webBytes);
  phase('write and validate web');
  if (webReport.errors) {
    throw new Error(`the web model fails the glTF validator: ${webReport.messages.join('; ')}`);
  }
  process.stdout.write(JSON.stringify({
    source_triangles: sourceTriangles,
    triangles,
    bounds_min: bounds.min,
    bounds_max: bounds.max,
    textures: textureSizes(doc),
    intermediate_bytes: intermediateBytes.byteLength,
    web_bytes: webBytes.byteLength,
    intermediate_validation: intermediateReport,
    web_validation: webReport,
  }));
}

main().catch((err) => {
  process.stdout.write(JSON.stringify({ error: String(err && err.message ? err.message : err) }));
  process.exit(2);
});
