// The situation report of one story: sources, fused events (table, timeline,
// actor network), claims, framing and the articles side by side.

import { api, enc } from './api.js';
import { clear, dateOf, errorBox, fmtNumber, h, humanize, loading, plural, section, shortDoc, tableWrap } from './dom.js';

const cap = (s) => { const t = humanize(s); return t.charAt(0).toUpperCase() + t.slice(1); };
import { ByteText, articleHref, legend, renderArticleText } from './text.js';
import { actorHref, dateRange } from './views.js';
import { renderGraph, renderTimeline, loadVendor } from './viz.js';

/** ", N independent" when near-duplicate copies make the sources fewer. */
function copiesNote(ev) {
  return ev.num_independent > 0 && ev.num_independent < ev.num_sources
    ? ` (${ev.num_independent} independent: the rest are copies of one text)` : '';
}

const HEDGES = {
  exact: '',
  at_least: 'at least',
  more_than: 'more than',
  at_most: 'up to',
  less_than: 'fewer than',
  about: 'about',
  range: 'between',
  vague: 'vague',
};

export function arrow(ev) {
  return ev.mutual ? '↔' : '→';
}

export function eventTitle(ev) {
  return `${ev.source.name} ${arrow(ev)} ${ev.target.name}: ${ev.label}`;
}

export async function storyView(main, { args, signal }) {
  const [id] = args;
  const t0 = performance.now();
  document.title = `${id} — sitrep`;
  const vendor = loadVendor(); // starts fetching the libraries while the report loads
  vendor.catch(() => {});
  main.append(loading('Loading the story…'));
  const r = await api(`/api/stories/${enc(id)}`, { signal });
  clear(main);
  document.title = `${r.headline || r.story} — sitrep`;

  const events = keyEvents(r.events || []);
  const state = {
    report: r,
    events,
    byKey: new Map(events.map((e) => [e.key, e])),
    articles: new Map(), // doc → Promise<{article, bt}>
    cols: new Map(), // doc → column body element
    outlets: new Map((r.articles || []).map((a) => [a.doc, a])),
    timeline: null,
    graph: null,
    signal,
  };

  const current = events.filter((e) => !e.ev.historical);
  const background = events.filter((e) => e.ev.historical);
  const docs = r.articles || [];
  const outlets = new Set(docs.map((a) => a.outlet || `doc:${a.doc}`));
  const dates = docs.map((a) => dateOf(a.dateline)).filter(Boolean).sort();

  const panel = h('aside', { id: 'event-detail', class: 'event-detail', hidden: true, tabindex: '-1', 'aria-label': 'Event detail' });
  state.panel = panel;

  const toc = h('nav', { class: 'toc', 'aria-label': 'Sections' });
  const sections = [
    ['sources', 'Sources'], ['events', 'Events'], ['timeline', 'Timeline'], ['network', 'Actor network'],
    ['claims', 'Figures'], ['framing', 'Framing'], ['articles', 'Articles'],
  ];
  for (const [sid, label] of sections) {
    toc.append(h('button', { type: 'button', class: 'linklike', onclick: () => document.getElementById(sid)?.scrollIntoView({ behavior: 'smooth' }) }, label));
  }

  main.append(
    h('div', { class: 'page-head story-head' },
      h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Stories'), ' › ', r.story),
      h('h1', null, r.headline || r.story),
      h('p', { class: 'meta' },
        h('span', null, dateRange(dates[0], dates[dates.length - 1])),
        h('span', null, plural(docs.length, 'article')),
        h('span', null, plural(outlets.size, 'source')),
        h('span', null, plural(current.length, 'event'), background.length ? ` + ${fmtNumber(background.length)} background` : ''),
        h('span', null, 'Report: ',
          h('a', { href: `/api/stories/${enc(r.story)}/report?format=html`, target: '_blank', rel: 'noopener' }, 'HTML'), ' · ',
          h('a', { href: `/api/stories/${enc(r.story)}/report?format=md`, target: '_blank', rel: 'noopener' }, 'Markdown'))),
      toc),
    section('sources', 'Sources', sourcesList(docs)),
    section('events', 'Who did what to whom',
      h('p', { class: 'muted small' }, 'Each event once, fused across the articles that report it. Click a row for its sources.'),
      current.length ? eventsTable(current, state) : h('p', { class: 'empty' }, 'No events coded in this story.'),
      background.length ? h('div', { class: 'background' },
        h('h3', null, 'Background'),
        h('p', { class: 'muted small' }, 'Events the articles date well before the story: context, not news.'),
        eventsTable(background, state)) : null),
  );
  const timelineBox = h('div', { class: 'timeline-box' }, loading('Loading the timeline…'));
  const graphBox = h('div', { class: 'graph-box' }, loading('Loading the network…'));
  main.append(
    section('timeline', 'Event timeline',
      h('p', { class: 'muted small' }, 'One item per dated event; grey items are background. Drag to pan, use the buttons or ctrl+wheel to zoom.'),
      timelineBox),
    section('network', 'Actor network',
      h('p', { class: 'muted small' }, 'Actors and the events between them (arrow: who acted on whom; no arrow: a mutual act). Larger nodes take part in more events. Click an edge for its sources; double-click an actor to open it.'),
      graphBox),
    section('claims', 'Figures claimed', claimsView(r.claims || [], state)),
    section('framing', 'Framing', framingView(r.framing || [], docs)),
    section('articles', 'Articles side by side', legend(), articleColumns(docs, state)),
    panel,
  );

  document.addEventListener('keydown', onKey);
  signal.addEventListener('abort', () => {
    document.removeEventListener('keydown', onKey);
    if (state.timeline) state.timeline.destroy();
    if (state.graph) state.graph.destroy();
    if (window.sitrepGraph === state.graph) window.sitrepGraph = undefined;
  });
  function onKey(ev) {
    if (ev.key === 'Escape' && !panel.hidden) closeDetail(state);
  }

  // Articles and the two pictures load in parallel; the page is usable meanwhile.
  const loads = state.firstColumns.map((a) => loadArticle(a.doc, state));
  const viz = vendor.then(() => {
    if (signal.aborted) return;
    try {
      state.timeline = renderTimeline(clear(timelineBox), events, (key) => showEvent(state, key, 'timeline'));
    } catch (e) {
      console.warn(e);
      clear(timelineBox).append(errorBox(e, 'the timeline'));
    }
    try {
      state.graph = renderGraph(clear(graphBox), events, {
        onEdge: (key) => showEvent(state, key, 'graph'),
        onActor: (actor) => { location.hash = actorHref(actor); },
      });
      window.sitrepGraph = state.graph;
    } catch (e) {
      console.warn(e);
      clear(graphBox).append(errorBox(e, 'the network'));
    }
  }, (e) => {
    clear(timelineBox).append(errorBox(e, 'the timeline library'));
    clear(graphBox).append(errorBox(e, 'the network library'));
  });
  await Promise.allSettled([...loads, viz]);
  if (signal.aborted) return;
  main.dataset.loadMs = String(Math.round(performance.now() - t0));
  main.dataset.ready = 'story';
}

