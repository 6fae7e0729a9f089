/**
 * minutes-due: minutes and actions published (`minutes_published`) within 3 working days after the
 * meeting; overdue (warning) the day after, due-soon in the window, late = notice. Only for a meeting
 * that has a file and has happened. Read through evaluateMeetings with the real default policy.
 */
import { describe, expect, it } from 'vitest';
import { englandAndWalesCalendar } from '../../src/domain/calendar.js';
import { evaluateMeetings, type EvaluableMeetingRef } from '../../src/domain/engine.js';
import { DEFAULT_POLICY, type Policy } from '../../src/domain/policy.js';
import { policyWith } from '../helpers.js';

const RULE = 'minutes-due';
const calendar = englandAndWalesCalendar();

function meeting(date: string, o: Partial<EvaluableMeetingRef> = {}): EvaluableMeetingRef {
  return {
    date,
    file: `meetings/${date}.md`,
    exists: true,
    // Agreed in good time, so only minutes-due speaks.
    agendaAgreed: '2020-01-01',
    minutesPublished: null,
    agendaLength: 3,
    locate: (path) => (path[0] === 'minutes_published' ? 10 : 1),
    ...o,
  };
}

const findings = (asOf: string, m: EvaluableMeetingRef, policy: Policy = DEFAULT_POLICY) =>
  evaluateMeetings([m], { asOf, policy, calendar }).filter((f) => f.rule === RULE);
const at = (asOf: string, m: EvaluableMeetingRef, policy?: Policy) => findings(asOf, m, policy).map((f) => ({ status: f.status, level: f.level, due: f.due }));

const dueSoon = (due: string) => [{ status: 'due-soon', level: 'warning', due }];
const overdue = (due: string, level = 'warning') => [{ status: 'overdue', level, due }];
const late = (due: string) => [{ status: 'late', level: 'notice', due }];

describe('minutes-due: meeting Friday 2026-12-04, due Wednesday 2026-12-09', () => {
  const m = meeting('2026-12-04');
  it('nothing before the meeting is held', () => {
    expect(at('2026-11-20', m)).toEqual([]);
    expect(at('2026-12-03', m)).toEqual([]);
  });
  it('due-soon from the meeting day (inside the 28-day window)', () => expect(at('2026-12-04', m)).toEqual(dueSoon('2026-12-09')));
  it('due-soon on the due day', () => expect(at('2026-12-09', m)).toEqual(dueSoon('2026-12-09')));
  it('overdue (warning) the day after the due day', () => expect(at('2026-12-10', m)).toEqual(overdue('2026-12-09')));
  it('still overdue months later', () => expect(at('2027-03-01', m)).toEqual(overdue('2026-12-09')));
  it('published on the due day: on time', () => {
    for (const asOf of ['2026-12-09', '2026-12-10', '2027-03-01']) expect(at(asOf, meeting('2026-12-04', { minutesPublished: '2026-12-09' }))).toEqual([]);
  });
  it('published on the meeting day: on time', () => expect(at('2026-12-10', meeting('2026-12-04', { minutesPublished: '2026-12-04' }))).toEqual([]));
  it('published a day late: late, notice', () => {
    const f = findings('2026-12-20', meeting('2026-12-04', { minutesPublished: '2026-12-10' }));
    expect(f.map((x) => ({ status: x.status, level: x.level, due: x.due }))).toEqual(late('2026-12-09'));
    expect(f[0].message).toContain('1 day after the due date of 2026-12-09');
  });
  it('the finding is about the meeting file: child null, the minutes_published line', () => {
    const [f] = findings('2026-12-10', m);
    expect(f).toMatchObject({ child: null, file: 'meetings/2026-12-04.md', rule: RULE, line: 10 });
    expect(f.message).toContain('1 day overdue');
  });
});

describe('minutes-due: bank holidays inside the 3 working days', () => {
  it('Thursday 2026-12-24: (12-25), (12-28 substitute), 12-29, 12-30, 12-31', () => {
    const m = meeting('2026-12-24');
    expect(at('2026-12-31', m)).toEqual(dueSoon('2026-12-31'));
    expect(at('2027-01-01', m)).toEqual(overdue('2026-12-31'));
    expect(at('2027-01-05', meeting('2026-12-24', { minutesPublished: '2026-12-31' }))).toEqual([]);
    expect(at('2027-01-05', meeting('2026-12-24', { minutesPublished: '2027-01-04' }))).toEqual(late('2026-12-31'));
  });
  it('Tuesday 2026-12-29: New Year\'s Day skipped, due Monday 2027-01-04', () => {
    const m = meeting('2026-12-29');
    expect(at('2027-01-04', m)).toEqual(dueSoon('2027-01-04'));
    expect(at('2027-01-05', m)).toEqual(overdue('2027-01-04'));
  });
  it('Friday 2026-05-01: Early May bank holiday skipped, due Thursday 2026-05-07', () => {
    const m = meeting('2026-05-01');
    expect(at('2026-05-07', m)).toEqual(dueSoon('2026-05-07'));
    expect(at('2026-05-08', m)).toEqual(overdue('2026-05-07'));
  });
  it('Thursday 2027-03-25: Good Friday and Easter Monday skipped, due 2027-04-01', () => {
    expect(at('2027-04-02', meeting('2027-03-25'))).toEqual(overdue('2027-04-01'));
    expect(at('2027-04-01', meeting('2027-03-25'))).toEqual(dueSoon('2027-04-01'));
  });
});

describe('minutes-due: only meetings with a file that have happened', () => {
  it('the next scheduled meeting with no file: never a minutes finding', () => {
    const m = meeting('2026-12-04', { exists: false, agendaAgreed: null, agendaLength: 0, locate: () => undefined });
    for (const asOf of ['2026-12-04', '2026-12-10', '2027-03-01']) expect(at(asOf, m)).toEqual([]);
  });
  it('a future meeting with a file: nothing yet', () => expect(at('2026-11-28', meeting('2026-12-04'))).toEqual([]));
});

describe('minutes-due: follows the policy', () => {
  it('level from levels["minutes-due"]', () => {
    expect(at('2026-12-10', meeting('2026-12-04'), policyWith({ levels: { 'minutes-due': 'error' } }))).toEqual(overdue('2026-12-09', 'error'));
  });
  it('period from timescales.minutes_published (5 working days: 2026-12-11)', () => {
    const p = policyWith({ timescales: { minutes_published: { working_days: 5 } } });
    expect(at('2026-12-11', meeting('2026-12-04'), p)).toEqual(dueSoon('2026-12-11'));
    expect(at('2026-12-12', meeting('2026-12-04'), p)).toEqual(overdue('2026-12-11'));
  });
});
