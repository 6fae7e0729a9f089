import { clockFinding } from '../domain/clock.js';
import { minDate } from '../domain/dates.js';
import { addDuration } from '../domain/duration.js';
import { reviewsInCare, type Rule } from '../domain/rule.js';

export const planBySecondReview: Rule = {
  id: 'plan-by-second-review',
  title: 'Permanence plan by the second review',
  clock:
    '`plan.agreed` no later than the second review: the earlier of its held date and its due date (if the first review is not held, its due date + 3 months).',
  source: { kind: 'guidance', ref: 'Children Act 1989 guidance vol 2 (care planning), ch 2; CPPCR Regs 2010 reg 5' },
  applies: 'looked-after',
  check(child, ctx) {
    const start = child.looked_after!.start;
    const { first_review, second_review } = ctx.policy.timescales;
    const [first, second] = reviewsInCare(child);
    const secondDue = first
      ? addDuration(first, second_review, ctx.calendar)
      : addDuration(addDuration(start, first_review, ctx.calendar), second_review, ctx.calendar);
    const due = second ? minDate(second, secondDue) : secondDue;
    const basis = second && second <= secondDue
      ? `the second review, held on ${second}`
      : first
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
