// Dates as the counter reads them: "today" and "now" from the kiosk's Tokyo clock (the backend's
// today_status), never from the PC's locale or time zone; months and days in Japanese.

import { store } from './store.js';

export const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'];

/** Today at the counter, "YYYY-MM-DD" (from the backend; the header loads it before any view). */
export function today() {
  const s = store.state.status;
  return s && s.date ? s.date : '';
}

/** Now at the counter, "YYYY-MM-DDTHH:MM" (Tokyo). */
export function nowLocal() {
  const s = store.state.status;
  return s && s.now ? s.now.slice(0, 16) : '';
}

/** This month at the counter, "YYYY-MM". */
export function thisMonth() {
  return today().slice(0, 7);
}

/** "YYYY-MM" moved by `n` months. */
export function addMonths(month, n) {
  const [y, m] = month.split('-').map(Number);
  const k = y * 12 + (m - 1) + n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

/** The weekday of "YYYY-MM-DD" as one kanji (computed on the date alone, no time zone). */
export function weekday(iso) {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
}

/** The era year of a Gregorian year, as documents write it: 令和8年, 令和元年, 平成30年. */
export function eraYear(y) {
  if (y >= 2019) return y === 2019 ? '令和元年' : `令和${y - 2018}年`;
  if (y >= 1989) return y === 1989 ? '平成元年' : `平成${y - 1988}年`;
  return `昭和${y - 1925}年`;
}

/** "YYYY-MM-DD" → 令和8年11月24日. */
export function wareki(iso) {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${eraYear(y)}${m}月${d}日`;
}

/** "YYYY-MM" → 令和8年11月. */
export function warekiMonth(month) {
  const [y, m] = month.split('-').map(Number);
  return `${eraYear(y)}${m}月`;
}

/** "YYYY-MM-DD" → 11月24日(火). */
export function md(iso) {
  const [, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${m}月${d}日(${weekday(iso)})`;
}

/** An RFC 3339 stamp → 11月24日 09:10. */
export function when(stamp) {
  return stamp ? `${Number(stamp.slice(5, 7))}月${Number(stamp.slice(8, 10))}日 ${stamp.slice(11, 16)}` : '';
}

/** Days in a month. */
export function daysIn(y, m) {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
