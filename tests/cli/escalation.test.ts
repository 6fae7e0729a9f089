/**
 * `panel escalation` on the demo at the fixed test date: exactly the children whose error-level clock is
 * 28 or more days overdue, or who have been discussed at 3 or more panels with no plan agreed, each with
 * the error-level clock's own days, longest first; computed here independently from `panel check`'s JSON
 * and the case files themselves.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { panel, REPO } from './run.js';

const AS_OF = '2026-12-04';
const days = (from: string, to: string) => (Date.UTC(+to.slice(0, 4), +to.slice(5, 7) - 1, +to.slice(8, 10)) - Date.UTC(+from.slice(0, 4), +from.slice(5, 7) - 1, +from.slice(8, 10))) / 86_400_000;

interface Expected { id: string; days: number; panels: number }

function expectedEscalations(): Expected[] {
  const findings: { child: string | null; rule: string; status: string; level: string; due: string | null }[] = JSON.parse(panel(['check', '--as-of', AS_OF, '--format', 'json']).stdout).findings;
  const out: Expected[] = [];
  for (const f of readdirSync(path.join(REPO, 'cases')).filter((n) => n.endsWith('.md'))) {
    const child = parse(readFileSync(path.join(REPO, 'cases', f), 'utf8').split(/^---$/m)[1]);
    if (child.permanence?.secured) continue;
    const errorDays = findings.filter((x) => x.child === child.id && x.level === 'error' && x.status === 'overdue').map((x) => days(x.due!, AS_OF));
    const worst = Math.max(0, ...errorDays);
    const panels = child.plan?.agreed && child.plan.agreed <= AS_OF ? 0 : (child.panel ?? []).length;
    if (worst >= 28 || panels >= 3) out.push({ id: child.id, days: worst >= 28 ? worst : 0, panels });
  }
  return out;
}

describe('panel escalation on the demo at 2026-12-04', () => {
  const expected = expectedEscalations();
  const json = JSON.parse(panel(['escalation', '--as-of', AS_OF, '--format', 'json']).stdout);
  const list: { id: string; daysOverdue: number; panelsWithoutPlan: number; overdue: { rule: string; due: string; daysOverdue: number }[] }[] = json.escalations;

  it('lists exactly the children meeting the test, each with the error-level clock\'s days', () => {
    expect(expected.length).toBeGreaterThan(2);
    expect(list.map((e) => e.id).sort()).toEqual(expected.map((e) => e.id).sort());
    for (const e of expected) expect(list.find((x) => x.id === e.id)).toMatchObject({ daysOverdue: e.days, panelsWithoutPlan: e.panels });
    // A warning (an action 105 days overdue) neither lists a child nor lends it its days.
    expect(list.map((e) => e.id)).not.toContain('C-1030');
  });

  it('is ordered by those days, longest first', () => {
    const d = list.map((e) => e.daysOverdue);
    expect(d).toEqual([...d].sort((a, b) => b - a));
    expect(list[0]).toMatchObject({ id: 'C-1034', daysOverdue: 52 });
    expect(list[0].overdue).toEqual([{ rule: 'plo-duration', due: '2026-10-13', daysOverdue: 52 }]);
  });

  it('reads in plain words and dates for people, the same days', () => {
    const text = panel(['escalation', '--as-of', AS_OF]).stdout;
    expect(text).toContain('Escalation at 4 Dec 2026: 6 children');
    expect(text).toContain('C-1034 Kai Thompson: 52 days overdue');
    expect(text).toContain('  Pre-proceedings open too long: 52 days overdue (due 13 Oct 2026)');
    expect(text).not.toMatch(/plo-duration|\d{4}-\d{2}-\d{2}/);
  });
});
