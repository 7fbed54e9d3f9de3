// The page language: the link's ?lang=, else the visitor's own choice (kept in localStorage), else the
// browser's preferred languages, else English. Chinese text is marked .when-zh,
// English text .when-en; the stylesheet hides the other one once <html> has .js.
const KEY = 'yunzhan-lang';

export function preferredLang() {
  // ?lang=zh / ?lang=en: the language a link (the sitemap's alternates) asks for
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'zh' || asked === 'en') return asked;
  let saved = null;
  try { saved = localStorage.getItem(KEY); } catch (e) { /* file:// or privacy mode */ }
  if (saved === 'zh' || saved === 'en') return saved;
  const prefs = (navigator.languages && navigator.languages.length) ? navigator.languages : [navigator.language || ''];
  for (const p of prefs) {
    const tag = String(p).toLowerCase();
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

export function currentLang() {
  return document.documentElement.classList.contains('lang-zh') ? 'zh' : 'en';
}

export function applyLang(lang, remember) {
  const root = document.documentElement;
  root.classList.add('js');
  root.classList.toggle('lang-zh', lang === 'zh');
  root.classList.toggle('lang-en', lang !== 'zh');
  root.lang = lang === 'zh' ? 'zh-Hans' : 'en';
  if (remember) {
    try { localStorage.setItem(KEY, lang); } catch (e) { /* not persisted: fine */ }
  }
  const title = document.querySelector(`meta[name="yunzhan-title-${lang}"]`);
  if (title && title.content) document.title = title.content;
}
