/**
 * Every seed panel runs as written (issue 13): a data root per preset under tests/fixtures/<preset>/,
 * configured with that preset only, through the real `panel check` and `panel agenda`. Each test asserts a
 * number its seed sets at its boundary: the due day (due-soon "today") beside the day after (overdue by 1),
 * with bank holidays inside the window and month ends where the seed's clock meets them.
 */
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FIXTURES, panel } from './cli/run.js';

vi.setConfig({ testTimeout: 240_000 });

interface F { child: string | null; file: string; rule: string; status: string; level: string; due: string | null; message: string }
function check(preset: string, asOf: string): F[] {
  const r = panel(['check', '--root', path.join(FIXTURES, preset), '--as-of', asOf, '--format', 'json']);
  expect([0, 1], r.stderr).toContain(r.code);
  return JSON.parse(r.stdout).findings;
}
function agenda(preset: string, args: string[]) {
  const r = panel(['agenda', '--root', path.join(FIXTURES, preset), ...args, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as {
    date: string;
    status: string;
    papersDueBy: string;
    items: { children: { id: string; reasons: { code: string; text: string }[]; papers: { label: string; received: string | null; late: boolean }[]; invited: string[] }[] }[];
  };
}
const pick = (fs: F[], child: string | null, rule: string, file?: string) =>
  fs.filter((f) => f.child === child && f.rule === rule && (!file || f.file === file)).map((f) => ({ status: f.status, level: f.level, due: f.due }));
const children = (a: ReturnType<typeof agenda>) => a.items.flatMap((i) => i.children);

describe('first-friday-tracking (000): monthly on the first Friday; minutes within 3 working days', () => {
  const fs = check('first-friday-tracking', '2026-12-09');
  it('minutes of Friday 4 December due Wednesday 9 December (3 working days): due today; November\'s overdue', () => {
    expect(pick(fs, null, 'minutes-due', 'meetings/2026-12-04.md')).toEqual([{ status: 'due-soon', level: 'warning', due: '2026-12-09' }]);
    expect(pick(fs, null, 'minutes-due', 'meetings/2026-11-06.md')).toEqual([{ status: 'overdue', level: 'warning', due: '2026-11-11' }]);
  });
  it('the next meeting is the first Friday of January, New Year\'s Day, moved to Monday 4 January; its agenda due before Christmas', () => {
    expect(agenda('first-friday-tracking', ['--as-of', '2026-12-09'])).toMatchObject({ date: '2027-01-04', status: 'proposed' });
    expect(pick(fs, null, 'agenda-agreed', 'meetings/2027-01-04.md')).toEqual([{ status: 'due-soon', level: 'warning', due: '2026-12-23' }]);
  });
});

describe('north-somerset (001): next available panel; every other month, never over 3 months; agenda a working week ahead', () => {
  const fs = check('north-somerset', '2027-01-08');
  it('s6: a child entering care on the day the December agenda closes (27 Nov) is due on 4 Dec; three days later, on 4 Jan', () => {
    expect(pick(fs, 'T1-1', 'first-panel')).toEqual([{ status: 'overdue', level: 'error', due: '2026-12-04' }]);
    expect(pick(fs, 'T1-2', 'first-panel')).toEqual([{ status: 'overdue', level: 'error', due: '2027-01-04' }]);
  });
  it('s6 and s3.4 over Christmas: the January agenda closes on 23 Dec (bank holidays skipped); a child entering care on 24 Dec waits for 5 Feb', () => {
    expect(pick(fs, 'T1-3', 'first-panel')).toEqual([{ status: 'overdue', level: 'error', due: '2027-01-04' }]);
    expect(pick(fs, 'T1-4', 'first-panel')).toEqual([{ status: 'due-soon', level: 'warning', due: '2027-02-05' }]);
  });
  it('s6: last discussed 31 Aug, 3 months clamps to 30 Nov (error); last discussed 6 Nov, 2 months is 6 Jan (warning)', () => {
    expect(pick(fs, 'T1-5', 'panel-cadence')).toEqual([{ status: 'overdue', level: 'error', due: '2026-11-30' }]);
    expect(pick(fs, 'T1-6', 'panel-cadence')).toEqual([{ status: 'overdue', level: 'warning', due: '2027-01-06' }]);
  });
  it('s3.4: the agenda for 4 Jan agreed 5 working days before, 23 Dec: overdue by one day on Christmas Eve', () => {
    expect(pick(check('north-somerset', '2026-12-24'), null, 'agenda-agreed', 'meetings/2027-01-04.md')).toEqual([{ status: 'overdue', level: 'warning', due: '2026-12-23' }]);
  });
  it('s5: tracked until life story work is done', () => expect(pick(fs, 'T1-7', 'life-story')).toEqual([{ status: 'overdue', level: 'warning', due: '2026-12-01' }]));
  it('the proposed agenda for 4 Dec brings the child new to care', () => {
    const a = agenda('north-somerset', ['--date', '2026-12-04', '--as-of', '2026-11-27']);
    expect(children(a).find((c) => c.id === 'T1-1')!.reasons.map((r) => r.code)).toEqual(['new']);
  });
});

describe('central-bedfordshire (002): booked between the first and second review; papers a week before', () => {
  const fs = check('central-bedfordshire', '2027-03-01');
  it('s8: first review 30 Nov, second due 28 Feb (month end): overdue; first review 1 Dec: due today', () => {
    expect(pick(fs, 'T2-1', 'booking')).toEqual([{ status: 'overdue', level: 'warning', due: '2027-02-28' }]);
    expect(pick(fs, 'T2-2', 'booking')).toEqual([{ status: 'due-soon', level: 'warning', due: '2027-03-01' }]);
  });
  it('s7-8: papers for Friday 5 March due Friday 26 Feb: a care plan missing, one arriving on the 27th late, disruption minutes missing after a disruption meeting', () => {
    expect(pick(fs, 'T2-3', 'papers-due')).toEqual([{ status: 'overdue', level: 'warning', due: '2027-02-26' }]);
    expect(fs.find((f) => f.child === 'T2-3' && f.rule === 'papers-due')!.message).toContain('care plan (interim or section 20) not received');
    expect(pick(fs, 'T2-4', 'papers-due')).toEqual([{ status: 'late', level: 'notice', due: '2027-02-26' }]);
    expect(fs.find((f) => f.child === 'T2-5' && f.rule === 'papers-due')!.message).toContain('disruption meeting minutes not received');
  });
  it('the agreed agenda shows each child\'s papers, the court care plan only for the child in proceedings', () => {
    const a = agenda('central-bedfordshire', ['--date', '2027-03-05', '--as-of', '2027-03-01']);
    expect(a).toMatchObject({ status: 'frozen', papersDueBy: '2027-02-26' });
    const byId = new Map(children(a).map((c) => [c.id, c]));
    expect(byId.get('T2-3')!.papers.map((p) => p.label)).toEqual(['Local authority court care plan', 'Permanence planning meeting minutes', 'Care plan (interim or section 20)']);
    expect(byId.get('T2-4')!.papers).toContainEqual({ label: 'Care plan (interim or section 20)', received: '2027-02-27', late: true });
    expect(byId.get('T2-5')!.reasons.map((r) => r.code)).toContain('disruption');
  });
  it('the proposed April agenda books both children; papers a week before Friday 2 April fall on Good Friday and are due Thursday 25 March', () => {
    const a = agenda('central-bedfordshire', ['--date', '2027-04-02', '--as-of', '2027-03-01']);
    expect(a.papersDueBy).toBe('2027-03-25');
    for (const id of ['T2-1', 'T2-2']) expect(children(a).find((c) => c.id === id)!.reasons.map((r) => r.code)).toContain('booking');
  });
});

describe('permanence-guidance-note (003): PLO 3/6 months, 26 weeks, plan confirmed 6 months, first panel 6-8 weeks, FGC at once', () => {
  const fs = check('permanence-guidance-note', '2027-03-01');
  it('PLO from 31 Aug: 6 months clamps to 28 Feb (error); from 1 Dec: 3 months is 1 Mar (due today)', () => {
    expect(pick(fs, 'T3-1', 'plo-duration')).toEqual([{ status: 'overdue', level: 'error', due: '2027-02-28' }]);
    expect(pick(fs, 'T3-2', 'plo-duration')).toEqual([{ status: 'due-soon', level: 'warning', due: '2027-03-01' }]);
  });
  it('26 weeks from 30 Aug is 28 Feb (overdue); from 31 Aug, 1 Mar (due today)', () => {
    expect(pick(fs, 'T3-3', 'proceedings-26-weeks')).toEqual([{ status: 'overdue', level: 'error', due: '2027-02-28' }]);
    expect(pick(fs, 'T3-4', 'proceedings-26-weeks')).toEqual([{ status: 'due-soon', level: 'warning', due: '2027-03-01' }]);
  });
  it('plan confirmed within 6 months of a second review on 31 Aug: 28 Feb', () => {
    expect(pick(fs, 'T3-5', 'plan-confirmed')).toEqual([{ status: 'overdue', level: 'warning', due: '2027-02-28' }]);
  });
  it('first panel 6-8 weeks: care from 3 Jan past 8 weeks (28 Feb, error); from 4 Jan past 6 weeks (15 Feb, warning) with 8 weeks due today', () => {
    expect(pick(fs, 'T3-6', 'first-panel')).toEqual([{ status: 'overdue', level: 'error', due: '2027-02-28' }]);
    expect(pick(fs, 'T3-7', 'first-panel')).toEqual([{ status: 'overdue', level: 'warning', due: '2027-02-15' }]);
  });
  it('FGC referred by the day of entering PLO or care: due today; referred the day after care started: late', () => {
    expect(pick(fs, 'T3-8', 'fgc-referral')).toEqual([{ status: 'due-soon', level: 'warning', due: '2027-03-01' }]);
    expect(pick(fs, 'T3-9', 'fgc-referral')).toEqual([{ status: 'late', level: 'notice', due: '2027-02-28' }]);
  });
  it('the proposed agenda brings the children never discussed', () => {
    const a = agenda('permanence-guidance-note', ['--date', '2027-03-05', '--as-of', '2027-03-01']);
    for (const id of ['T3-6', 'T3-7']) expect(children(a).find((c) => c.id === id)!.reasons.map((r) => r.code)).toContain('never-discussed');
  });
});

describe('aspire-fortnightly (004): fortnightly; first panel within 4 weeks; papers 3 days before; notes within 3 working days', () => {
  const fs = check('aspire-fortnightly', '2027-03-01');
  it('s2: care from 31 Jan, 4 weeks is 28 Feb (overdue); from 1 Feb, 1 Mar (due today)', () => {
    expect(pick(fs, 'T4-1', 'first-panel')).toEqual([{ status: 'overdue', level: 'error', due: '2027-02-28' }]);
    expect(pick(fs, 'T4-2', 'first-panel')).toEqual([{ status: 'due-soon', level: 'warning', due: '2027-03-01' }]);
  });
  it('s4: papers for Tuesday 2 March due 3 days before, Saturday 27 Feb, moved to Friday 26 Feb; a matching report for the IFA match', () => {
    expect(pick(fs, 'T4-3', 'papers-due')).toEqual([{ status: 'overdue', level: 'warning', due: '2027-02-26' }]);
    expect(fs.find((f) => f.child === 'T4-3' && f.rule === 'papers-due')!.message).toContain('matching report not received');
    expect(pick(fs, 'T4-4', 'papers-due')).toEqual([
      { status: 'overdue', level: 'warning', due: '2027-02-26' },
      { status: 'late', level: 'notice', due: '2027-02-26' },
    ]);
  });
  it('s4: notes within 3 working days: 22 Dec meeting due 29 Dec (Christmas skipped), published 30 Dec (late); 16 Feb due 19 Feb (overdue)', () => {
    expect(pick(fs, null, 'minutes-due', 'meetings/2026-12-22.md')).toEqual([{ status: 'late', level: 'notice', due: '2026-12-29' }]);
    expect(pick(fs, null, 'minutes-due', 'meetings/2027-02-16.md')).toEqual([{ status: 'overdue', level: 'warning', due: '2027-02-19' }]);
  });
  it('s4 fortnightly and s2: the next meeting is Tuesday 2 March (fortnights from 6 Jan 2026); the IFA match and Staying Put come for approval', () => {
    const a = agenda('aspire-fortnightly', ['--as-of', '2027-03-01']);
    expect(a).toMatchObject({ date: '2027-03-02', status: 'frozen', papersDueBy: '2027-02-26' });
    const byId = new Map(children(a).map((c) => [c.id, c]));
    expect(byId.get('T4-3')!.reasons.map((r) => r.code)).toContain('foster-match');
    expect(byId.get('T4-4')!.reasons.map((r) => r.code)).toContain('staying-put');
    expect(byId.get('T4-3')!.papers.map((p) => p.label)).toContain('Matching report');
  });
});