/** Give every fused event a unique key (ids should be unique; never trust it). */
function keyEvents(list) {
  const seen = new Map();
  return list.map((ev, i) => {
    let key = String(ev.id ?? i);
    if (seen.has(key)) key = `${key}~${i}`;
    seen.set(key, true);
    return { key, ev };
  }).sort((a, b) => cmpDate(a.ev.date, b.ev.date) || (b.ev.num_articles - a.ev.num_articles));
}

function cmpDate(a, b) {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  return a < b ? -1 : 1;
}

// ---------------------------------------------------------------- sources

function articleName(a) {
  return a.title || `Article ${shortDoc(a.doc)}`;
}

function clip(s, n) {
  const t = String(s).trim();
  return t.length <= n ? t : `${t.slice(0, n).replace(/\s+\S*$/, '')}…`;
}

/** An untitled article is named by the start of its text once it is loaded. */
function nameUntitled(doc, article) {
  if (article.title) return;
  const first = (article.text || '').trim().split(/\n/)[0];
  if (!first) return;
  for (const el of document.querySelectorAll(`[data-name-of="${CSS.escape(doc)}"]`)) {
    el.textContent = clip(first, 70);
    el.title = `untitled article ${doc}`;
  }
}

function sourcesList(docs) {
  if (!docs.length) return h('p', { class: 'empty' }, 'No articles.');
  const groups = new Map();
  for (const a of docs) {
    const k = a.outlet || '';
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(a);
  }
  const keys = [...groups.keys()].sort((x, y) => (!x) - (!y) || x.localeCompare(y));
  return h('ul', { class: 'sources' }, keys.map((k) => h('li', null,
    h('div', { class: 'outlet' }, h('strong', null, k || 'Unknown outlet'), ' ', h('span', { class: 'count' }, plural(groups.get(k).length, 'article'))),
    h('ul', null, groups.get(k).map((a) => h('li', null,
      h('a', { href: articleHref(a.doc), dataset: a.title ? null : { nameOf: a.doc } }, articleName(a)),
      h('span', { class: 'muted small' }, ' · ', dateOf(a.dateline) || 'no dateline', ' · ', shortDoc(a.doc)),
      a.near_duplicates && a.near_duplicates.length
        ? h('span', { class: 'badge dup', title: `near-duplicate of ${a.near_duplicates.join(', ')}` }, 'near-duplicate of ',
          a.near_duplicates.map((d, i) => [i ? ', ' : '', h('a', { href: articleHref(d) }, shortDoc(d))]))
        : null))))));
}

