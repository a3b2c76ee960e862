// sitrep's web page: hash routes, one view each.
//   #/                      stories, search, actor quick search
//   #/story/<id>            the situation report of a story
//   #/actor/<actor id>      an actor's events and counterparts
//   #/article/<doc>?span=   one article with highlights
//   #/search?q=             full-text search

import { clear, errorBox, h } from './dom.js';
import { mapReportLink } from './text.js';
import { storiesView, actorView, articleView, searchView } from './views.js';
import { storyView } from './story.js';
import { loadVendor } from './viz.js';

const main = document.getElementById('app');
let current = null; // AbortController of the view on screen

const routes = [
  [/^\/?$/, storiesView],
  [/^\/story\/([^/]+)$/, storyView],
  [/^\/actor\/([^/]+)$/, actorView],
  [/^\/article\/([^/]+)$/, articleView],
  [/^\/search$/, searchView],
];

export function parseHash(hash) {
  const raw = hash.replace(/^#/, '') || '/';
  const qi = raw.indexOf('?');
  const path = qi < 0 ? raw : raw.slice(0, qi);
  const params = new URLSearchParams(qi < 0 ? '' : raw.slice(qi + 1));
  return { path, params };
}

async function route() {
  if (current) current.abort();
  const ctl = new AbortController();
  current = ctl;
  const { path, params } = parseHash(location.hash);
  document.body.dataset.view = '';
  main.removeAttribute('data-ready');
  clear(main);
  for (const [re, view] of routes) {
    const m = re.exec(path);
    if (!m) continue;
    const args = m.slice(1).map((s) => {
      try { return decodeURIComponent(s); } catch { return s; }
    });
    try {
      await view(main, { args, params, signal: ctl.signal });
    } catch (e) {
      if (e.name === 'AbortError' || ctl.signal.aborted) return;
      console.warn('view failed', e);
      clear(main).append(errorBox(e));
    }
    return;
  }
  document.title = 'Not found — sitrep';
  main.append(h('div', { class: 'error', role: 'alert' }, 'No such page: ', path, ' — ', h('a', { href: '#/' }, 'back to the stories')));
}

// Links the data gives as sitrep://doc/<id>#<start>-<end> open the article view.
document.addEventListener('click', (ev) => {
  const a = ev.target.closest && ev.target.closest('a[href^="sitrep:"]');
  if (!a) return;
  const to = mapReportLink(a.getAttribute('href'));
  if (to) {
    ev.preventDefault();
    location.hash = to;
  }
});

document.getElementById('top-search').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const q = new FormData(ev.target).get('q').trim();
  if (q) location.hash = `#/search?q=${encodeURIComponent(q)}`;
});

window.addEventListener('hashchange', route);
route().then(() => {
  // The story pages' libraries load while the reader looks at the list, so
  // opening a story does not wait for them.
  const idle = window.requestIdleCallback || ((f) => setTimeout(f, 200));
  idle(() => loadVendor().catch(() => {}));
});
