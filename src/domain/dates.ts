/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`). ISO strings sort and compare correctly as text, survive
 * JSON and YAML unchanged, and carry no time zone, which is what a statutory date is: a day, not an
 * instant. Arithmetic goes through date-fns on local-midnight Date values, never by hand, so month ends
 * clamp ("3 months after 31 August" is 30 November) and leap years are right.
 */
import { addDays, addMonths, addWeeks, differenceInCalendarDays, format, isValid } from 'date-fns';

export type IsoDate = string;

const ISO_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True only for a real calendar day written as YYYY-MM-DD: 2019-02-30 and 2026-13-01 are false. */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_SHAPE.exec(value);
  if (!m) return false;
  const d = toDate(value);
  return isValid(d) && d.getFullYear() === Number(m[1]) && d.getMonth() + 1 === Number(m[2]) && d.getDate() === Number(m[3]);
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

export const plusDays = (iso: IsoDate, n: number): IsoDate => fromDate(addDays(toDate(iso), n));
export const plusWeeks = (iso: IsoDate, n: number): IsoDate => fromDate(addWeeks(toDate(iso), n));
/** Adds calendar months, clamping to the last day of a shorter month (date-fns addMonths). */
export const plusMonths = (iso: IsoDate, n: number): IsoDate => fromDate(addMonths(toDate(iso), n));

/** Whole days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: IsoDate, to: IsoDate): number =>
  differenceInCalendarDays(toDate(to), toDate(from));

export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b);
export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b);

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(iso: IsoDate): number {
  const day = toDate(iso).getDay();
  return day === 0 ? 7 : day;
}

/** "Friday 4 December 2026": how dates read in the pack and the site. */
export function longDate(iso: IsoDate): string {
  return format(toDate(iso), 'EEEE d MMMM yyyy');
}

/** "4 Dec 2026": compact form for tables. */
export function shortDate(iso: IsoDate): string {
  return format(toDate(iso), 'd MMM yyyy');
}

/** Today as an ISO date in local time. Only the CLI and build edges call this; domain code never does. */
export function todayIso(now: Date): IsoDate {
  return fromDate(now);
}
