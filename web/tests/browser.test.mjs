// Browser tests of rasd's web page: Playwright (playwright-core) driving Debian's Chromium
// headless against a real `rasd serve` over a temporary index of the demo corpus (demo/*.jsonl),
// the seed article when ../shared/seed/ has it, and hostile fixtures (script tags, onerror
// attributes, javascript: URLs, right-to-left/left-to-right mixes).
//
// Run by CTest through run_browser_tests.sh (which fails, never skips, when Chromium or
// node_modules are missing). Environment: RASD_BIN (the rasd binary), RASD_SOURCE_DIR,
// RASD_SCREENSHOT_DIR (where screenshots go), RASD_CHROMIUM (default /usr/bin/chromium).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const SRC = process.env.RASD_SOURCE_DIR || path.resolve(here, '../..');
const RASD = process.env.RASD_BIN;
const CHROMIUM = process.env.RASD_CHROMIUM || '/usr/bin/chromium';
const SHOTS = process.env.RASD_SCREENSHOT_DIR || path.join(SRC, 'build', 'web-screenshots');
const TOKEN = 'browser-test-token';
// The flags the machine notes require: no sandbox as root, and no background connections
// (the network is closed; Chromium would otherwise keep trying).
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--lang=ar'];

let server;
let serverExit;
let serverLog = '';
let base;
let browser;
let tmp;
let seedIngested = false;

function startServer(indexDir) {
  return new Promise((resolve, reject) => {
    const proc = spawn(RASD, ['serve', '--index', indexDir, '--port', '0', '--web', path.join(SRC, 'web'),
      '--threads', '8'], { env: { ...process.env, RASD_WRITE_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`rasd serve did not start: ${out}${serverLog}`)), 30000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1] });
      }
    });
    proc.stderr.on('data', (d) => { serverLog += d; });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`rasd serve exited (${code}) before listening:\n${serverLog}`));
    });
  });
}

function exitOf(proc) {
  return new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
}

// The seed article (a .txt file: first non-empty line is the title) as a JSON line.
function seedLines() {
  const dir = path.join(SRC, '..', 'shared', 'seed');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => {
    const text = readFileSync(path.join(dir, f), 'utf8');
    const lines = text.split('\n');
    const i = lines.findIndex((l) => l.trim() !== '');
    return JSON.stringify({ id: `seed-${f.replace(/\.txt$/, '')}`, title: lines[i].trim(),
      body: lines.slice(i + 1).join('\n').trim(), source: 'المقال البذرة', date: '2022-11-28' });
  });
}

async function postArticles(body) {
  const res = await fetch(`${base}/api/articles`, {
    method: 'POST', body,
    headers: { 'Content-Type': 'application/x-ndjson', Authorization: `Bearer ${TOKEN}` },
  });
  const json = await res.json();
  assert.equal(res.status, 200, JSON.stringify(json));
  return json;
}

async function apiGet(pathAndQuery) {
  const res = await fetch(`${base}${pathAndQuery}`);
  assert.equal(res.status, 200, `${pathAndQuery}: ${res.status}`);
  return res.json();
}

// A page that fails the test on any dialog, page error or console error.
async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ar', ...options });
  const page = await context.newPage();
  page.problems = [];
  page.on('dialog', async (d) => { page.problems.push(`dialog: ${d.message()}`); await d.dismiss(); });
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  return page;
}

async function closePage(page) {
  const problems = page.problems;
  await page.context().close();
  assert.deepEqual(problems, [], 'the page raised dialogs or errors');
}

async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, name), fullPage: false });
}

// The results of the page's current address: #main is aria-busy while a search is in flight,
// with the previous results still shown.
async function waitForResults(page) {
  await page.waitForSelector('#main:not([aria-busy]) #search-view:not([hidden]) #results li.hit',
    { timeout: 10000 });
}

