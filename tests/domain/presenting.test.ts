/**
 * Cases to be presented, and why (002 s5, s6, s10; 004 s2): each new event puts an otherwise quiet child
 * on the next agenda with its reason, until a panel after the event has discussed them.
 * The meeting is Friday 2026-12-04; the previous one 2026-11-06.
 */
import { describe, expect, it } from 'vitest';
import { buildAgenda, type Agenda } from '../../src/domain/agenda.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { presentingAt } from '../../src/domain/presenting.js';
import type { Child } from '../../src/domain/schema.js';
import { caseSchema } from '../../src/domain/schema.js';
import { calendar, child } from '../helpers.js';

const DATE = '2026-12-04';
const SINCE = '2026-11-06';

function quiet(o: Record<string, unknown> = {}, id = 'C-1'): Child {
  return child({
    id,
    looked_after: { start: '2026-01-05' },
    reviews: ['2026-01-29', '2026-04-23', '2026-10-15'],
    plan: { route: 'adoption', contingency: 'long-term-fostering', agreed: '2026-04-23' },
    panel: [{ date: '2026-01-30' }, { date: '2026-09-04' }, { date: SINCE }],
    ...o,
  });
}
const agenda = (c: Child, date = DATE): Agenda => buildAgenda({ date, since: SINCE, children: [c], policy: DEFAULT_POLICY, calendar, start: '10:00' });
const reasons = (c: Child, date = DATE) => agenda(c, date).items.flatMap((i) => i.children).flatMap((x) => x.reasons.map((r) => `${r.code}: ${r.text}`));
const plan = { route: 'adoption', contingency: 'long-term-fostering', agreed: '2026-04-23' };

describe('each event puts the child on the next agenda with its reason', () => {
  it('the quiet child is not on the agenda', () => expect(agenda(quiet()).items).toEqual([]));
  it('a disruption meeting held since the last panel: date, chair and the lessons', () => {
    const c = quiet({ disruption_meetings: [{ date: '2026-11-20', chair: 'Jane Cole (IRO)', lessons_child: 'Trauma-informed carer.', lessons_service: 'Matching report to cover school.' }] });
    expect(reasons(c)).toEqual(['disruption: disruption meeting held on 20 Nov 2026 (chair Jane Cole (IRO)): lessons for the child and for the service']);
  });
  it('a disruption meeting on the meeting day itself still counts; one the day after does not', () => {
    expect(reasons(quiet({ disruption_meetings: [{ date: DATE }] }))).toHaveLength(1);
    expect(reasons(quiet({ disruption_meetings: [{ date: '2026-12-05' }] }))).toEqual([]);
  });
  it('a disruption meeting already discussed at a later panel is not brought again', () => {
    expect(reasons(quiet({ disruption_meetings: [{ date: '2026-11-02' }] }))).toEqual([]);
    // held on the day of the last panel: that panel could not have read its report
    expect(reasons(quiet({ disruption_meetings: [{ date: SINCE }] }))).toHaveLength(1);
  });
  it('a stability meeting', () => expect(reasons(quiet({ stability_meetings: [{ date: '2026-11-30' }] }))).toEqual(['stability: stability meeting held on 30 Nov 2026: for scrutiny and support']));
  it('a plan changed in an emergency', () => {
    expect(reasons(quiet({ plan: { ...plan, emergency_change: '2026-11-12' } }))).toEqual(['emergency-change: permanence plan changed in an emergency on 12 Nov 2026']);
  });
  it('a plan for adoption that is to change', () => {
    expect(reasons(quiet({ plan: { ...plan, change_proposed: '2026-11-16' } }))).toEqual(['adoption-plan-change: a change to the plan for adoption proposed on 16 Nov 2026']);
  });
  it('remand: only when the young person may stay looked after long term, and while the remand lasts', () => {
    expect(reasons(quiet({ remand: { start: '2026-11-10', long_term_plan: true } }))).toEqual(['remand: on remand since 10 Nov 2026; may stay looked after long term when it ends']);
    expect(reasons(quiet({ remand: { start: '2026-11-10' } }))).toEqual([]);
    expect(reasons(quiet({ remand: { start: '2026-11-10', end: '2026-11-30', long_term_plan: true } }))).toEqual([]);
  });
  it('aged 13 or over in a foster placement for at least a year, to be matched: a year to the day (leap day 29 Feb 2024 + 12 months = 28 Feb 2025)', () => {
    const teen = (placed_since: string, date: string) => reasons(quiet({ dob: '2011-12-04', foster_match: { placed_since, proposed: '2026-11-18' } }), date);
    expect(teen('2025-12-04', DATE)).toEqual(['foster-match: aged 15, in this foster placement since 4 Dec 2025: long-term match awaiting approval (proposed 18 Nov 2026)']);
    expect(teen('2025-12-05', DATE)).toEqual(['foster-match: long-term fostering match awaiting approval (proposed 18 Nov 2026)']);
    const leap = child({ dob: '2010-01-01', foster_match: { placed_since: '2024-02-29', proposed: '2025-01-10' } });
    expect(presentingAt(leap, '2025-02-27')[0].text).toMatch(/^long-term fostering match/);
    expect(presentingAt(leap, '2025-02-28')[0].text).toMatch(/^aged 15, in this foster placement since 29 Feb 2024/);
  });
  it('aged 12 on the meeting day is not 13+: a 13th birthday the day after the meeting', () => {
    const c = quiet({ dob: '2013-12-05', foster_match: { placed_since: '2024-01-01', proposed: '2026-11-18' } });
    expect(reasons(c)[0]).toMatch(/^foster-match: long-term fostering match/);
  });
  it('a long-term match in an IFA placement awaiting approval; approved by the meeting: no longer', () => {
    expect(reasons(quiet({ foster_match: { ifa: true, proposed: '2026-11-18' } }))).toEqual(['foster-match: long-term match in an independent fostering agency placement awaiting approval (proposed 18 Nov 2026)']);
    expect(reasons(quiet({ foster_match: { ifa: true, proposed: '2026-11-18', approved: DATE } }))).toEqual([]);
    expect(reasons(quiet({ foster_match: { ifa: true, proposed: '2026-11-18', approved: '2026-12-05' } }))).toHaveLength(1);
  });
  it('a Staying Put arrangement awaiting approval', () => {
    expect(reasons(quiet({ staying_put: { proposed: '2026-11-02' } }))).toEqual(['staying-put: Staying Put arrangement awaiting approval (proposed 2 Nov 2026)']);
  });
  it('a difference of opinion with the IRO: the IRO is invited, until it is resolved', () => {
    const c = quiet({ iro: 'Jane Cole', iro_difference: { raised: '2026-11-09', summary: 'Timing of return home.' } });
    expect(reasons(c)).toEqual(['iro-difference: difference of opinion between the social worker and the IRO since 9 Nov 2026: the IRO is invited']);
    expect(agenda(c).items[0].children[0].invited).toEqual(['IRO: Jane Cole']);
    expect(agenda(quiet({ iro_difference: { raised: '2026-11-09', resolved: '2026-12-01' } })).items).toEqual([]);
  });
  it('an event without a reason to present leaves invited empty', () => {
    expect(agenda(quiet({ stability_meetings: [{ date: '2026-11-30' }] })).items[0].children[0].invited).toEqual([]);
  });
});

