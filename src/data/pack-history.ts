/**
 * Each case file's changes since the last panel, for the pack, from the one audit trail the site reads.
 * Without history (no git, a shallow clone) the pack says why, never shows an empty trail as "no change".
 * The trail also gives every name and date of birth a child has had (a corrected date of birth, a changed
 * name), so the redacted pack can hide former ones too.
 */
import type { IsoDate } from '../domain/dates.js';
import type { FieldChange } from '../domain/field-changes.js';
import { changesSince, NOTE_FIRST_SEEN, type History } from './history.js';
import { siteHistory } from './site-history.js';

export interface PackChange {
  date: IsoDate;
  author: string;
  /** The file was added in this change (its fields are not listed one by one). */
  added: boolean;
  fields: FieldChange[];
  bodyChanged: boolean;
  pr: number | null;
}

export interface PackHistory {
  /** The changes to a case file, or undefined when the trail is not available. */
  get(file: string): PackChange[] | undefined;
  /** Why there is no trail, or what limits it (empty when complete). */
  note: string;
  /** Every value the `name` field has had in any case file's history. */
  formerNames: string[];
  /** Every value the `dob` field has had in any case file's history. */
  formerDatesOfBirth: string[];
}

/** From the build's one audit trail (the site's), or the one given (`panel pack`, which builds no site). */
export async function packHistory(since: IsoDate | null, trail: Promise<History> = siteHistory()): Promise<PackHistory> {
  const history = await trail;
  const note = history.notes.join('; ');
  if (!history.available) return { get: () => undefined, note: note || 'The audit trail is not available.', formerNames: [], formerDatesOfBirth: [] };
  const names = new Set<string>();
  const dobs = new Set<string>();
  for (const trail of history.trails) {
    for (const entry of trail.entries) {
      for (const f of entry.fields) {
        const into = f.field === 'name' ? names : f.field === 'dob' ? dobs : null;
        if (!into) continue;
        for (const v of [f.from, f.to]) if (typeof v === 'string' && v.trim()) into.add(v);
        // A YAML date without quotes may have been read as a Date.
        for (const v of [f.from, f.to]) if (v instanceof Date && !Number.isNaN(v.getTime())) into.add(v.toISOString().slice(0, 10));
      }
    }
  }
  const byFile = new Map<string, PackChange[]>();
  // A shallow clone's oldest commit shows the files it holds as added (by whoever made that commit): not a
  // change. When it falls on or after `since`, what changed since then is not known for those files.
  const unknown = new Set<string>();
  for (const { file, entry } of changesSince(history, since ?? '0000-01-01')) {
    if (entry.note === NOTE_FIRST_SEEN) {
      unknown.add(file);
      continue;
    }
    const added = entry.change === 'added';
    if (!added && !entry.fields.length && !entry.bodyChanged) continue;
    (byFile.get(file) ?? byFile.set(file, []).get(file)!).push({ date: entry.date, author: entry.author, added, fields: added ? [] : entry.fields, bodyChanged: entry.bodyChanged, pr: entry.pr });
  }
  return { get: (file) => (unknown.has(file) ? undefined : byFile.get(file) ?? []), note, formerNames: [...names], formerDatesOfBirth: [...dobs] };
}
