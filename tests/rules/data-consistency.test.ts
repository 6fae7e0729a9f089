import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/domain/engine.js';
import { DEFAULT_POLICY, type Policy } from '../../src/domain/policy.js';
import type { Child } from '../../src/domain/schema.js';
import { calendar, child, policyWith } from '../helpers.js';

const RULE = 'data-consistency';

/** data-consistency findings for children in the given files (the file name matters to this rule). */
function check(asOf: string, files: [string, Child][], policy: Policy = DEFAULT_POLICY) {
  return evaluate(
    files.map(([file, c]) => ({ file, child: c, locate: () => 1 })),
    { asOf, policy, calendar },
  )
    .filter((f) => f.rule === RULE)
    .map((f) => ({ file: f.file, status: f.status, level: f.level, due: f.due, message: f.message }));
}
/** One child in its own correctly named file. */
const one = (asOf: string, c: Child, policy?: Policy) => check(asOf, [[`cases/${c.id}.md`, c]], policy);
const invalid = (file: string, message: string | RegExp) => ({ file, status: 'invalid', level: 'error', due: null, message: expect.stringMatching(message) });

const AS_OF = '2026-11-20';
const clean = (overrides: Record<string, unknown> = {}) =>
  child({
    looked_after: { start: '2026-05-04' },
    reviews: ['2026-05-29', '2026-08-27'],
    plo: { start: '2026-02-10', end: '2026-05-01' },
    plan: { route: 'adoption', contingency: 'long-term-fostering', agreed: '2026-08-27' },
    panel: [{ date: '2026-06-05', actions: [{ action: 'A', due: '2026-06-19', done: '2026-06-17' }] }],
    ...overrides,
  });

describe('data-consistency: a consistent case', () => {
  it('reports nothing', () => expect(one(AS_OF, clean())).toEqual([]));
  it('events dated on the as-of day itself are not in the future', () => {
    expect(one('2026-08-27', clean())).toEqual([]);
  });
});

describe('data-consistency: ids, file names and siblings', () => {
  it('a duplicate id is reported on both files, each naming the other', () => {
    const a = child({ id: 'C-1' });
    const b = child({ id: 'C-1', name: 'Another Child' });
    expect(check(AS_OF, [['cases/C-1.md', a], ['archive/C-1.md', b]])).toEqual([
      invalid('cases/C-1.md', /^id C-1 is also used by archive\/C-1\.md: every child needs a unique id\.$/),
      invalid('archive/C-1.md', /^id C-1 is also used by cases\/C-1\.md: every child needs a unique id\.$/),
    ]);
  });
  it('an id that does not match the file name', () => {
    expect(check(AS_OF, [['cases/C-3.md', child({ id: 'C-2' })]])).toEqual([
      invalid('cases/C-3.md', /^id C-2 does not match the file name C-3\.md: rename the file to C-2\.md or correct the id\.$/),
    ]);
  });
  it('siblings that list each other are consistent', () => {
    expect(check(AS_OF, [['cases/C-1.md', child({ id: 'C-1', siblings: ['C-2'] })], ['cases/C-2.md', child({ id: 'C-2', siblings: ['C-1'] })]])).toEqual([]);
  });
  it('a sibling that does not list the child back: reported on the child that lists it', () => {
    expect(check(AS_OF, [['cases/C-1.md', child({ id: 'C-1', siblings: ['C-2'] })], ['cases/C-2.md', child({ id: 'C-2' })]])).toEqual([
      invalid('cases/C-1.md', /^sibling C-2 does not list C-1 in its siblings: add C-1 to cases\/C-2\.md, or remove C-2 here\.$/),
    ]);
  });
  it('a sibling with no case file', () => {
    expect(one(AS_OF, child({ id: 'C-1', siblings: ['C-9'] }))).toEqual([invalid('cases/C-1.md', /^sibling C-9 has no case file \(cases\/C-9\.md\)/)]);
  });
  it('the child\'s own id, or a sibling listed twice', () => {
    expect(one(AS_OF, child({ id: 'C-1', siblings: ['C-1'] }))).toEqual([invalid('cases/C-1.md', /own id C-1/)]);
    const pair: [string, Child][] = [['cases/C-1.md', child({ id: 'C-1', siblings: ['C-2', 'C-2'] })], ['cases/C-2.md', child({ id: 'C-2', siblings: ['C-1'] })]];
    expect(check(AS_OF, pair)).toEqual([invalid('cases/C-1.md', /siblings lists C-2 twice/)]);
  });
});

