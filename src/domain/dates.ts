/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`). ISO strings sort and compare correctly as text, survive
 * JSON and YAML unchanged, and carry no time zone, which is what a statutory date is: a day, not an
 * instant. Arithmetic counts whole days from 1970-01-01 (Date.UTC: no time zone, no daylight saving), and
 * adds months as date-fns's addMonths does, so month ends clamp ("3 months after 31 August" is 30
 * November) and leap years are right; tests/domain/dates.test.ts checks every day from 1900 to 2100
 * against date-fns on local-midnight Dates (it is much faster, and the clocks add thousands of periods).
 */

export type IsoDate = string;

const ISO_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * True only for a real calendar day written as YYYY-MM-DD: 2019-02-30 and 2026-13-01 are false. Checked
 * with the Gregorian rules directly (no Date), as it runs for every date of every file.
 */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || !ISO_SHAPE.test(value)) return false;
  const y = +value.slice(0, 4);
  const m = +value.slice(5, 7);
  const d = +value.slice(8, 10);
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= (m === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[m - 1]);
}

/**
 * The years a case file, a policy or a command's date may name. A date outside them is a typo (2062 for
 * 2026, 1026): refused with the field's name rather than read, so no clock is worked out from it and no
 * five-digit year is ever printed.
 */
export const EARLIEST_DATE: IsoDate = '1900-01-01';
export const LATEST_DATE: IsoDate = '2100-12-31';

export function isPlausibleDate(value: IsoDate): boolean {
  return value >= EARLIEST_DATE && value <= LATEST_DATE;
}

export function toDate(iso: IsoDate): Date {
  if (iso.length !== 10 || iso[4] !== '-' || iso[7] !== '-') throw new RangeError(`not an ISO date: ${iso}`);
  const y = +iso.slice(0, 4);
  const d = new Date(y, +iso.slice(5, 7) - 1, +iso.slice(8, 10));
  // new Date(y, m, d) treats years 0-99 as 1900-1999; set the year explicitly.
  if (y < 100) d.setFullYear(y);
  return d;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function fromDate(d: Date): IsoDate {
  // Hand-formatted: date-fns `format` is general and was the hot spot of the rule engine.
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}`;
}

/** Days since 1970-01-01 of a calendar day (negative before). */
export function epochDay(iso: IsoDate): number {
  const y = +iso.slice(0, 4);
  const t = Date.UTC(y, +iso.slice(5, 7) - 1, +iso.slice(8, 10));
  // Date.UTC reads years 0-99 as 1900-1999.
  return (y < 100 ? new Date(t).setUTCFullYear(y) : t) / 86_400_000;
}

/** The calendar day `n` days after 1970-01-01. */
export function fromEpochDay(n: number): IsoDate {
  const d = new Date(n * 86_400_000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

const daysInMonth = (y: number, m: number) => (m === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[m - 1]);

const DIGITS = /^\d{4}-\d{2}-\d{2}$/;
/**
 * Arithmetic refuses what is not a real calendar day ("2026-1-05", "", "2026-02-30"), so a date that slipped
 * past the file checks can never become a quietly wrong due date: it is an error, never "0NaN-NaN-NaN".
 */
export function assertCalendarDate(iso: IsoDate): void {
  if (typeof iso !== 'string' || !DIGITS.test(iso)) throw new RangeError(`not an ISO date: ${iso}`);
  const y = +iso.slice(0, 4);
  const m = +iso.slice(5, 7);
  const d = +iso.slice(8, 10);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) throw new RangeError(`not a calendar date: ${iso}`);
}

function assertWhole(n: number): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`a date can only move by a whole number, got ${n}`);
}

function addDaysIso(iso: IsoDate, n: number): IsoDate {
  assertCalendarDate(iso);
  assertWhole(n);
  return fromEpochDay(epochDay(iso) + n);
}

