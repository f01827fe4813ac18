// The search view: ranked results with highlighted snippets, facets and pages.

import { h, fill, clear } from '../dom.js';
import { fmtDate, fmtNumber, resultsLabel, fmtDay } from '../format.js';
import { barChart, timeSeries } from '../charts.js';
import { urlForArticle, urlForStory } from '../state.js';

const PAGE_SIZE = 10;

export function searchParams(st) {
  return {
    q: st.q,
    limit: PAGE_SIZE,
    page: st.page > 1 ? st.page : undefined,
    sort: st.sort !== 'relevance' ? st.sort : undefined,
    source: st.sources,
    entity: st.entities,
    from: st.from,
    to: st.to,
  };
}

function snippetNodes(hit) {
  const parts = Array.isArray(hit.snippet_parts) && hit.snippet_parts.length
    ? hit.snippet_parts
    : [{ text: hit.snippet || '', hit: false }];
  return parts.map((part) => (part.hit ? h('mark', {}, part.text) : part.text));
}

function metaLine(hit) {
  return [
    hit.source ? h('bdi', { class: 'source' }, hit.source) : null,
    hit.source && hit.date ? ' · ' : null,
    hit.date ? h('time', { datetime: hit.date }, fmtDate(hit.date)) : null,
  ];
}

// One result; `copies` are the lower-ranked hits of this page from the same story, listed
// under it in one line each instead of repeating the same text (stories, not copies).
function resultItem(hit, copies, nav) {
  const title = hit.title && hit.title.trim() ? hit.title : '(بلا عنوان)';
  const link = h('a', { class: 'title', href: urlForArticle(hit.id), dir: 'auto', dataset: { id: hit.id } }, title);
  nav.link(link);
  const story = hit.story && hit.story.articles > 1
    ? h('p', { class: 'story-line' },
      nav.link(h('a', { class: 'story-link', href: urlForStory(hit.story.id), dataset: { story: hit.story.id } },
        `القصة كاملة: ${fmtNumber(hit.story.articles)} مقالات`)),
      copies.length ? h('ul', { class: 'copies' }, copies.map((c) => h('li', { class: 'copy', dataset: { id: c.id } },
        nav.link(h('a', { href: urlForArticle(c.id), dir: 'auto' }, c.title && c.title.trim() ? c.title : '(بلا عنوان)')),
        ' · ', metaLine(c)))) : null)
    : null;
  return h('li', { class: 'hit', dataset: { id: hit.id } },
    h('h3', {}, link),
    h('p', { class: 'meta' }, metaLine(hit)),
    h('p', { class: 'snippet', dir: 'auto' }, snippetNodes(hit)),
    story);
}

// Groups the page's hits by story, keeping the rank of each story's best hit.
function groupByStory(hits) {
  const groups = [];
  const byStory = new Map();
  for (const hit of hits) {
    const id = hit.story && hit.story.articles > 1 ? hit.story.id : null;
    if (id && byStory.has(id)) {
      byStory.get(id).copies.push(hit);
      continue;
    }
    const group = { hit, copies: [] };
    if (id) byStory.set(id, group);
    groups.push(group);
  }
  return groups;
}