describe('data-consistency: reviews', () => {
  it('reviews out of order', () => {
    expect(one(AS_OF, clean({ reviews: ['2026-08-27', '2026-05-29'] }))).toEqual([
      invalid('cases/C-1.md', /^review 2026-05-29 is not after the review before it \(2026-08-27\)/),
    ]);
  });
  it('the same review listed twice', () => {
    expect(one(AS_OF, clean({ reviews: ['2026-05-29', '2026-05-29'] }))).toEqual([invalid('cases/C-1.md', /^review 2026-05-29 is not after the review before it \(2026-05-29\)/)]);
  });
  it('a review before care started', () => {
    expect(one(AS_OF, clean({ reviews: ['2026-04-01', '2026-05-29'] }))).toEqual([invalid('cases/C-1.md', /^review 2026-04-01 is before care start 2026-05-04\.$/)]);
  });
  it('a review in the future relative to the as-of date (but not on it)', () => {
    expect(one('2026-08-26', clean({ plan: { route: 'adoption', agreed: '2026-08-01' } }))).toEqual([
      invalid('cases/C-1.md', /^review 2026-08-27 is in the future \(after 2026-08-26\)/),
    ]);
    expect(one('2026-08-27', clean({ plan: { route: 'adoption', agreed: '2026-08-01' } }))).toEqual([]);
  });
  it('a review with no looked_after block', () => {
    expect(one(AS_OF, child({ reviews: ['2026-05-29'] }))).toEqual([invalid('cases/C-1.md', /^review 2026-05-29 is recorded but the child has no looked_after block\.$/)]);
  });
  it('a review after care ended', () => {
    expect(one(AS_OF, clean({ looked_after: { start: '2026-05-04', end: '2026-08-01' } }))).toEqual([
      invalid('cases/C-1.md', /^review 2026-08-27 is after care ended on 2026-08-01\.$/),
    ]);
  });
});

describe('data-consistency: plan, care, PLO, proceedings, FGC', () => {
  it('plan agreed before the child entered care', () => {
    expect(one(AS_OF, clean({ plo: null, plan: { route: 'adoption', agreed: '2026-04-01' } }))).toEqual([
      invalid('cases/C-1.md', /^plan agreed 2026-04-01 is before the child entering care or PLO on 2026-05-04\.$/),
    ]);
  });
  it('plan agreed before PLO, the earlier entry', () => {
    expect(one(AS_OF, child({ plo: { start: '2026-02-10' }, plan: { route: 'adoption', agreed: '2026-02-09' } }))).toEqual([
      invalid('cases/C-1.md', /^plan agreed 2026-02-09 is before the child entering care or PLO on 2026-02-10\.$/),
    ]);
  });
  it('plan agreed after PLO started but before care: consistent (entry is the earlier date)', () => {
    expect(one(AS_OF, clean({ plan: { route: 'adoption', agreed: '2026-04-01' } }))).toEqual([]);
  });
  it('plan agreed on the day of entry: consistent', () => {
    expect(one(AS_OF, clean({ plo: null, plan: { route: 'adoption', agreed: '2026-05-04' } }))).toEqual([]);
  });
  it('plan agreed in the future', () => {
    expect(one('2026-08-26', clean({ reviews: ['2026-05-29'] }))).toEqual([invalid('cases/C-1.md', /^plan agreed 2026-08-27 is in the future \(after 2026-08-26\)/)]);
  });
  it('a contingency on the same route as the plan', () => {
    expect(one(AS_OF, clean({ plan: { route: 'adoption', contingency: 'adoption', agreed: '2026-08-27' } }))).toEqual([invalid('cases/C-1.md', /same route as the plan \(adoption\)/)]);
  });
  it('care ended before it started; care start before birth', () => {
    expect(one(AS_OF, child({ looked_after: { start: '2026-05-04', end: '2026-05-01' } }))).toEqual([invalid('cases/C-1.md', /^care end 2026-05-01 is before care start 2026-05-04\.$/)]);
    expect(one(AS_OF, child({ dob: '2020-01-01', looked_after: { start: '2019-12-31' } }))).toEqual([invalid('cases/C-1.md', /^care start 2019-12-31 is before the date of birth 2020-01-01\.$/)]);
  });
  it('a date of birth or care start in the future', () => {
    expect(one(AS_OF, child({ dob: '2026-11-21' }))).toEqual([invalid('cases/C-1.md', /^date of birth 2026-11-21 is in the future \(after 2026-11-20\)/)]);
    expect(one(AS_OF, child({ looked_after: { start: '2026-11-21' } }))).toEqual([invalid('cases/C-1.md', /^care start 2026-11-21 is in the future/)]);
  });
  it('PLO ended before it started', () => {
    expect(one(AS_OF, child({ plo: { start: '2026-02-10', end: '2026-02-09' } }))).toEqual([invalid('cases/C-1.md', /^PLO end 2026-02-09 is before PLO start 2026-02-10\.$/)]);
  });
  it('proceedings concluded before issue', () => {
    expect(one(AS_OF, child({ proceedings: { issued: '2026-05-01', concluded: '2026-04-30' } }))).toEqual([invalid('cases/C-1.md', /^proceedings concluded 2026-04-30 is before issue on 2026-05-01\.$/)]);
  });
  it('FGC held before its referral', () => {
    expect(one(AS_OF, child({ fgc: { referred: '2026-02-12', held: '2026-02-11' } }))).toEqual([invalid('cases/C-1.md', /^FGC held 2026-02-11 is before its referral 2026-02-12\.$/)]);
  });
});