// ---------------------------------------------------------------- events

function dateCell(ev) {
  const cell = h('td', { class: 'nowrap date' }, ev.date || 'undated');
  if (ev.date_basis) cell.append(h('div', { class: 'muted small' }, ev.date_basis));
  if (ev.date_conflicts && ev.date_conflicts.length) {
    const text = ev.date_conflicts.map((c) => `${c.date} (${c.basis}, ${plural(c.docs.length, 'article')})`).join('; ');
    cell.append(h('div', null, h('span', { class: 'badge warn', title: `Reports disagree: ${text}` }, '⚠ dates disagree')));
    cell.classList.add('date-conflict');
  }
  return cell;
}

function eventsTable(list, state) {
  const rows = list.map(({ key, ev }) => {
    const row = h('tr', { class: `event-row${ev.historical ? ' historical' : ''}`, tabindex: '0', dataset: { event: key },
      title: 'Show the sources of this event' },
    dateCell(ev),
    h('td', null, h('a', { href: actorHref(ev.source.actor), title: ev.source.actor }, ev.source.name)),
    h('td', { class: 'what' }, h('span', { class: 'arrow' }, arrow(ev)), ' ', ev.label,
      h('div', { class: 'muted small' }, h('span', { class: 'cameo' }, ev.cameo), ' ', ev.plover, ev.mode ? ` · ${ev.mode}` : '')),
    h('td', null, h('a', { href: actorHref(ev.target.actor), title: ev.target.actor }, ev.target.name)),
    h('td', { class: 'num', title: `${plural(ev.num_articles, 'article')}, ${plural(ev.num_sources, 'source')}${copiesNote(ev)}` },
      fmtNumber(ev.num_articles), h('span', { class: 'muted' }, ' / '), fmtNumber(ev.num_sources),
      copiesNote(ev) ? h('div', { class: 'muted small' }, `${ev.num_independent} indep.`) : null));
    const open = (e) => {
      if (e.target.closest('a')) return; // actor links keep working
      showEvent(state, key, 'table');
    };
    row.addEventListener('click', open);
    row.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(e); } });
    return row;
  });
  return tableWrap(h('table', { class: 'data events fused' },
    h('thead', null, h('tr', null, h('th', null, 'Date'), h('th', null, 'Who'), h('th', null, 'What'), h('th', null, 'Whom'),
      h('th', { class: 'num', title: 'articles / sources reporting it' }, 'Reports'))),
    h('tbody', null, rows)));
}

// ---------------------------------------------------------------- event detail

function closeDetail(state) {
  state.panel.hidden = true;
  document.body.classList.remove('detail-open');
  for (const el of document.querySelectorAll('.event-row.selected')) el.classList.remove('selected');
  if (state.graph) state.graph.elements().unselect();
  if (state.timeline) state.timeline.setSelection([]);
  for (const doc of state.cols.keys()) focusColumn(state, doc, []);
}

