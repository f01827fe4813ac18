// Small SVG bar charts (the date histogram of a search and an entity's mentions over time),
// drawn with the DOM, no library.
//
// Time runs from right to left, as the page reads: the earliest day is at the right edge.
// Days without articles are drawn as gaps, so the spacing of the bars is the spacing of time.
// Every bar has a <title> (the day and its count) for a pointer and, when `onSelect` is given,
// is a focusable button: Enter or Space selects it, arrow keys move between bars.

import { s } from './dom.js';
import { fmtDay, fmtNumber, articlesLabel } from './format.js';

const DAY_MS = 86400000;

// Fills the days between the first and the last of `points` ([{day:'YYYY-MM-DD', count}]),
// bucketing into weeks when the span is long, so that the chart keeps at most `maxBars`.
export function timeSeries(points, maxBars = 60) {
  const valid = points.filter((p) => /^\d{4}-\d{2}-\d{2}$/.test(p.day));
  if (valid.length === 0) return [];
  const counts = new Map(valid.map((p) => [p.day, p.count]));
  const times = valid.map((p) => Date.parse(`${p.day}T00:00:00Z`)).sort((a, b) => a - b);
  const first = times[0];
  const last = times[times.length - 1];
  const days = Math.round((last - first) / DAY_MS) + 1;
  const step = Math.max(1, Math.ceil(days / maxBars));
  const out = [];
  for (let t = first; t <= last; t += step * DAY_MS) {
    let count = 0;
    for (let k = 0; k < step; ++k) {
      const day = new Date(t + k * DAY_MS).toISOString().slice(0, 10);
      count += counts.get(day) || 0;
    }
    const from = new Date(t).toISOString().slice(0, 10);
    const to = new Date(Math.min(t + (step - 1) * DAY_MS, last)).toISOString().slice(0, 10);
    out.push({ from, to, count });
  }
  return out;
}

// Draws `series` (from timeSeries) into `container`. `selected` is a {from, to} to mark.
export function barChart(container, series, { label, onSelect, selected, width = 300, height = 84 } = {}) {
  container.replaceChildren();
  if (series.length === 0) return;
  const axis = 18;
  const max = Math.max(1, ...series.map((b) => b.count));
  const slot = width / series.length;
  const barWidth = Math.max(1, Math.min(18, slot * 0.8));
  const svgEl = s('svg', {
    class: 'bar-chart',
    viewBox: `0 0 ${width} ${height}`,
    role: onSelect ? 'group' : 'img',
    'aria-label': label || 'عدد المقالات حسب اليوم',
  });
  const bars = [];
  series.forEach((b, i) => {
    const x = width - (i + 1) * slot + (slot - barWidth) / 2;  // right to left
    const barHeight = b.count === 0 ? 0 : Math.max(2, ((height - axis - 4) * b.count) / max);
    const dayText = b.from === b.to ? fmtDay(b.from) : `${fmtDay(b.from)} – ${fmtDay(b.to)}`;
    const text = `${dayText}: ${articlesLabel(b.count)}`;
    const isSelected = selected && selected.from === b.from && selected.to === b.to;
    const g = s('g', {
      class: `bar${isSelected ? ' selected' : ''}${b.count === 0 ? ' empty' : ''}`,
      dataset: { from: b.from, to: b.to, count: b.count },
    },
    s('title', {}, text),
    // A full-height transparent target makes thin bars easy to hit.
    s('rect', { class: 'hit-area', x: width - (i + 1) * slot, y: 0, width: slot, height: height - axis }),
    s('rect', { class: 'bar-fill', x, y: height - axis - barHeight, width: barWidth, height: barHeight }));
    if (onSelect && b.count > 0) {
      g.setAttribute('tabindex', bars.length === 0 ? '0' : '-1');
      g.setAttribute('role', 'button');
      g.setAttribute('aria-label', text);
      g.addEventListener('click', () => onSelect(b));
      g.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect(b);
        }
      });
      bars.push(g);
    }
    svgEl.append(g);
  });
  // Axis labels: the first day at the right, the last at the left.
  const first = series[0].from;
  const last = series[series.length - 1].to;
  svgEl.append(
    s('line', { class: 'axis', x1: 0, x2: width, y1: height - axis + 0.5, y2: height - axis + 0.5 }),
    s('text', { class: 'axis-label', x: width - 2, y: height - 4, 'text-anchor': 'start' }, fmtDay(first, true)),
  );
  if (last !== first) {
    svgEl.append(s('text', { class: 'axis-label', x: 2, y: height - 4, 'text-anchor': 'end' }, fmtDay(last, true)));
  }
  svgEl.append(s('text', { class: 'axis-label max', x: 2, y: 10, 'text-anchor': 'end' }, fmtNumber(max)));
  // Arrow keys between focusable bars (Left goes later in time, as the bars are laid out).
  svgEl.addEventListener('keydown', (e) => {
    const i = bars.indexOf(document.activeElement);
    if (i < 0) return;
    let next = -1;
    if (e.key === 'ArrowLeft') next = Math.min(bars.length - 1, i + 1);
    if (e.key === 'ArrowRight') next = Math.max(0, i - 1);
    if (next >= 0) {
      e.preventDefault();
      bars[i].setAttribute('tabindex', '-1');
      bars[next].setAttribute('tabindex', '0');
      bars[next].focus();
    }
  });
  container.append(svgEl);
}
