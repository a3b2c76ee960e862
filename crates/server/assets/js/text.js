// Article text with UTF-8 byte spans. The API gives every span as a half-open
// range of UTF-8 bytes; JavaScript strings index UTF-16 code units. One pass
// over the text builds a byte → UTF-16 index map; every span goes through it.

import { h } from './dom.js';

export class ByteText {
  constructor(text) {
    this.text = text;
    const map = new Uint32Array(text.length * 3 + 1);
    let b = 0;
    for (let i = 0; i < text.length;) {
      const cp = text.codePointAt(i);
      // Lone surrogates count as 3 bytes, as TextEncoder writes them (U+FFFD).
      const blen = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      for (let k = 0; k < blen; k++) map[b + k] = i; // inner bytes: the code point's start
      b += blen;
      i += cp >= 0x10000 ? 2 : 1;
    }
    map[b] = text.length;
    this.bytes = b;
    this.map = map.subarray(0, b + 1);
  }

  /** UTF-16 index of a byte offset (clamped to the text). */
  at(byte) {
    const n = Math.max(0, Math.min(this.bytes, byte | 0));
    return this.map[n];
  }

  /** The text of a byte span. */
  slice(start, end) {
    return this.text.substring(this.at(start), this.at(end));
  }

  valid(span) {
    return span && Number.isInteger(span.start) && Number.isInteger(span.end) &&
      span.start >= 0 && span.start < span.end && span.end <= this.bytes;
  }
}

const KINDS = new Set(['actor', 'event', 'time', 'figure']);

/**
 * The text as nodes with every range wrapped in a span. Ranges may overlap or
 * nest: the text is cut at every boundary and the spans open at a point are
 * nested outer (earlier start, later end) to inner; a range crossing another
 * is split into pieces, each piece with the same class and title.
 *
 * ranges: [{start, end, cls, title?, data?}] in BYTES.
 */
export function renderRanges(bt, ranges) {
  const rs = [];
  ranges.forEach((r, idx) => {
    if (!bt.valid(r)) return;
    const s = bt.at(r.start);
    const e = bt.at(r.end);
    if (s < e) rs.push({ ...r, s, e, idx });
  });
  rs.sort((a, b) => a.s - b.s || b.e - a.e || a.idx - b.idx);
  const cuts = new Set([0, bt.text.length]);
  for (const r of rs) { cuts.add(r.s); cuts.add(r.e); }
  const points = [...cuts].sort((a, b) => a - b);

  const root = document.createDocumentFragment();
  const stack = []; // [{range, el}]
  let active = [];
  let next = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const p = points[i];
    const q = points[i + 1];
    active = active.filter((r) => r.e > p);
    while (next < rs.length && rs[next].s <= p) {
      if (rs[next].e > p) active.push(rs[next]);
      next++;
    }
    let common = 0;
    while (common < stack.length && common < active.length && stack[common].range === active[common]) common++;
    stack.length = common;
    for (let k = common; k < active.length; k++) {
      const r = active[k];
      const el = h('span', { class: r.cls, title: r.title || null });
      if (r.data) Object.assign(el.dataset, r.data);
      (stack.length ? stack[stack.length - 1].el : root).appendChild(el);
      stack.push({ range: r, el });
    }
    const parent = stack.length ? stack[stack.length - 1].el : root;
    parent.appendChild(document.createTextNode(bt.text.substring(p, q)));
  }
  return root;
}

/** Ranges of an article's annotations ({start, end, kind, label}). */
export function annotationRanges(annotations) {
  return (annotations || []).filter((a) => KINDS.has(a.kind)).map((a) => ({
    start: a.start,
    end: a.end,
    cls: `hl hl-${a.kind}`,
    title: a.label ? `${a.kind}: ${a.label}` : a.kind,
  }));
}

/** An article's text with highlights, and focus ranges (sentences) marked. */
export function renderArticleText(article, bt, focus = []) {
  const ranges = annotationRanges(article.annotations);
  for (const f of focus) ranges.unshift({ start: f.start, end: f.end, cls: 'focus', data: { focus: '1' } });
  return h('div', { class: 'article-text' }, renderRanges(bt, ranges));
}

export function legend() {
  return h('p', { class: 'legend' }, 'Highlights: ',
    h('span', { class: 'hl hl-actor' }, 'actor'), ' ',
    h('span', { class: 'hl hl-event' }, 'event'), ' ',
    h('span', { class: 'hl hl-time' }, 'time'), ' ',
    h('span', { class: 'hl hl-figure' }, 'figure'),
    ' — hover for the label.');
}

/** sitrep://doc/<id>#<start>-<end> → #/article/<id>?span=<start>-<end> */
export function mapReportLink(href) {
  const m = /^sitrep:\/\/doc\/([^#?\/]+)(?:#(\d+)-(\d+))?$/.exec(String(href));
  if (!m) return null;
  return articleHref(decodeURIComponent(m[1]), m[2] != null ? { start: +m[2], end: +m[3] } : null);
}

export function articleHref(doc, span) {
  const base = `#/article/${encodeURIComponent(doc)}`;
  return span ? `${base}?span=${span.start}-${span.end}` : base;
}

/** Search snippets mark matches «like this»: render them as <mark>. */
export function renderSnippet(snippet) {
  const out = [];
  const re = /«([^»]*)»/g;
  let last = 0;
  let m;
  const s = String(snippet || '');
  while ((m = re.exec(s))) {
    if (m.index > last) out.push(s.slice(last, m.index));
    out.push(h('mark', null, m[1]));
    last = re.lastIndex;
  }
  if (last < s.length) out.push(s.slice(last));
  return out;
}
