/**
 * buildAgenda: who is due at a meeting and why, siblings together, most urgent first, minutes and start
 * times; a frozen agenda keeps the agreed order. Small hand-made children through the real schema,
 * engine and default policy. The meeting is Friday 2026-12-04; the previous one 2026-11-06.
 */
import { describe, expect, it } from 'vitest';
import { buildAgenda, itemMinutes, type Agenda, type AgendaInput } from '../../src/domain/agenda.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import type { Child } from '../../src/domain/schema.js';
import { calendar, child, policyWith } from '../helpers.js';

const DATE = '2026-12-04';
const SINCE = '2026-11-06';

/**
 * A child in care since 2026-01-05 with every clock met at the meeting date: reviews on time (next due
 * 2027-04-15), plan agreed at the second review, first discussed within 28 days, last discussed at the
 * previous panel. Not due at 2026-12-04.
 */
function quiet(id: string, o: Record<string, unknown> = {}): Child {
  return child({
    id,
    name: `Child ${id}`,
    looked_after: { start: '2026-01-05' },
    reviews: ['2026-01-29', '2026-04-23', '2026-10-15'],
    plan: { route: 'adoption', contingency: 'long-term-fostering', agreed: '2026-04-23' },
    panel: [{ date: '2026-01-30' }, { date: '2026-09-04' }, { date: SINCE }],
    ...o,
  });
}

function agenda(children: Child[], o: Partial<AgendaInput> = {}): Agenda {
  return buildAgenda({ date: DATE, since: SINCE, children, policy: DEFAULT_POLICY, calendar, start: '10:00', ...o });
}
const ids = (a: Agenda) => a.items.map((i) => i.children.map((c) => c.id));
const entry = (a: Agenda, id: string) => a.items.flatMap((i) => i.children).find((c) => c.id === id);
const codes = (a: Agenda, id: string) => entry(a, id)?.reasons.map((r) => r.code);

describe('the quiet baseline', () => {
  it('a child with every clock met and discussed at the last panel is not on the agenda', () => {
    expect(agenda([quiet('C-1')]).items).toEqual([]);
  });
  it('an agenda with nobody due: no items, no minutes', () => {
    const a = agenda([quiet('C-1')]);
    expect(a).toMatchObject({ date: DATE, status: 'proposed', agreedOn: null, since: SINCE, items: [], totalMinutes: 0, notes: [] });
  });
});

