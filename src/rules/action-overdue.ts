import { clockFinding } from '../domain/clock.js';
import type { RuleFinding } from '../domain/findings.js';
import type { Rule } from '../domain/rule.js';

const short = (s: string) => (s.length > 70 ? `${s.slice(0, 67).trimEnd()}...` : s);

export const actionOverdue: Rule = {
  id: 'action-overdue',
  title: 'Panel actions done on time',
  headline: 'Panel action not done',
  item: 'Panel action',
  soon: 'Panel action due soon',
  late: 'Panel action done late',
  clock: () => 'An action past its `due` date and not `done`.',
  source: { kind: 'local', ref: 'Panel terms of reference: actions followed up at the next meeting' },
  applies: 'tracked',
  check(child, ctx) {
    const out: RuleFinding[] = [];
    child.panel.forEach((discussion, i) =>
      discussion.actions.forEach((action, j) => {
        const owner = action.owner ? `, owner ${action.owner}` : '';
        const finding = clockFinding(
          {
            what: `Action "${short(action.action)}"${owner}`,
            due: action.due,
            basis: `set at panel on ${discussion.date}`,
            met: action.done,
            metPhrase: 'was done on',
            path: ['panel', i, 'actions', j, action.done ? 'done' : 'due'],
            overdueLevel: ctx.policy.levels['action-overdue'],
          },
          ctx,
        );
        if (finding) out.push(finding);
      }),
    );
    return out;
  },
};
