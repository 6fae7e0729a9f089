/**
 * papers-due (002 s7-8: one week; 004 s4: three days): each child on a meeting file's agenda, the papers
 * expected for them, and the day they were due; missing until the meeting, late after.
 */
import { describe, expect, it } from 'vitest';
import { evaluateMeetings } from '../../src/domain/engine.js';
import { DEFAULT_POLICY, mergePolicy, policySchema, presetNamed, type Policy } from '../../src/domain/policy.js';
import { papersForMeeting } from '../../src/domain/papers.js';
import { meetingSchema, type Child } from '../../src/domain/schema.js';
import { calendar, child } from '../helpers.js';

const bedfordshire = policySchema.parse(mergePolicy(DEFAULT_POLICY, presetNamed('central-bedfordshire')!.values));
const aspire = policySchema.parse(mergePolicy(DEFAULT_POLICY, presetNamed('aspire-fortnightly')!.values));

function run(asOf: string, meeting: Record<string, unknown>, children: Child[], policy: Policy) {
  const m = meetingSchema.parse(meeting);
  const byId = new Map(children.map((c) => [c.id, c]));
  const ref = {
    date: m.date,
    file: `meetings/${m.date}.md`,
    exists: true,
    agendaAgreed: m.agenda_agreed ?? m.date,
    minutesPublished: m.minutes_published ?? null,
    agendaLength: m.agenda.length,
    papers: papersForMeeting(m, (id) => byId.get(id) ?? null, policy),
    locate: () => 1,
  };
  return evaluateMeetings([ref], { asOf, policy, calendar }).filter((f) => f.rule === 'papers-due');
}
const brief = (fs: ReturnType<typeof run>) => fs.map((f) => ({ child: f.child, status: f.status, level: f.level, due: f.due }));

const inProceedings = child({ id: 'C-1', looked_after: { start: '2026-06-01' }, proceedings: { issued: '2026-06-03' } });
const noProceedings = child({ id: 'C-2', looked_after: { start: '2026-06-01' } });

describe('papers-due, central-bedfordshire (002 s7-8): a week before; court care plan only in proceedings', () => {
  // Meeting Friday 2026-12-04: papers due Friday 2026-11-27.
  const meeting = (papers: Record<string, unknown> = {}) => ({ date: '2026-12-04', agenda: ['C-1', 'C-2'], papers });
  it('expected papers: the court care plan only for the child in proceedings; disruption minutes only after a disruption meeting', () => {
    const m = meetingSchema.parse(meeting());
    const got = papersForMeeting(m, (id) => (id === 'C-1' ? inProceedings : noProceedings), bedfordshire);
    expect(got.map((c) => [c.id, c.papers.map((p) => p.paper)])).toEqual([
      ['C-1', ['court-care-plan', 'ppm-minutes', 'care-plan']],
      ['C-2', ['ppm-minutes', 'care-plan']],
    ]);
    const disrupted = child({ id: 'C-2', looked_after: { start: '2026-06-01' }, disruption_meetings: [{ date: '2026-11-20' }] });
    expect(papersForMeeting(m, () => disrupted, bedfordshire)[1].papers.map((p) => p.paper)).toContain('disruption-minutes');
  });
  it('due-soon up to the due day, overdue the day after, until the meeting day; nothing after the meeting', () => {
    expect(brief(run('2026-11-27', meeting(), [inProceedings], bedfordshire))[0]).toEqual({ child: 'C-1', status: 'due-soon', level: 'warning', due: '2026-11-27' });
    expect(brief(run('2026-11-28', meeting(), [inProceedings], bedfordshire))[0]).toEqual({ child: 'C-1', status: 'overdue', level: 'warning', due: '2026-11-27' });
    expect(run('2026-12-04', meeting(), [inProceedings], bedfordshire)).toHaveLength(2);
    expect(run('2026-12-05', meeting(), [inProceedings], bedfordshire)).toEqual([]);
  });
  it('received on the due day: nothing; the day after: late (notice), kept after the meeting', () => {
    const onTime = [{ paper: 'ppm-minutes', received: '2026-11-27' }, { paper: 'care-plan', received: '2026-11-20' }];
    expect(run('2026-12-10', meeting({ 'C-2': onTime }), [inProceedings, noProceedings], bedfordshire).filter((f) => f.child === 'C-2')).toEqual([]);
    const late = [{ paper: 'ppm-minutes', received: '2026-11-28' }, { paper: 'care-plan', received: '2026-11-20' }];
    const f = run('2026-12-10', meeting({ 'C-2': late }), [inProceedings, noProceedings], bedfordshire).filter((x) => x.child === 'C-2');
    expect(brief(f)).toEqual([{ child: 'C-2', status: 'late', level: 'notice', due: '2026-11-27' }]);
    expect(f[0].message).toBe('Papers for C-2 arrived after 2026-11-27 (7 days before the meeting on 2026-12-04): permanence planning meeting minutes on 2026-11-28.');
  });
  it('the message names the missing papers', () => {
    const f = run('2026-11-30', meeting({ 'C-1': [{ paper: 'care-plan', received: '2026-11-26' }] }), [inProceedings], bedfordshire).find((x) => x.child === 'C-1')!;
    expect(f.message).toBe('Papers for C-1 were due on 2026-11-27 (7 days before the meeting on 2026-12-04): local authority court care plan, permanence planning meeting minutes not received, 3 days overdue.');
    expect(f.file).toBe('meetings/2026-12-04.md');
  });
  it('a week before a meeting after Christmas lands on a bank holiday and moves to the working day before', () => {
    // Meeting Monday 2027-01-04 (New Year's Day moved): 7 days before is Monday 2026-12-28 (Boxing Day substitute): due Thursday 2026-12-24.
    const m = { date: '2027-01-04', agenda: ['C-2'] };
    expect(brief(run('2026-12-24', m, [noProceedings], bedfordshire))[0]).toMatchObject({ status: 'due-soon', due: '2026-12-24' });
    expect(brief(run('2026-12-25', m, [noProceedings], bedfordshire))[0]).toMatchObject({ status: 'overdue', due: '2026-12-24' });
  });
});