describe('reasons, one code at a time', () => {
  it('overdue: a clock overdue at the meeting date (review-interval due 2026-10-23, 42 days)', () => {
    const a = agenda([quiet('C-1', { reviews: ['2026-01-29', '2026-04-23'] })]);
    expect(codes(a, 'C-1')).toEqual(['overdue']);
    expect(entry(a, 'C-1')!.reasons[0].text).toContain('review-interval (42 days by the meeting)');
    expect(entry(a, 'C-1')!.rag).toBe('red');
  });

  it('overdue is read at the meeting date, not today: a review due 2026-12-03 counts, 2026-12-04 does not', () => {
    // Reviews 2026-06-03 then due 2026-12-03: overdue at the meeting by 1 day.
    expect(codes(agenda([quiet('C-1', { reviews: ['2026-01-29', '2026-04-23', '2026-06-03'] })]), 'C-1')).toEqual(['overdue']);
    // Due on the meeting day: due-soon, not a reason.
    expect(agenda([quiet('C-1', { reviews: ['2026-01-29', '2026-04-23', '2026-06-04'] })]).items).toEqual([]);
  });

  it('new: became looked after since the last meeting', () => {
    const a = agenda([child({ id: 'C-1', looked_after: { start: '2026-11-09' } })]);
    expect(codes(a, 'C-1')).toEqual(['new']);
    expect(entry(a, 'C-1')!.reasons[0].text).toBe('new to care on 2026-11-09');
  });

  it('new: entered PLO since the last meeting', () => {
    const a = agenda([child({ id: 'C-1', plo: { start: '2026-11-10' } })]);
    expect(codes(a, 'C-1')).toEqual(['new']);
    expect(entry(a, 'C-1')!.reasons[0].text).toContain('PLO');
  });

  it('new: care proceedings issued since the last meeting', () => {
    const a = agenda([child({ id: 'C-1', proceedings: { issued: '2026-11-12' } })]);
    expect(codes(a, 'C-1')).toEqual(['new']);
    expect(entry(a, 'C-1')!.reasons[0].text).toContain('2026-11-12');
  });

  it('new: boundaries: on the meeting day counts; on the day of the last meeting does not (that meeting could see it)', () => {
    expect(codes(agenda([child({ id: 'C-1', looked_after: { start: DATE } })]), 'C-1')).toEqual(['new']);
    // Entered on the day of the last meeting: not new, but never discussed.
    expect(codes(agenda([child({ id: 'C-1', looked_after: { start: SINCE } })]), 'C-1')).toEqual(['never-discussed']);
  });

  it('a child entering care after the meeting date is not on that agenda', () => {
    expect(agenda([child({ id: 'C-1', looked_after: { start: '2026-12-07' } })]).items).toEqual([]);
  });

  it('never-discussed: in care before the last meeting and never discussed', () => {
    // Entered 2026-11-10, before the previous meeting of 2026-11-20; first-panel due 2026-12-08 (not yet overdue).
    const a = agenda([child({ id: 'C-1', looked_after: { start: '2026-11-10' } })], { since: '2026-11-20' });
    expect(codes(a, 'C-1')).toEqual(['never-discussed']);
    expect(entry(a, 'C-1')!.reasons[0].text).toContain('2026-11-10');
  });

  it('cadence: the last discussion reaches 2 months by the meeting date (last 2026-10-04: due again 2026-12-04)', () => {
    const a = agenda([quiet('C-1', { panel: [{ date: '2026-01-30' }, { date: '2026-10-04' }] })]);
    expect(codes(a, 'C-1')).toEqual(['cadence']);
    expect(entry(a, 'C-1')!.reasons[0].text).toContain('2026-12-04');
  });

  it('cadence: says both of the policy\'s dates, the usual 2 months and the 3-month limit the tracker shows as next panel due (a 31st: last 2026-08-31)', () => {
    const a = agenda([quiet('C-1', { panel: [{ date: '2026-01-30' }, { date: '2026-08-31' }] })]);
    expect(entry(a, 'C-1')!.reasons.find((r) => r.code === 'cadence')!.text).toBe('last discussed on 2026-08-31; expected again within 2 months (by 2026-10-31) and at the latest within 3 months (by 2026-11-30)');
  });

  it('cadence: one day short of 2 months at the meeting (last 2026-10-05): not due', () => {
    expect(agenda([quiet('C-1', { panel: [{ date: '2026-01-30' }, { date: '2026-10-05' }] })]).items).toEqual([]);
  });

  it('cadence: past 2 months is also an overdue panel-cadence warning (last 2026-10-02)', () => {
    expect(codes(agenda([quiet('C-1', { panel: [{ date: '2026-01-30' }, { date: '2026-10-02' }] })]), 'C-1')).toEqual(['overdue', 'cadence']);
  });

  it('plan-change: plan agreed since the last meeting (and not on its day)', () => {
    const plan = (agreed: string) => ({ route: 'special-guardianship', contingency: 'long-term-fostering', agreed });
    // A plan agreed late is a `late` notice for plan-by-second-review: history, not overdue.
    const a = agenda([quiet('C-1', { plan: plan('2026-11-19') })]);
    expect(codes(a, 'C-1')).toEqual(['plan-change']);
    expect(entry(a, 'C-1')!.reasons[0].text).toContain('permanence plan (special guardianship order) agreed on 2026-11-19');
    expect(entry(a, 'C-1')!.rag).toBe('green');
    expect(agenda([quiet('C-1', { plan: plan(SINCE) })]).items).toEqual([]);
  });

  it('left-care: ceased to be looked after since the last meeting, permanence not recorded', () => {
    const a = agenda([quiet('C-1', { looked_after: { start: '2026-01-05', end: '2026-11-20', reason_ceased: 'E4B' } })]);
    expect(codes(a, 'C-1')).toEqual(['left-care']);
    expect(entry(a, 'C-1')!.reasons[0].text).toContain('2026-11-20');
    expect(entry(a, 'C-1')!.reasons[0].text).toContain('E4B');
  });

  it('court: care proceedings concluded since the last meeting', () => {
    const a = agenda([quiet('C-1', { proceedings: { issued: '2026-06-01', concluded: '2026-11-18' } })]);
    expect(codes(a, 'C-1')).toEqual(['court']);
    expect(entry(a, 'C-1')!.reasons[0].text).toContain('2026-11-18');
  });

  it('actions: an action due by the meeting and not done (due on the meeting day counts)', () => {
    const panel = (due: string, done: string | null = null) => [
      { date: '2026-01-30' },
      { date: SINCE, actions: [{ action: 'Book the sibling assessment', owner: 'Priya Shah', due, done }] },
    ];
    const a = agenda([quiet('C-1', { panel: panel(DATE) })]);
    expect(codes(a, 'C-1')).toEqual(['actions']);
    expect(entry(a, 'C-1')!.reasons[0].text).toBe('1 action due by the meeting not yet done');
    // Due after the meeting, or done: not a reason.
    expect(agenda([quiet('C-1', { panel: panel('2026-12-05') })]).items).toEqual([]);
    expect(agenda([quiet('C-1', { panel: panel('2026-11-20', '2026-11-19') })]).items).toEqual([]);
    // Past due: an overdue action-overdue finding as well.
    expect(codes(agenda([quiet('C-1', { panel: panel('2026-11-20') })]), 'C-1')).toEqual(['overdue', 'actions']);
  });

  it('several reasons on one child, the strongest first', () => {
    const a = agenda([
      quiet('C-1', {
        reviews: ['2026-01-29', '2026-04-23'],
        plan: { route: 'adoption', agreed: '2026-11-19' },
        proceedings: { issued: '2026-06-01', concluded: '2026-11-18' },
      }),
    ]);
    expect(codes(a, 'C-1')).toEqual(['overdue', 'court', 'plan-change']);
  });
});

