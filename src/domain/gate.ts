/**
 * The pull-request gate (`panel check --since`): which of today's findings a change caused. Pure: it is
 * given the findings of the base and of the change at the same as-of date, and the files the change touched.
 *
 * A change fails the gate when it makes things worse:
 * - any error in a file it touched that says the file itself is wrong (`schema`, `data-consistency`), even
 *   one the file already had: whoever edits a file makes it valid;
 * - any other error-level finding that the base did not already have.
 * A finding is "the same" as one of the base's when it is about the same child (or, with no child, the same
 * file), from the same rule, with the same status and level; the message is not compared (it counts the days).
 * Among several such findings (a child's overdue actions) the due date tells them apart: exact due dates are
 * paired first, then any that are left, so moving a due date is not a new finding but adding one is.
 */
import type { Finding } from './findings.js';

/** Rules whose errors say a file itself is wrong, rather than that a clock ran out. */
export const FILE_RULES: ReadonlySet<string> = new Set(['schema', 'data-consistency']);

export interface GateResult {
  /** Error-level findings this change caused: the gate fails on any. */
  caused: Finding[];
  /** Error-level findings the base already had: printed as context, they do not fail the gate. */
  standing: Finding[];
  /** Those of `standing` in the files the change touched (a reviewer sees them on the diff). */
  standingTouched: Finding[];
  /** Warnings and notices in the files the change touched (context, never failing). */
  touched: Finding[];
  /** Warnings and notices elsewhere: counted, not listed. */
  elsewhere: number;
}

const identity = (f: Finding) => `${f.child ?? f.file}\u0000${f.rule}\u0000${f.status}\u0000${f.level}`;

export function compareWithBase(base: readonly Finding[], head: readonly Finding[], touchedFiles: ReadonlySet<string>): GateResult {
  const pool = new Map<string, (string | null)[]>();
  for (const f of base) {
    if (f.level !== 'error') continue;
    const key = identity(f);
    const dues = pool.get(key);
    if (dues) dues.push(f.due);
    else pool.set(key, [f.due]);
  }
  const errors = head.filter((f) => f.level === 'error');
  const matched = new Set<Finding>();
  const take = (f: Finding, exact: boolean) => {
    const dues = pool.get(identity(f));
    if (!dues?.length) return;
    const i = exact ? dues.indexOf(f.due) : 0;
    if (i < 0) return;
    dues.splice(i, 1);
    matched.add(f);
  };
  for (const f of errors) take(f, true);
  for (const f of errors) if (!matched.has(f)) take(f, false);

  const caused: Finding[] = [];
  const standing: Finding[] = [];
  for (const f of errors) {
    if ((FILE_RULES.has(f.rule) && touchedFiles.has(f.file)) || !matched.has(f)) caused.push(f);
    else standing.push(f);
  }
  const rest = head.filter((f) => f.level !== 'error');
  const touched = rest.filter((f) => touchedFiles.has(f.file));
  return { caused, standing, standingTouched: standing.filter((f) => touchedFiles.has(f.file)), touched, elsewhere: rest.length - touched.length };
}
