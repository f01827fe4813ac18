// The page's state lives in its address, so every view is a link that can be shared:
//   /?q=توكايف&source=…&entity=…&from=2026-03-01&to=2026-03-07&sort=newest&page=2  a search
//   /?article=ID   /?story=ID   /?entity=NAME                                      the views
//   /                                                                              the home view

export function emptyState() {
  return { view: 'home', q: '', sort: 'relevance', page: 1, sources: [], entities: [], from: '', to: '', id: '' };
}

export function stateFromUrl(search = window.location.search) {
  const p = new URLSearchParams(search);
  const st = emptyState();
  st.q = p.get('q') || '';
  st.sort = ['relevance', 'newest', 'oldest'].includes(p.get('sort')) ? p.get('sort') : 'relevance';
  const page = parseInt(p.get('page') || '1', 10);
  st.page = Number.isFinite(page) && page >= 1 && page <= 1000 ? page : 1;
  st.sources = p.getAll('source').filter(Boolean);
  st.entities = p.getAll('entity').filter(Boolean);
  st.from = /^\d{4}-\d{2}-\d{2}$/.test(p.get('from') || '') ? p.get('from') : '';
  st.to = /^\d{4}-\d{2}-\d{2}$/.test(p.get('to') || '') ? p.get('to') : '';
  for (const view of ['article', 'story']) {
    if (p.get(view)) {
      st.view = view;
      st.id = p.get(view);
      return st;
    }
  }
  // An entity view is /?entity=NAME alone; with a query or other filters it is a filter.
  if (st.entities.length === 1 && !st.q && !st.sources.length && !st.from && !st.to && p.get('view') !== 'search') {
    st.view = 'entity';
    st.id = st.entities[0];
    st.entities = [];
    return st;
  }
  st.view = st.q || st.sources.length || st.entities.length || st.from || st.to ? 'search' : 'home';
  return st;
}

export function urlForSearch(st) {
  const p = new URLSearchParams();
  if (st.q) p.set('q', st.q);
  for (const src of st.sources) p.append('source', src);
  for (const e of st.entities) p.append('entity', e);
  if (st.from) p.set('from', st.from);
  if (st.to) p.set('to', st.to);
  if (st.sort && st.sort !== 'relevance') p.set('sort', st.sort);
  if (st.page > 1) p.set('page', String(st.page));
  // An entity filter without a query would read as the entity view: say it is a search.
  if (!st.q && st.entities.length === 1 && !st.sources.length && !st.from && !st.to) p.set('view', 'search');
  const qs = p.toString();
  return qs ? `/?${qs}` : '/';
}

export const urlForArticle = (id) => `/?article=${encodeURIComponent(id)}`;
export const urlForStory = (id) => `/?story=${encodeURIComponent(id)}`;
export const urlForEntity = (name) => `/?entity=${encodeURIComponent(name)}`;