// Renders `data` (the /api/search answer) for state `st`. `actions` are the state changes the
// view can ask for: toggleSource, toggleEntity, setDates, clearFilter, setPage; `nav` turns
// links into in-page navigations.
export function renderSearch(data, st, actions, nav) {
  const results = document.getElementById('results');
  const summary = document.getElementById('summary');
  const expansions = document.getElementById('expansions');

  const total = data.total || 0;
  const first = (data.offset || 0) + 1;
  const last = (data.offset || 0) + data.results.length;
  fill(summary,
    total === 0
      ? (st.q ? ['لا نتائج لـ «', h('bdi', {}, st.q), '»'] : 'لا نتائج بهذه المرشحات')
      : [resultsLabel(total), data.results.length < total ? ` · من ${fmtNumber(first)} إلى ${fmtNumber(last)}` : '']);

  const exp = (data.expansions || []).filter((e) => e.from !== e.to);
  expansions.hidden = exp.length === 0;
  fill(expansions, exp.length ? ['وُسِّع البحث ليشمل صيغًا أخرى للاسم: ',
    exp.map((e, i) => [i ? '، ' : '', h('bdi', {}, e.from), ' ← ', h('bdi', { class: 'variant' }, e.to)])] : []);

  clear(results);
  for (const g of groupByStory(data.results)) results.append(resultItem(g.hit, g.copies, nav));

  renderPager(total, st, actions);
  renderFacets(data.facets || {}, st, actions);
}

function renderPager(total, st, actions) {
  const pager = document.getElementById('pager');
  clear(pager);
  const pages = Math.ceil(total / PAGE_SIZE);
  if (pages <= 1) return;
  const page = st.page;
  pager.append(
    h('button', { type: 'button', class: 'prev', disabled: page <= 1, onclick: () => actions.setPage(page - 1) }, 'السابق'),
    h('span', { class: 'page-of' }, `الصفحة ${fmtNumber(page)} من ${fmtNumber(pages)}`),
    h('button', { type: 'button', class: 'next', disabled: page >= pages, onclick: () => actions.setPage(page + 1) }, 'التالي'),
  );
}

function facetList(id, values, isActive, onToggle) {
  const section = document.getElementById(id);
  const ul = section.querySelector('.facet-values');
  clear(ul);
  section.hidden = values.length === 0;
  for (const v of values.slice(0, 12)) {
    const active = isActive(v);
    ul.append(h('li', {},
      h('button', {
        type: 'button',
        class: `facet-value${active ? ' active' : ''}`,
        'aria-pressed': active ? 'true' : 'false',
        dataset: { value: v.value },
        onclick: () => onToggle(v),
      }, h('bdi', { class: 'name' }, v.value), h('span', { class: 'count' }, fmtNumber(v.count)))));
  }
}

function renderFacets(facets, st, actions) {
  facetList('facet-source', facets.source || [], (v) => st.sources.includes(v.value), (v) => actions.toggleSource(v.value));
  for (const type of ['person', 'organization', 'place']) {
    facetList(`facet-${type}`, facets[type] || [], (v) => st.entities.includes(v.value), (v) => actions.toggleEntity(v.value));
  }
  const days = (facets.day || []).map((d) => ({ day: d.value, count: d.count }));
  const chartBox = document.getElementById('day-chart');
  document.getElementById('facet-day').hidden = days.length === 0;
  barChart(chartBox, timeSeries(days), {
    label: 'عدد النتائج حسب اليوم؛ اختر يومًا لتضييق النتائج',
    selected: st.from || st.to ? { from: st.from, to: st.to } : null,
    onSelect: (b) => actions.setDates(b.from, b.to),
  });

  const chips = document.getElementById('active-filters');
  clear(chips);
  const chip = (label, onRemove, kind) => h('button', {
    type: 'button', class: `chip ${kind}`, 'aria-label': `إزالة المرشح: ${label}`, onclick: onRemove,
  }, h('bdi', {}, label), h('span', { class: 'x', 'aria-hidden': 'true' }, '×'));
  for (const src of st.sources) chips.append(chip(src, () => actions.toggleSource(src), 'source'));
  for (const e of st.entities) chips.append(chip(e, () => actions.toggleEntity(e), 'entity'));
  if (st.from || st.to) {
    const label = st.from === st.to ? fmtDay(st.from) : `${st.from ? fmtDay(st.from) : '…'} – ${st.to ? fmtDay(st.to) : '…'}`;
    chips.append(chip(label, () => actions.setDates('', ''), 'dates'));
  }
  chips.hidden = chips.childElementCount === 0;
}
