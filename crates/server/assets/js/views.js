// The smaller views: story list, actor, article, search.

import { api, enc, query } from './api.js';
import { append, clear, dateOf, errorBox, fmtNumber, h, loading, plural, safeUrl, section, shortDoc, svg, tableWrap } from './dom.js';
import { ByteText, articleHref, legend, renderArticleText, renderSnippet } from './text.js';

const PAGE = 50;

export const actorHref = (actor) => `#/actor/${encodeURIComponent(actor)}`;
export const storyHref = (id) => `#/story/${encodeURIComponent(id)}`;

export function dateRange(a, b) {
  if (!a && !b) return 'undated';
  if (!a || !b || a === b) return a || b;
  return `${a} – ${b}`;
}

// ---------------------------------------------------------------- stories

export async function storiesView(main, { params, signal }) {
  document.title = 'Stories — sitrep';
  const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
  const list = h('div', { id: 'story-list' }, loading('Loading stories…'));
  const actorResults = h('div', { class: 'actor-results', id: 'actor-results' });
  const searchForm = h('form', { class: 'searchbox', role: 'search' },
    h('label', { for: 'q-search' }, 'Search the articles'),
    h('div', { class: 'row' },
      h('input', { id: 'q-search', type: 'search', name: 'q', placeholder: 'e.g. humanitarian truce', required: true }),
      h('button', { type: 'submit' }, 'Search')));
  searchForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = searchForm.elements.q.value.trim();
    if (q) location.hash = `#/search?q=${encodeURIComponent(q)}`;
  });
  const actorInput = h('input', { id: 'q-actor', type: 'search', placeholder: 'e.g. Putin', autocomplete: 'off' });
  const actorForm = h('form', { class: 'searchbox', role: 'search' },
    h('label', { for: 'q-actor' }, 'Find an actor'),
    h('div', { class: 'row' }, actorInput));
  actorForm.addEventListener('submit', (ev) => ev.preventDefault());

  main.append(
    h('div', { class: 'page-head' }, h('h1', null, 'Stories'),
      h('p', { class: 'muted' }, 'Articles that tell the same story, with the events fused across them.')),
    h('div', { class: 'layout-list' },
      h('div', { class: 'col-main' }, list),
      h('aside', { class: 'col-side' },
        h('div', { class: 'card' }, searchForm),
        h('div', { class: 'card' }, actorForm, actorResults))));

  let timer = null;
  let actorCtl = null;
  const findActors = async () => {
    if (actorCtl) actorCtl.abort();
    actorCtl = new AbortController();
    const q = actorInput.value.trim();
    clear(actorResults).append(loading());
    try {
      const res = await api(query('/api/actors', { q, limit: 12 }), { signal: actorCtl.signal });
      clear(actorResults);
      if (!res.items.length) actorResults.append(h('p', { class: 'muted' }, 'No actor matches.'));
      else actorResults.append(h('p', { class: 'muted small' }, q ? 'Matches' : 'Most active'),
        h('ul', { class: 'chips' }, res.items.map((a) => h('li', null,
          h('a', { href: actorHref(a.actor), title: a.actor }, a.name, ' ', h('span', { class: 'count' }, fmtNumber(a.events)))))));
    } catch (e) {
      if (e.name !== 'AbortError') clear(actorResults).append(errorBox(e, 'actors'));
    }
  };
  actorInput.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(findActors, 200);
  });
  signal.addEventListener('abort', () => { clearTimeout(timer); if (actorCtl) actorCtl.abort(); });
  findActors();

  let res;
  try {
    res = await api(query('/api/stories', { limit: PAGE, offset }), { signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    clear(list).append(errorBox(e, 'the stories'));
    return;
  }
  clear(list);
  if (!res.items.length) {
    list.append(h('p', { class: 'empty' }, 'No stories yet. Ingest some articles (sitrep ingest …) and run sitrep stories.'));
    main.dataset.ready = 'stories';
    return;
  }
  const rows = res.items.map((s) => h('tr', { class: 'story-row' },
    h('td', { class: 'title' }, h('a', { href: storyHref(s.id) }, s.title || s.id),
      h('div', { class: 'muted small' }, s.id)),
    h('td', { class: 'nowrap' }, dateRange(s.first_date, s.last_date)),
    h('td', { class: 'num' }, fmtNumber(s.articles)),
    h('td', { class: 'num' }, fmtNumber(s.sources)),
    h('td', { class: 'num' }, fmtNumber(s.events))));
  list.append(tableWrap(h('table', { class: 'data stories' },
    h('thead', null, h('tr', null, h('th', null, 'Story'), h('th', null, 'Dates'),
      h('th', { class: 'num' }, 'Articles'), h('th', { class: 'num' }, 'Sources'), h('th', { class: 'num' }, 'Events'))),
    h('tbody', null, rows))));
  const total = res.total ?? res.items.length;
  const pager = h('p', { class: 'pager' }, `${fmtNumber(offset + 1)}–${fmtNumber(offset + res.items.length)} of ${fmtNumber(total)} `);
  if (offset > 0) pager.append(h('a', { href: `#/?offset=${Math.max(0, offset - PAGE)}` }, '← newer'), ' ');
  if (offset + res.items.length < total) pager.append(h('a', { href: `#/?offset=${offset + PAGE}` }, 'more →'));
  list.append(pager);
  main.dataset.ready = 'stories';
}

// ---------------------------------------------------------------- coded events

export function codedEventTable(events, { actor } = {}) {
  const rows = events.map((e) => {
    const flags = (e.flags || []).map((f) => h('span', { class: `badge flag-${f}` }, f));
    const link = articleHref(e.doc, e.sentence_span);
    return h('tr', null,
      h('td', { class: 'nowrap' }, e.date || '—', e.date_basis ? h('div', { class: 'muted small' }, e.date_basis) : null),
      h('td', null, actorLink(e.source, actor)),
      h('td', null, h('span', { class: 'cameo' }, e.cameo), ' ', e.label, ' ', flags,
        h('div', { class: 'muted small' }, e.plover, e.mode ? ` · ${e.mode}` : '')),
      h('td', null, actorLink(e.target, actor)),
      h('td', null, e.place ? e.place.surface : ''),
      h('td', null, h('a', { href: link, title: 'open the sentence in its article' }, shortDoc(e.doc), ' §', e.sentence + 1)));
  });
  return tableWrap(h('table', { class: 'data events' },
    h('thead', null, h('tr', null, h('th', null, 'Date'), h('th', null, 'Who'), h('th', null, 'What'),
      h('th', null, 'Whom'), h('th', null, 'Where'), h('th', null, 'Source'))),
    h('tbody', null, rows)));
}

function actorLink(a, self) {
  if (a.actor === self) return h('strong', null, a.name);
  return h('a', { href: actorHref(a.actor), title: a.actor }, a.name);
}

// ---------------------------------------------------------------- actor

export async function actorView(main, { args, signal }) {
  const [id] = args;
  document.title = `${id} — sitrep`;
  main.append(loading('Loading the actor…'));
  const res = await api(`/api/actors/${enc(id)}`, { signal });
  clear(main);
  document.title = `${res.name} — sitrep`;
  const events = res.events || [];
  const dated = events.filter((e) => e.date).map((e) => e.date).sort();
  main.append(h('div', { class: 'page-head' },
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Stories'), ' › actor'),
    h('h1', null, res.name),
    h('p', { class: 'muted' }, res.actor, ' · ', plural(events.length, 'event'),
      dated.length ? ` · ${dateRange(dated[0], dated[dated.length - 1])}` : '')));
  main.append(section('counterparts', 'Counterparts over time', counterparts(res.counterparts || [])));
  main.append(section('actor-events', 'Events', events.length ? codedEventTable(events, { actor: res.actor }) : h('p', { class: 'empty' }, 'No events.')));
  main.dataset.ready = 'actor';
}

function dayNumber(d) {
  return Math.floor(Date.parse(`${d}T00:00:00Z`) / 86400000);
}

function counterparts(list) {
  if (!list.length) return h('p', { class: 'empty' }, 'No counterparts.');
  const all = list.flatMap((c) => (c.dates || []).map((d) => d.date)).sort();
  const first = all.length ? dayNumber(all[0]) : 0;
  const last = all.length ? dayNumber(all[all.length - 1]) : 0;
  const span = Math.max(1, last - first + 1);
  const max = Math.max(1, ...list.flatMap((c) => (c.dates || []).map((d) => d.count)));
  const W = 240;
  const H = 28;
  const rows = list.map((c) => {
    const bw = Math.max(2, Math.min(12, W / span - 1));
    const chart = svg('svg', { class: 'spark', width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img',
      'aria-label': (c.dates || []).map((d) => `${d.date}: ${d.count}`).join(', ') || 'undated' },
      svg('line', { x1: 0, x2: W, y1: H - 0.5, y2: H - 0.5, class: 'axis' }),
      ...(c.dates || []).map((d) => {
        const x = span === 1 ? W / 2 - bw / 2 : ((dayNumber(d.date) - first) / (span - 1)) * (W - bw);
        const bh = Math.max(3, (d.count / max) * (H - 2));
        return svg('rect', { x: x.toFixed(1), y: (H - bh).toFixed(1), width: bw.toFixed(1), height: bh.toFixed(1) },
          svg('title', null, `${d.date}: ${plural(d.count, 'event')}`));
      }));
    return h('tr', null,
      h('td', null, h('a', { href: actorHref(c.actor), title: c.actor }, c.name)),
      h('td', { class: 'num' }, fmtNumber(c.events)),
      h('td', null, chart),
      h('td', { class: 'small dates' }, (c.dates || []).map((d) => `${d.date} (${d.count})`).join(', ') || 'undated'));
  });
  return h('div', null,
    all.length ? h('p', { class: 'muted small' }, `Bars: events per day, ${all[0]} to ${all[all.length - 1]}.`) : null,
    tableWrap(h('table', { class: 'data counterparts' },
      h('thead', null, h('tr', null, h('th', null, 'Counterpart'), h('th', { class: 'num' }, 'Events'), h('th', null, 'Over time'), h('th', { class: 'dates' }, 'Dates'))),
      h('tbody', null, rows))));
}

// ---------------------------------------------------------------- article

export async function articleView(main, { args, params, signal }) {
  const [id] = args;
  document.title = `Article ${shortDoc(id)} — sitrep`;
  main.append(loading('Loading the article…'));
  const a = await api(`/api/articles/${enc(id)}`, { signal });
  clear(main);
  document.title = `${a.title || `Article ${shortDoc(a.id)}`} — sitrep`;
  const bt = new ByteText(a.text || '');
  let focus = [];
  const m = /^(\d+)-(\d+)$/.exec(params.get('span') || '');
  if (m) focus = [{ start: +m[1], end: +m[2] }];
  const url = a.url && safeUrl(a.url);
  main.append(h('div', { class: 'page-head' },
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Stories'),
      a.story ? [' › ', h('a', { href: storyHref(a.story) }, a.story)] : null, ' › article'),
    h('h1', null, a.title || `Article ${shortDoc(a.id)}`),
    h('p', { class: 'muted' }, a.outlet || 'unknown outlet', ' · ', dateOf(a.dateline) || 'no dateline', ' · ', a.id,
      url ? [' · ', h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, 'original')] : null)));
  const text = renderArticleText(a, bt, focus);
  main.append(h('article', { class: 'card article-single' }, legend(), text));
  const f = text.querySelector('.focus');
  if (f) requestAnimationFrame(() => f.scrollIntoView({ block: 'center' }));
  main.dataset.ready = 'article';
}

