import { clockFinding } from '../domain/clock.js';
import type { IsoDate } from '../domain/dates.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import type { Duration } from '../domain/duration.js';
import type { RuleFinding } from '../domain/findings.js';
import type { Rule } from '../domain/rule.js';

const NO_CEREMONY = 'the ceremony date is not recorded';

/**
 * Two clocks from `permanence.secured`: life story work (`timescales.life_story`) and, after adoption only,
 * the later life letter to the adopters (`timescales.later_life_letter`). Practice counts the letter from
 * the adoption ceremony (DOMAIN.md s3); the case file records no ceremony date, so it runs from the
 * adoption order. Each missing item is its own finding, with its own due date and field, so that a child
 * whose life story work is done is never reported for it; items due on the same day share one finding.
 */
export const lifeStory: Rule = {
  id: 'life-story',
  title: 'Life story work and later life letter',
  headline: 'Life story work or later life letter not finished',
  item: 'Life story work or later life letter',
  soon: 'Life story work or later life letter due soon',
  late: 'Life story work or later life letter finished late',
  clock: (p) => {
    const story = p.timescales.life_story.days === 0 ? 'Life story work complete when permanence is secured' : `Life story work complete within ${describeDuration(p.timescales.life_story)} of permanence being secured`;
    const letter = p.timescales.later_life_letter;
    const letterWhen = letter.days === 0 ? 'by the day of the adoption order' : `within ${describeDuration(letter)} of the adoption order`;
    return `${story}; after adoption, the later life letter to the adopters ${letterWhen} (\`permanence.secured\`): the guidance counts from the adoption ceremony, whose date the case file does not record.`;
  },
  source: { kind: 'local', ref: 'Adoption Statutory Guidance ch 5 (life story book, later life letter); local practice' },
  applies: 'secured',
  check(child, ctx) {
    const p = child.permanence!;
    const secured = p.secured!;
    const adopted = (p.route ?? child.plan?.route) === 'adoption';
    const { life_story, later_life_letter } = ctx.policy.timescales;
    const after = (period: Duration, from: string) => (period.days === 0 ? from : `${describeDuration(period)} after ${from}`);
    const missing: { text: string; what: string; due: IsoDate; basis: string; path: string[] }[] = [];
    if (!p.life_story_complete) {
      missing.push({
        text: 'life story work',
        what: 'Completing life story work',
        due: addDuration(secured, life_story, ctx.calendar),
        basis: life_story.days === 0 ? `permanence was secured on ${secured}` : `${describeDuration(life_story)} after permanence was secured on ${secured}`,
        path: ['permanence', 'life_story_complete'],
      });
    }
    if (adopted && !p.later_life_letter) {
      missing.push({
        text: 'the later life letter',
        what: 'The later life letter to the adopters',
        due: addDuration(secured, later_life_letter, ctx.calendar),
        basis: `${after(later_life_letter, `the adoption order on ${secured}`)}; ${NO_CEREMONY}`,
        path: ['permanence', 'later_life_letter'],
      });
    }
    const out: RuleFinding[] = [];
    for (const due of [...new Set(missing.map((m) => m.due))].sort()) {
      const items = missing.filter((m) => m.due === due);
      // Both due the same day: one finding naming both, counted as life story work is.
      const what = items.length === 1 ? items[0].what : `Completing ${items.map((m) => m.text).join(' and ')}`;
      const finding = clockFinding({ what, due, basis: items[0].basis, path: items[0].path, overdueLevel: ctx.policy.levels['life-story'] }, ctx);
      if (finding) out.push(finding);
    }
    return out;
  },
};
