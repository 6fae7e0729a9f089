import { clockFinding, twoStepFinding } from '../domain/clock.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import { enteredCareOrPlo, type Rule } from '../domain/rule.js';

export const firstPanel: Rule = {
  id: 'first-panel',
  title: 'First discussion at panel',
  headline: 'Not brought to panel in time',
  item: 'First discussion at panel',
  soon: 'First discussion at panel due soon',
  late: 'First discussion at panel held late',
  clock: (p) => {
    const t = p.timescales;
    const entry = 'entering care or PLO, whichever came first';
    if (t.first_panel_at_next_meeting) return `First \`panel\` discussion at the next available panel (the first whose agenda is still open) after ${entry}.`;
    if (t.first_panel_warning) return `First \`panel\` discussion more than ${describeDuration(t.first_panel_warning)} after ${entry}: warning; more than ${describeDuration(t.first_panel)}: ${p.levels['first-panel']}.`;
    return `First \`panel\` discussion within ${describeDuration(t.first_panel)} of ${entry}.`;
  },
  source: { kind: 'local', ref: 'Local permanence tracking policy (next panel / 4 weeks / 6-8 weeks)' },
  applies: 'tracked',
  check(child, ctx) {
    const entry = enteredCareOrPlo(child);
    if (!entry) return [];
    const entered = child.looked_after?.start === entry ? `entering care on ${entry}` : `entering PLO on ${entry}`;
    const met = child.panel[0]?.date;
    const path = met ? ['panel', 0, 'date'] : child.looked_after?.start === entry ? ['looked_after', 'start'] : ['plo', 'start'];
    const { first_panel, first_panel_warning, first_panel_at_next_meeting } = ctx.policy.timescales;
    const level = ctx.policy.levels['first-panel'];
    const what = 'The first discussion at panel';
    let finding;
    if (first_panel_at_next_meeting) {
      const due = ctx.nextAvailableMeeting(entry);
      if (!due) return [];
      finding = clockFinding({ what, due, basis: `the next available panel after ${entered}`, met, metPhrase: 'was on', path, overdueLevel: level }, ctx);
    } else if (first_panel_warning) {
      finding = twoStepFinding(
        {
          what,
          step1: addDuration(entry, first_panel_warning, ctx.calendar),
          basis1: `${describeDuration(first_panel_warning)} after ${entered}`,
          step2: addDuration(entry, first_panel, ctx.calendar),
          basis2: `the limit of ${describeDuration(first_panel)} after ${entered}`,
          met,
          metPhrase: 'was on',
          path,
          overdueLevel: level,
        },
        ctx,
      );
    } else {
      finding = clockFinding(
        { what, due: addDuration(entry, first_panel, ctx.calendar), basis: `${describeDuration(first_panel)} after ${entered}`, met, metPhrase: 'was on', path, overdueLevel: level },
        ctx,
      );
    }
    return finding ? [finding] : [];
  },
};
