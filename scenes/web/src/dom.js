// Small DOM builders: text goes in through textContent only, never as HTML.

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'className') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children.filter(Boolean));
  return node;
}

// Both languages of a text; the stylesheet shows the current one.
export function bilingual(text, tag = 'span', className = '') {
  const holder = el(tag, { className });
  const zh = (text && text.zh) || (text && text.en) || '';
  const en = (text && text.en) || (text && text.zh) || '';
  if (zh === en) {
    holder.textContent = zh;
  } else {
    holder.append(el('span', { className: 'when-zh', lang: 'zh-Hans', text: zh }),
      el('span', { className: 'when-en', lang: 'en', text: en }));
  }
  return holder;
}

// A narration clip's file for this browser: the Opus version where there is one and the
// browser plays it (smaller), else the AAC every browser plays.
export function clipFile(clip) {
  if (!clip.opus) return clip.audio;
  return document.createElement('audio').canPlayType('audio/webm; codecs=opus') ? clip.opus : clip.audio;
}

// A stylesheet added to the page; resolves when it has loaded (or failed: the page
// still works unstyled).
export function loadStylesheet(href) {
  return new Promise((resolve) => {
    const link = el('link', { rel: 'stylesheet', href });
    link.onload = link.onerror = () => resolve();
    document.head.append(link);
  });
}
