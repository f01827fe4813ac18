// rasd's web page: one module that keeps the state in the address, fetches from the JSON API
// and renders one of five views (home, search, article, story, entity).
//
// Search is instant: typing runs the search 250 ms after the last key (an earlier request in
// flight is aborted) and replaces the address, so the back button is not flooded with one
// entry per letter; Enter, a facet or a page records a history entry. Keyboard: "/" focuses
// the search box; ↓ from the box goes to the first result, ↓/↑ move between results, Enter
// opens one (they are links); Esc goes back from an article, story or entity view, and in the
// search box clears it.

import { api } from './api.js';
import { fill } from './dom.js';
import { stateFromUrl, urlForSearch, emptyState } from './state.js';
import { renderSearch, searchParams } from './views/search.js';
import { renderArticle } from './views/article.js';
import { renderStory } from './views/story.js';
import { renderEntity } from './views/entity.js';
import { renderHome } from './views/home.js';

const DEBOUNCE_MS = 250;
const VIEWS = ['home', 'search', 'article', 'story', 'entity'];

let state = emptyState();
let inflight = null;
let debounceTimer = 0;
let renderSeq = 0;

const $ = (id) => document.getElementById(id);
const input = $('q');
const sortSelect = $('sort');

// In-page navigation for links the views create: a plain click is handled here, a modified
// click (new tab) is left to the browser, and the href stays a real, shareable address.
const nav = {
  link(a) {
    a.addEventListener('click', (e) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const url = new URL(a.href, window.location.href);
      if (url.origin !== window.location.origin || url.pathname !== '/') return;
      e.preventDefault();
      go(url.pathname + url.search);
    });
    return a;
  },
  back() {
    // Back within the page's own history; a page opened from a shared link has none, and
    // then "back" means the search (or home), not leaving the site.
    if (window.history.state && window.history.state.depth > 0) {
      window.history.back();
    } else {
      go(state.view === 'search' ? '/' : urlForSearch({ ...emptyState(), q: input.value.trim() }));
    }
  },
};

function showView(name) {
  for (const v of VIEWS) $(`${v}-view`).hidden = v !== name;
  document.body.dataset.view = name;
}

function setStatus(text, kind = '') {
  const el = $('status');
  el.className = `status ${kind}`;
  fill(el, text || '');
}

function go(url, { replace = false, focus = true } = {}) {
  const depth = (window.history.state && window.history.state.depth) || 0;
  if (replace) window.history.replaceState({ rasd: true, depth }, '', url);
  else window.history.pushState({ rasd: true, depth: depth + 1 }, '', url);
  route({ focus });
}

async function route({ focus = true } = {}) {
  state = stateFromUrl();
  if (document.activeElement !== input || state.view !== 'search') input.value = state.q;
  sortSelect.value = state.sort;
  if (inflight) inflight.abort();
  inflight = new AbortController();
  const { signal } = inflight;
  const seq = ++renderSeq;
  const slow = setTimeout(() => setStatus('جارٍ التحميل…', 'loading'), 200);
  // Busy until this route's answer is shown: assistive technology waits for it, and so can
  // a test (the previous results stay on screen meanwhile).
  const main = $('main');
  main.setAttribute('aria-busy', 'true');
  const done = () => { if (seq === renderSeq) main.removeAttribute('aria-busy'); };
  try {
    if (state.view === 'search') {
      const data = await api.search(searchParams(state), signal);
      if (seq !== renderSeq) return;
      showView('search');
      renderSearch(data, state, actions, nav);
      document.title = state.q ? `${state.q} — بحث رصد` : 'بحث — رصد';
    } else if (state.view === 'article') {
      const data = await api.article(state.id, signal);
      if (seq !== renderSeq) return;
      showView('article');
      renderArticle(data, nav);
    } else if (state.view === 'story') {
      const data = await api.story(state.id, signal);
      if (seq !== renderSeq) return;
      showView('story');
      renderStory(data, nav);
    } else if (state.view === 'entity') {
      const data = await api.entity(state.id, signal);
      if (seq !== renderSeq) return;
      showView('entity');
      renderEntity(data, nav);
    } else {
      const [stats, stories, ...lists] = await Promise.all([
        api.stats(signal),
        api.stories({ limit: 8 }, signal).catch(() => ({ stories: [] })),
        ...['person', 'organization', 'place'].map((type) =>
          api.entities({ type, limit: 8 }, signal).catch(() => ({ entities: [] }))),
      ]);
      if (seq !== renderSeq) return;
      showView('home');
      renderHome({
        stats,
        stories: stories.stories || [],
        entities: ['person', 'organization', 'place'].map((t, i) => [t, lists[i].entities || []]),
      }, nav);
    }
    clearTimeout(slow);
    setStatus('');
    done();
    if (focus && state.view !== 'search' && state.view !== 'home') {
      const heading = document.querySelector(`#${state.view}-view h1`);
      if (heading) heading.focus({ preventScroll: false });
      window.scrollTo(0, 0);
    }
  } catch (err) {
    clearTimeout(slow);
    if (err.name === 'AbortError') return;
    if (seq !== renderSeq) return;
    setStatus(err.message || 'تعذّر الاتصال بالخادم', 'error');
    done();
  }
}

