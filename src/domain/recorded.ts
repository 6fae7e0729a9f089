/**
 * When the tracker learnt of things: read from the audit trail (git), for the clocks that only git can
 * tell, "the panel administrator notified within 3 working days" and "minutes added to the child's record
 * within 3 working days". Pure: it takes the trail already read by the data layer.
 */
import type { IsoDate } from './dates.js';
import type { FieldChange } from './field-changes.js';

export interface RecordedFacts {
  /**
   * The first day of the history: events before it happened before the tracker was kept in this
   * repository, so when they were recorded says nothing about notification.
   */
  since: IsoDate;
  /** The day `field` first held `value` in `file`'s history (a commit's author date), or null if never committed. */
  firstRecorded(file: string, field: string, value: string): IsoDate | null;
  /** The day a panel discussion dated `date` first appeared in `file`, or null. */
  discussionRecorded(file: string, date: IsoDate): IsoDate | null;
}

/** One file's trail as the history gives it: newest first, each with its author day and field changes. */
export interface TrailForFacts {
  file: string;
  entries: readonly { date: IsoDate; fields: readonly FieldChange[] }[];
}

const PANEL_ITEM = /^panel\[(\d{4}-\d{2}-\d{2})(?:#\d+)?\]$/;

export function recordedFacts(trails: readonly TrailForFacts[]): RecordedFacts | null {
  // By file, then field: every value the field was given, oldest first, with the day it was given.
  const sets = new Map<string, Map<string, { date: IsoDate; value: string }[]>>();
  const discussions = new Map<string, Map<IsoDate, IsoDate>>();
  let since: IsoDate | null = null;
  for (const trail of trails) {
    const fields = new Map<string, { date: IsoDate; value: string }[]>();
    const panel = new Map<IsoDate, IsoDate>();
    for (let i = trail.entries.length - 1; i >= 0; i--) {
      const entry = trail.entries[i];
      if (since === null || entry.date < since) since = entry.date;
      for (const change of entry.fields) {
        if (change.kind === 'removed') continue;
        const item = PANEL_ITEM.exec(change.field);
        if (item) {
          if (!panel.has(item[1])) panel.set(item[1], entry.date);
        } else if (typeof change.to === 'string') {
          (fields.get(change.field) ?? fields.set(change.field, []).get(change.field)!).push({ date: entry.date, value: change.to });
        }
      }
    }
    sets.set(trail.file, fields);
    discussions.set(trail.file, panel);
  }
  if (since === null) return null;
  return {
    since,
    firstRecorded(file, field, value) {
      const list = sets.get(file)?.get(field);
      if (!list) return null;
      // Recorded ahead of the event (a hearing date known in advance): on time whenever it happened.
      const exact = list.find((s) => s.value === value);
      if (exact && exact.date <= value) return exact.date;
      // Otherwise the first time the field was set on or after the event, even to a value corrected later:
      // that is when the tracker was told.
      return list.find((s) => s.date >= value)?.date ?? exact?.date ?? null;
    },
    discussionRecorded: (file, date) => discussions.get(file)?.get(date) ?? null,
  };
}
