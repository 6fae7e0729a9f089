/**
 * One field change in a manager's words, for the pack's "What changed since the last panel" and the
 * changes on the site's pages. The audit trail (field-changes.ts, `panel history`) names a field it has no
 * sentence for by its path ("foster_match.ifa added false"); here the field is its label and the value is
 * said as people say it: "Foster match with an independent fostering agency (IFA): no", dates as
 * "20 Nov 2026" (by `day`), routes by their names, a record by its date. A change the audit trail already
 * says in words (an event, a review, an action, a panel discussion) is kept, its dates in words (by `text`).
 * `redact` (the redacted pack): no name or date of birth, and text a person wrote (a summary, lessons
 * learned: a case note) is not shown, only that it changed.
 */
import { isRoute, routeWords } from './codes.js';
import { isIsoDate, type IsoDate } from './dates.js';
import type { FieldChange } from './field-changes.js';
import { fieldLabel } from './field-labels.js';

/** Text a person wrote (not a date, a code, a number or yes/no): a case note in the redacted pack. */
export const isFreeText = (v: unknown): boolean =>
  typeof v === 'string' ? !/^[\w.:/+-]+$/.test(v) : Array.isArray(v) ? v.some(isFreeText) : v !== null && typeof v === 'object' ? Object.values(v).some(isFreeText) : false;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export interface ChangeWordsOptions {
  redact: boolean;
  /** A date as people write it ("20 Nov 2026"). */
  day: (d: IsoDate) => string;
  /** Text from the file as it is shown (dates in it in words; the pack also escapes nothing here). */
  text: (s: string) => string;
}

export function changeInWords(f: FieldChange, { redact, day, text }: ChangeWordsOptions): string {
  if (redact && f.field === 'name') return f.kind === 'added' ? 'Name recorded' : f.kind === 'removed' ? 'Name removed' : 'Name changed';
  if (redact && f.field === 'dob') return f.kind === 'changed' ? 'Date of birth corrected' : f.kind === 'added' ? 'Date of birth recorded' : 'Date of birth removed';
  // A field of one panel discussion says which: "Panel decision of 6 Nov 2026".
  const discussion = /^panel\[(\d{4}-\d{2}-\d{2})\]\.[a-z_]+$/.exec(f.field);
  const label = text(fieldLabel(f.field)) + (discussion && isIsoDate(discussion[1]) ? ` of ${day(discussion[1])}` : '');
  const verb = f.kind === 'added' ? 'recorded' : f.kind === 'removed' ? 'removed' : 'changed';
  if (redact && (isFreeText(f.from) || isFreeText(f.to))) return `${label} ${verb} (what was written is not shown in this version)`;
  // The audit trail's own sentence, unless it starts with the field's path (it had no words for the field).
  if (!f.text.startsWith(f.field) && !discussion) return capital(text(f.text));
  const value = (v: unknown): string => {
    if (v === null || v === undefined) return 'nothing';
    if (typeof v === 'boolean') return v ? 'yes' : 'no';
    if (typeof v === 'string') {
      const s: string = v;
      if (isIsoDate(v)) return day(v);
      if (isRoute(s)) return routeWords(s);
      const shown = s.length > 80 ? `${s.slice(0, 79)}…` : s;
      return isFreeText(s) ? `"${text(shown)}"` : text(shown);
    }
    if (Array.isArray(v)) return v.length ? v.map(value).join(', ') : 'nothing';
    if (typeof v === 'object') {
      const date = (v as Record<string, unknown>).date;
      return typeof date === 'string' && isIsoDate(date) ? day(date) : 'a record';
    }
    return String(v);
  };
  if (f.kind === 'added') return `${label}: ${value(f.to)}`;
  if (f.kind === 'removed') return `${label} removed (was ${value(f.from)})`;
  return `${label} changed from ${value(f.from)} to ${value(f.to)}`;
}
