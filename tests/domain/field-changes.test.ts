import { describe, expect, it } from 'vitest';
import { deepEqual, diffFrontMatter, showValue } from '../../src/domain/field-changes.js';

const texts = (a: unknown, b: unknown) => diffFrontMatter(a, b).map((c) => c.text);

describe('diffFrontMatter', () => {
  it('phrases scalar changes generically, with the field path', () => {
    expect(diffFrontMatter({ plan: { route: 'return-home' } }, { plan: { route: 'adoption' } })).toEqual([
      { field: 'plan.route', kind: 'changed', from: 'return-home', to: 'adoption', text: 'plan.route changed from return-home to adoption' },
    ]);
    expect(texts({ looked_after: { start: '2026-01-05', legal_status: 'C1' } }, { looked_after: { start: '2026-01-05', legal_status: 'C2' } })).toEqual([
      'looked_after.legal_status changed from C1 to C2',
    ]);
    expect(texts({ social_worker: 'Hannah Brooks' }, { social_worker: 'Owen Price' })).toEqual(['social_worker changed from "Hannah Brooks" to "Owen Price"']);
    expect(diffFrontMatter({ iro: 'Jane Cole' }, {})).toEqual([{ field: 'iro', kind: 'removed', from: 'Jane Cole', to: null, text: 'iro removed (was "Jane Cole")' }]);
    expect(texts({}, { team: 'North' })).toEqual(['team added North']);
    expect(texts({ proceedings: { extensions: 0 } }, { proceedings: { extensions: 1 } })).toEqual(['proceedings.extensions changed from 0 to 1']);
    expect(texts({ permanence: { life_story_complete: false } }, { permanence: { life_story_complete: true } })).toEqual([
      'permanence.life_story_complete changed from false to true',
    ]);
  });

  it('reads a first date as the event it records', () => {
    expect(diffFrontMatter({ permanence: { secured: null } }, { permanence: { secured: '2026-05-20' } })).toEqual([
      { field: 'permanence.secured', kind: 'added', from: null, to: '2026-05-20', text: 'permanence secured 2026-05-20' },
    ]);
    expect(texts({ plan: { route: 'adoption' } }, { plan: { route: 'adoption', agreed: '2026-08-27' } })).toEqual(['permanence plan agreed 2026-08-27']);
    expect(texts({}, { looked_after: { start: '2026-05-04' } })).toEqual(['became looked after 2026-05-04']);
    expect(texts({ looked_after: { start: '2026-05-04' } }, { looked_after: { start: '2026-05-04', end: '2026-09-01', reason_ceased: 'E11' } })).toEqual([
      'ceased to be looked after 2026-09-01',
      'looked_after.reason_ceased added E11',
    ]);
    expect(texts({ plo: { start: '2026-02-10' } }, { plo: { start: '2026-02-10', end: '2026-05-01' } })).toEqual(['pre-proceedings (PLO) ended 2026-05-01']);
    expect(texts({ proceedings: { issued: '2026-05-01', concluded: null } }, { proceedings: { issued: '2026-05-01', concluded: '2026-10-30' } })).toEqual([
      'care proceedings concluded 2026-10-30',
    ]);
    // A correction of a recorded date is a change, not an event.
    expect(texts({ permanence: { secured: '2026-05-20' } }, { permanence: { secured: '2026-05-21' } })).toEqual(['permanence.secured changed from 2026-05-20 to 2026-05-21']);
    expect(texts({ minutes_published: null }, { minutes_published: '2026-11-10' })).toEqual(['minutes published 2026-11-10']);
  });

  it('treats null, absent and an empty list alike', () => {
    expect(diffFrontMatter({ looked_after: { start: '2026-01-01' } }, { looked_after: { start: '2026-01-01', end: null } })).toEqual([]);
    expect(diffFrontMatter({ siblings: [] }, {})).toEqual([]);
    expect(diffFrontMatter({ plo: null }, {})).toEqual([]);
    expect(diffFrontMatter(undefined, null)).toEqual([]);
  });

  it('lists reviews, siblings and attendees item by item, and a single swap as a correction', () => {
    expect(diffFrontMatter({ reviews: ['2026-05-29'] }, { reviews: ['2026-05-29', '2026-08-27'] })).toEqual([
      { field: 'reviews', kind: 'added', from: null, to: '2026-08-27', text: 'review added 2026-08-27' },
    ]);
    expect(texts({ reviews: ['2026-05-29', '2026-08-27'] }, { reviews: ['2026-05-29', '2026-08-28'] })).toEqual(['review changed from 2026-08-27 to 2026-08-28']);
    expect(texts({ reviews: ['2026-05-29', '2026-08-27'] }, { reviews: [] })).toEqual(['review removed 2026-05-29', 'review removed 2026-08-27']);
    expect(texts({ siblings: ['C-1002'] }, { siblings: ['C-1002', 'C-1003', 'C-1004'] })).toEqual(['sibling added C-1003', 'sibling added C-1004']);
    expect(texts({ attendees: ['Jo Chair'] }, { attendees: ['Jo Chair', 'Sam Lee'] })).toEqual(['attendee added "Sam Lee"']);
    expect(texts({ agenda: ['C-1', 'C-2'] }, { agenda: ['C-2', 'C-1'] })).toEqual(['agenda reordered: C-2, C-1']);
    expect(texts({ reviews: ['2026-05-29', '2026-05-29'] }, { reviews: ['2026-05-29'] })).toEqual(['review removed 2026-05-29']);
  });

  it('reads panel discussions by date and actions by their text', () => {
    const action = { action: 'Refer to RAA', owner: 'Priya Shah', due: '2026-06-19' };
    const before = { panel: [{ date: '2026-06-05', decision: 'Plan of adoption endorsed.', actions: [action] }] };
    const done = { panel: [{ date: '2026-06-05', decision: 'Plan of adoption endorsed.', actions: [{ ...action, done: '2026-06-17' }] }] };
    expect(diffFrontMatter(before, done)).toEqual([
      { field: 'panel[2026-06-05].actions["Refer to RAA"].done', kind: 'added', from: null, to: '2026-06-17', text: 'action "Refer to RAA" marked done 2026-06-17' },
    ]);
    expect(texts(done, before)).toEqual(['action "Refer to RAA" reopened (was done 2026-06-17)']);

    const next = { panel: [...done.panel, { date: '2026-11-06', decision: 'Match approved.', actions: [] }] };
    expect(diffFrontMatter(done, next)).toEqual([
      { field: 'panel[2026-11-06]', kind: 'added', from: null, to: next.panel[1], text: 'panel discussion added 2026-11-06' },
    ]);
    expect(texts(next, done)).toEqual(['panel discussion removed 2026-11-06']);

    const edited = {
      panel: [
        {
          date: '2026-06-05',
          decision: 'Plan of adoption endorsed; contingency long-term fostering.',
          actions: [
            { action: 'Refer to RAA', owner: 'Tom Reed', due: '2026-06-26', done: '2026-06-17' },
            { action: 'Book later life letter', due: '2026-07-01' },
          ],
        },
      ],
    };
    expect(texts(done, edited)).toEqual([
      'panel 2026-06-05 decision changed from "Plan of adoption endorsed." to "Plan of adoption endorsed; contingency long-term fostering."',
      'action "Book later life letter" added (due 2026-07-01)',
      'action "Refer to RAA" owner changed from "Priya Shah" to "Tom Reed"',
      'action "Refer to RAA" due date changed from 2026-06-19 to 2026-06-26',
    ]);
    const reworded = { panel: [{ ...done.panel[0], actions: [{ ...done.panel[0].actions[0], action: 'Refer to the RAA' }] }] };
    expect(texts(done, reworded)).toEqual(['action "Refer to RAA" reworded to "Refer to the RAA"']);
    // A different action with another due date is a replacement, not a rewording.
    const replaced = { panel: [{ ...done.panel[0], actions: [{ action: 'Book the matching panel', due: '2026-07-10' }] }] };
    expect(texts(done, replaced)).toEqual(['action "Refer to RAA" removed', 'action "Book the matching panel" added (due 2026-07-10)']);
  });

  it('keeps two discussions on the same date apart', () => {
    const one = { panel: [{ date: '2026-06-05', decision: 'A' }] };
    const two = { panel: [{ date: '2026-06-05', decision: 'A' }, { date: '2026-06-05', decision: 'B' }] };
    expect(diffFrontMatter(one, two).map((c) => [c.field, c.text])).toEqual([['panel[2026-06-05#2]', 'panel discussion added 2026-06-05#2']]);
  });

  it('falls back to a generic change for shapes it does not know (an invalid version)', () => {
    expect(texts({ panel: 'soon' }, { panel: [{ date: '2026-06-05' }] })).toEqual(['panel changed from soon to [{"date":"2026-06-05"}]']);
    expect(texts({ unknown_field: [{ a: 1 }] }, { unknown_field: [{ a: 2 }] })).toEqual(['unknown_field changed from [{"a":1}] to [{"a":2}]']);
    expect(texts('not an object', { id: 'C-1' })).toEqual(['id added C-1']);
  });

  it('orders changes as the fields are in the new version, removed fields last', () => {
    expect(texts({ a: 1, b: 2, c: 3 }, { c: 4, a: 5 })).toEqual(['c changed from 3 to 4', 'a changed from 1 to 5', 'b removed (was 2)']);
  });
});

describe('helpers', () => {
  it('shows values for a sentence', () => {
    expect(showValue('2026-01-01')).toBe('2026-01-01');
    expect(showValue('Hannah Brooks')).toBe('"Hannah Brooks"');
    expect(showValue(null)).toBe('nothing');
    expect(showValue('x'.repeat(100))).toBe(`${'x'.repeat(79)}…`);
    expect(showValue(['C-1', 'C-2'])).toBe('[C-1, C-2]');
  });

  it('compares deeply, with null, absent and empty lists equal', () => {
    expect(deepEqual({ a: [1, { b: null }] }, { a: [1, {}] })).toBe(true);
    expect(deepEqual([], undefined)).toBe(true);
    expect(deepEqual({ a: 1 }, { a: '1' })).toBe(false);
  });
});
