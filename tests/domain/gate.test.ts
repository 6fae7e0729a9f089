import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/findings.js';
import { compareWithBase } from '../../src/domain/gate.js';

const f = (over: Partial<Finding>): Finding => ({
  child: 'C-1',
  file: 'cases/C-1.md',
  rule: 'action-overdue',
  status: 'overdue',
  level: 'error',
  due: '2026-11-01',
  message: 'm',
  line: 3,
  ...over,
});

describe('compareWithBase: which errors a change caused', () => {
  it('matches child, rule, status and level, not the message (which counts the days)', () => {
    const r = compareWithBase([f({ message: '10 days overdue' })], [f({ message: '11 days overdue' })], new Set());
    expect(r.caused).toEqual([]);
    expect(r.standing).toHaveLength(1);
  });

  it('uses the due date to tell several alike findings apart: a second overdue action is new, a moved one is not', () => {
    const base = [f({ due: '2026-11-01' }), f({ due: '2026-11-05' })];
    const moved = compareWithBase(base, [f({ due: '2026-11-01' }), f({ due: '2026-11-03' })], new Set());
    expect(moved.caused).toEqual([]);
    const added = compareWithBase(base, [...base, f({ due: '2026-11-02' })], new Set());
    expect(added.caused).toEqual([f({ due: '2026-11-02' })]);
    expect(added.standing).toHaveLength(2);
  });

  it('a new status or level is new: due-soon becoming overdue, warning becoming error', () => {
    expect(compareWithBase([f({ status: 'due-soon', level: 'warning' })], [f({})], new Set()).caused).toHaveLength(1);
    expect(compareWithBase([f({ level: 'warning' })], [f({})], new Set()).caused).toHaveLength(1);
  });

  it('a schema or consistency error in a touched file is caused even when the base had it; untouched, it stands', () => {
    const schema = f({ rule: 'schema', status: 'invalid', due: null });
    expect(compareWithBase([schema], [schema], new Set(['cases/C-1.md'])).caused).toEqual([schema]);
    expect(compareWithBase([schema], [schema], new Set(['cases/C-2.md'])).standing).toEqual([schema]);
    const overdue = f({});
    expect(compareWithBase([overdue], [overdue], new Set(['cases/C-1.md'])).standingTouched).toEqual([overdue]);
    expect(compareWithBase([overdue], [overdue], new Set(['cases/C-2.md'])).standingTouched).toEqual([]);
    const consistency = f({ rule: 'data-consistency', status: 'invalid', due: null });
    expect(compareWithBase([consistency], [consistency], new Set(['cases/C-1.md'])).caused).toEqual([consistency]);
  });

  it('findings without a child (meetings) are told apart by file; warnings are context: listed when touched, counted otherwise', () => {
    const m = f({ child: null, file: 'meetings/2026-12-04.md', rule: 'minutes-due' });
    expect(compareWithBase([m], [m, { ...m, file: 'meetings/2027-01-08.md' }], new Set()).caused).toEqual([{ ...m, file: 'meetings/2027-01-08.md' }]);
    const w = [f({ level: 'warning' }), f({ level: 'notice', file: 'cases/C-2.md', child: 'C-2' })];
    const r = compareWithBase([], w, new Set(['cases/C-1.md']));
    expect(r).toEqual({ caused: [], standing: [], standingTouched: [], touched: [w[0]], elsewhere: 1 });
  });
});