describe('permanence secured: never on a proposed agenda', () => {
  it('a child secured since the last meeting is left off, even with reasons', () => {
    const c = quiet('C-1', {
      looked_after: { start: '2026-01-05', end: '2026-11-20', reason_ceased: 'E45' },
      proceedings: { issued: '2026-06-01', concluded: '2026-11-20' },
      permanence: { secured: '2026-11-20', route: 'special-guardianship' },
    });
    expect(agenda([c]).items).toEqual([]);
  });
  it('secured on the meeting day: left off', () => {
    expect(agenda([child({ id: 'C-1', looked_after: { start: '2026-11-09' }, permanence: { secured: DATE } })]).items).toEqual([]);
  });
});

describe('siblings: one item, adjacent', () => {
  const sib = (id: string, siblings: string[], o: Record<string, unknown> = {}) => quiet(id, { siblings, ...o });
  const overdueReviews = { reviews: ['2026-01-29', '2026-04-23'] };

  it('two due siblings are one item, in id order, 15 minutes', () => {
    const a = agenda([sib('C-2', ['C-1'], overdueReviews), sib('C-1', ['C-2'], overdueReviews)]);
    expect(ids(a)).toEqual([['C-1', 'C-2']]);
    expect(a.items[0].minutes).toBe(15);
  });

  it('a tracked sibling joins the item even when not due, with the reason "sibling"', () => {
    const a = agenda([sib('C-1', ['C-2'], overdueReviews), sib('C-2', ['C-1'])]);
    expect(ids(a)).toEqual([['C-1', 'C-2']]);
    expect(entry(a, 'C-2')!.reasons).toEqual([{ code: 'sibling', text: 'discussed with sibling C-1' }]);
  });

  it('three siblings, one due: all three in one item, 20 minutes', () => {
    const a = agenda([sib('C-1', ['C-2', 'C-3']), sib('C-2', ['C-1', 'C-3'], overdueReviews), sib('C-3', ['C-1', 'C-2'])]);
    expect(ids(a)).toEqual([['C-1', 'C-2', 'C-3']]);
    expect(a.items[0].minutes).toBe(20);
    expect(codes(a, 'C-1')).toEqual(['sibling']);
    expect(codes(a, 'C-3')).toEqual(['sibling']);
  });

  it('a sibling whose permanence is secured does not join', () => {
    const a = agenda([sib('C-1', ['C-2'], overdueReviews), sib('C-2', ['C-1'], { permanence: { secured: '2026-10-01' } })]);
    expect(ids(a)).toEqual([['C-1']]);
  });

  it('a sibling id with no case file is ignored', () => {
    expect(ids(agenda([sib('C-1', ['C-9'], overdueReviews)]))).toEqual([['C-1']]);
  });

  it('siblings stay together between other children, even when one of them is less urgent', () => {
    const a = agenda([
      quiet('C-5', overdueReviews),
      sib('C-7', ['C-3']),
      sib('C-3', ['C-7'], { plan: { route: 'adoption', agreed: '2026-11-19' } }),
      child({ id: 'C-9', looked_after: { start: '2026-11-09' } }),
    ]);
    const flat = ids(a).flat();
    expect(flat).toContain('C-3');
    expect(Math.abs(flat.indexOf('C-3') - flat.indexOf('C-7'))).toBe(1);
    expect(ids(a).find((g) => g.includes('C-3'))).toEqual(['C-3', 'C-7']);
  });
});

