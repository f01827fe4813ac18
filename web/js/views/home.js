// The home view (no query yet): what the index holds, the latest stories, the most-named
// people, organisations and places.

import { h, fill, clear } from '../dom.js';
import { articlesLabel, fmtDate, fmtNumber, outletsLabel, storiesLabel, TYPE_LABELS } from '../format.js';
import { urlForStory, urlForEntity } from '../state.js';

export function renderHome({ stats, stories, entities }, nav) {
  const idx = (stats && stats.index) || {};
  fill(document.getElementById('home-stats'),
    `يضم الفهرس ${articlesLabel(idx.articles || 0)}`,
    idx.stories ? ` في ${storiesLabel(idx.stories)}` : '',
    idx.first_date && idx.last_date ? ` من ${fmtDate(idx.first_date)} إلى ${fmtDate(idx.last_date)}` : '',
    '. اكتب في خانة البحث للبدء.');

  const list = clear(document.getElementById('home-stories'));
  for (const story of stories) {
    const link = h('a', { href: urlForStory(story.id), dir: 'auto' }, story.title || '(بلا عنوان)');
    nav.link(link);
    const first = (story.members || []).find((m) => m.first_report) || (story.members || [])[0];
    list.append(h('li', {}, link, h('p', { class: 'meta' },
      `${articlesLabel((story.members || []).length)} من ${outletsLabel((story.sources || []).length)}`,
      first && first.date ? ` · ${fmtDate(first.date)}` : '')));
  }
  if (!stories.length) list.append(h('li', { class: 'empty' }, 'لا قصص بعد.'));

  const box = clear(document.getElementById('home-entities'));
  for (const [type, items] of entities) {
    if (!items.length) continue;
    box.append(h('div', { class: 'entity-group' }, h('h3', {}, TYPE_LABELS[type]),
      h('ul', { class: 'chips' }, items.map((e) => {
        const a = h('a', { class: `chip ent-${type}`, href: urlForEntity(e.name) },
          h('bdi', {}, e.name), h('span', { class: 'count' }, fmtNumber(e.articles)));
        nav.link(a);
        return h('li', {}, a);
      }))));
  }
  document.title = 'رصد — البحث في الأخبار العربية';
}
