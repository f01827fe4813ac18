// The article view: the text with the people, organisations and places found in it marked
// (each a link to its entity view), its quotes, and the story it belongs to.

import { h, fill, safeHttpUrl, sliceByBytes } from '../dom.js';
import { fmtDateTime, outletsLabel, TYPE_LABELS } from '../format.js';
import { urlForEntity, urlForStory, urlForArticle } from '../state.js';

// The body as paragraphs, with entity mentions (byte ranges into the body) as links.
function bodyWithEntities(body, mentions, nav) {
  const pieces = sliceByBytes(body, mentions.filter((m) => m.field === 'body'));
  const paragraphs = [];
  let current = [];
  const flush = () => {
    if (current.length) paragraphs.push(h('p', { dir: 'auto' }, current));
    current = [];
  };
  for (const piece of pieces) {
    if (piece.range) {
      const m = piece.range;
      const link = h('a', {
        class: `entity-mention ent-${m.type || 'misc'}`,
        href: urlForEntity(m.canonical || m.text),
        title: `${TYPE_LABELS[m.type] || ''}: ${m.canonical || m.text}`,
        dataset: { entity: m.canonical || m.text },
      }, piece.text);
      nav.link(link);
      current.push(link);
      continue;
    }
    const lines = piece.text.split('\n');
    lines.forEach((line, i) => {
      if (i > 0) flush();
      if (line) current.push(line);
    });
  }
  flush();
  return paragraphs;
}

function entityChips(mentions, nav) {
  const byType = new Map();
  for (const m of mentions) {
    const name = m.canonical || m.text;
    if (!byType.has(m.type)) byType.set(m.type, new Map());
    const names = byType.get(m.type);
    names.set(name, (names.get(name) || 0) + 1);
  }
  const groups = [];
  for (const type of ['person', 'organization', 'place', 'misc']) {
    const names = byType.get(type);
    if (!names) continue;
    const items = [...names.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => {
      const a = h('a', { class: `chip ent-${type}`, href: urlForEntity(name) }, h('bdi', {}, name));
      nav.link(a);
      return h('li', {}, a);
    });
    groups.push(h('div', { class: 'entity-group' }, h('h3', {}, TYPE_LABELS[type]), h('ul', { class: 'chips' }, items)));
  }
  return groups;
}

export function quoteItem(q, nav, { showArticle = false } = {}) {
  const speakerName = q.canonical_speaker || q.speaker;
  let speaker = null;
  if (speakerName) {
    speaker = h('a', { class: 'speaker', href: urlForEntity(speakerName) }, h('bdi', {}, speakerName));
    nav.link(speaker);
  }
  let article = null;
  if (showArticle && q.article_id) {
    article = h('a', { class: 'quote-article', href: urlForArticle(q.article_id), dir: 'auto' }, q.title || q.article_id);
    nav.link(article);
  }
  return h('li', { class: `quote ${q.direct ? 'direct' : 'reported'}` },
    h('blockquote', { dir: 'auto' }, q.text),
    h('p', { class: 'quote-meta' },
      speaker || 'متحدث غير محدد',
      q.verb ? [' · ', h('span', { class: 'verb' }, q.verb)] : null,
      ' · ', h('span', { class: 'kind' }, q.direct ? 'اقتباس مباشر' : 'كلام منقول'),
      showArticle && q.date ? [' · ', h('time', { datetime: q.date }, fmtDateTime(q.date))] : null,
      article ? [' · ', article] : null));
}

export function renderArticle(data, nav) {
  const view = document.getElementById('article-view');
  const a = data.article || {};
  const url = safeHttpUrl(a.url);
  const story = data.story;
  const title = a.title && a.title.trim() ? a.title : '(بلا عنوان)';
  const back = h('a', { class: 'back', href: '#', onclick: (e) => { e.preventDefault(); nav.back(); } }, 'رجوع');
  fill(view,
    h('nav', { class: 'crumbs' }, back),
    h('h1', { dir: 'auto', tabindex: '-1' }, title),
    h('p', { class: 'meta' },
      a.source ? h('bdi', { class: 'source' }, a.source) : null,
      a.date ? [' · ', h('time', { datetime: a.date }, fmtDateTime(a.date))] : null,
      a.author ? [' · ', h('bdi', { class: 'author' }, a.author)] : null,
      url ? [' · ', h('a', { class: 'original', href: url, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'المصدر الأصلي')]
        : a.url ? [' · ', h('bdi', { class: 'url-text', dir: 'ltr' }, a.url)] : null),
    story && story.members && story.members.length > 1
      ? (() => {
        const link = h('a', { href: urlForStory(story.id), class: 'story-link' },
          `نقلت ${outletsLabel(story.sources.length)} هذا الخبر (${story.members.length}) — اعرض القصة`);
        nav.link(link);
        return h('p', { class: 'story-note' }, link,
          story.first_report === a.id ? h('span', { class: 'badge first' }, 'أول من نشر') : null);
      })()
      : null,
    h('div', { class: 'body' }, bodyWithEntities(a.body || '', data.entities || [], nav)),
    (data.quotes || []).length
      ? h('section', { class: 'quotes', 'aria-labelledby': 'article-quotes-title' },
        h('h2', { id: 'article-quotes-title' }, 'التصريحات في المقال'),
        h('ul', { class: 'quote-list' }, data.quotes.map((q) => quoteItem(q, nav))))
      : null,
    (data.entities || []).length
      ? h('section', { class: 'entities', 'aria-labelledby': 'article-entities-title' },
        h('h2', { id: 'article-entities-title' }, 'الأسماء في المقال'),
        entityChips(data.entities, nav))
      : null);
  document.title = `${title} — رصد`;
}
