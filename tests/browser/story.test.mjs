// Browser test of sitrep's web page. Plain Node, no test runner:
//   SITREP_URL=http://127.0.0.1:8099 SCREENSHOTS=target/screenshots node story.test.mjs
// Needs a running `sitrep serve` with at least one story (e.g. the demo
// database) and a Chromium at $CHROMIUM (default /usr/bin/chromium).
// Exits 0 when every check passes, 1 with the failures listed otherwise.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

const BASE = (process.env.SITREP_URL || 'http://127.0.0.1:8099').replace(/\/+$/, '');
const SHOTS = process.env.SCREENSHOTS || 'target/screenshots';
const TIMEOUT = Number(process.env.TIMEOUT_MS || 30000);

const failures = [];
const problems = []; // console errors and page errors, with the page they came from
let step = 'start';

function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
  return ok;
}

async function main() {
  await mkdir(SHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`[${step}] console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`[${step}] page error: ${err.message}`));
    page.on('requestfailed', (req) => problems.push(`[${step}] request failed: ${req.url()} (${req.failure()?.errorText})`));

    // 1. The story list.
    step = 'story list';
    await page.goto(`${BASE}/#/`);
    await page.waitForSelector('#app[data-ready="stories"], #app .error');
    const rows = await page.$$eval('tr.story-row', (trs) => trs.map((tr) => ({
      href: tr.querySelector('a').getAttribute('href'),
      events: Number(tr.cells[4].textContent.replace(/[^0-9]/g, '')),
      title: tr.querySelector('a').textContent,
    })));
    if (!check(rows.length >= 1, `story list shows at least one story (${rows.length})`)) {
      const err = await page.$eval('#app', (el) => el.textContent.trim().slice(0, 300));
      throw new Error(`no stories listed; the page says: ${err}`);
    }
    await page.screenshot({ path: path.join(SHOTS, 'stories-1280x800.png'), fullPage: true });

    // 2. The story with the most events (the list shows the first page).
    const story = rows.reduce((a, b) => (b.events > a.events ? b : a));
    console.log(`     opening ${story.href} "${story.title}" (${story.events} events)`);
    step = 'story';
    const t0 = Date.now();
    await page.goto(`${BASE}/${story.href}`);
    await page.waitForSelector('#app[data-ready="story"]');
    const loadMs = Date.now() - t0;
    const appMs = await page.$eval('#app', (el) => Number(el.dataset.loadMs));
    console.log(`     story page loaded in ${loadMs} ms (navigation to everything drawn; the page's own measure: ${appMs} ms)`);

    const items = await page.$$eval('.vis-timeline .vis-item.vis-box.event-item', (els) => els.length);
    check(items >= 1, `timeline has event items (${items})`);
    const graph = await page.evaluate(() => {
      const cy = window.sitrepGraph;
      if (!cy) return null;
      return { nodes: cy.nodes().length, edges: cy.edges().length, canvas: !!document.querySelector('.graph canvas') };
    });
    check(graph && graph.nodes > 1, `actor network has nodes (${graph ? graph.nodes : 'no window.sitrepGraph'})`);
    check(graph && graph.edges >= 1, `actor network has edges (${graph ? graph.edges : '-'})`);
    check(graph && graph.canvas, 'actor network canvas exists');
    const actors = await page.$$eval('#articles .hl-actor', (els) => els.length);
    const evts = await page.$$eval('#articles .hl-event', (els) => els.length);
    check(actors >= 1, `articles show actor highlights (${actors})`);
    check(evts >= 1, `articles show event highlights (${evts})`);
    const headline = await page.$eval('h1', (el) => el.textContent.trim());
    check(headline.length > 0, `story has a headline ("${headline.slice(0, 60)}")`);

    // 3. Clicking the first event row lists its sources.
    const firstRow = await page.$('tr.event-row');
    if (check(!!firstRow, 'events table has rows')) {
      await firstRow.click();
      await page.waitForSelector('#event-detail:not([hidden])');
      const reports = await page.$$eval('#event-detail li.report', (els) => els.length);
      check(reports >= 1, `event detail lists its sources (${reports})`);
      await page.waitForFunction(() => [...document.querySelectorAll('#event-detail blockquote.sentence')]
        .every((q) => !q.querySelector('.muted')));
      const quote = await page.$eval('#event-detail blockquote.sentence', (el) => el.textContent.trim());
      check(quote.length > 0, `event detail quotes the sentence ("${quote.slice(0, 60)}…")`);
      const focused = await page.$$eval('#articles .focus', (els) => els.length);
      check(focused >= 1, `the sentence is marked in the side-by-side columns (${focused})`);
    }
    await page.screenshot({ path: path.join(SHOTS, 'story-1280x800.png') });
    await page.screenshot({ path: path.join(SHOTS, 'story-1280x800-full.png'), fullPage: true });
    await page.keyboard.press('Escape');

    // 4. A narrow window: columns stack.
    step = 'story narrow';
    await page.setViewportSize({ width: 420, height: 800 });
    await page.waitForTimeout(300);
    const stacked = await page.$$eval('#articles .column', (cols) => cols.length < 2 || cols[1].getBoundingClientRect().top > cols[0].getBoundingClientRect().top);
    check(stacked, 'at 420 px the article columns stack');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 1, `at 420 px the page does not scroll sideways (${overflow} px too wide)`);
    await page.screenshot({ path: path.join(SHOTS, 'story-420x800.png') });
    await page.screenshot({ path: path.join(SHOTS, 'story-420x800-full.png'), fullPage: true });

    // 5. Byte spans: UTF-8 byte offsets become the right characters, and
    //    overlapping annotations nest without losing text.
    step = 'byte spans';
    const spans = await page.evaluate(async () => {
      const { ByteText, renderRanges } = await import('/assets/js/text.js');
      const text = 'Erdoğan → Zelenskyy 😀 met Putin.';
      const bt = new ByteText(text);
      const bytes = new TextEncoder().encode(text);
      const span = (word) => {
        const start = new TextEncoder().encode(text.slice(0, text.indexOf(word))).length;
        return { start, end: start + new TextEncoder().encode(word).length };
      };
      const z = span('Zelenskyy 😀 met');
      const m = span('met Putin');
      const div = document.createElement('div');
      div.append(renderRanges(bt, [{ ...z, cls: 'a' }, { ...m, cls: 'b' }, { start: 0, end: 999, cls: 'bad' }]));
      return {
        total: bt.bytes === bytes.length,
        slice: bt.slice(z.start, z.end),
        text: div.textContent === text,
        a: [...div.querySelectorAll('.a')].map((e) => e.textContent).join(''),
        b: [...div.querySelectorAll('.b')].map((e) => e.textContent).join(''),
      };
    });
    check(spans.total && spans.slice === 'Zelenskyy 😀 met' && spans.text && spans.a === 'Zelenskyy 😀 met' && spans.b === 'met Putin',
      `UTF-8 byte spans map to the right text and overlapping spans split cleanly (${JSON.stringify(spans)})`);

    // 6. An API error shows a message, not a blank page.
    step = 'missing story';
    await page.setViewportSize({ width: 1280, height: 800 });
    const before = problems.length;
    await page.goto(`${BASE}/#/story/no-such-story`);
    await page.waitForSelector('#app .error');
    check(true, 'a missing story shows an error message');
    problems.length = before; // the 404 it provokes is expected

    check(problems.length === 0, `no console or page errors${problems.length ? `:\n       ${problems.join('\n       ')}` : ''}`);
    console.log(`     screenshots in ${SHOTS}`);
    console.log(`STORY_LOAD_MS=${loadMs}`);
  } finally {
    await browser.close();
  }
}

main().then(() => {
  if (failures.length) {
    console.error(`\nbrowser test FAILED (${failures.length}):\n - ${failures.join('\n - ')}`);
    process.exit(1);
  }
  console.log('\nbrowser test passed');
}, (err) => {
  console.error(`\nbrowser test FAILED at step "${step}": ${err.message}`);
  if (failures.length) console.error(` - ${failures.join('\n - ')}`);
  process.exit(1);
});
