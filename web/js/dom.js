// Building the page's DOM from data, safely.
//
// Every string that comes from an article (titles, bodies, snippets, names, outlets, URLs)
// enters the document as a Text node or an attribute value set with setAttribute, never as
// markup: there is no innerHTML anywhere in the page. So an article whose title is
// `<img src=x onerror=alert(1)>` shows exactly those characters. Links to outside pages are
// only ever http(s) URLs (safeHttpUrl), so a `javascript:` URL in an article is shown as text.

const SVG_NS = 'http://www.w3.org/2000/svg';

// h('a', {href: '/x', class: 'title', dir: 'auto', onclick: fn}, 'text', childNode, [more])
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  applyProps(el, props);
  append(el, children);
  return el;
}

// The same for SVG elements (charts).
export function s(tag, props = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  applyProps(el, props);
  append(el, children);
  return el;
}

function applyProps(el, props) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      for (const [k, v] of Object.entries(value)) el.dataset[k] = String(v);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

// Replaces the children of `el` with `children`.
export function fill(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}

// `url` when it is an absolute http or https URL, else null.
export function safeHttpUrl(url) {
  if (typeof url !== 'string' || url === '') return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Cuts `text` at UTF-8 byte offsets (the engine reports entity and quote positions in bytes
// of the stored UTF-8 text; JavaScript strings count UTF-16 units). `ranges` are
// [{start, end, ...}] sorted or not, possibly overlapping (overlaps are dropped, the earliest
// longest wins). Returns [{text, range|null}] covering the whole text in order.
export function sliceByBytes(text, ranges) {
  const bytes = encoder.encode(text);
  const sorted = ranges
    .filter((r) => Number.isInteger(r.start) && Number.isInteger(r.end) &&
      r.start >= 0 && r.end > r.start && r.end <= bytes.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out = [];
  let pos = 0;
  for (const r of sorted) {
    if (r.start < pos) continue;
    if (r.start > pos) out.push({ text: decoder.decode(bytes.subarray(pos, r.start)), range: null });
    out.push({ text: decoder.decode(bytes.subarray(r.start, r.end)), range: r });
    pos = r.end;
  }
  if (pos < bytes.length) out.push({ text: decoder.decode(bytes.subarray(pos)), range: null });
  return out;
}
