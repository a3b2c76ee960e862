// DOM helpers. Every string from the API goes into the page as a text node or
// an attribute value set through the DOM, never through innerHTML.

/** Create an element: h('a', {href: '#/', class: 'x', onclick: fn}, 'text', child, [more]). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

/** Append children (nodes, strings, numbers, nested arrays; null skipped). */
export function append(el, children) {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
  return el;
}

/** An SVG element (for small charts). */
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v != null) el.setAttribute(k, String(v));
  for (const c of children) if (c) el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Escape text for the few places a library insists on an HTML string. */
export function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** A link only when it is http(s); anything else (javascript:, data:) is not a link. */
export function safeUrl(url) {
  try {
    const u = new URL(url, location.href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

const numberFormat = new Intl.NumberFormat('en');
export const fmtNumber = (n) => (typeof n === 'number' && Number.isFinite(n) ? numberFormat.format(n) : '');

/** A dateline as a day: the API gives "YYYY-MM-DD" or {"date": "YYYY-MM-DD", …}. */
export const dateOf = (d) => (d && typeof d === 'object' ? d.date || null : d || null);

/** "story-0000" ids and 32-hex doc ids read better short. */
export const shortDoc = (doc) => String(doc).slice(0, 8);

export function plural(n, one, many = one + 's') {
  return `${fmtNumber(n)} ${n === 1 ? one : many}`;
}

/** Text that reads a snake/kebab-case key: "civilian-harm" → "civilian harm". */
export const humanize = (s) => String(s).replace(/[-_]+/g, ' ');

export function section(id, title, ...children) {
  return h('section', { class: 'card', id }, h('h2', null, title), ...children);
}

export function tableWrap(table) {
  return h('div', { class: 'table-wrap' }, table);
}

export function loading(text = 'Loading…') {
  return h('p', { class: 'loading' }, text);
}

export function errorBox(err, what) {
  const msg = err && err.message ? err.message : String(err);
  return h('div', { class: 'error', role: 'alert' },
    h('strong', null, what ? `Could not load ${what}: ` : 'Error: '), msg);
}
