/**
 * Reading one timescale clock at a date, exactly as CASE-FORMAT.md defines it: `overdue` from the day
 * after the due date; `due-soon` from `window` days before it up to and including it; an event on the due
 * date is on time; an event after it is `late`.
 */
import { daysBetween, plusDays, type IsoDate } from './dates.js';
import type { RuleFinding, Status } from './findings.js';
import type { Level } from './policy.js';
import { plural } from './plural.js';
import type { FieldPath } from './problems.js';

export function readClock(due: IsoDate, met: IsoDate | null | undefined, asOf: IsoDate, windowDays: number): Exclude<Status, 'invalid'> | null {
  if (met) return met > due ? 'late' : null;
  if (asOf > due) return 'overdue';
  if (asOf >= plusDays(due, -windowDays)) return 'due-soon';
  return null;
}


export interface ClockSpec {
  /** What is due, as a noun phrase: "The first looked-after review". */
  what: string;
  /** The same, when the due event is an ending: "The end of pre-proceedings" (default: `what`). */
  dueWhat?: string;
  due: IsoDate;
  /** Why it is due then: "20 working days after care started on 2026-05-04". */
  basis: string;
  /** The date the event happened, if it has. */
  met?: IsoDate | null;
  /** How the event reads when it happened: "was held on", "ended on". */
  metPhrase?: string;
  path: FieldPath;
  overdueLevel: Level;
}

export interface ClockContext {
  asOf: IsoDate;
  windowDays: number;
  dueSoonLevel: Level;
}

/** One clock read at `ctx.asOf`, as a finding with a message that says when, why and by how much. */
export function clockFinding(spec: ClockSpec, ctx: ClockContext): RuleFinding | null {
  const status = readClock(spec.due, spec.met, ctx.asOf, ctx.windowDays);
  if (!status) return null;
  return clockAt(status, spec, ctx);
}

export function clockAt(status: Exclude<Status, 'invalid'>, spec: ClockSpec, ctx: ClockContext): RuleFinding {
  if (status === 'late') {
    const by = daysBetween(spec.due, spec.met as IsoDate);
    return { due: spec.due, path: spec.path, status, level: 'notice', message: `${spec.what} ${spec.metPhrase ?? 'happened on'} ${spec.met}, ${plural(by, 'day')} after the due date of ${spec.due} (${spec.basis}).` };
  }
  if (status === 'overdue') {
    const by = daysBetween(spec.due, ctx.asOf);
    return { due: spec.due, path: spec.path, status, level: spec.overdueLevel, message: `${spec.dueWhat ?? spec.what} was due on ${spec.due} (${spec.basis}): ${plural(by, 'day')} overdue.` };
  }
  const left = daysBetween(ctx.asOf, spec.due);
  return {
    due: spec.due,
    path: spec.path,
    status,
    level: ctx.dueSoonLevel,
    message: `${spec.dueWhat ?? spec.what} is due ${left === 0 ? 'today' : `in ${plural(left, 'day')}`}, on ${spec.due} (${spec.basis}).`,
  };
}

export interface TwoStepSpec {
  what: string;
  dueWhat?: string;
  /** First step: passing it is `overdue` at level warning; `due-soon` counts down to it. */
  step1: IsoDate;
  basis1: string;
  /** Second step: passing it is `overdue` at the rule's level. */
  step2: IsoDate;
  basis2: string;
  met?: IsoDate | null;
  metPhrase?: string;
  path: FieldPath;
  overdueLevel: Level;
}

/** A two-step clock (`plo-duration`, `panel-cadence`, a "6-8 weeks" first panel): reports the step passed. */
export function twoStepFinding(spec: TwoStepSpec, ctx: ClockContext): RuleFinding | null {
  const first = { what: spec.what, dueWhat: spec.dueWhat, due: spec.step1, basis: spec.basis1, met: spec.met, metPhrase: spec.metPhrase, path: spec.path };
  if (spec.met) return spec.met > spec.step1 ? clockAt('late', { ...first, overdueLevel: 'warning' }, ctx) : null;
  if (ctx.asOf > spec.step2) {
    return clockAt('overdue', { what: spec.what, dueWhat: spec.dueWhat, due: spec.step2, basis: spec.basis2, path: spec.path, overdueLevel: spec.overdueLevel }, ctx);
  }
  return clockFinding({ ...first, overdueLevel: 'warning' }, ctx);
}
