// The event timeline (vis-timeline) and the actor network (cytoscape). Both
// libraries are large, so they load only when a story is shown.

import { escapeHtml, h } from './dom.js';

const loaded = new Map();

function loadScript(src) {
  if (!loaded.has(src)) {
    loaded.set(src, new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = src;
      s.async = true;
      s.onload = resolve;
      s.onerror = () => {
        loaded.delete(src);
        reject(new Error(`could not load ${src}`));
      };
      document.head.appendChild(s);
    }));
  }
  return loaded.get(src);
}

export function loadVendor() {
  return Promise.all([
    loadScript('/assets/vendor/vis-timeline/vis-timeline-graph2d.min.js'),
    loadScript('/assets/vendor/cytoscape/cytoscape.min.js'),
  ]);
}

const DAY = 86400000;

/** One item per dated fused event. Calls onSelect(key) when an item is clicked. */
export function renderTimeline(box, events, onSelect) {
  const dated = events.filter((e) => e.ev.date);
  if (!dated.length) {
    box.append(h('p', { class: 'empty' }, 'No dated events.'));
    return null;
  }
  const hasBackground = dated.some((e) => e.ev.historical);
  const items = dated.map(({ key, ev }) => ({
    id: key,
    start: ev.date,
    type: 'box',
    group: hasBackground ? (ev.historical ? 'background' : 'story') : undefined,
    className: `event-item${ev.historical ? ' historical' : ''}${ev.date_conflicts ? ' conflict' : ''}`,
    // Content as an element: the library never sees API text as HTML.
    content: h('span', { class: 'ti' },
      h('span', { class: 'ti-who' }, `${ev.source.name} ${ev.mutual ? '↔' : '→'} ${ev.target.name}`),
      h('span', { class: 'ti-what' }, ev.label)),
    title: escapeHtml(`${ev.date}: ${ev.source.name} ${ev.mutual ? '↔' : '→'} ${ev.target.name} — ${ev.label} (${ev.num_articles} article(s))`),
  }));
  // Open on the story's own events; background stays reachable by panning.
  const focus = dated.filter((e) => !e.ev.historical);
  const times = (focus.length ? focus : dated).map((e) => Date.parse(`${e.ev.date}T00:00:00`));
  const lo = Math.min(...times);
  const hi = Math.max(...times);
  const pad = Math.max(2 * DAY, (hi - lo) * 0.15);
  const controls = h('div', { class: 'viz-controls' });
  const holder = h('div', { class: 'timeline' });
  box.append(controls, holder);
  const opts = {
    start: new Date(lo - pad),
    end: new Date(hi + pad + DAY),
    stack: true,
    orientation: { axis: 'top', item: 'top' },
    margin: { item: { horizontal: 4, vertical: 6 } },
    maxHeight: 440,
    zoomMin: DAY * 2,
    zoomKey: 'ctrlKey',
    showCurrentTime: false,
    selectable: true,
    tooltip: { followMouse: false, overflowMethod: 'cap' },
  };
  const vis = window.vis;
  const tl = hasBackground
    ? new vis.Timeline(holder, new vis.DataSet(items), new vis.DataSet([
      { id: 'story', content: 'story', order: 1 },
      { id: 'background', content: 'background', order: 2 },
    ]), opts)
    : new vis.Timeline(holder, new vis.DataSet(items), opts);
  tl.on('select', (p) => {
    if (p.items && p.items.length) onSelect(String(p.items[0]));
  });
  controls.append(
    h('button', { type: 'button', onclick: () => tl.zoomIn(0.5) }, 'Zoom in'),
    h('button', { type: 'button', onclick: () => tl.zoomOut(0.5) }, 'Zoom out'),
    h('button', { type: 'button', onclick: () => tl.fit() }, 'All events'),
    h('button', { type: 'button', onclick: () => tl.setWindow(new Date(lo - pad), new Date(hi + pad + DAY)) }, 'Story events'));
  window.sitrepTimeline = tl;
  return tl;
}

