/** What a rule reports, and the vocabulary of statuses shared by the CLI, the site and the pack. */
import type { IsoDate } from './dates.js';
import type { Level } from './policy.js';
import type { FieldPath } from './problems.js';

export const STATUSES = ['overdue', 'due-soon', 'late', 'invalid'] as const;
export type Status = (typeof STATUSES)[number];

/** A rule's result about one child, before the engine adds the file, child and line. */
export interface RuleFinding {
  status: Status;
  level: Level;
  due: IsoDate | null;
  message: string;
  /** The field the finding is about, for its line number. */
  path: FieldPath;
  /** The child a meeting rule's finding is about (papers for one child on the agenda). */
  child?: string;
}

/** The public shape of CASE-FORMAT.md (`--format json`), key order included. */
export interface Finding {
  child: string | null;
  file: string;
  rule: string;
  status: Status;
  level: Level;
  due: IsoDate | null;
  message: string;
  line?: number;
}

export const LEVEL_RANK: Record<Level, number> = { error: 0, warning: 1, notice: 2 };
export const STATUS_RANK: Record<Status, number> = { invalid: 0, overdue: 1, 'due-soon': 2, late: 3 };

/** Worst first: level, then status, then the oldest due date. */
export function compareSeverity(a: Finding, b: Finding): number {
  return (
    LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    // A file that cannot be read hides every clock in it: worse than an inconsistency.
    Number(b.rule === 'schema') - Number(a.rule === 'schema') ||
    (a.due ?? '9999').localeCompare(b.due ?? '9999') ||
    a.rule.localeCompare(b.rule)
  );
}

/** Red, amber or green for a child, from its findings (DOMAIN.md s3: no national standard; this is ours). */
export type Rag = 'red' | 'amber' | 'green';
export function ragOf(findings: Pick<Finding, 'level' | 'status'>[]): Rag {
  if (findings.some((f) => f.level === 'error' && f.status !== 'late')) return 'red';
  if (findings.some((f) => f.status === 'overdue' || f.status === 'due-soon' || f.level === 'warning')) return 'amber';
  return 'green';
}
