// The story view: every outlet that carried a story, in the order they published it, with
// the first report marked.

import { h, fill } from '../dom.js';
import { fmtDateTime, fmtAfter, articlesLabel, outletsLabel } from '../format.js';
import { urlForArticle } from '../state.js';

export function renderStory(data, nav) {
  const view = document.getElementById('story-view');
  const story = data.story || data;
  const members = story.members || [];
  const first = members.find((m) => m.first_report) || members[0];
  const back = h('a', { class: 'back', href: '#', onclick: (e) => { e.preventDefault(); nav.back(); } }, 'رجوع');
  const items = members.map((m) => {
    const link = h('a', { class: 'title', href: urlForArticle(m.id), dir: 'auto' }, m.title || '(بلا عنوان)');
    nav.link(link);
    const after = first && m !== first ? fmtAfter(first.date, m.date) : '';
    return h('li', { class: `member${m.first_report ? ' first-report' : ''}${m.near_duplicate ? ' copy' : ''}`, dataset: { id: m.id } },
      h('div', { class: 'when' },
        m.date ? h('time', { datetime: m.date }, fmtDateTime(m.date)) : null,
        after ? h('span', { class: 'after' }, after) : null),
      h('div', { class: 'what' },
        h('bdi', { class: 'source' }, m.source || 'مصدر غير معروف'),
        m.first_report ? h('span', { class: 'badge first' }, 'أول من نشر') : null,
        m.near_duplicate ? h('span', { class: 'badge copy', title: 'النص نفسه تقريبًا كما نشر من قبل' }, 'نسخة منقولة') : null,
        h('div', {}, link)));
  });
  fill(view,
    h('nav', { class: 'crumbs' }, back),
    h('p', { class: 'kicker' }, 'قصة'),
    h('h1', { dir: 'auto', tabindex: '-1' }, story.title || '(بلا عنوان)'),
    h('p', { class: 'meta' }, `${articlesLabel(members.length)} من ${outletsLabel((story.sources || []).length)}`,
      first ? [' · نشرها أولًا ', h('bdi', {}, first.source || ''), first.date ? [' في ', fmtDateTime(first.date)] : null] : null),
    h('ul', { class: 'chips outlets', 'aria-label': 'المنافذ' }, (story.sources || []).map((src) => h('li', { class: 'chip' }, h('bdi', {}, src)))),
    h('ol', { class: 'story-timeline' }, items));
  document.title = `${story.title || 'قصة'} — رصد`;
}