export function showEvent(state, key, origin) {
  const item = state.byKey.get(key);
  if (!item) return;
  const ev = item.ev;
  for (const el of document.querySelectorAll('.event-row.selected')) el.classList.remove('selected');
  for (const el of document.querySelectorAll(`.event-row[data-event="${CSS.escape(key)}"]`)) el.classList.add('selected');
  if (state.timeline && origin !== 'timeline') {
    try { state.timeline.setSelection(ev.date ? [key] : []); } catch { /* undated: not on the timeline */ }
  }
  if (state.graph && origin !== 'graph') {
    state.graph.elements().unselect();
    state.graph.getElementById(key).select();
  }

  const p = clear(state.panel);
  const reports = ev.reports || [];
  const conflicts = ev.date_conflicts || [];
  p.append(
    h('div', { class: 'detail-head' },
      h('h2', null, ev.source.name, ' ', arrow(ev), ' ', ev.target.name),
      h('button', { type: 'button', class: 'close', 'aria-label': 'Close', onclick: () => closeDetail(state) }, '×')),
    h('p', { class: 'detail-what' }, h('span', { class: 'cameo' }, ev.cameo), ' ', ev.label,
      h('span', { class: 'muted' }, ` · ${ev.plover}${ev.mode ? ` · ${ev.mode}` : ''}`)),
    h('p', { class: 'muted' }, ev.date || 'undated', ev.date_basis ? ` (${ev.date_basis})` : '',
      ev.historical ? ' · background' : '', ' · ',
      plural(ev.num_articles, 'article'), ', ', plural(ev.num_sources, 'source'), copiesNote(ev)),
    conflicts.length ? h('div', { class: 'warnbox' }, h('strong', null, '⚠ Reports give different dates'),
      h('ul', null, conflicts.map((c) => h('li', null, c.date, ` (${c.basis}): `,
        c.docs.map((d, i) => [i ? ', ' : '', h('a', { href: articleHref(d) }, outletOf(state, d))]))))) : null,
    h('h3', null, `Sources (${reports.length})`),
    h('ol', { class: 'reports' }, reports.map((rep) => reportItem(state, rep))),
  );
  p.hidden = false;
  document.body.classList.add('detail-open');

  // Mark the sentences in the side-by-side columns.
  const byDoc = new Map();
  for (const rep of reports) {
    if (!byDoc.has(rep.doc)) byDoc.set(rep.doc, []);
    byDoc.get(rep.doc).push(rep.sentence_span);
  }
  for (const doc of state.cols.keys()) focusColumn(state, doc, byDoc.get(doc) || []);
}

function outletOf(state, doc) {
  const a = state.outlets.get(doc);
  return (a && a.outlet) || shortDoc(doc);
}

function reportItem(state, rep) {
  const quote = h('blockquote', { class: 'sentence' }, h('span', { class: 'muted' }, '…'));
  const li = h('li', { class: 'report' },
    h('div', { class: 'report-meta' },
      h('strong', null, rep.outlet || outletOf(state, rep.doc)),
      h('span', null, rep.dateline ? ` · ${dateOf(rep.dateline)}` : ' · no dateline'),
      h('span', null, ' · CAMEO ', h('span', { class: 'cameo' }, rep.cameo)),
      h('span', null, ` · ${rep.date || 'undated'}${rep.date_basis ? ` (${rep.date_basis})` : ''}`),
      rep.late ? h('span', { class: 'badge warn', title: 'a relative date in a late report: not used for the event date' }, 'late') : null),
    quote,
    h('div', { class: 'report-links small' },
      h('a', { href: articleHref(rep.doc, rep.sentence_span) }, 'open the article'), ' · ',
      h('button', { type: 'button', class: 'linklike', onclick: () => scrollToColumn(state, rep.doc) }, 'show beside the others')));
  const loaded = fetchArticle(rep.doc, state);
  const fill = (res) => {
    clear(quote);
    if (!res || !res.bt.valid(rep.sentence_span)) {
      quote.append(rep.trigger ? rep.trigger.surface : '(sentence unavailable)');
      return;
    }
    const { bt } = res;
    const s = rep.sentence_span;
    const t = rep.trigger && rep.trigger.span;
    if (t && t.start >= s.start && t.end <= s.end && t.start < t.end) {
      quote.append(bt.slice(s.start, t.start), h('mark', { class: 'trigger' }, bt.slice(t.start, t.end)), bt.slice(t.end, s.end));
    } else {
      quote.append(bt.slice(s.start, s.end));
    }
  };
  loaded.then(fill, () => fill(null));
  return li;
}

// ---------------------------------------------------------------- articles side by side