before(async () => {
  assert.ok(RASD && existsSync(RASD), `RASD_BIN must name the rasd binary (got ${RASD})`);
  assert.ok(existsSync(CHROMIUM), `Chromium is missing at ${CHROMIUM}: run tools/install_deps.sh`);
  tmp = mkdtempSync(path.join(tmpdir(), 'rasd-browser-'));
  const started = await startServer(path.join(tmp, 'index'));
  server = started.proc;
  base = started.url;
  serverExit = exitOf(server);
  const demo = readdirSync(path.join(SRC, 'demo')).filter((f) => f.endsWith('.jsonl')).sort()
    .map((f) => readFileSync(path.join(SRC, 'demo', f), 'utf8')).join('\n');
  const hostile = readFileSync(path.join(here, 'fixtures', 'hostile.jsonl'), 'utf8');
  const seed = seedLines();
  seedIngested = seed.length > 0;
  const answer = await postArticles(`${demo}\n${hostile}\n${seed.join('\n')}\n`);
  assert.equal(answer.failed, 0, JSON.stringify(answer.errors));
  assert.ok(answer.added >= 178 + 3, `added ${answer.added}`);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  if (browser) await browser.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    const { code } = await serverExit;
    assert.equal(code, 0, `rasd serve exited with ${code} after SIGTERM:\n${serverLog.slice(-2000)}`);
    assert.match(serverLog, /"event":"shutdown","signal":"SIGTERM".*"committed":true/);
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('the page is Arabic, right to left, with its own Arabic font', async () => {
  const page = await newPage();
  const fonts = [];
  page.on('response', (r) => { if (r.url().includes('/fonts/')) fonts.push(r.status()); });
  await page.goto(`${base}/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  await page.waitForSelector('#home-view:not([hidden])');
  const loaded = await page.evaluate(async () => {
    await document.fonts.ready;
    await document.fonts.load('16px "Rasd Sans"', 'بحث');
    return document.fonts.check('16px "Rasd Sans"', 'بحث');
  });
  assert.ok(loaded, 'the Rasd Sans face did not load');
  assert.ok(fonts.length > 0 && fonts.every((s) => s === 200), `font responses: ${fonts}`);
  // Home view: index statistics with Western digits, stories and names.
  const stats = await page.textContent('#home-stats');
  assert.match(stats, /[0-9]/);
  assert.doesNotMatch(stats, /[٠-٩]/);
  await shot(page, 'home.png');
  await closePage(page);
});

test('typing searches instantly, highlights matches and updates the address', async () => {
  const page = await newPage();
  await page.goto(`${base}/`);
  await page.click('#q');
  await page.keyboard.type('المياه', { delay: 40 });  // no Enter: results come while typing
  await waitForResults(page);
  assert.ok(await page.locator('#results li.hit').count() > 0);
  assert.ok(await page.locator('#results mark').count() > 0, 'no highlighted match in the snippets');
  await page.waitForFunction(() => new URLSearchParams(window.location.search).get('q') === 'المياه');
  const summary = await page.textContent('#summary');
  assert.match(summary, /نتيج/);
  await shot(page, 'search.png');
  await closePage(page);
});

test('a name written another way is found (توكاييف finds توكايف)', async (t) => {
  // Decided when the test runs: the before() hook is what ingests the seed article.
  if (!seedIngested) {
    t.skip('no seed article in ../shared/seed: skipping the spelling-variant check');
    return;
  }
  const page = await newPage();
  await page.goto(`${base}/?q=${encodeURIComponent('توكايف')}`);
  await waitForResults(page);
  assert.ok(await page.locator('#results li.hit[data-id^="seed-"]').count() === 1, 'the seed article is not found by توكايف');
  await page.fill('#q', 'توكاييف');
  await page.waitForFunction(() => new URLSearchParams(window.location.search).get('q') === 'توكاييف');
  await page.waitForSelector('#results li.hit[data-id^="seed-"]', { timeout: 10000 });
  await closePage(page);
});

test('a ?q= address opens with its search', async () => {
  const page = await newPage();
  await page.goto(`${base}/?q=${encodeURIComponent('عمّان')}&sort=newest`);
  await waitForResults(page);
  assert.equal(await page.inputValue('#q'), 'عمّان');
  assert.equal(await page.inputValue('#sort'), 'newest');
  const dates = await page.$$eval('#results li.hit time', (els) => els.map((e) => e.getAttribute('datetime')));
  const sorted = [...dates].sort((a, b) => Date.parse(b) - Date.parse(a));
  assert.deepEqual(dates, sorted, 'newest first');
  await closePage(page);
});

test('facets narrow the results: an outlet, a date bar, a person', async () => {
  const page = await newPage();
  await page.goto(`${base}/?q=${encodeURIComponent('المياه')}`);
  await waitForResults(page);
  const totalBefore = (await apiGet(`/api/search?q=${encodeURIComponent('المياه')}&limit=1`)).total;
  const outlet = page.locator('#facet-source .facet-value').first();
  const outletName = await outlet.getAttribute('data-value');
  await outlet.click();
  await page.waitForFunction((name) => new URLSearchParams(window.location.search).getAll('source').includes(name), outletName);
  await waitForResults(page);
  const sources = await page.$$eval('#results li.hit .source', (els) => els.map((e) => e.textContent));
  assert.ok(sources.length > 0 && sources.every((s) => s === outletName), `sources: ${sources}`);
  assert.equal(await page.getAttribute('#facet-source .facet-value.active', 'aria-pressed'), 'true');
  assert.equal(await page.locator('#active-filters .chip.source').count(), 1);
  // Remove the outlet again with its chip, then pick a day from the chart.
  await page.click('#active-filters .chip.source');
  await page.waitForFunction(() => !new URLSearchParams(window.location.search).has('source'));
  await page.waitForSelector('#day-chart svg .bar[role="button"]');
  const bar = page.locator('#day-chart svg .bar[role="button"]').first();
  const day = await bar.getAttribute('data-from');
  const count = Number(await bar.getAttribute('data-count'));
  await bar.click();
  await page.waitForFunction((d) => new URLSearchParams(window.location.search).get('from') === d, day);
  await waitForResults(page);
  const narrowed = (await apiGet(`/api/search?q=${encodeURIComponent('المياه')}&limit=1&from=${day}&to=${day}`)).total;
  assert.ok(narrowed <= totalBefore);
  assert.ok(narrowed >= 1 && narrowed <= count + 0, `day ${day}: ${narrowed} results, bar said ${count}`);
  // A person facet, when extraction found people.
  const person = page.locator('#facet-person .facet-value').first();
  if (await person.count()) {
    const name = await person.getAttribute('data-value');
    await person.click();
    await page.waitForFunction((n) => new URLSearchParams(window.location.search).getAll('entity').includes(n), name);
    await waitForResults(page);
  }
  await closePage(page);
});

test('keyboard: arrows move through results, Enter opens, Escape goes back', async () => {
  const page = await newPage();
  await page.goto(`${base}/`);
  await page.waitForSelector('#home-view:not([hidden])');
  await page.evaluate(() => document.activeElement.blur());  // "/" focuses the box from anywhere
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await page.keyboard.type('المياه');
  await waitForResults(page);
  await page.keyboard.press('ArrowDown');
  const first = await page.evaluate(() => document.activeElement.dataset.id);
  assert.ok(first, 'ArrowDown from the search box focuses the first result');
  await page.keyboard.press('ArrowDown');
  const second = await page.evaluate(() => document.activeElement.dataset.id);
  assert.ok(second && second !== first, 'ArrowDown moves to the second result');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.id), first);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#article-view:not([hidden]) h1');
  assert.equal(new URL(page.url()).searchParams.get('article'), first);
  await page.keyboard.press('Escape');
  await waitForResults(page);
  assert.equal(new URL(page.url()).searchParams.get('q'), 'المياه');
  await closePage(page);
});

test('the article view marks entities and lists quotes', async () => {
  // An article of the demo corpus with the most entities and at least one quote.
  const page = await newPage();
  await page.goto(`${base}/?article=demo-a-001`);
  await page.waitForSelector('#article-view:not([hidden]) h1');
  const view = await apiGet('/api/articles/demo-a-001');
  assert.equal(await page.textContent('#article-view h1'), view.article.title);
  const marked = await page.locator('#article-view .body .entity-mention').count();
  const bodyMentions = view.entities.filter((m) => m.field === 'body').length;
  assert.ok(marked > 0 || bodyMentions === 0, 'entities found by extraction are marked in the text');
  assert.equal(await page.locator('#article-view .quote').count(), view.quotes.length);
  if (marked > 0) {
    // Each mark covers exactly the mention's text (byte ranges converted correctly).
    const first = view.entities.filter((m) => m.field === 'body').sort((a, b) => a.start - b.start)[0];
    assert.equal(await page.locator('#article-view .body .entity-mention').first().textContent(), first.text);
  }
  await shot(page, 'article.png');
  await closePage(page);
});

test('the story view lists the outlets in order with the first report marked', async () => {
  const { stories } = await apiGet('/api/stories?min_articles=2&limit=20');
  assert.ok(stories.length > 0, 'the demo corpus has stories carried by several outlets');
  const story = stories.reduce((a, b) => (b.members.length > a.members.length ? b : a));
  const page = await newPage();
  await page.goto(`${base}/?story=${encodeURIComponent(story.id)}`);
  await page.waitForSelector('#story-view:not([hidden]) .story-timeline');
  assert.equal(await page.locator('#story-view .member').count(), story.members.length);
  assert.equal(await page.locator('#story-view .member.first-report').count(), 1);
  assert.equal(await page.locator('#story-view .member').first().getAttribute('class'), 'member first-report');
  const times = await page.$$eval('#story-view .member time', (els) => els.map((e) => Date.parse(e.getAttribute('datetime'))));
  assert.deepEqual(times, [...times].sort((a, b) => a - b), 'oldest first');
  await shot(page, 'story.png');
  // Opening a member goes to its article; the article links back to the story.
  await page.locator('#story-view .member a.title').nth(1).click();
  await page.waitForSelector('#article-view:not([hidden]) .story-link');
  await closePage(page);
});

test('copies of one story are grouped under its best-ranked article', async () => {
  const { stories } = await apiGet('/api/stories?min_articles=3&limit=20');
  assert.ok(stories.length > 0, 'the demo corpus has stories carried by three or more outlets');
  const story = stories.reduce((a, b) => (b.members.length > a.members.length ? b : a));
  const first = await apiGet(`/api/articles/${encodeURIComponent(story.members[0].id)}`);
  const q = first.article ? first.article.title : first.title;
  const answer = await apiGet(`/api/search?q=${encodeURIComponent(q)}&limit=10`);
  const inStory = answer.results.filter((r) => r.story && r.story.id === story.id);
  assert.ok(inStory.length >= 2, `the search for «${q}» returns several articles of the story`);
  const page = await newPage();
  await page.goto(`${base}/?q=${encodeURIComponent(q)}`);
  await waitForResults(page);
  // Each story appears once at the top level; its other articles are listed under it.
  const top = await page.$$eval('#results > li.hit', (els) => els.map((e) => e.querySelector('.story-link')?.dataset.story || null));
  const storyIds = top.filter(Boolean);
  assert.equal(new Set(storyIds).size, storyIds.length, 'a story is shown once');
  const copies = await page.locator('#results li.hit .copies li.copy').count();
  assert.equal(top.length + copies, answer.results.length, 'no result is lost by the grouping');
  const group = page.locator(`#results > li.hit:has(.story-link[data-story="${story.id}"])`);
  assert.equal(await group.locator('li.copy').count(), inStory.length - 1);
  await group.locator('.story-link').click();
  await page.waitForSelector('#story-view:not([hidden]) .story-timeline');
  assert.equal(await page.locator('#story-view .member').count(), story.members.length);
  await closePage(page);
});

test('the entity view shows variants, a timeline chart and quotes', async () => {
  const { entities } = await apiGet('/api/entities?type=person&limit=5');
  assert.ok(entities.length > 0, 'extraction found people in the demo corpus');
  const person = entities[0];
  const page = await newPage();
  await page.goto(`${base}/?entity=${encodeURIComponent(person.name)}`);
  await page.waitForSelector('#entity-view:not([hidden]) h1');
  assert.equal(await page.textContent('#entity-view h1'), person.name);
  assert.equal(await page.locator('#entity-view .variants li').count(), person.variants.length);
  assert.ok(await page.locator('#entity-view svg.timeline .bar-fill').count() > 0, 'timeline bars');
  const detail = await apiGet(`/api/entities/${encodeURIComponent(person.name)}`);
  assert.equal(await page.locator('#entity-view .quote').count(), detail.quotes.length);
  await shot(page, 'entity.png');
  // "All news that mention it" runs the search filtered by the entity.
  await page.click('#entity-view a.button');
  await waitForResults(page);
  assert.deepEqual(new URL(page.url()).searchParams.getAll('entity'), [person.name]);
  await closePage(page);
});

test('hostile article content shows as text: no script runs, no element is injected', async () => {
  const page = await newPage();
  await page.goto(`${base}/?q=${encodeURIComponent('اختبار الحقن')}`);
  await waitForResults(page);
  const ids = await page.$$eval('#results li.hit', (els) => els.map((e) => e.dataset.id));
  assert.ok(ids.includes('hostile-1') && ids.includes('hostile-3'), `hostile fixtures found: ${ids}`);
  const title = await page.textContent('#results li.hit[data-id="hostile-1"] a.title');
  assert.ok(title.includes('<script>window.__pwned=1</script>'), title);
  for (const id of ['hostile-1', 'hostile-2', 'hostile-3']) {
    await page.goto(`${base}/?article=${id}`);
    await page.waitForSelector('#article-view:not([hidden]) h1');
    const body = await page.textContent('#article-view .body');
    assert.ok(body.length > 0);
  }
  await page.goto(`${base}/?article=hostile-1`);
  await page.waitForSelector('#article-view:not([hidden]) h1');
  assert.ok((await page.textContent('#article-view .body')).includes('<img src=x onerror="window.__pwned=2">'));
  // The javascript: URL is shown as text, never as a link.
  assert.equal(await page.locator('#article-view a.original').count(), 0);
  assert.equal(await page.textContent('#article-view .url-text'), 'javascript:window.__pwned=3');
  await page.goto(`${base}/?article=hostile-3`);
  await page.waitForSelector('#article-view:not([hidden]) h1');
  const injected = await page.evaluate(() => ({
    pwned: window.__pwned,
    scripts: [...document.scripts].map((s) => s.src),
    imgs: document.querySelectorAll('main img, main iframe, main svg:not(.bar-chart), main b').length,
  }));
  assert.equal(injected.pwned, undefined);
  assert.deepEqual(injected.scripts, [`${base}/js/app.js`]);
  assert.equal(injected.imgs, 0);
  // Mixed Arabic/Latin text is isolated: the Latin title reads in its own direction.
  await page.goto(`${base}/?article=hostile-2`);
  await page.waitForSelector('#article-view:not([hidden]) h1');
  assert.equal(await page.getAttribute('#article-view h1', 'dir'), 'auto');
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('#article-view h1')).direction), 'rtl');
  await closePage(page);
});

test('usable at phone width', async () => {
  const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.goto(`${base}/?q=${encodeURIComponent('المياه')}`);
  await waitForResults(page);
  // With a mobile viewport, content wider than the device widens the layout viewport itself,
  // so compare with the device width, not innerWidth.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - 390);
  assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
  assert.equal(await page.evaluate(() => document.getElementById('facets-box').open), false);
  await shot(page, 'search-phone.png');
  await closePage(page);
});

test('the server keeps every ingested article across a graceful restart', async () => {
  const before = (await apiGet('/api/health')).articles;
  server.kill('SIGTERM');
  const { code } = await serverExit;
  assert.equal(code, 0, serverLog.slice(-2000));
  assert.match(serverLog, /"event":"shutdown","signal":"SIGTERM".*"committed":true/);
  const started = await startServer(path.join(tmp, 'index'));
  server = started.proc;
  base = started.url;
  serverExit = exitOf(server);
  assert.equal((await apiGet('/api/health')).articles, before);
});
