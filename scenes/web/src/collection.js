// The Collection page: filters (culture, period, medium, maker) and a search box
// over the package's prebuilt index, offline. The object list and the index are
// fetched on the first use of the form, not with the page.
import { el, bilingual } from './dom.js';
import { currentLang } from './lang-core.js';
import { SearchIndex } from './search.js';

const PAGE = 48;
const form = document.getElementById('collection-form');
const input = document.getElementById('collection-q');
const results = document.getElementById('collection-results');
const countLine = document.getElementById('collection-count');
const more = document.getElementById('collection-more');
const selects = Array.from(document.querySelectorAll('[data-facet]'));
const rootMeta = document.querySelector('meta[name="yunzhan-root"]');
const rootUrl = new URL((rootMeta && rootMeta.content) || './', location.href).href;

let objects = null;      // rows of data/collection.json
let columns = null;
let index = null;        // SearchIndex
let loading = null;
let loadingIndex = null;
let shown = [];
let limit = PAGE;

function fetchJson(path) {
  return fetch(rootUrl + path).then((r) => {
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
    return r.json();
  });
}

function loadObjects() {
  if (!loading) {
    loading = fetchJson('data/collection.json').then((doc) => {
      objects = doc.objects;
      columns = doc.columns;
    });
  }
  return loading;
}

function loadIndex() {
  if (!loadingIndex) loadingIndex = fetchJson('data/collection-search.json').then((doc) => { index = new SearchIndex(doc); });
  return loadingIndex;
}

function tile(row) {
  const [page, accession, titleZh, titleEn, thumb] = row;
  const link = el('a', { href: `${rootUrl}objects/${page}.html` });
  if (thumb) link.append(el('img', { className: 'object-thumb', src: rootUrl + thumb, alt: '', loading: 'lazy', width: 480, height: 360 }));
  link.append(bilingual({ zh: titleZh || accession, en: titleEn || titleZh || accession }, 'span', 'tile-text'),
    el('span', { className: 'tile-sub', text: accession }));
  return el('li', { className: 'tile' }, link);
}

function render() {
  results.replaceChildren(...shown.slice(0, limit).map((i) => tile(objects[i])));
  more.hidden = shown.length <= limit;
  const n = shown.length;
  countLine.replaceChildren(bilingual({ zh: `找到 ${n} 件藏品`, en: `${n} object${n === 1 ? '' : 's'} found` }));
}

let lowerTitles = null; // both titles of each object, lower-cased once

function titleHas(i, t) {
  if (!lowerTitles) lowerTitles = objects.map((row) => `${row[2]}\u0000${row[3]}`.toLowerCase());
  return lowerTitles[i].includes(t);
}

function update() {
  const text = input.value;
  const wanted = selects.map((s) => (s.value === '' ? -1 : Number(s.value)));
  const offsets = selects.map((s) => columns.indexOf(s.dataset.facet));
  const needsIndex = text.trim() !== '';
  if (needsIndex && !index) {
    loadIndex().then(update).catch(failed);
    return;
  }
  const hits = needsIndex ? index.search(text) : null;
  const candidates = hits || objects.map((_, i) => i);
  const picked = [];
  for (const i of candidates) {
    const row = objects[i];
    if (wanted.every((code, k) => code < 0 || row[offsets[k]] === code)) picked.push(i);
  }
  // objects whose title holds the query first, then catalog order
  if (needsIndex) {
    const first = [];
    const rest = [];
    const t = text.trim().toLowerCase();
    for (const i of picked) (titleHas(i, t) ? first : rest).push(i);
    shown = first.concat(rest);
  } else {
    shown = picked;
  }
  limit = PAGE;
  render();
  const url = new URL(location.href);
  if (text.trim()) url.searchParams.set('q', text.trim()); else url.searchParams.delete('q');
  history.replaceState(null, '', url);
}

function failed() {
  countLine.replaceChildren(bilingual({
    zh: '无法读取馆藏索引（从磁盘打开时，请用 yunzhan serve 提供此文件夹）。',
    en: 'The collection index could not be read (opened from disk? serve this folder with yunzhan serve).',
  }));
}

function relabel() {
  const lang = currentLang();
  input.placeholder = input.dataset[lang === 'zh' ? 'placeholderZh' : 'placeholderEn'] || '';
  for (const select of selects) {
    for (const option of select.options) {
      const label = option.dataset[lang];
      if (label) option.textContent = label;
    }
  }
}

function whenReady() {
  loadObjects().then(update).catch(failed);
}

if (form && input && results) {
  relabel();
  window.addEventListener('yunzhan:lang', relabel);
  form.addEventListener('submit', (event) => { event.preventDefault(); whenReady(); });
  input.addEventListener('focus', () => { loadObjects().catch(failed); }, { once: true });
  let timer = 0;
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(whenReady, 120); });
  for (const select of selects) select.addEventListener('change', whenReady);
  more.addEventListener('click', () => { limit += PAGE; render(); });
  const initial = new URL(location.href).searchParams.get('q');
  if (initial) { input.value = initial; whenReady(); }
  // for bench/collection.py: load everything, then run one query synchronously
  window.YunzhanCollection = {
    load: () => Promise.all([loadObjects(), loadIndex()]),
    run: (text) => { input.value = text; update(); return shown.length; },
  };
  document.documentElement.dataset.collectionReady = '1';
}
