/**
 * Pins the story the fictional demo data (cases/, meetings/, panel.yaml at the repo root) tells at the
 * December panel, as-of 2026-12-04: every rule shows something, the data is clean, and a handful of
 * children read exactly as CASE-FORMAT.md defines (each checked by hand, dates worked out in the comments;
 * E&W bank holidays 2025: Aug 25, Dec 25-26; 2026: Jan 1, Apr 3, Apr 6, May 4, May 25, Aug 31, Dec 25, Dec 28).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateDataRoot, readDataRoot, validCases } from '../src/data/data-root.js';
import { ROUTES } from '../src/domain/codes.js';
import type { Finding } from '../src/domain/findings.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const AS_OF = '2026-12-04';
const data = readDataRoot(REPO);
const { findings } = evaluateDataRoot(data, AS_OF);
const cases = validCases(data);

const has = (list: Finding[], rule: string, status: string) => list.some((f) => f.rule === rule && f.status === status);
const of = (list: Finding[], id: string) => list.filter((f) => f.child === id).map((f) => ({ rule: f.rule, status: f.status, level: f.level, due: f.due }));
const sorted = <T extends { rule: string; status: string }>(xs: T[]) => [...xs].sort((a, b) => a.rule.localeCompare(b.rule) || a.status.localeCompare(b.status));

const TIMESCALE_RULES = [
  'first-review',
  'second-review',
  'review-interval',
  'plan-by-second-review',
  'proceedings-26-weeks',
  'plo-duration',
  'first-panel',
  'panel-cadence',
  'action-overdue',
  'life-story',
];

describe(`the demo data at ${AS_OF}`, () => {
  it('reads cleanly: every case file valid, no schema or data-consistency findings', () => {
    expect(data.cases.length).toBeGreaterThanOrEqual(30);
    expect(cases.length).toBe(data.cases.length);
    expect(findings.filter((f) => f.rule === 'schema' || f.rule === 'data-consistency')).toEqual([]);
  });

  it('has at least one error-level finding (so `panel check` exits 1)', () => {
    expect(findings.some((f) => f.level === 'error')).toBe(true);
  });

  it.each(TIMESCALE_RULES.filter((r) => r !== 'panel-cadence' && r !== 'life-story'))('%s: at least one child overdue and one due-soon', (rule) => {
    expect(has(findings, rule, 'overdue')).toBe(true);
    expect(has(findings, rule, 'due-soon')).toBe(true);
  });

  it('panel-cadence: overdue at both steps on 2026-12-04; due-soon shown on 2026-11-22', () => {
    expect(findings.some((f) => f.rule === 'panel-cadence' && f.status === 'overdue' && f.level === 'warning')).toBe(true);
    expect(findings.some((f) => f.rule === 'panel-cadence' && f.status === 'overdue' && f.level === 'error')).toBe(true);
    // With monthly panels every child discussed on 6 November is not due-soon until 9 December, and one
    // last discussed on 2 October is past its 2-month step (2 December): due-soon cannot show on the 4th.
    const earlier = evaluateDataRoot(data, '2026-11-22').findings;
    expect(has(earlier, 'panel-cadence', 'due-soon')).toBe(true);
  });

  it('life-story: overdue on 2026-12-04 (C-1004, C-1005, C-1013); due-soon shown on 2026-11-20 and on 2026-12-04 (C-1011)', () => {
    expect(has(findings, 'life-story', 'overdue')).toBe(true);
    // C-1011 was adopted on Fri 2026-11-20 with life story work done: the later life letter is due 10 working
    // days after the order, Fri 2026-12-04 (no bank holiday between), due-soon from the day of the order and
    // still due-soon (due today) on 2026-12-04, overdue from 2026-12-05.
    const onTheDay = evaluateDataRoot(data, '2026-11-20').findings;
    expect(has(onTheDay, 'life-story', 'due-soon')).toBe(true);
    expect(of(onTheDay, 'C-1011')).toEqual([{ rule: 'life-story', status: 'due-soon', level: 'warning', due: '2026-12-04' }]);
    expect(of(findings, 'C-1011')).toEqual([{ rule: 'life-story', status: 'due-soon', level: 'warning', due: '2026-12-04' }]);
    expect(of(evaluateDataRoot(data, '2026-12-05').findings, 'C-1011')).toEqual([{ rule: 'life-story', status: 'overdue', level: 'warning', due: '2026-12-04' }]);
  });

  it.each(TIMESCALE_RULES.filter((r) => r !== 'panel-cadence' && r !== 'life-story'))('%s: at least one late (history, notice)', (rule) => {
    expect(findings.some((f) => f.rule === rule && f.status === 'late' && f.level === 'notice')).toBe(true);
  });

  it('panel-cadence and life-story never report late', () => {
    expect(findings.filter((f) => (f.rule === 'panel-cadence' || f.rule === 'life-story') && f.status === 'late')).toEqual([]);
  });

  it('every case file is marked fictional: a FICTIONAL comment in the front matter, the body opens with the notice', () => {
    for (const c of data.cases) {
      const text = readFileSync(path.join(REPO, c.file), 'utf8');
      const frontMatter = text.split('\n---')[0];
      expect(frontMatter, c.file).toMatch(/^---\n(?:.*\n)*# FICTIONAL/);
      expect(c.body.replace(/^\s+/, '').split('\n')[0], c.file).toMatch(/^> Fictional demo case/);
    }
  });

  it('sibling groups list each other', () => {
    const byId = new Map(cases.map((c) => [c.value.id, c.value]));
    const withSiblings = cases.filter((c) => c.value.siblings.length);
    expect(withSiblings.length).toBeGreaterThanOrEqual(2);
    for (const c of withSiblings) {
      for (const s of c.value.siblings) {
        expect(byId.has(s), `${c.value.id} -> ${s}`).toBe(true);
        expect(byId.get(s)!.siblings, `${s} lists ${c.value.id}`).toContain(c.value.id);
      }
    }
  });

  it('every permanence route appears as some child\'s plan.route', () => {
    const routes = new Set(cases.map((c) => c.value.plan?.route).filter(Boolean));
    for (const r of ROUTES) expect(routes.has(r), r).toBe(true);
  });

  it('at least 6 children have permanence secured, and they have no findings but life-story', () => {
    const secured = cases.filter((c) => c.value.permanence?.secured).map((c) => c.value.id);
    expect(secured.length).toBeGreaterThanOrEqual(6);
    const others = findings.filter((f) => f.child && secured.includes(f.child) && f.rule !== 'life-story');
    expect(others).toEqual([]);
  });
});

describe('specific children at 2026-12-04, checked by hand against CASE-FORMAT.md', () => {
  it('C-1001 (SGO, final hearing listed): only proceedings due-soon', () => {
    // Issued 2026-06-15 + 26 weeks = 2026-12-14 (due-soon from 2026-11-16). Everything else on time: first
    // review due 2026-07-13 (20 working days), held 07-09; second due 10-09, held 10-01; plan agreed 10-01;
    // PLO 03-23 ended 06-15 (3 months: 06-23); first panel due 04-20, held 04-07; last discussion 11-06
    // (due-soon from 12-09); every action done by its due date.
    expect(of(findings, 'C-1001')).toEqual([{ rule: 'proceedings-26-weeks', status: 'due-soon', level: 'warning', due: '2026-12-14' }]);
  });

  it('C-1004 (adopted 2026-05-20, life story done, later life letter not): one life-story finding naming the letter', () => {
    // Permanence secured, so only life-story applies (its open action due 2026-06-19 is not reported).
    // The letter is due 10 working days after the order of Wed 2026-05-20, skipping the spring bank holiday
    // (Mon 25 May): Thu 2026-06-04; overdue from 06-05 at level warning, 183 days on 2026-12-04.
    expect(of(findings, 'C-1004')).toEqual([{ rule: 'life-story', status: 'overdue', level: 'warning', due: '2026-06-04' }]);
    const msg = findings.find((f) => f.child === 'C-1004')!.message;
    expect(msg).toBe('The later life letter to the adopters was due on 2026-06-04 (10 working days after the adoption order on 2026-05-20; the ceremony date is not recorded): 183 days overdue.');
  });

  it('C-1013 (special guardianship 2026-10-16, life story not done): life-story only, no letter (not adoption)', () => {
    expect(of(findings, 'C-1013')).toEqual([{ rule: 'life-story', status: 'overdue', level: 'warning', due: '2026-10-16' }]);
    const msg = findings.find((f) => f.child === 'C-1013')!.message;
    expect(msg).toBe('Completing life story work was due on 2026-10-16 (permanence was secured on 2026-10-16): 49 days overdue.');
  });

  it('C-1023 (second review not held, no plan, action open)', () => {
    // First review held 2026-08-06 (due 08-10: 20 working days from 07-13); second review due 08-06 + 3
    // months = 11-06, not held: overdue error. Plan due by the second review's due date 11-06: overdue
    // error. Action due 11-20, not done: overdue warning. Proceedings issued 07-13: due 2027-01-11, not
    // due-soon before 12-14. First panel due 08-10, held 08-07. Last discussion 11-06.
    expect(sorted(of(findings, 'C-1023'))).toEqual([
      { rule: 'action-overdue', status: 'overdue', level: 'warning', due: '2026-11-20' },
      { rule: 'plan-by-second-review', status: 'overdue', level: 'error', due: '2026-11-06' },
      { rule: 'second-review', status: 'overdue', level: 'error', due: '2026-11-06' },
    ]);
  });

  it('C-1029 (deferred from November panel): panel-cadence past its first step; due-soon on 2026-11-22', () => {
    // Last discussion 2026-10-02: 2 months 2026-12-02 (warning), 3 months 2027-01-02. First review due
    // 2026-09-08 (20 working days from 08-10, skipping Aug 31), held 09-03; second due 12-03, held 11-19;
    // plan agreed 11-19; proceedings issued 08-10 due 2027-02-08; PLO 05-26 ended 08-10 (due 08-26);
    // first panel due 06-23 (PLO start + 28 days), held 06-05; action done in time.
    expect(of(findings, 'C-1029')).toEqual([{ rule: 'panel-cadence', status: 'overdue', level: 'warning', due: '2026-12-02' }]);
    // Due-soon from 2026-11-04 (28 days before 12-02): shown on 2026-11-22, as it cannot be on 12-04.
    expect(of(evaluateDataRoot(data, '2026-11-22').findings, 'C-1029')).toEqual([
      { rule: 'panel-cadence', status: 'due-soon', level: 'warning', due: '2026-12-02' },
    ]);
  });

  it('C-1030 (not discussed since August, action open since August)', () => {
    // Last discussion 2026-08-07: 3 months 2026-11-07 passed: overdue error (due = the second step).
    // Action due 2026-08-21, not done: overdue warning. Reviews 2025-12-18, 2026-03-12, 09-03 in time;
    // proceedings issued 2025-11-26 (due 2026-05-27) concluded 05-21.
    expect(sorted(of(findings, 'C-1030'))).toEqual([
      { rule: 'action-overdue', status: 'overdue', level: 'warning', due: '2026-08-21' },
      { rule: 'panel-cadence', status: 'overdue', level: 'error', due: '2026-11-07' },
    ]);
  });

  it('C-1036 (in care since 2026-10-12, no review, never discussed)', () => {
    // 20 working days from Mon 2026-10-12 = Mon 2026-11-09; 28 days = 2026-11-09. Both overdue error.
    // Plan by second review: first review not held, so its due date + 3 months = 2027-02-09 (not due-soon).
    expect(sorted(of(findings, 'C-1036'))).toEqual([
      { rule: 'first-panel', status: 'overdue', level: 'error', due: '2026-11-09' },
      { rule: 'first-review', status: 'overdue', level: 'error', due: '2026-11-09' },
    ]);
  });

  it('C-1040 (history only: three late clocks, all notices)', () => {
    // First review due 2025-08-11 (20 working days from Mon 2025-07-14), held 08-14: late.
    // PLO 2025-03-03: 3 months 2025-06-03, ended 07-14: late against the first step.
    // Proceedings issued 2025-07-14, 1 extension: 26 + 8 weeks = 2026-03-09, concluded 04-20: late.
    // Reviews and plan in time (second due 11-14 held 10-30; then 2026-04-23, 10-15); first panel due
    // 2025-03-31 (PLO start + 28), held 03-07; last discussion 2026-11-06; actions done in time.
    expect(sorted(of(findings, 'C-1040'))).toEqual([
      { rule: 'first-review', status: 'late', level: 'notice', due: '2025-08-11' },
      { rule: 'plo-duration', status: 'late', level: 'notice', due: '2025-06-03' },
      { rule: 'proceedings-26-weeks', status: 'late', level: 'notice', due: '2026-03-09' },
    ]);
  });
});

describe('the demo shows every new event, milestone and paper (issue 13) at today (2026-11-30) and the test date', () => {
  const kids = cases.map((c) => c.value);
  it('every presenting event, adoption milestone and plan date appears in at least one case file', () => {
    const some = (f: (c: (typeof kids)[number]) => unknown) => kids.some((c) => !!f(c));
    expect(some((c) => c.disruption_meetings.length && c.disruption_meetings[0].lessons_child && c.disruption_meetings[0].lessons_service && c.disruption_meetings[0].chair)).toBe(true);
    expect(some((c) => c.stability_meetings.length)).toBe(true);
    expect(some((c) => c.plan?.emergency_change)).toBe(true);
    expect(some((c) => c.plan?.change_proposed)).toBe(true);
    expect(some((c) => c.plan?.confirmed)).toBe(true);
    expect(some((c) => c.remand?.long_term_plan)).toBe(true);
    expect(some((c) => c.foster_match && !c.foster_match.ifa)).toBe(true);
    expect(some((c) => c.foster_match?.ifa)).toBe(true);
    expect(some((c) => c.staying_put)).toBe(true);
    expect(some((c) => c.iro_difference)).toBe(true);
    for (const m of ['agency_decision', 'placement_order', 'match_recommended', 'match_decision', 'placed', 'order'] as const) expect(some((c) => c.adoption?.[m]), m).toBe(true);
    const meetings = data.meetings.map((m) => m.value!).filter(Boolean);
    const papers = new Set(meetings.flatMap((m) => Object.values(m.papers).flat().map((p) => p.paper)));
    for (const p of ['court-care-plan', 'ppm-minutes', 'care-plan', 'referral-form', 'chronology', 'matching-report']) expect(papers, p).toContain(p);
  });
  it.each(['2026-11-30', AS_OF])('at %s the tracker shows each reason to present, and the December agenda brings it', async (asOf) => {
    const { agendaFor } = await import('../src/data/meeting-cycle.js');
    const { presentingAt } = await import('../src/domain/presenting.js');
    const expected = ['disruption', 'stability', 'emergency-change', 'adoption-plan-change', 'remand', 'foster-match', 'staying-put', 'iro-difference'];
    const onTracker = new Set(kids.flatMap((c) => presentingAt(c, asOf).map((p) => p.code)));
    const onAgenda = new Set(agendaFor(data, '2026-12-04').items.flatMap((i) => i.children.flatMap((c) => c.reasons.map((r) => r.code))));
    for (const code of expected) {
      expect(onTracker, code).toContain(code);
      expect(onAgenda, code).toContain(code);
    }
    const tracker = evaluateDataRoot(data, asOf).findings;
    expect(tracker.some((f) => f.rule === 'adoption-register' && f.child === 'C-1032' && f.status === 'overdue')).toBe(true);
    expect(tracker.some((f) => f.rule === 'papers-due' && f.status === 'late')).toBe(true);
  });
});
