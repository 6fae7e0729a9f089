import { clockFinding } from '../domain/clock.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import type { Rule } from '../domain/rule.js';

export const lifeStory: Rule = {
  id: 'life-story',
  title: 'Life story work and later life letter',
  headline: 'Life story work not finished',
  clock: (p) =>
    p.timescales.life_story.days === 0
      ? 'Permanence secured, life story work or later life letter (adoption) not complete.'
      : `Life story work and, after adoption, the later life letter complete within ${describeDuration(p.timescales.life_story)} of permanence being secured.`,
  source: { kind: 'local', ref: 'Adoption Statutory Guidance ch 5 (life story book, later life letter); local practice' },
  applies: 'secured',
  check(child, ctx) {
    const p = child.permanence!;
    const secured = p.secured!;
    const adopted = (p.route ?? child.plan?.route) === 'adoption';
    const missing = [
      !p.life_story_complete && { text: 'life story work', path: ['permanence', 'life_story_complete'] },
      adopted && !p.later_life_letter && { text: 'the later life letter', path: ['permanence', 'later_life_letter'] },
    ].filter((m): m is { text: string; path: string[] } => !!m);
    if (!missing.length) return [];
    const period = ctx.policy.timescales.life_story;
    const what = missing.map((m) => m.text).join(' and ');
    const finding = clockFinding(
      {
        what: what[0].toUpperCase() + what.slice(1),
        dueWhat: `Completing ${what}`,
        due: addDuration(secured, period, ctx.calendar),
        basis: period.days === 0 ? `permanence was secured on ${secured}` : `${describeDuration(period)} after permanence was secured on ${secured}`,
        path: missing[0].path,
        overdueLevel: ctx.policy.levels['life-story'],
      },
      ctx,
    );
    return finding ? [finding] : [];
  },
};
