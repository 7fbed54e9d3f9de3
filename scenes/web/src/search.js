// The Collection's offline search over the index prebuilt by the exporter
// (scenes/export/collection_index.py): CJK characters and adjacent pairs are
// terms, as in the studio's search, so 瓷 and 青铜 are single look-ups; Latin
// words are lower-cased, the last word of a query matched as a prefix.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i += 1) DIGIT[ALPHABET.charCodeAt(i)] = i;
const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]+/gu;
const WORD = /[\p{L}\p{N}]+/gu;
const PREFIX_TERMS = 400; // a one-letter prefix would otherwise union thousands of terms

// Delta-encoded base-64 varints (see encode_postings) to ascending positions.
export function decodePostings(text) {
  const out = new Int32Array(text.length);
  let n = 0;
  let value = 0;
  let previous = -1;
  for (let i = 0; i < text.length; i += 1) {
    const digit = DIGIT[text.charCodeAt(i)];
    if (digit >= 32) {
      value = value * 32 + digit - 32;
    } else {
      previous = previous + 1 + value * 32 + digit;
      out[n] = previous;
      n += 1;
      value = 0;
    }
  }
  return out.subarray(0, n);
}

function intersect(a, b) {
  const out = new Int32Array(Math.min(a.length, b.length));
  let i = 0; let j = 0; let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { out[n] = a[i]; n += 1; i += 1; j += 1; } else if (a[i] < b[j]) i += 1; else j += 1;
  }
  return out.subarray(0, n);
}

function union(lists, size) {
  const seen = new Uint8Array(size);
  for (const list of lists) for (const p of list) seen[p] = 1;
  const out = [];
  for (let p = 0; p < size; p += 1) if (seen[p]) out.push(p);
  return Int32Array.from(out);
}

export class SearchIndex {
  constructor(doc) {
    this.terms = doc.terms;
    this.count = doc.count;
    this.cache = new Map();
    this.sorted = null;
  }

  postings(term) {
    let list = this.cache.get(term);
    if (!list) {
      const raw = this.terms[term];
      list = raw === undefined ? new Int32Array(0) : decodePostings(raw);
      this.cache.set(term, list);
    }
    return list;
  }

  prefixed(word) {
    if (!this.sorted) this.sorted = Object.keys(this.terms).sort();
    const keys = this.sorted;
    let lo = 0; let hi = keys.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (keys[mid] < word) lo = mid + 1; else hi = mid; }
    const lists = [];
    for (let i = lo; i < keys.length && keys[i].startsWith(word) && lists.length < PREFIX_TERMS; i += 1) {
      lists.push(this.postings(keys[i]));
    }
    return lists.length === 1 ? lists[0] : union(lists, this.count);
  }

  // Positions of the objects matching every term of `text`, ascending; null when
  // `text` holds nothing to search for.
  search(text) {
    const query = String(text || '').normalize('NFKC');
    const lists = [];
    for (const run of query.match(CJK_RUN) || []) {
      const chars = Array.from(run);
      if (chars.length === 1) lists.push(this.postings(chars[0]));
      for (let i = 0; i + 1 < chars.length; i += 1) lists.push(this.postings(chars[i] + chars[i + 1]));
    }
    const latin = query.replace(CJK_RUN, ' ').toLowerCase();
    const words = latin.match(WORD) || [];
    const typing = words.length > 0 && !/[\s"]$/.test(latin);
    words.forEach((word, i) => {
      lists.push(typing && i === words.length - 1 ? this.prefixed(word) : this.postings(word));
    });
    if (!lists.length) return null;
    lists.sort((a, b) => a.length - b.length);
    return lists.reduce((acc, list) => intersect(acc, list));
  }
}
