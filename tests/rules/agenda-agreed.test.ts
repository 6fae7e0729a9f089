/**
 * agenda-agreed: the agenda agreed (`agenda_agreed` in the meeting file) at least 5 working days before
 * the meeting; overdue (warning) the day after that, due-soon within the 28-day window, late = notice.
 * Read through evaluateMeetings with the real default policy and the England & Wales calendar.
 */
import { describe, expect, it } from 'vitest';
import { englandAndWalesCalendar } from '../../src/domain/calendar.js';
import { evaluateMeetings, type EvaluableMeetingRef } from '../../src/domain/engine.js';
import { DEFAULT_POLICY, type Policy } from '../../src/domain/policy.js';
import { policyWith } from '../helpers.js';

const RULE = 'agenda-agreed';
const calendar = englandAndWalesCalendar();

/** A meeting file on `date` (line 9 holds agenda_agreed, line 10 minutes_published). */
function meeting(date: string, o: Partial<EvaluableMeetingRef> = {}): EvaluableMeetingRef {
  return {
    date,
    file: `meetings/${date}.md`,
    exists: true,
    agendaAgreed: null,
    minutesPublished: null,
    agendaLength: 3,
    locate: (path) => (path[0] === 'agenda_agreed' ? 9 : path[0] === 'minutes_published' ? 10 : 1),
    ...o,
  };
}
/** The next scheduled meeting with no file yet. */
const unfiled = (date: string) => meeting(date, { exists: false, agendaLength: 0, locate: () => undefined });

const findings = (asOf: string, m: EvaluableMeetingRef, policy: Policy = DEFAULT_POLICY) =>
  evaluateMeetings([m], { asOf, policy, calendar }).filter((f) => f.rule === RULE);
const at = (asOf: string, m: EvaluableMeetingRef, policy?: Policy) => findings(asOf, m, policy).map((f) => ({ status: f.status, level: f.level, due: f.due }));

const dueSoon = (due: string) => [{ status: 'due-soon', level: 'warning', due }];
const overdue = (due: string, level = 'warning') => [{ status: 'overdue', level, due }];
const late = (due: string) => [{ status: 'late', level: 'notice', due }];

describe('agenda-agreed: meeting Friday 2026-12-04, due Friday 2026-11-27 (5 working days before)', () => {
  const m = meeting('2026-12-04');
  it('nothing 29 days before the due date', () => expect(at('2026-10-29', m)).toEqual([]));
  it('due-soon from 28 days before the due date', () => expect(at('2026-10-30', m)).toEqual(dueSoon('2026-11-27')));
  it('due-soon within the window', () => expect(at('2026-11-20', m)).toEqual(dueSoon('2026-11-27')));
  it('due-soon on the due day', () => expect(at('2026-11-27', m)).toEqual(dueSoon('2026-11-27')));
  it('overdue (warning) the day after the due day', () => expect(at('2026-11-28', m)).toEqual(overdue('2026-11-27')));
  it('still overdue on the meeting day itself', () => expect(at('2026-12-04', m)).toEqual(overdue('2026-11-27')));
  it('a meeting already held with no agenda_agreed recorded: nothing', () => {
    expect(at('2026-12-05', m)).toEqual([]);
    expect(at('2027-03-01', m)).toEqual([]);
  });
  it('agreed on the due day: on time, at any date', () => {
    for (const asOf of ['2026-11-27', '2026-11-28', '2026-12-04', '2027-01-10']) expect(at(asOf, meeting('2026-12-04', { agendaAgreed: '2026-11-27' }))).toEqual([]);
  });
  it('agreed before the window opens: nothing', () => expect(at('2026-10-30', meeting('2026-12-04', { agendaAgreed: '2026-10-20' }))).toEqual([]));
  it('agreed a day late (Saturday 2026-11-28): late, notice', () => {
    const m2 = meeting('2026-12-04', { agendaAgreed: '2026-11-28' });
    expect(at('2026-11-28', m2)).toEqual(late('2026-11-27'));
    expect(at('2026-12-10', m2)).toEqual(late('2026-11-27'));
    expect(findings('2026-12-10', m2)[0].message).toContain('1 day after the due date of 2026-11-27');
  });
  it('agreed on the next working day (Monday 2026-11-30): late by 3 days', () => {
    const f = findings('2026-12-01', meeting('2026-12-04', { agendaAgreed: '2026-11-30' }));
    expect(f.map((x) => [x.status, x.level, x.due])).toEqual([['late', 'notice', '2026-11-27']]);
    expect(f[0].message).toContain('3 days after the due date of 2026-11-27');
  });
  it('the finding is about the meeting file: child null, the agenda_agreed line', () => {
    const [f] = findings('2026-11-28', m);
    expect(f).toMatchObject({ child: null, file: 'meetings/2026-12-04.md', rule: RULE, line: 9 });
    expect(f.message).toContain('2026-11-27');
    expect(f.message).toContain('1 day overdue');
  });
  it('an agenda agreed but not yet written (agenda empty) still counts by agenda_agreed', () => {
    expect(at('2026-11-28', meeting('2026-12-04', { agendaLength: 0, agendaAgreed: '2026-11-26' }))).toEqual([]);
  });
});