describe('order: most urgent first', () => {
  // red: an error-level clock overdue; amber: a warning overdue or a clock due soon; green: neither.
  const red = quiet('C-3', { reviews: ['2026-01-29', '2026-04-23'] });
  const amber = child({ id: 'C-2', looked_after: { start: '2026-11-09' } }); // first review and first panel due soon
  const green = quiet('C-1', { plan: { route: 'adoption', agreed: '2026-11-19' } });

  it('red before amber before green, whatever the input order', () => {
    for (const input of [[green, amber, red], [red, green, amber], [amber, red, green]]) {
      const a = agenda(input);
      expect(ids(a)).toEqual([['C-3'], ['C-2'], ['C-1']]);
      expect(a.items.map((i) => i.children[0].rag)).toEqual(['red', 'amber', 'green']);
    }
  });

  it('numbered from 1', () => expect(agenda([green, amber, red]).items.map((i) => i.number)).toEqual([1, 2, 3]));

  it('among reds, the longer overdue first', () => {
    const older = quiet('C-8', { reviews: ['2026-01-29', '2026-04-10'] }); // due 2026-10-10
    const newer = quiet('C-4', { reviews: ['2026-01-29', '2026-05-20'] }); // due 2026-11-20
    expect(ids(agenda([newer, older]))).toEqual([['C-8'], ['C-4']]);
  });
});

describe('minutes and start times', () => {
  const due = (id: string, siblings: string[] = []) => quiet(id, { siblings, reviews: ['2026-01-29', '2026-04-23'] });

  it('minutes_per_item per child, half as much again per extra sibling', () => {
    expect(itemMinutes(1, DEFAULT_POLICY)).toBe(10);
    expect(itemMinutes(2, DEFAULT_POLICY)).toBe(15);
    expect(itemMinutes(3, DEFAULT_POLICY)).toBe(20);
    const p = policyWith({ minutes_per_item: 12 });
    expect([1, 2, 3].map((n) => itemMinutes(n, p))).toEqual([12, 18, 24]);
  });

  it('start times run on from the meeting start; the total is the sum', () => {
    const a = agenda([due('C-1'), due('C-2', ['C-3']), due('C-3', ['C-2']), due('C-4')]);
    expect(ids(a)).toEqual([['C-1'], ['C-2', 'C-3'], ['C-4']]);
    expect(a.items.map((i) => [i.start, i.minutes])).toEqual([['10:00', 10], ['10:10', 15], ['10:25', 10]]);
    expect(a.totalMinutes).toBe(35);
  });

  it('from the given start, across the hour, with the policy\'s minutes per item', () => {
    const a = agenda([due('C-1'), due('C-2'), due('C-3')], { start: '09:45', policy: policyWith({ minutes_per_item: 12 }) });
    expect(a.items.map((i) => i.start)).toEqual(['09:45', '09:57', '10:09']);
    expect(a.totalMinutes).toBe(36);
  });
});

