import { clockFinding } from '../domain/clock.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import type { Rule } from '../domain/rule.js';

export const proceedings26Weeks: Rule = {
  id: 'proceedings-26-weeks',
  title: 'Care proceedings within 26 weeks',
  clock: '`proceedings.concluded` within 26 weeks of `issued`, plus 8 weeks per extension.',
  source: { kind: 'statutory', ref: 'Children Act 1989 s32(1)(a) (as amended by Children and Families Act 2014 s14)' },
  applies: 'tracked',
  check(child, ctx) {
    const p = child.proceedings;
    if (!p) return [];
    const { proceedings, proceedings_extension } = ctx.policy.timescales;
    let due = addDuration(p.issued, proceedings, ctx.calendar);
    for (let i = 0; i < p.extensions; i++) due = addDuration(due, proceedings_extension, ctx.calendar);
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