/** The article (text and annotations), fetched once per page. */
function fetchArticle(doc, state) {
  if (!state.articles.has(doc)) {
    const p = api(`/api/articles/${enc(doc)}`, { signal: state.signal }).then((article) => ({ article, bt: new ByteText(article.text || '') }));
    p.catch(() => {});
    state.articles.set(doc, p);
  }
  return state.articles.get(doc);
}

function loadArticle(doc, state) {
  const body = state.cols.get(doc);
  return fetchArticle(doc, state).then((res) => {
    if (body) clear(body).append(renderArticleText(res.article, res.bt, body.focusSpans || []));
    nameUntitled(doc, res.article);
  }, (e) => {
    if (e.name === 'AbortError') return;
    if (body) clear(body).append(errorBox(e, 'this article'));
  });
}

const COLUMNS = 12; // article columns drawn at first; more on demand

function articleColumns(docs, state) {
  const wrap = h('div', { class: 'columns' });
  const more = h('p', { class: 'more' });
  let shown = 0;
  const add = (n) => {
    const next = docs.slice(shown, shown + n);
    shown += next.length;
    for (const a of next) wrap.append(articleColumn(a, state));
    clear(more);
    if (shown < docs.length) {
      more.append(`Showing ${fmtNumber(shown)} of ${fmtNumber(docs.length)} articles. `,
        h('button', { type: 'button', onclick: () => state.showColumns() }, `Show ${fmtNumber(Math.min(COLUMNS, docs.length - shown))} more`));
    }
    return next;
  };
  state.showColumns = () => add(COLUMNS).map((a) => loadArticle(a.doc, state));
  state.firstColumns = add(COLUMNS);
  return h('div', null, wrap, more);
}

function articleColumn(a, state) {
  const body = h('div', { class: 'col-text' }, loading('Loading the article…'));
  state.cols.set(a.doc, body);
  return h('article', { class: 'column', dataset: { doc: a.doc } },
    h('header', null,
      h('div', { class: 'col-outlet' }, a.outlet || 'Unknown outlet', h('span', { class: 'muted' }, ` · ${dateOf(a.dateline) || 'no dateline'}`)),
      h('a', { class: 'col-title', href: articleHref(a.doc), dataset: a.title ? null : { nameOf: a.doc } }, articleName(a)),
      a.near_duplicates && a.near_duplicates.length
        ? h('div', null, h('span', { class: 'badge dup', title: a.near_duplicates.join(', ') }, 'near-duplicate of ', a.near_duplicates.map(shortDoc).join(', ')))
        : null),
    body);
}

async function focusColumn(state, doc, spans) {
  const body = state.cols.get(doc);
  if (!body) return;
  body.focusSpans = spans;
  let res;
  try { res = await fetchArticle(doc, state); } catch { return; }
  if (body.focusSpans !== spans) return; // another event was chosen meanwhile
  clear(body).append(renderArticleText(res.article, res.bt, spans));
  const col = body.closest('.column');
  if (col) col.classList.toggle('has-focus', spans.length > 0);
  const f = body.querySelector('.focus');
  if (f) body.scrollTop = Math.max(0, f.offsetTop - body.offsetTop - 48);
}

function scrollToColumn(state, doc) {
  const body = state.cols.get(doc);
  if (!body) {
    location.hash = articleHref(doc);
    return;
  }
  const col = body.closest('.column');
  col.scrollIntoView({ behavior: 'smooth', block: 'start', inline: 'nearest' });
}

// ---------------------------------------------------------------- claims

function figureText(f) {
  const hedge = HEDGES[f.figure.hedge] ?? f.figure.hedge;
  return [hedge ? h('span', { class: 'hedge', title: `hedge: ${humanize(f.figure.hedge)}` }, hedge) : null, hedge ? ' ' : '', f.figure.surface];
}

