/**
 * Each case file's changes since the last panel, for the pack, from the one audit trail the site reads.
 * Without history (no git, a shallow clone) the pack says why, never shows an empty trail as "no change".
 */
import type { IsoDate } from '../domain/dates.js';
import { changesSince } from './history.js';
import { siteHistory } from './site-history.js';

export interface PackChange {
  date: IsoDate;
  author: string;
  text: string;
}

export interface PackHistory {
  /** The changes to a case file, or undefined when the trail is not available. */
  get(file: string): PackChange[] | undefined;
  /** Why there is no trail, or what limits it (empty when complete). */
  note: string;
}

export async function packHistory(since: IsoDate | null): Promise<PackHistory> {
  const history = await siteHistory();
  const note = history.notes.join('; ');
  if (!history.available) return { get: () => undefined, note: note || 'The audit trail is not available.' };
  const byFile = new Map<string, PackChange[]>();
  for (const { file, entry } of changesSince(history, since ?? '0000-01-01')) {
    // A new file is "added", not a list of every field it was created with.
    const what = entry.change === 'added'
      ? ['case file added']
      : [...entry.fields.map((f) => f.text), ...(entry.bodyChanged ? ['summary text changed'] : [])];
    if (!what.length) continue;
    const pr = entry.pr ? ` (PR #${entry.pr})` : '';
    (byFile.get(file) ?? byFile.set(file, []).get(file)!).push({ date: entry.date, author: entry.author, text: `${what.join('; ')}${pr}` });
  }
  return { get: (file) => byFile.get(file) ?? [], note };
}
