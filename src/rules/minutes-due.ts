import { clockFinding } from '../domain/clock.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import type { MeetingRule } from '../domain/rule.js';

export const minutesDue: MeetingRule = {
  id: 'minutes-due',
  title: 'Minutes and actions published',
  headline: 'Minutes not published in time',
  item: 'Minutes and actions published',
  soon: 'Minutes and actions due soon',
  late: 'Minutes and actions published late',
  clock: (p) => `Minutes and actions published (\`minutes_published\`) within ${describeDuration(p.timescales.minutes_published)} of the meeting.`,
  source: { kind: 'local', ref: 'Panel terms of reference: minutes and actions within 3 working days' },
  check(meeting, ctx) {
    // Minutes are only owed for a meeting that has happened and has a file.
    if (!meeting.exists || meeting.date > ctx.asOf) return [];
    const period = ctx.policy.timescales.minutes_published;
    const finding = clockFinding(
      {
        what: `The minutes of the panel on ${meeting.date}`,
        dueWhat: `Publishing the minutes of the panel on ${meeting.date}`,
        due: addDuration(meeting.date, period, ctx.calendar),
        basis: `${describeDuration(period)} after the meeting`,
        met: meeting.minutesPublished,
        metPhrase: 'were published on',
        path: ['minutes_published'],
        overdueLevel: ctx.policy.levels['minutes-due'],
      },
      ctx,
    );
    return finding ? [finding] : [];
  },
};
