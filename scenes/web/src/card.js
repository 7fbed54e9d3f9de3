// The object card and note dialogs opened from hotspots: a native <dialog>, so
// focus is trapped while it is open, Escape closes it and focus returns to the opener.
import { el, bilingual, clipFile } from './dom.js';
import { currentLang } from './lang-core.js';

let dialog;

function ensureDialog() {
  if (dialog) return dialog;
  const close = el('button', { type: 'button', className: 'card__close' },
    bilingual({ zh: '关闭', en: 'Close' }));
  dialog = el('dialog', { className: 'card', 'aria-labelledby': 'card-title', id: 'card' },
    el('div', { className: 'card__head' }, el('h2', { id: 'card-title', className: 'card__title' }), close),
    el('div', { className: 'card__body' }));
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (event) => { if (event.target === dialog) dialog.close(); });
  dialog.addEventListener('close', () => {
    if (dialog.opener && dialog.opener.isConnected) dialog.opener.focus();
  });
  document.body.append(dialog);
  return dialog;
}

function show(title, body, opener) {
  const d = ensureDialog();
  const titleEl = d.querySelector('.card__title');
  titleEl.replaceChildren(bilingual(title));
  d.querySelector('.card__body').replaceChildren(...body);
  d.opener = opener;
  if (!d.open) d.showModal();
  d.querySelector('.card__close').focus();
}

// A catalog value (scenes/opendata/values_en.py): in English its English form with
// the Chinese beside it, or the Chinese marked as Chinese where there is no English.
function catalogValue(v) {
  if (!v.en_lang) return bilingual(v);
  const en = el('span', { className: 'when-en' }, el('span', { lang: v.en_lang, text: v.en }));
  if (v.beside) en.append(' ', el('span', { className: 'value-zh', lang: 'zh-Hans', text: v.beside }));
  return el('span', {}, el('span', { className: 'when-zh', lang: 'zh-Hans', text: v.zh }), en);
}

export function openObjectCard(object, rootUrl, opener) {
  const body = [];
  for (const image of object.images || []) {
    body.push(el('figure', { className: 'card__figure' },
      el('img', { src: rootUrl + image.src, width: image.width, height: image.height, loading: 'lazy',
        alt: '', className: 'card__image', 'data-alt-zh': image.alt.zh, 'data-alt-en': image.alt.en })));
  }
  for (const img of body.map((f) => f.querySelector('img'))) {
    // one alt text per language; kept current by the language switch
    const setAlt = () => { img.alt = document.documentElement.classList.contains('lang-zh') ? img.dataset.altZh : img.dataset.altEn; };
    setAlt();
    window.addEventListener('yunzhan:lang', setAlt);
  }
  if (object.meta && object.meta.length) {
    const dl = el('dl', { className: 'card__meta' });
    for (const row of object.meta) {
      dl.append(el('dt', {}, bilingual(row.label)), el('dd', {}, catalogValue(row.value)));
    }
    body.push(dl);
  }
  if (object.text && (object.text.zh || object.text.en)) body.push(bilingual(object.text, 'p', 'card__text'));
  // The object's narration in the page's language (with its captions), then any other audio.
  const spoken = object.narration && (object.narration[currentLang()] || object.narration.zh || object.narration.en);
  if (spoken) {
    const player = el('audio', { controls: '', preload: 'none', src: rootUrl + clipFile(spoken), className: 'card__audio' },
      el('track', { kind: 'captions', src: rootUrl + spoken.vtt, srclang: currentLang(), default: '' }));
    body.push(el('figure', { className: 'card__figure' },
      el('figcaption', {}, bilingual({ zh: '语音导览', en: 'Audio guide' })), player,
      spoken.transcript ? el('p', { className: 'card__text transcript', text: spoken.transcript }) : null));
  }
  for (const audio of object.audio || []) {
    const player = el('audio', { controls: '', preload: 'none', src: rootUrl + audio.src, className: 'card__audio' });
    body.push(el('figure', { className: 'card__figure' }, el('figcaption', {}, bilingual({ zh: '语音导览', en: 'Audio guide' })), player));
  }
  body.push(el('p', {}, el('a', { href: rootUrl + object.page, className: 'card__more' },
    bilingual({ zh: '展品详情页', en: 'Object page' }))));
  show(object.title, body, opener);
}

export function openNoteCard(note, opener) {
  show(note.label, [bilingual(note.text, 'p', 'card__text')], opener);
}
