// Runs the Khronos glTF-Validator on one glTF/GLB file and prints its issue counts
// and first messages as JSON:  node validate.mjs FILE
import { readFile } from 'node:fs/promises';
import { dirname, basename } from 'node:path';
import validator from 'gltf-validator';

const path = process.argv[2];
try {
  const report = await validator.validateBytes(new Uint8Array(await readFile(path)), {
    uri: basename(path),
    maxIssues: 50,
    externalResourceFunction: (uri) => readFile(`${dirname(path)}/${decodeURIComponent(uri)}`)
      .then((b) => new Uint8Array(b)),
  });
  const { issues, info } = report;
  process.stdout.write(JSON.stringify({
    errors: issues.numErrors,
    warnings: issues.numWarnings,
    infos: issues.numInfos,
    messages: issues.messages.filter((m) => m.severity <= 1).slice(0, 10)
      .map((m) => `${m.code} ${m.pointer || ''}: ${m.message}`),
    triangles: info ? info.totalTriangleCount : null,
    extensions: info ? info.extensionsUsed || [] : [],
  }));
} catch (err) {
  process.stdout.write(JSON.stringify({ error: String(err && err.message ? err.message : err) }));
  process.exit(2);
}
