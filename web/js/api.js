// The page's calls to rasd's JSON API (docs/API.md). Errors come back as ApiError with the
// server's message, which the page shows as text.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// GET `path` with the query parameters in `params` (arrays repeat the parameter; empty
// values are left out). Throws ApiError, or AbortError when `signal` fires.
export async function getJSON(path, params = {}, signal = undefined) {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== '') qs.append(key, String(v));
    }
  }
  const url = qs.toString() ? `${path}?${qs}` : path;
  const res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    const err = body && body.error ? body.error : {};
    throw new ApiError(res.status, err.code || 'http_error',
      err.message || `الخادم أجاب بالرمز ${res.status}`);
  }
  return body;
}

export const api = {
  search: (params, signal) => getJSON('/api/search', params, signal),
  article: (id, signal) => getJSON(`/api/articles/${encodeURIComponent(id)}`, {}, signal),
  story: (id, signal) => getJSON(`/api/stories/${encodeURIComponent(id)}`, {}, signal),
  stories: (params, signal) => getJSON('/api/stories', params, signal),
  entity: (id, signal) => getJSON(`/api/entities/${encodeURIComponent(id)}`, {}, signal),
  entities: (params, signal) => getJSON('/api/entities', params, signal),
  stats: (signal) => getJSON('/api/stats', {}, signal),
};
