import { clockAt } from '../domain/clock.js';
import { describeDuration } from '../domain/duration.js';
import { notificationsOf } from '../domain/notifications.js';
import type { RuleFinding } from '../domain/findings.js';
import type { Rule } from '../domain/rule.js';

export const notification: Rule = {
  id: 'notification',
  title: 'Panel administrator told in time',
  headline: 'Added to the tracker late',
  item: 'Child added to the tracker',
  soon: 'Due to be added to the tracker soon',
  late: 'Added to the tracker late',
  clock: (p) =>
    `A child becoming looked after, entering PLO, made subject to care proceedings or with proceedings concluded is added to the tracker within ${describeDuration(p.timescales.notification)} of the event (read from git: the first commit recording it; events before the history began are not judged).`,
  source: { kind: 'local', ref: 'Panel terms of reference: notifications to the panel administrator' },
  applies: 'tracked',
  check(child, ctx) {
    const recorded = ctx.recorded;
    if (!recorded) return [];
    const period = ctx.policy.timescales.notification;
    const level = ctx.policy.levels.notification;
    const out: RuleFinding[] = [];
    for (const n of notificationsOf(child, ctx.file, recorded, ctx.asOf, ctx.policy, ctx.calendar)) {
      if (!n.late) continue;
      const finding = clockAt(
        'late',
        {
          what: `The tracker learnt that the child ${n.what} on ${n.date}: the change recording it`,
          due: n.due,
          basis: `${describeDuration(period)} after the event`,
          met: n.recordedOn,
          metPhrase: 'was first committed on',
          path: [...n.path],
          overdueLevel: level,
        },
        ctx,
      );
      out.push({ ...finding, level });
    }
    return out;
  },
};