/** Nodes are actors, edges fused events (source → target, labelled). */
export function renderGraph(box, events, { onEdge, onActor }) {
  if (!events.length) {
    box.append(h('p', { class: 'empty' }, 'No events, no network.'));
    return null;
  }
  const nodes = new Map();
  const edges = [];
  const node = (a) => {
    if (!nodes.has(a.actor)) nodes.set(a.actor, { id: a.actor, name: a.name, degree: 0 });
    return nodes.get(a.actor);
  };
  for (const { key, ev } of events) {
    node(ev.source).degree++;
    node(ev.target).degree++;
    edges.push({ data: { id: key, source: ev.source.actor, target: ev.target.actor, label: ev.label,
      reports: ev.num_articles || 1, mutual: !!ev.mutual, historical: !!ev.historical } });
  }
  const maxDeg = Math.max(2, ...[...nodes.values()].map((n) => n.degree));
  const maxRep = Math.max(2, ...edges.map((e) => e.data.reports));
  const top = [...nodes.values()].sort((a, b) => b.degree - a.degree)[0];
  const controls = h('div', { class: 'viz-controls' });
  const holder = h('div', { class: 'graph', role: 'img', 'aria-label': `Actor network: ${nodes.size} actors, ${edges.length} events` });
  box.append(controls, holder);
  const cy = window.cytoscape({
    container: holder,
    elements: {
      nodes: [...nodes.values()].map((n) => ({ data: n, classes: n.id === top.id ? 'central' : '' })),
      edges,
    },
    userZoomingEnabled: false, // the page scrolls with the wheel; zoom with the buttons
    boxSelectionEnabled: false,
    minZoom: 0.2,
    maxZoom: 3,
    style: [
      { selector: 'node', style: {
        'background-color': '#5b7fa6',
        'border-color': '#fff',
        'border-width': 2,
        width: `mapData(degree, 1, ${maxDeg}, 22, 70)`,
        height: `mapData(degree, 1, ${maxDeg}, 22, 70)`,
        label: 'data(name)',
        'font-size': 15,
        'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        color: '#1d2733',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': 120,
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': 2,
      } },
      { selector: 'node.central', style: { 'background-color': '#c2410c', 'font-weight': 'bold', 'font-size': 18 } },
      { selector: 'edge', style: {
        'curve-style': 'bezier',
        width: `mapData(reports, 1, ${maxRep}, 1.5, 5)`,
        'line-color': '#9aa9b8',
        'target-arrow-color': '#9aa9b8',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.9,
        label: 'data(label)',
        'font-size': 11,
        color: '#45515e',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.8,
        'text-background-padding': 1,
        'min-zoomed-font-size': 7,
      } },
      { selector: 'edge[?mutual]', style: { 'target-arrow-shape': 'none' } },
      { selector: 'edge[?historical]', style: { 'line-style': 'dashed', 'line-color': '#c3c9d0', color: '#8a949e' } },
      { selector: 'edge:selected', style: { 'line-color': '#d97706', 'target-arrow-color': '#d97706', width: 5, color: '#92400e', 'z-index': 10 } },
      { selector: 'node:selected', style: { 'border-color': '#d97706', 'border-width': 4 } },
      { selector: '.faded', style: { opacity: 0.2 } },
    ],
    layout: {
      name: 'cose',
      animate: false,
      randomize: false,
      nodeDimensionsIncludeLabels: true,
      idealEdgeLength: () => 90,
      nodeRepulsion: () => 60000,
      edgeElasticity: () => 80,
      gravity: 0.4,
      numIter: 1500,
      padding: 16,
    },
  });
  cy.on('tap', 'edge', (e) => onEdge(e.target.id()));
  cy.on('tap', 'node', (e) => {
    const n = e.target;
    cy.elements().addClass('faded');
    n.closedNeighborhood().removeClass('faded');
  });
  cy.on('tap', (e) => { if (e.target === cy) cy.elements().removeClass('faded'); });
  cy.on('dbltap', 'node', (e) => onActor(e.target.id()));
  controls.append(
    h('button', { type: 'button', onclick: () => cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }) }, 'Zoom in'),
    h('button', { type: 'button', onclick: () => cy.zoom({ level: cy.zoom() / 1.25, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }) }, 'Zoom out'),
    h('button', { type: 'button', onclick: () => { cy.elements().removeClass('faded'); cy.fit(undefined, 24); } }, 'Fit'),
    h('span', { class: 'muted small' }, `${nodes.size} actors · ${edges.length} events · most connected: `, h('strong', null, top.name)));
  return cy;
}
