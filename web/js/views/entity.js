// The entity view: a person, organisation or place with the spellings it was found under,
// its mentions over time, and what it said.

import { h, fill } from '../dom.js';
import { articlesLabel, TYPE_LABELS } from '../format.js';
import { barChart, timeSeries } from '../charts.js';
import { urlForSearch, emptyState } from '../state.js';
import { quoteItem } from './article.js';

export function renderEntity(data, nav) {
  const view = document.getElementById('entity-view');
  const e = data.entity || {};
  const back = h('a', { class: 'back', href: '#', onclick: (ev) => { ev.preventDefault(); nav.back(); } }, 'رجوع');
  const st = emptyState();
  st.entities = [e.name];
  const searchLink = h('a', { class: 'button', href: urlForSearch(st) }, 'كل الأخبار التي تذكره');
  nav.link(searchLink);
  const chart = h('div', { class: 'chart entity-chart' });
  fill(view,
    h('nav', { class: 'crumbs' }, back),
    h('p', { class: 'kicker' }, TYPE_LABELS[e.type] || 'اسم'),
    h('h1', { dir: 'auto', tabindex: '-1' }, e.name || ''),
    h('p', { class: 'meta' }, `ورد في ${articlesLabel(e.articles || 0)}`, ' · ', searchLink),
    (e.variants || []).length
      ? h('section', { class: 'variants-box', 'aria-labelledby': 'variants-title' },
        h('h2', { id: 'variants-title' }, 'الصيغ التي ورد بها'),
        h('ul', { class: 'chips variants' }, e.variants.map((v) => h('li', { class: 'chip' }, h('bdi', {}, v)))))
      : null,
    h('section', { class: 'timeline-box', 'aria-labelledby': 'timeline-title' },
      h('h2', { id: 'timeline-title' }, 'عدد المقالات التي ذكرته يومًا بيوم'), chart),
    h('section', { class: 'quotes', 'aria-labelledby': 'entity-quotes-title' },
      h('h2', { id: 'entity-quotes-title' }, 'ما قاله'),
      (data.quotes || []).length
        ? h('ul', { class: 'quote-list' }, data.quotes.map((q) => quoteItem(q, nav, { showArticle: true })))
        : h('p', { class: 'empty' }, 'لم يُنسب إليه تصريح في الأخبار المفهرسة.')));
  barChart(chart, timeSeries((data.timeline || []).map((t) => ({ day: t.day, count: t.count }))), {
    label: `عدد المقالات التي ذكرت ${e.name || ''} حسب اليوم`,
    width: 640,
    height: 130,
  });
  chart.querySelector('svg')?.classList.add('timeline');
  document.title = `${e.name || 'اسم'} — رصد`;
}