describe('the new fields are strict', () => {
  const parse = (o: Record<string, unknown>) => caseSchema.safeParse({ id: 'C-1', name: 'A', dob: '2015-01-01', ...o });
  it('rejects unknown fields inside each block', () => {
    expect(parse({ disruption_meetings: [{ date: '2026-01-01', lesons_child: 'x' }] }).success).toBe(false);
    expect(parse({ remand: { start: '2026-01-01', longterm: true } }).success).toBe(false);
    expect(parse({ foster_match: { proposed: '2026-01-01', ifa: 'yes' } }).success).toBe(false);
    expect(parse({ adoption: { placed: '2026-02-30' } }).success).toBe(false);
    expect(parse({ plan: { confirmed: '2026-01-01', emergency: '2026-01-01' } }).success).toBe(false);
  });
  it('accepts every field with its documented example', () => {
    expect(
      parse({
        plan: { route: 'adoption', confirmed: '2027-02-26', emergency_change: '2026-11-12', change_proposed: '2026-11-16' },
        disruption_meetings: [{ date: '2026-10-20', chair: 'J', lessons_child: 'a', lessons_service: 'b' }],
        stability_meetings: [{ date: '2026-11-10', chair: 'T' }],
        remand: { start: '2026-10-05', end: null, long_term_plan: true },
        foster_match: { placed_since: '2025-09-01', ifa: true, proposed: '2026-11-18', approved: null },
        staying_put: { proposed: '2026-11-02', approved: null },
        iro_difference: { raised: '2026-11-09', resolved: null, summary: 'x' },
        adoption: { agency_decision: '2026-03-02', placement_order: '2026-05-20', match_recommended: '2026-08-12', match_decision: '2026-08-19', placed: '2026-09-14', order: null, local_match_pursued: true, register_referral: null },
      }).success,
    ).toBe(true);
  });
});

describe('booking (002 s8): the proposed agenda books a child between the first and second review', () => {
  const booking = { ...DEFAULT_POLICY, timescales: { ...DEFAULT_POLICY.timescales, booking_between_reviews: true } };
  const inCare = (reviews: string[], panel: string[]) => child({ looked_after: { start: '2026-08-10' }, reviews, plan: null, panel: panel.map((date) => ({ date })) });
  const bookingReasons = (c: Child, policy = booking) =>
    buildAgenda({ date: DATE, since: SINCE, children: [c], policy, calendar, start: '10:00' }).items.flatMap((i) => i.children).flatMap((x) => x.reasons.filter((r) => r.code === 'booking').map((r) => r.text));
  it('first review held 2026-11-02, discussed only before it: booked, with the second review due date (2 Feb 2027)', () => {
    expect(bookingReasons(inCare(['2026-11-02'], ['2026-09-04']))).toEqual(['booked between the first review (2 Nov 2026) and the second (due 2 Feb 2027) for the permanence plan']);
  });
  it('not when off, not once discussed on or after the first review, not once the second review is held, not before the first', () => {
    expect(bookingReasons(inCare(['2026-11-02'], ['2026-09-04']), DEFAULT_POLICY)).toEqual([]);
    expect(bookingReasons(inCare(['2026-11-02'], ['2026-09-04', '2026-11-06']))).toEqual([]);
    expect(bookingReasons(inCare(['2026-09-04', '2026-12-01'], ['2026-09-04']))).toEqual([]);
    expect(bookingReasons(inCare(['2026-12-05'], ['2026-09-04']))).toEqual([]);
  });
  it('a first review on the meeting day books the child that day', () => {
    expect(bookingReasons(inCare([DATE], ['2026-09-04']))).toHaveLength(1);
  });
});