/** Calendar months later (earlier when negative), on the same day of the month or the last day of a shorter month. */
function addMonthsIso(iso: IsoDate, n: number): IsoDate {
  assertCalendarDate(iso);
  assertWhole(n);
  const months = +iso.slice(0, 4) * 12 + (+iso.slice(5, 7) - 1) + n;
  const y = Math.floor(months / 12);
  const m = months - y * 12 + 1;
  const d = Math.min(+iso.slice(8, 10), daysInMonth(y, m));
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/**
 * Date arithmetic is pure and its inputs repeat (thousands of children share a few thousand dates), so
 * results are memoised: the rule engine's clocks then cost a map lookup.
 */
function memoised(op: (iso: IsoDate, n: number) => IsoDate): (iso: IsoDate, n: number) => IsoDate {
  const cache = new Map<string, Map<number, IsoDate>>();
  let size = 0;
  return (iso, n) => {
    let byAmount = cache.get(iso);
    let out = byAmount?.get(n);
    if (out === undefined) {
      out = op(iso, n);
      if (size > 200_000) {
        cache.clear();
        size = 0;
        byAmount = undefined;
      }
      if (!byAmount) cache.set(iso, (byAmount = new Map()));
      byAmount.set(n, out);
      size++;
    }
    return out;
  };
}

export const plusDays = memoised(addDaysIso);
export const plusWeeks = memoised((iso, n) => addDaysIso(iso, 7 * n));
/** Adds calendar months, clamping to the last day of a shorter month (as date-fns addMonths). */
export const plusMonths = memoised(addMonthsIso);

/** Whole days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: IsoDate, to: IsoDate): number => epochDay(to) - epochDay(from);

export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b);
export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b);

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(iso: IsoDate): number {
  assertCalendarDate(iso);
  // 1970-01-01 was a Thursday (4).
  return ((((epochDay(iso) + 3) % 7) + 7) % 7) + 1;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "Friday 4 December 2026": how dates read in the pack and the site (formatted by hand: pages print thousands). */
export function longDate(iso: IsoDate): string {
  const d = toDate(iso);
  return `${WEEKDAYS[d.getDay()]} ${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
}

/**
 * "4 Dec 2026": THE date format for people (site, pack, agenda and escalation text). ISO `YYYY-MM-DD` only
 * in machine output: JSON, GitHub annotations and the files themselves.
 */
export function shortDate(iso: IsoDate): string {
  return `${+iso.slice(8, 10)} ${MONTHS[+iso.slice(5, 7) - 1].slice(0, 3)} ${iso.slice(0, 4)}`;
}

/** The same, by the name pages should reach for. */
export const peopleDate = shortDate;

/** "Nov 2026": a month on a chart axis (never "11/26", which reads as a day). */
export function monthLabel(iso: IsoDate): string {
  return `${MONTHS[+iso.slice(5, 7) - 1].slice(0, 3)} ${iso.slice(0, 4)}`;
}

const ISO_IN_TEXT = /\b\d{4}-\d{2}-\d{2}\b/g;

/**
 * A sentence written for the JSON contract (rule messages carry ISO dates) as people read it: every real
 * ISO date becomes "4 Dec 2026". Pure text in, text out (callers escape as they always do).
 */
export function peopleDates(text: string): string {
  return text.replace(ISO_IN_TEXT, (m) => (isIsoDate(m) ? shortDate(m) : m));
}

/**
 * A sentence split at its backticks: `backticked` parts (a field name, a command) are code, each part's text
 * given by `words` (code parts by `code`). Empty parts are left out. Text only: callers escape each part.
 */
export function codeParts(text: string, words: (s: string) => string, code: (s: string) => string = (s) => s): { text: string; code: boolean }[] {
  return text
    .split('`')
    .map((part, i) => (i % 2 === 1 ? { text: code(part), code: true } : { text: words(part), code: false }))
    .filter((p) => p.text);
}

/**
 * A rule's message as people read it, in parts: code kept as written (`panel agenda --date 2026-12-04` still
 * works when copied); every other part has its ISO dates as "4 Dec 2026".
 */
export const peopleParts = (text: string) => codeParts(text, peopleDates);

/** Today as an ISO date in local time. Only the CLI and build edges call this; domain code never does. */
export function todayIso(now: Date): IsoDate {
  return fromDate(now);
}
