import { clockFinding } from '../domain/clock.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import type { RuleFinding } from '../domain/findings.js';
import type { Rule } from '../domain/rule.js';

export const lifeStory: Rule = {
  id: 'life-story',
  title: 'Life story work and later life letter',
  clock: 'Permanence secured, life story work or later life letter (adoption) not complete.',
  source: { kind: 'local', ref: 'Adoption Statutory Guidance ch 5 (life story book, later life letter); local timescale' },
  applies: 'secured',
  check(child, ctx) {
    const p = child.permanence!;
    const secured = p.secured!;
    const { life_story, later_life_letter } = ctx.policy.timescales;
    const level = ctx.policy.levels['life-story'];
    const out: RuleFinding[] = [];
    if (!p.life_story_complete) {
      const f = clockFinding(
        {
          what: 'Life story work',
          due: addDuration(secured, life_story, ctx.calendar),
          basis: life_story.days === 0 ? `permanence secured on ${secured}` : `${describeDuration(life_story)} after permanence was secured on ${secured}`,
          path: ['permanence', 'life_story_complete'],
          overdueLevel: level,
        },
        ctx,
      );
      if (f) out.push(f);
    }
    const adopted = (p.route ?? child.plan?.route) === 'adoption';
    if (adopted && !p.later_life_letter) {
      const f = clockFinding(
        {
          what: 'The later life letter to the adopters',
          due: addDuration(secured, later_life_letter, ctx.calendar),
          basis: `${describeDuration(later_life_letter)} after the adoption order on ${secured}`,
          path: ['permanence', 'later_life_letter'],
          overdueLevel: level,
        },
        ctx,
      );
      if (f) out.push(f);
    }
    return out;
  },
};
