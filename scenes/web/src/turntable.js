// The turntable preview of an object page's 3D model: the poster paints first; once
// the page has loaded, the model turning once (an animated WebP) replaces it, unless
// the visitor prefers reduced motion or saves data. A button stops it (back to the
// poster). No 3D code is involved: the viewer loads only when asked for.

function motionWelcome() {
  const reduce = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const saveData = navigator.connection && navigator.connection.saveData;
  return !reduce && !saveData;
}

/** Start the turntable of ``poster`` (an <img data-turntable>) after the page's load. */
export function startTurntable(poster, stopButton) {
  if (!poster || !poster.dataset.turntable || !motionWelcome()) return;
  const still = poster.currentSrc || poster.src;
  const swap = () => {
    const clip = new Image();
    clip.onload = () => {
      if (poster.closest('.is-ready, .is-loading')) return;  // the 3D viewer is already up
      poster.src = clip.src;
      poster.classList.add('is-turning');
      if (stopButton) stopButton.hidden = false;
    };
    clip.src = new URL(poster.dataset.turntable, location.href).href;
  };
  if (stopButton) {
    stopButton.addEventListener('click', () => {
      poster.src = still;
      poster.classList.remove('is-turning');
      stopButton.hidden = true;
    });
  }
  if (document.readyState === 'complete') swap();
  else window.addEventListener('load', swap, { once: true });
}
