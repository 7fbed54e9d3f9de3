// Joins a virtual hall's room GLB and its 3D works into one GLB, compresses it
// (meshopt) and validates it:
//   node hallglb.mjs --room ROOM.glb --models MODELS.json --out HALL.glb
// MODELS.json: [{"path": "x.glb", "name": "work:2024.1", "translation": [x, y, z]}, ...].
// The room (uncompressed) must pass the Khronos validator with 0 errors and 0
// warnings, the joined file with 0 errors. Prints JSON; {"error": ...} and exit 2 on failure.
import { readFile, writeFile, rename } from 'node:fs/promises';
import { Logger, NodeIO } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import { mergeDocuments, meshopt, prune, unpartition } from '@gltf-transform/functions';
import { MeshoptDecoder, MeshoptEncoder } from 'meshoptimizer';
import validator from 'gltf-validator';

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const k of ['room', 'models', 'out']) if (!args[k]) throw new Error(`missing --${k}`);
  return args;
}

async function validate(bytes, name) {
  const { issues } = await validator.validateBytes(new Uint8Array(bytes), { uri: name, maxIssues: 20 });
  return {
    errors: issues.numErrors,
    warnings: issues.numWarnings,
    messages: issues.messages.filter((m) => m.severity <= 1).slice(0, 5)
      .map((m) => `${m.code} ${m.pointer || ''}: ${m.message}`),
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  await MeshoptDecoder.ready;
  await MeshoptEncoder.ready;
  const logger = new Logger(Logger.Verbosity.ERROR);
  const io = new NodeIO().setLogger(logger).registerExtensions(ALL_EXTENSIONS)
    .registerDependencies({ 'meshopt.decoder': MeshoptDecoder, 'meshopt.encoder': MeshoptEncoder });

  const roomBytes = await readFile(args.room);
  const room = await validate(roomBytes, 'room.glb');
  if (room.errors || room.warnings) throw new Error(`the hall's room fails the glTF validator: ${room.messages.join('; ')}`);
  const doc = (await io.readBinary(new Uint8Array(roomBytes))).setLogger(logger);
  const scene = doc.getRoot().listScenes()[0];
  for (const model of JSON.parse(await readFile(args.models, 'utf8'))) {
    const other = await io.read(model.path);
    const map = mergeDocuments(doc, other);
    const holder = doc.createNode(model.name).setTranslation(model.translation);
    for (const otherScene of other.getRoot().listScenes()) {
      const merged = map.get(otherScene);
      for (const child of merged.listChildren()) {
        merged.removeChild(child);
        holder.addChild(child);
      }
      merged.dispose();
    }
    scene.addChild(holder);
  }
  await doc.transform(unpartition(), prune(), meshopt({ encoder: MeshoptEncoder, level: 'medium' }));
  const bytes = await io.writeBinary(doc);
  const report = await validate(bytes, 'hall.glb');
  if (report.errors) throw new Error(`the hall GLB fails the glTF validator: ${report.messages.join('; ')}`);
  await writeFile(`${args.out}.part`, bytes);
  await rename(`${args.out}.part`, args.out);
  process.stdout.write(JSON.stringify({ bytes: bytes.byteLength, errors: report.errors, warnings: report.warnings,
    room: { errors: room.errors, warnings: room.warnings } }));
}

main().catch((err) => {
  process.stdout.write(JSON.stringify({ error: String(err && err.message ? err.message : err) }));
  process.exit(2);
});
