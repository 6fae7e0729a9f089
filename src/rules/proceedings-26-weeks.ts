import { clockFinding } from '../domain/clock.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import type { WorkingDayCalendar } from '../domain/calendar.js';
import type { IsoDate } from '../domain/dates.js';
import type { Policy } from '../domain/policy.js';
import type { Rule } from '../domain/rule.js';

/** The date care proceedings must conclude by: issue + 26 weeks + 8 weeks per extension (s32 CA 1989). */
export function proceedingsDue(p: { issued: IsoDate; extensions: number }, policy: Policy, calendar: WorkingDayCalendar): IsoDate {
  let due = addDuration(p.issued, policy.timescales.proceedings, calendar);
  for (let i = 0; i < p.extensions; i++) due = addDuration(due, policy.timescales.proceedings_extension, calendar);
  return due;
}

export const proceedings26Weeks: Rule = {
  id: 'proceedings-26-weeks',
  title: 'Care proceedings within 26 weeks',
  headline: 'Care proceedings past their deadline',
  item: 'End of care proceedings (26 weeks)',
  soon: 'Care proceedings due to conclude soon',
  late: 'Care proceedings concluded late',
  clock: (p) => `\`proceedings.concluded\` within ${describeDuration(p.timescales.proceedings)} of \`issued\`, plus ${describeDuration(p.timescales.proceedings_extension)} per extension.`,
  source: { kind: 'statutory', ref: 'Children Act 1989 s32(1)(a) (as amended by Children and Families Act 2014 s14)' },
  applies: 'tracked',
  check(child, ctx) {
    const p = child.proceedings;
    if (!p) return [];
    const { proceedings, proceedings_extension } = ctx.policy.timescales;
    const due = proceedingsDue(p, ctx.policy, ctx.calendar);
    const ext = p.extensions ? ` and ${p.extensions} extension${p.extensions === 1 ? '' : 's'} of ${describeDuration(proceedings_extension)}` : '';
    const finding = clockFinding(
      {
        what: 'Care proceedings',
        dueWhat: 'The conclusion of care proceedings',
        due,
        basis: `${describeDuration(proceedings)} after issue on ${p.issued}${ext}`,
        met: p.concluded,
        metPhrase: 'concluded on',
        path: p.concluded ? ['proceedings', 'concluded'] : ['proceedings', 'issued'],
        overdueLevel: ctx.policy.levels['proceedings-26-weeks'],
      },
      ctx,
    );
    return finding ? [finding] : [];
  },
};
