import { readClock } from '../domain/clock.js';
import { daysBetween } from '../domain/dates.js';
import type { RuleFinding } from '../domain/findings.js';
import { papersBasis, papersDueBy } from '../domain/papers.js';
import { plural } from '../domain/plural.js';
import type { MeetingRule } from '../domain/rule.js';


export const papersDue: MeetingRule = {
  id: 'papers-due',
  title: 'Papers for each child before the meeting',
  headline: 'Papers missing for panel',
  item: 'Papers for panel',
  soon: 'Papers for panel due soon',
  late: 'Papers for panel received late',
  clock: (p) =>
    `Each paper expected for a child on a meeting file's agenda (\`papers_expected\`${p.papers_expected.length ? `: ${p.papers_expected.join(', ')}` : ', none by default'}, or listed under \`papers\`) received ${papersBasis(p)}; missing papers are reported until the meeting, late ones after it.`,
  source: { kind: 'local', ref: '002_27a9f32f04a40ca7.txt s7-8 (one week); 004_7865bcd93e761c9a.txt s4 (three days)' },
  check(meeting, ctx) {
    if (!meeting.papers?.length) return [];
    const due = papersDueBy(meeting.date, ctx.policy, ctx.calendar);
    const basis = `${papersBasis(ctx.policy)} on ${meeting.date}`;
    const out: RuleFinding[] = [];
    for (const c of meeting.papers) {
      const missing = c.papers.filter((p) => !p.received || p.received > ctx.asOf);
      const late = c.papers.filter((p) => p.received && p.received <= ctx.asOf && p.received > due);
      const path = ['papers', c.id];
      const status = missing.length && ctx.asOf <= meeting.date ? readClock(due, null, ctx.asOf, ctx.windowDays) : null;
      if (status === 'overdue') {
        out.push({
          child: c.id,
          status,
          level: ctx.policy.levels['papers-due'],
          due,
          path,
          message: `Papers for ${c.id} were due on ${due} (${basis}): ${missing.map((p) => p.label.toLowerCase()).join(', ')} not received, ${plural(daysBetween(due, ctx.asOf), 'day')} overdue.`,
        });
      } else if (status === 'due-soon') {
        const left = daysBetween(ctx.asOf, due);
        out.push({
          child: c.id,
          status,
          level: ctx.dueSoonLevel,
          due,
          path,
          message: `Papers for ${c.id} are due ${left === 0 ? 'today' : `in ${plural(left, 'day')}`}, on ${due} (${basis}): ${missing.map((p) => p.label.toLowerCase()).join(', ')} not yet received.`,
        });
      }
      if (late.length) {
        out.push({
          child: c.id,
          status: 'late',
          level: 'notice',
          due,
          path: late[0].index !== null ? ['papers', c.id, late[0].index, 'received'] : path,
          message: `Papers for ${c.id} arrived after ${due} (${basis}): ${late.map((p) => `${p.label.toLowerCase()} on ${p.received}`).join(', ')}.`,
        });
      }
    }
    return out;
  },
};