describe('data-consistency: panel discussions and actions', () => {
  it('a panel discussion in the future (but not on the as-of day)', () => {
    const c = child({ looked_after: { start: '2026-05-04' }, panel: [{ date: '2026-06-05' }] });
    expect(one('2026-06-04', c)).toEqual([invalid('cases/C-1.md', /^panel discussion 2026-06-05 is in the future \(after 2026-06-04\)/)]);
    expect(one('2026-06-05', c)).toEqual([]);
  });
  it('panel discussions out of order', () => {
    const c = child({ looked_after: { start: '2026-05-04' }, panel: [{ date: '2026-07-03' }, { date: '2026-06-05' }] });
    expect(one(AS_OF, c)).toEqual([invalid('cases/C-1.md', /^panel discussion 2026-06-05 is not after the one before it \(2026-07-03\)/)]);
  });
  it('an action due before the panel that set it, or done in the future', () => {
    const due = child({ panel: [{ date: '2026-06-05', actions: [{ action: 'A', due: '2026-06-04' }] }] });
    expect(one(AS_OF, due)).toEqual([invalid('cases/C-1.md', /^action due date 2026-06-04 is before the panel that set it on 2026-06-05\.$/)]);
    const done = child({ panel: [{ date: '2026-06-05', actions: [{ action: 'A', due: '2026-06-19', done: '2026-11-21' }] }] });
    expect(one(AS_OF, done)).toEqual([invalid('cases/C-1.md', /^action done 2026-11-21 is in the future/)]);
  });
});

describe('data-consistency: level and scope', () => {
  it('the level comes from the policy', () => {
    expect(one(AS_OF, child({ siblings: ['C-9'] }), policyWith({ levels: { 'data-consistency': 'warning' } }))).toEqual([
      { file: 'cases/C-1.md', status: 'invalid', level: 'warning', due: null, message: expect.stringContaining('sibling C-9') },
    ]);
  });
  it('still applies once permanence is secured', () => {
    expect(one(AS_OF, child({ siblings: ['C-9'], permanence: { secured: '2026-10-01' } }))).toEqual([invalid('cases/C-1.md', /sibling C-9/)]);
  });
  it('reports every problem in a file, not just the first', () => {
    expect(check(AS_OF, [['cases/C-3.md', child({ id: 'C-2', siblings: ['C-9'], reviews: ['2026-05-29'] })]])).toHaveLength(3);
  });
});