function searchWith(changes, { replace = false } = {}) {
  const next = { ...state, view: 'search', page: 1, ...changes };
  if (state.view !== 'search') {
    next.sources = changes.sources || [];
    next.entities = changes.entities || [];
    next.from = changes.from || '';
    next.to = changes.to || '';
  }
  const url = urlForSearch(next);
  go(url === '/' ? '/' : url, { replace, focus: false });
}

const toggle = (list, value) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

const actions = {
  toggleSource: (v) => searchWith({ sources: toggle(state.sources, v) }),
  toggleEntity: (v) => searchWith({ entities: toggle(state.entities, v) }),
  setDates: (from, to) => searchWith({ from, to }),
  setPage: (page) => {
    searchWith({ page });
    $('results').querySelector('a.title')?.focus();
  },
};

input.addEventListener('input', () => {
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(() => {
    const q = input.value.trim();
    if (q === state.q && state.view === 'search') return;
    // While typing, replace the current entry rather than adding one per letter.
    searchWith({ q }, { replace: state.view === 'search' });
  }, DEBOUNCE_MS);
});

$('search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  clearTimeout(debounceTimer);
  searchWith({ q: input.value.trim() });
});

sortSelect.addEventListener('change', () => {
  if (state.view === 'search') searchWith({ sort: sortSelect.value, page: 1 });
});

$('home-link').addEventListener('click', (e) => {
  e.preventDefault();
  input.value = '';
  go('/');
});

function resultLinks() {
  return [...$('results').querySelectorAll('a.title')];
}

input.addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown' && state.view === 'search') {
    const links = resultLinks();
    if (links.length) {
      e.preventDefault();
      links[0].focus();
    }
  } else if (e.key === 'Escape' && input.value) {
    e.preventDefault();
    input.value = '';
    clearTimeout(debounceTimer);
    go('/', { focus: false });
  }
});

$('results').addEventListener('keydown', (e) => {
  const links = resultLinks();
  const i = links.indexOf(document.activeElement);
  if (i < 0) return;
  if (e.key === 'ArrowDown' && i + 1 < links.length) {
    e.preventDefault();
    links[i + 1].focus();
  } else if (e.key === 'ArrowUp') {
    e.preventDefault();
    if (i > 0) links[i - 1].focus();
    else input.focus();
  } else if (e.key === 'Escape') {
    e.preventDefault();
    input.focus();
  }
});

document.addEventListener('keydown', (e) => {
  const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement ||
    e.target instanceof HTMLTextAreaElement;
  if (e.key === '/' && !typing) {
    e.preventDefault();
    input.focus();
    input.select();
  } else if (e.key === 'Escape' && !typing && ['article', 'story', 'entity'].includes(state.view)) {
    e.preventDefault();
    nav.back();
  }
});

window.addEventListener('popstate', () => route());

// A shared link opens straight onto its view.
window.history.replaceState({ rasd: true, depth: 0 }, '', window.location.pathname + window.location.search);
route({ focus: false }).then(() => {
  if (state.view === 'home' || state.view === 'search') input.focus();
});
document.documentElement.classList.add('js');
// On a phone the facets start folded above the results.
if (window.matchMedia('(max-width: 760px)').matches) $('facets-box').open = false;
