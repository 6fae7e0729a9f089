import { clockAt } from '../domain/clock.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import type { RuleFinding } from '../domain/findings.js';
import type { Rule } from '../domain/rule.js';

/** The events the panel administrator must be told of, by the field that records each. */
const EVENTS = [
  { field: 'looked_after.start', path: ['looked_after', 'start'], what: 'became looked after' },
  { field: 'plo.start', path: ['plo', 'start'], what: 'entered pre-proceedings (PLO)' },
  { field: 'proceedings.issued', path: ['proceedings', 'issued'], what: 'was made subject to care proceedings' },
  { field: 'proceedings.concluded', path: ['proceedings', 'concluded'], what: 'had care proceedings concluded' },
] as const;

function valueAt(child: object, field: string): unknown {
  return field.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), child);
}

export const notification: Rule = {
  id: 'notification',
  title: 'Panel administrator told in time',
  headline: 'Added to the tracker late',
  clock: (p) =>
    `A child becoming looked after, entering PLO, made subject to care proceedings or with proceedings concluded is added to the tracker within ${describeDuration(p.timescales.notification)} of the event (read from git: the first commit recording it; events before the history began are not judged).`,
  source: { kind: 'local', ref: 'Panel terms of reference: notifications to the panel administrator' },
  applies: 'tracked',
  check(child, ctx) {
    const recorded = ctx.recorded;
    if (!recorded) return [];
    const period = ctx.policy.timescales.notification;
    const out: RuleFinding[] = [];
    for (const e of EVENTS) {
      const date = valueAt(child, e.field);
      // An event before the tracker was kept in git, or not happened yet, says nothing about notification.
      if (typeof date !== 'string' || date < recorded.since || date > ctx.asOf) continue;
      const on = recorded.firstRecorded(ctx.file, e.field, date);
      if (!on) continue;
      const due = addDuration(date, period, ctx.calendar);
      if (on <= due) continue;
      const finding = clockAt(
        'late',
        {
          what: `The tracker learnt that the child ${e.what} on ${date}: the change recording it`,
          due,
          basis: `${describeDuration(period)} after the event`,
          met: on,
          metPhrase: 'was first committed on',
          path: [...e.path],
          overdueLevel: ctx.policy.levels.notification,
        },
        ctx,
      );
      out.push({ ...finding, level: ctx.policy.levels.notification });
    }
    return out;
  },
};
