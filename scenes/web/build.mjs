// Builds the exhibition front end into dist/ (run with `npm run build`).
//  - lang.js:   a few hundred bytes, loaded synchronously in <head> so the page's
//               language is chosen before the first paint (no flash, no layout shift);
//  - site.js:   the light, deferred site script (language switch, offline cache,
//               file:// notice) which loads the viewer lazily;
//  - viewer.js: Photo Sphere Viewer + three.js, an ES module imported on demand;
//  - viewer-classic.js: the same as a classic script, for pages opened from disk
//    (the "kiosk" export profile);
//  - model3d.js: the object pages' 3D viewer (three.js, GLTFLoader, meshopt), an ES
//    module imported on demand, with the Draco decoder files three ships;
//  - walk.js: the virtual halls' first-person walk-through (three.js), on demand;
//  - deepzoom.js: the object pages' deep-zoom viewer (OpenSeadragon), on "Zoom";
//  - collection.js: the Collection page's offline search and filters (its index is
//    fetched on first use);
//  - replay.js: a replay page's chapter list seeking its video (a few hundred bytes);
//  - site.css / viewer.css / model3d.css / deepzoom.css.
// dist/build.json lists the files and their sizes for the exporter's size report.
import * as esbuild from 'esbuild';
import { copyFileSync, readdirSync, statSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const dist = 'dist';
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);

const common = { bundle: true, minify: true, logLevel: 'warning', legalComments: 'external', target: ['es2020'] };

await esbuild.build({ ...common, entryPoints: { lang: 'src/lang.js', site: 'src/site.js', replay: 'src/replay.js', collection: 'src/collection.js' }, outdir: dist, format: 'iife' });
await esbuild.build({ ...common, entryPoints: { site: 'src/site.css' }, outdir: dist });
await esbuild.build({
  ...common,
  entryPoints: { viewer: 'src/viewer.js' },
  outdir: dist,
  format: 'esm',
  splitting: false,
  loader: { '.svg': 'text' },
});

await esbuild.build({
  ...common,
  entryPoints: { model3d: 'src/model3d.js', walk: 'src/walk.js', deepzoom: 'src/deepzoom.js' },
  outdir: dist,
  format: 'esm',
  splitting: false,
});
// DRACOLoader fetches these beside each other when a model is Draco-compressed.
for (const name of ['draco_wasm_wrapper.js', 'draco_decoder.wasm']) {
  copyFileSync(join('node_modules/three/examples/jsm/libs/draco/gltf', name), join(dist, name));
}

await esbuild.build({
  ...common,
  entryPoints: { 'viewer-classic': 'src/viewer-classic.js' },
  outdir: dist,
  format: 'iife',
  loader: { '.svg': 'text' },
});
rmSync(join(dist, 'viewer-classic.css'), { force: true });  // the same as viewer.css
rmSync(join(dist, 'viewer-classic.css.LEGAL.txt'), { force: true });

const files = {};
for (const name of readdirSync(dist).sort()) {
  files[name] = statSync(join(dist, name)).size;
}
writeFileSync(join(dist, 'build.json'), JSON.stringify({ files }, null, 1) + '\n');
for (const [name, size] of Object.entries(files)) {
  console.log(`${name.padEnd(24)} ${(size / 1024).toFixed(1).padStart(8)} KiB`);
}