describe('agenda-agreed: bank holidays inside the 5 working days', () => {
  // Monday 2027-01-04: 12-31, 12-30, 12-29, (12-28 holiday), (12-25 holiday), 12-24, 12-23.
  it('meeting 2027-01-04 is due 2026-12-23: due-soon that day, overdue on 12-24', () => {
    const m = meeting('2027-01-04');
    expect(at('2026-12-23', m)).toEqual(dueSoon('2026-12-23'));
    expect(at('2026-12-24', m)).toEqual(overdue('2026-12-23'));
  });
  it('meeting 2027-01-04: agreed 2026-12-23 on time, 2026-12-24 late', () => {
    expect(at('2027-01-02', meeting('2027-01-04', { agendaAgreed: '2026-12-23' }))).toEqual([]);
    expect(at('2027-01-02', meeting('2027-01-04', { agendaAgreed: '2026-12-24' }))).toEqual(late('2026-12-23'));
  });
  // Tuesday 2026-04-07: (04-06 Easter Monday), (04-03 Good Friday), 04-02, 04-01, 03-31, 03-30, 03-27.
  it('meeting 2026-04-07 (after Easter) is due 2026-03-27', () => {
    const m = meeting('2026-04-07');
    expect(at('2026-03-27', m)).toEqual(dueSoon('2026-03-27'));
    expect(at('2026-03-28', m)).toEqual(overdue('2026-03-27'));
  });
});

describe('agenda-agreed: the next scheduled meeting with no file yet', () => {
  const m = unfiled('2026-12-04');
  it('due-soon, then overdue after the deadline', () => {
    expect(at('2026-11-27', m)).toEqual(dueSoon('2026-11-27'));
    expect(at('2026-11-28', m)).toEqual(overdue('2026-11-27'));
  });
  it('names meetings/<date>.md with child null and no line, and says how to freeze it', () => {
    const [f] = findings('2026-11-28', m);
    expect(f.child).toBeNull();
    expect(f.file).toBe('meetings/2026-12-04.md');
    expect('line' in f).toBe(false);
    expect(f.message).toContain('panel agenda --date 2026-12-04 --freeze');
  });
  it('outside the window: nothing', () => expect(at('2026-10-29', m)).toEqual([]));
});

describe('agenda-agreed: follows the policy', () => {
  it('the level when overdue comes from levels["agenda-agreed"]', () => {
    const p = policyWith({ levels: { 'agenda-agreed': 'error' } });
    expect(at('2026-11-28', meeting('2026-12-04'), p)).toEqual(overdue('2026-11-27', 'error'));
  });
  it('the period comes from timescales.agenda_agreed (10 working days: 2026-11-20)', () => {
    const p = policyWith({ timescales: { agenda_agreed: { working_days: 10 } } });
    expect(at('2026-11-20', meeting('2026-12-04'), p)).toEqual(dueSoon('2026-11-20'));
    expect(at('2026-11-21', meeting('2026-12-04'), p)).toEqual(overdue('2026-11-20'));
  });
  it('the window comes from warning_window_days', () => {
    const p = policyWith({ warning_window_days: 7 });
    expect(at('2026-11-19', meeting('2026-12-04'), p)).toEqual([]);
    expect(at('2026-11-20', meeting('2026-12-04'), p)).toEqual(dueSoon('2026-11-27'));
  });
});