describe('open actions are carried on the item', () => {
  it('every action not done, from any earlier panel, due or not; done ones are not', () => {
    const c = quiet('C-1', {
      reviews: ['2026-01-29', '2026-04-23'],
      panel: [
        { date: '2026-01-30', actions: [{ action: 'Old, done', owner: 'A', due: '2026-02-13', done: '2026-02-10' }, { action: 'Old, open', owner: 'A', due: '2026-02-13' }] },
        { date: SINCE, actions: [{ action: 'New, open', due: '2026-12-18' }] },
      ],
    });
    const e = entry(agenda([c]), 'C-1')!;
    expect(e.openActions).toEqual([
      { action: 'Old, open', owner: 'A', due: '2026-02-13', from: '2026-01-30', carriedForward: [] },
      { action: 'New, open', owner: null, due: '2026-12-18', from: SINCE, carriedForward: [] },
    ]);
  });

  it('an open action carried forward by later panels says at which, by the panel that set it and its words', () => {
    const c = quiet('C-1', {
      reviews: ['2026-01-29', '2026-04-23'],
      panel: [
        { date: '2026-01-30', actions: [{ action: 'Old, open', owner: 'A', due: '2026-02-13' }, { action: 'Other', due: '2026-02-13' }] },
        { date: '2026-03-06', carried_forward: [{ from: '2026-01-30', action: 'Old, open' }] },
        { date: SINCE, carried_forward: [{ from: '2026-01-30', action: 'Old, open' }, { from: '2026-01-29', action: 'Other' }] },
      ],
    });
    const e = entry(agenda([c]), 'C-1')!;
    expect(e.openActions.map((a) => [a.action, a.carriedForward])).toEqual([
      ['Old, open', ['2026-03-06', SINCE]],
      // Carried "from" a panel that did not set it: not this action.
      ['Other', []],
    ]);
  });
});

describe('a frozen agenda: the agreed order', () => {
  const red = quiet('C-3', { reviews: ['2026-01-29', '2026-04-23'] });
  const green = quiet('C-1', { plan: { route: 'adoption', agreed: '2026-11-19' } });
  const notDue = quiet('C-2');

  it('keeps the agreed order, not the urgency order, and includes children not due', () => {
    const a = agenda([red, green, notDue], { frozen: { order: ['C-1', 'C-2', 'C-3'], agreedOn: '2026-11-25' } });
    expect(a.status).toBe('frozen');
    expect(a.agreedOn).toBe('2026-11-25');
    expect(ids(a)).toEqual([['C-1'], ['C-2'], ['C-3']]);
    expect(a.items.map((i) => i.start)).toEqual(['10:00', '10:10', '10:20']);
    // Reasons are still given where there are any.
    expect(codes(a, 'C-3')).toEqual(['overdue']);
  });

  it('siblings listed next to each other are one item', () => {
    const s1 = quiet('C-4', { siblings: ['C-5'] });
    const s2 = quiet('C-5', { siblings: ['C-4'] });
    const a = agenda([red, s1, s2], { frozen: { order: ['C-5', 'C-4', 'C-3'], agreedOn: null } });
    expect(ids(a)).toEqual([['C-5', 'C-4'], ['C-3']]);
    expect(a.items.map((i) => [i.start, i.minutes])).toEqual([['10:00', 15], ['10:15', 10]]);
  });

  it('a frozen child since secured stays in the order with a note', () => {
    const secured = quiet('C-6', { permanence: { secured: '2026-11-30' } });
    const a = agenda([red, secured], { frozen: { order: ['C-6', 'C-3'], agreedOn: '2026-11-25' } });
    expect(a.notes).toEqual(['C-6 is on the agreed agenda; permanence was secured on 2026-11-30.']);
  });

  it('an id with no case file is a note, not an item', () => {
    const a = agenda([red], { frozen: { order: ['C-3', 'C-99'], agreedOn: '2026-11-25' } });
    expect(ids(a)).toEqual([['C-3']]);
    expect(a.notes).toEqual(['C-99 is on the agreed agenda but has no case file.']);
  });

  it('a due child left off the agreed order stays off (the chairs decided)', () => {
    const a = agenda([red, green], { frozen: { order: ['C-1'], agreedOn: '2026-11-25' } });
    expect(ids(a)).toEqual([['C-1']]);
  });
});

describe('carriedForwardText', () => {
  it('names each later panel that carried an action forward, in plain dates', async () => {
    const { carriedForwardText } = await import('../../src/domain/agenda.js');
    const a = { action: 'A', owner: null, due: '2026-10-01', from: '2026-09-04' };
    expect(carriedForwardText({ ...a, carriedForward: [] })).toBe('');
    expect(carriedForwardText({ ...a, carriedForward: ['2026-10-02'] })).toBe('carried forward at the panel of 2 Oct 2026');
    expect(carriedForwardText({ ...a, carriedForward: ['2026-10-02', '2026-11-06', '2026-12-04'] })).toBe('carried forward at the panels of 2 Oct 2026, 6 Nov 2026 and 4 Dec 2026');
  });
});
