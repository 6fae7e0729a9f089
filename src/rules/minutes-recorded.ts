import { clockAt, clockFinding } from '../domain/clock.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import type { RuleFinding } from '../domain/findings.js';
import type { Rule } from '../domain/rule.js';

export const minutesRecorded: Rule = {
  id: 'minutes-recorded',
  title: "Decision added to the child's record",
  headline: "Panel decision not added to the child's record",
  item: "Panel decision added to the child's record",
  soon: "Panel decision due to be added to the child's record",
  late: "Panel decision added to the child's record late",
  clock: (p) =>
    `For each held meeting whose agenda lists the child, that meeting's \`panel\` entry (decision and actions) in the child's file within ${describeDuration(p.timescales.minutes_recorded)} of the meeting; from git, an entry first committed after that is late.`,
  source: { kind: 'local', ref: "Panel terms of reference: minutes and actions added to children's records" },
  applies: 'tracked',
  check(child, ctx) {
    const meetings = ctx.agendasListing?.(child.id) ?? [];
    if (!meetings.length) return [];
    const period = ctx.policy.timescales.minutes_recorded;
    const level = ctx.policy.levels['minutes-recorded'];
    const out: RuleFinding[] = [];
    for (const date of meetings) {
      if (date >= ctx.asOf) continue;
      const due = addDuration(date, period, ctx.calendar);
      const index = child.panel.findIndex((p) => p.date === date);
      const spec = {
        what: `The decision and actions of the panel on ${date} in this child's record`,
        due,
        basis: `${describeDuration(period)} after the meeting`,
        overdueLevel: level,
      };
      if (index < 0) {
        const finding = clockFinding({ ...spec, path: ['panel'] }, ctx);
        if (finding) out.push(finding);
        continue;
      }
      // Recorded: only git can tell whether it was recorded in time.
      const recorded = ctx.recorded;
      if (!recorded || date < recorded.since) continue;
      const on = recorded.discussionRecorded(ctx.file, date);
      if (on && on > due) {
        const late = clockAt('late', { ...spec, met: on, metPhrase: 'were first committed on', path: ['panel', index, 'date'] }, ctx);
        out.push(late);
      }
    }
    return out;
  },
};
