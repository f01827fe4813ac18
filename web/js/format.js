// Numbers, dates and labels for an Arabic reader.
//
// Numerals: Western digits (0-9), chosen deliberately. The articles themselves (the demo corpus
// and the news corpora rasd indexes) write their numbers with Western digits, as most Arabic
// news sites do; the page matches them so that a count in a facet and the same number in a
// snippet look alike. Dates: Arabic month names on the Gregorian calendar
// ('ar-u-ca-gregory-nu-latn'): plain 'ar' would pick a locale default and some Arabic locales
// default to the Hijri calendar, which news dates are not written in.

export const LOCALE = 'ar-u-ca-gregory-nu-latn';

const numberFormat = new Intl.NumberFormat(LOCALE);
const dateFormat = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'long', year: 'numeric' });
const shortDayFormat = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dayFormat = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit',
});
const relative = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' });

export function fmtNumber(n) {
  return numberFormat.format(n);
}

// Parses an article's ISO 8601 date; null when it is not one.
export function parseDate(text) {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const d = new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
  return Number.isNaN(d.getTime()) ? null : d;
}

// "2 مارس 2026" (or the text as given when it is not a date).
export function fmtDate(text) {
  const d = parseDate(text);
  if (!d) return text || '';
  return text.length === 10 ? dayFormat.format(d) : dateFormat.format(d);
}

export function fmtDateTime(text) {
  const d = parseDate(text);
  if (!d) return text || '';
  return text.length === 10 ? dayFormat.format(d) : dateTimeFormat.format(d);
}

// A YYYY-MM-DD day: long ("2 مارس 2026") or short ("2 مارس").
export function fmtDay(day, short = false) {
  const d = parseDate(day);
  if (!d) return day;
  return short ? shortDayFormat.format(d) : dayFormat.format(d);
}

// "بعد 3 ساعات" for the time from `fromText` to `toText`.
export function fmtAfter(fromText, toText) {
  const a = parseDate(fromText);
  const b = parseDate(toText);
  if (!a || !b) return '';
  const minutes = Math.round((b - a) / 60000);
  if (minutes < 60) return relative.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 48) return relative.format(hours, 'hour');
  return relative.format(Math.round(hours / 24), 'day');
}

export function fmtCount(n, one, two, few, many) {
  // Arabic plural forms by number (CLDR: zero, one, two, few 3-10, many 11-99, other).
  const rule = new Intl.PluralRules(LOCALE).select(n);
  if (rule === 'one') return one;
  if (rule === 'two') return two;
  if (rule === 'few') return `${fmtNumber(n)} ${few}`;
  return `${fmtNumber(n)} ${many}`;
}

export function articlesLabel(n) {
  return n === 0 ? 'لا مقالات' : fmtCount(n, 'مقال واحد', 'مقالان', 'مقالات', 'مقالًا');
}

export function resultsLabel(n) {
  return n === 0 ? 'لا نتائج' : fmtCount(n, 'نتيجة واحدة', 'نتيجتان', 'نتائج', 'نتيجة');
}

export function storiesLabel(n) {
  return fmtCount(n, 'قصة واحدة', 'قصتين', 'قصص', 'قصة');
}

export function outletsLabel(n) {
  return fmtCount(n, 'منفذ واحد', 'منفذان', 'منافذ', 'منفذًا');
}

export const TYPE_LABELS = {
  person: 'شخص',
  organization: 'مؤسسة',
  place: 'مكان',
  misc: 'أخرى',
};
