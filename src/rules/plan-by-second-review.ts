import { clockFinding } from '../domain/clock.js';
import { minDate } from '../domain/dates.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import type { WorkingDayCalendar } from '../domain/calendar.js';
import type { IsoDate } from '../domain/dates.js';
import type { Policy } from '../domain/policy.js';
import { reviewsInCare, type Rule } from '../domain/rule.js';
import type { Child } from '../domain/schema.js';

/** The date the permanence plan is due by, for a looked-after child (the rule's clock). */
export function planDeadline(child: Child, policy: Policy, calendar: WorkingDayCalendar): { due: IsoDate; secondHeldOnTime: boolean; firstHeld: boolean } | null {
  const start = child.looked_after?.start;
  if (!start) return null;
  const { first_review, second_review } = policy.timescales;
  const [first, second] = reviewsInCare(child);
  const secondDue = first
    ? addDuration(first, second_review, calendar)
    : addDuration(addDuration(start, first_review, calendar), second_review, calendar);
  const due = second ? minDate(second, secondDue) : secondDue;
  return { due, secondHeldOnTime: !!second && second <= secondDue, firstHeld: !!first };
}

export const planBySecondReview: Rule = {
  id: 'plan-by-second-review',
  title: 'Permanence plan by the second review',
  headline: 'No permanence plan by the second review',
  item: 'Permanence plan by the second review',
  soon: 'Permanence plan due soon (by the second review)',
  late: 'Permanence plan agreed late (after the second review)',
  clock: (p) =>
    `\`plan.agreed\` no later than the second review: the earlier of its held date and its due date (if the first review is not held, its due date + ${describeDuration(p.timescales.second_review)}).`,
  source: { kind: 'guidance', ref: 'Children Act 1989 guidance vol 2 (care planning), ch 2; CPPCR Regs 2010 reg 5' },
  applies: 'looked-after',
  check(child, ctx) {
    const { due, secondHeldOnTime, firstHeld } = planDeadline(child, ctx.policy, ctx.calendar)!;
    const basis = secondHeldOnTime
      ? `the second review, held on ${due}`
      : firstHeld
        ? `the second review's due date`
        : `the second review's due date, counted from the first review's due date as none is held yet`;
    const agreed = child.plan?.agreed;
    const finding = clockFinding(
      {
        what: 'The permanence plan',
        due,
        basis: `by ${basis}`,
        met: agreed,
        metPhrase: 'was agreed on',
        path: agreed ? ['plan', 'agreed'] : child.plan ? ['plan'] : ['looked_after', 'start'],
        overdueLevel: ctx.policy.levels['plan-by-second-review'],
      },
      ctx,
    );
    return finding ? [finding] : [];
  },
};