describe('papers-due, aspire-fortnightly (004 s4): three days before; matching report only when a match is proposed', () => {
  it('meeting Tuesday 2026-03-03: due Saturday 2026-02-28, moved to Friday 2026-02-27; leap year meeting 2028-03-03 (Friday): due Tuesday 2028-02-29', () => {
    const m = { date: '2026-03-03', agenda: ['C-2'] };
    expect(brief(run('2026-02-27', m, [noProceedings], aspire))[0]).toMatchObject({ status: 'due-soon', due: '2026-02-27' });
    expect(brief(run('2026-02-28', m, [noProceedings], aspire))[0]).toMatchObject({ status: 'overdue', due: '2026-02-27' });
    const leap = { date: '2028-03-03', agenda: ['C-2'] };
    expect(brief(run('2028-02-29', leap, [noProceedings], aspire))[0]).toMatchObject({ status: 'due-soon', due: '2028-02-29' });
    expect(brief(run('2028-03-01', leap, [noProceedings], aspire))[0]).toMatchObject({ status: 'overdue', due: '2028-02-29' });
  });
  it('referral form, chronology and care plan; the matching report when a match awaits approval', () => {
    const m = meetingSchema.parse({ date: '2026-12-08', agenda: ['C-2'] });
    expect(papersForMeeting(m, () => noProceedings, aspire)[0].papers.map((p) => p.paper)).toEqual(['referral-form', 'chronology', 'care-plan']);
    const matching = child({ id: 'C-2', looked_after: { start: '2025-06-01' }, foster_match: { ifa: true, proposed: '2026-11-20' } });
    expect(papersForMeeting(m, () => matching, aspire)[0].papers.map((p) => p.paper)).toEqual(['referral-form', 'chronology', 'care-plan', 'matching-report']);
  });
  it('the default policy expects no papers: nothing unless the meeting file lists them', () => {
    expect(run('2026-12-01', { date: '2026-12-04', agenda: ['C-2'] }, [noProceedings], DEFAULT_POLICY)).toEqual([]);
    expect(brief(run('2026-12-01', { date: '2026-12-04', agenda: ['C-2'], papers: { 'C-2': [{ paper: 'care-plan', received: null }] } }, [noProceedings], DEFAULT_POLICY))).toEqual([
      { child: 'C-2', status: 'overdue', level: 'warning', due: '2026-11-27' },
    ]);
  });
  it('the meeting file is strict: an unknown paper or field is an error', () => {
    expect(meetingSchema.safeParse({ date: '2026-12-04', papers: { 'C-1': [{ paper: 'court-report', received: null }] } }).success).toBe(false);
    expect(meetingSchema.safeParse({ date: '2026-12-04', papers: { 'C-1': [{ paper: 'care-plan', recieved: '2026-12-01' }] } }).success).toBe(false);
  });
});

describe('papers-due: child ids that are also names on every object', () => {
  it('a child called constructor or toString with no papers listed reads as none listed', () => {
    for (const id of ['constructor', 'toString', 'hasOwnProperty']) {
      const c = child({ id, looked_after: { start: '2026-06-01' } });
      const m = meetingSchema.parse({ date: '2026-12-04', agenda: [id], papers: { other: [] } });
      expect(papersForMeeting(m, () => c, bedfordshire)[0].papers.map((p) => p.received)).toEqual([null, null]);
    }
  });
});