function claimsView(series, state) {
  if (!series.length) return h('p', { class: 'empty' }, 'No figures claimed.');
  return h('div', { class: 'claims' }, series.map((s) => {
    const anyConflict = s.points.some((p) => p.conflict);
    return h('div', { class: `series${anyConflict ? ' has-conflict' : ''}` },
      h('h3', null, cap(s.kind),
        s.side ? h('span', { class: 'tag', title: 'side counted' }, `side ${s.side}`) : null,
        s.place ? h('span', { class: 'tag', title: 'place' }, `in ${s.place}`) : null,
        anyConflict ? h('span', { class: 'badge warn' }, '⚠ figures conflict') : null),
      tableWrap(h('table', { class: 'data points' },
        h('thead', null, h('tr', null, h('th', null, 'As of'), h('th', null, 'Figures, who says so'), h('th', { class: 'num', title: 'the conservative figure of the date' }, 'Conservative'))),
        h('tbody', null, s.points.map((p) => h('tr', { class: p.conflict ? 'conflict' : '' },
          h('td', { class: 'nowrap' }, p.as_of || 'undated', p.conflict ? h('div', null, h('span', { class: 'badge warn', title: 'figures of this date cannot all be true' }, '⚠ conflict')) : null),
          h('td', null, h('ul', { class: 'figures' }, p.figures.map((f) => h('li', null,
            h('a', { href: articleHref(f.doc, f.figure.span), class: 'figure' }, figureText(f)),
            h('span', { class: 'muted' }, ' — ', f.attribution ? ['according to ', h('em', null, f.attribution.surface)] : 'the outlet\'s own figure',
              ' · ', f.outlet || outletOf(state, f.doc),
              f.place ? ` · in ${f.place.surface}` : ''))))),
          h('td', { class: 'num strong' }, fmtNumber(p.conservative)))))),
      ));
  }));
}

// ---------------------------------------------------------------- framing

function framingView(rows, docs) {
  if (!rows.length) return h('p', { class: 'empty' }, 'No framing terms found.');
  // Columns: every outlet of any row (unknown outlets: one column per article).
  const colKey = (o) => (o.outlet ? `o:${o.outlet}` : `d:${o.docs[0]}`);
  const cols = new Map();
  for (const r of rows) for (const o of r.outlets) if (!cols.has(colKey(o))) cols.set(colKey(o), o);
  const keys = [...cols.keys()].sort((a, b) => (a[0] === 'd') - (b[0] === 'd') || a.localeCompare(b));
  const titleOf = (k) => {
    const o = cols.get(k);
    if (o.outlet) return o.outlet;
    const a = docs.find((d) => d.doc === o.docs[0]);
    return `Unknown outlet (${a && a.title ? clip(a.title, 40) : shortDoc(o.docs[0])})`;
  };
  const term = (t, quoted) => h('li', { class: t.loaded ? 'term loaded' : 'term', title: t.loaded ? `loaded term${t.lean ? `, leans ${t.lean}` : ''}` : 'neutral term' },
    t.loaded ? h('span', { class: 'badge loaded-badge' }, 'loaded') : null, t.loaded ? ' ' : '',
    h('span', { class: 'term-text' }, t.term), t.count > 1 ? h('span', { class: 'count' }, ` ×${t.count}`) : null,
    t.lean ? h('span', { class: 'muted small' }, ` (${humanize(t.lean)})`) : null,
    quoted ? h('span', { class: 'muted small' }, ' — ', t.speaker || 'unattributed quote') : null);
  return h('div', null,
    h('p', { class: 'muted small' }, 'How each outlet names what the story is about: own words first, then the words it quotes. ',
      h('span', { class: 'term loaded' }, h('span', { class: 'badge loaded-badge' }, 'loaded')), ' marks a loaded term.'),
    tableWrap(h('table', { class: 'data framing' },
      h('thead', null, h('tr', null, h('th', null, 'Referent'), keys.map((k) => h('th', null, titleOf(k))))),
      h('tbody', null, rows.map((r) => {
        const by = new Map(r.outlets.map((o) => [colKey(o), o]));
        return h('tr', { class: r.differs ? 'differs' : '' },
          h('th', { scope: 'row' }, cap(r.referent), r.differs ? h('div', null, h('span', { class: 'badge warn' }, 'outlets differ')) : null),
          keys.map((k) => {
            const o = by.get(k);
            if (!o) return h('td', { class: 'muted' }, '—');
            return h('td', null,
              o.own.length ? h('ul', { class: 'terms' }, o.own.map((t) => term(t, false))) : null,
              o.quoted.length ? h('div', { class: 'quoted' }, h('div', { class: 'muted small' }, 'quoted:'),
                h('ul', { class: 'terms' }, o.quoted.map((t) => term(t, true)))) : null);
          }));
      })))));
}