// ---------------------------------------------------------------- search

export async function searchView(main, { params, signal }) {
  const q = (params.get('q') || '').trim();
  document.title = `${q || 'Search'} — sitrep`;
  const input = h('input', { type: 'search', name: 'q', value: q, 'aria-label': 'Search the articles' });
  const form = h('form', { class: 'searchbox', role: 'search' }, h('div', { class: 'row' }, input, h('button', { type: 'submit' }, 'Search')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = input.value.trim();
    if (v) location.hash = `#/search?q=${encodeURIComponent(v)}`;
  });
  const results = h('div', { id: 'search-results' });
  main.append(h('div', { class: 'page-head' }, h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Stories'), ' › search'),
    h('h1', null, 'Search')), h('div', { class: 'card' }, form, results));
  if (!q) return;
  results.append(loading('Searching…'));
  let res;
  try {
    res = await api(query('/api/search', { q, limit: 50 }), { signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    clear(results).append(errorBox(e, 'search results'));
    return;
  }
  clear(results);
  results.append(h('p', { class: 'muted' }, res.items.length ? `${plural(res.items.length, 'article')} match “${q}”.` : `No article matches “${q}”.`));
  append(results, [h('ol', { class: 'hits' }, res.items.map((r) => h('li', { class: 'hit' },
    h('a', { href: articleHref(r.id), class: 'hit-title' }, r.title || `Article ${shortDoc(r.id)}`),
    h('div', { class: 'muted small' }, r.outlet || 'unknown outlet', ' · ', dateOf(r.dateline) || 'no dateline'),
    h('p', { class: 'snippet' }, renderSnippet(r.snippet)))))]);
  main.dataset.ready = 'search';
}
