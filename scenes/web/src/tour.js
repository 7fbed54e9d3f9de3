// Tour mode on hall pages: after the visitor presses "Start tour" (browsers only
// play sound after a tap), the camera turns to each stop's view (moving to the
// next hall when the stop is there), the stop's title shows, its narration plays
// with captions on screen, and the next stop follows when the audio ends.
// Pause, next, previous and end are real buttons; Space, ←/→ and Escape work too.
// The caption line is a live region for screen readers; the stop line announces
// each stop. Reads data.tour from data/viewer.json (captions included: offline).
import { el, bilingual, clipFile } from './dom.js';
import { currentLang } from './lang-core.js';

const SILENT_STOP_MS = 4000;

export function createTour({ data, viewer, goTo, rootUrl, container }) {
  const stops = (data.tour && data.tour.stops) || [];
  if (!stops.length) return null;
  const audio = new Audio();
  audio.preload = 'auto';
  let index = -1;
  let active = false;
  let timer = null;

  const stopLine = el('p', { className: 'tour-panel__stop', 'aria-live': 'polite' });
  const caption = el('p', { className: 'tour-panel__caption', 'aria-live': 'polite' });
  const button = (zh, en, action) => {
    const b = el('button', { type: 'button', className: 'tour-panel__button' }, bilingual({ zh, en }));
    b.addEventListener('click', action);
    return b;
  };
  const pauseButton = button('暂停', 'Pause', () => togglePause());
  const panel = el('div', { className: 'tour-panel', role: 'region', 'aria-label': currentLang() === 'zh' ? '导览' : 'Tour', hidden: '' },
    stopLine, caption,
    el('div', { className: 'tour-panel__controls' },
      button('上一站', 'Previous', () => show(index - 1)), pauseButton,
      button('下一站', 'Next', () => show(index + 1)), button('结束导览', 'End tour', () => end())));
  container.after(panel);

  function narration(stop) {
    const n = stop.narration || {};
    return n[currentLang()] || n.zh || n.en || null;
  }

  function setPaused(paused) {
    pauseButton.replaceChildren(bilingual(paused ? { zh: '继续', en: 'Resume' } : { zh: '暂停', en: 'Pause' }));
    pauseButton.setAttribute('aria-pressed', String(paused));
    container.dataset.tourPaused = paused ? '1' : '0';
  }

  function togglePause() {
    if (!active) return;
    if (audio.src && audio.paused && !audio.ended) {
      audio.play().catch(() => {});
      setPaused(false);
    } else if (audio.src && !audio.paused) {
      audio.pause();
      setPaused(true);
    }
  }

  async function show(i) {
    if (!active) return;
    if (i < 0) i = 0;
    if (i >= stops.length) { end(); return; }
    clearTimeout(timer);
    audio.pause();
    index = i;
    const stop = stops[i];
    container.dataset.tourStop = String(i);
    stopLine.replaceChildren(`${stop.number} / ${stops.length} · `, bilingual(stop.title));
    caption.textContent = '';
    setPaused(false);
    const here = document.body.dataset.hall;
    const view = { yaw: `${stop.yaw}deg`, pitch: `${stop.pitch}deg` };
    try {
      if (stop.hall !== here) await goTo(stop.hall, { yaw: stop.yaw, pitch: stop.pitch }, true);
      else await viewer.animate({ ...view, speed: '6rpm' });
    } catch (e) { /* interrupted by the next move: fine */ }
    if (index !== i || !active) return;
    const n = narration(stop);
    if (!n) {
      timer = setTimeout(() => show(i + 1), SILENT_STOP_MS);
      return;
    }
    audio.src = rootUrl + clipFile(n);
    audio.dataset.stop = String(i);
    audio.play().catch(() => setPaused(true));  // no sound allowed: the visitor presses Resume
  }

  audio.addEventListener('timeupdate', () => {
    const stop = stops[index];
    const n = stop && narration(stop);
    if (!n) return;
    const t = audio.currentTime;
    const cue = (n.cues || []).find(([start, end]) => t >= start && t <= end + 0.25);
    const text = cue ? cue[2] : '';
    if (caption.textContent !== text) caption.textContent = text;
    container.dataset.tourCaption = text;
  });
  audio.addEventListener('ended', () => {
    if (active && audio.dataset.stop === String(index)) show(index + 1);
  });

  function onKey(event) {
    if (!active || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const tag = (event.target && event.target.tagName) || '';
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(tag)) return;
    if (event.key === ' ' && tag !== 'BUTTON') { event.preventDefault(); togglePause(); }
    else if (event.key === 'ArrowRight') { event.preventDefault(); show(index + 1); }
    else if (event.key === 'ArrowLeft') { event.preventDefault(); show(index - 1); }
    else if (event.key === 'Escape' && !document.querySelector('dialog[open]')) end();
  }

  function start() {
    active = true;
    panel.hidden = false;
    document.addEventListener('keydown', onKey);
    const here = stops.findIndex((s) => s.hall === document.body.dataset.hall);
    show(here >= 0 ? here : 0);
  }

  function end() {
    active = false;
    clearTimeout(timer);
    audio.pause();
    panel.hidden = true;
    document.removeEventListener('keydown', onKey);
    container.dataset.tourStop = '';
    container.dataset.tourEnded = '1';
  }

  return { start, end, show: (i) => show(i) };
}
