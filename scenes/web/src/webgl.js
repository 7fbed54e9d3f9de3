// Whether this browser can draw WebGL (the 3D viewer and the walk-through need it;
// the panorama viewer, Photo Sphere Viewer 5, needs WebGL 2: `version: 2`).
export function webglAvailable({ version = 1 } = {}) {
  try {
    const canvas = document.createElement('canvas');
    if (version >= 2) return Boolean(window.WebGL2RenderingContext && canvas.getContext('webgl2'));
    return Boolean(window.WebGLRenderingContext && (canvas.getContext('webgl2') || canvas.getContext('webgl')));
  } catch (e) {
    return false;
  }
}
