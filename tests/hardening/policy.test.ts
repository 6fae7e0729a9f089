/**
 * panel.yaml cannot hang or crash a command: every number and date has bounds (exit 2 with the line), a
 * folder, a named pipe, a loop, bytes that are not UTF-8 or an alias bomb is exit 2 with a message, a blank
 * marking is refused, an unknown preset does not hide the file's other problems, and YAML mistakes are
 * reported on the line to change. `--as-of` is bounded too.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPolicy, PolicyError } from '../../src/data/policy.js';
import { aliasBomb, AS_OF, cleanRoots, makeRoot, panelEnds, validCase } from './hostile-roots.js';

afterAll(cleanRoots);

/** The problems of a panel.yaml, as "line: message", or [] when it is valid. */
function problems(text: string): { line: number; message: string }[] {
  try {
    loadPolicy(makeRoot({ 'panel.yaml': text }, { cases: false }));
    return [];
  } catch (err) {
    if (err instanceof PolicyError) return err.problems;
    throw err;
  }
}

/** Settings that must be bounded: a YAML snippet for a value, and the line the value sits on. */
const BOUNDED: { name: string; yaml: (n: number) => string; line: number; ok: (n: number) => boolean }[] = [
  { name: 'warning_window_days', yaml: (n) => `warning_window_days: ${n}`, line: 2, ok: (n) => n >= 0 && n <= 366 },
  { name: 'minutes_per_item', yaml: (n) => `minutes_per_item: ${n}`, line: 2, ok: (n) => n >= 1 && n <= 240 },
  { name: 'timescales.first_review', yaml: (n) => `timescales:\n  first_review: { days: ${n} }`, line: 3, ok: (n) => n >= 0 && n <= 3660 },
  { name: 'timescales.cadence_limit', yaml: (n) => `timescales:\n  cadence_limit: { months: ${n} }`, line: 3, ok: (n) => n >= 0 && n <= 120 },
  { name: 'timescales.proceedings', yaml: (n) => `timescales:\n  proceedings: { weeks: ${n} }`, line: 3, ok: (n) => n >= 0 && n <= 520 },
  { name: 'timescales.first_review (working days)', yaml: (n) => `timescales:\n  first_review: { working_days: ${n} }`, line: 3, ok: (n) => n >= 0 && n <= 2600 },
];

describe('numbers in panel.yaml have bounds', () => {
  it.each(BOUNDED)('$name: a value out of range is refused on its line (generated values)', ({ name, yaml, line, ok }) => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1000, max: 1e12 }), fc.constantFrom(-1, 0, 1, 366, 367, 3661, 1e15)), (n) => {
        const got = problems(`council: Test Council\n${yaml(n)}\n`);
        if (ok(n)) expect(got, `${name} ${n}`).toEqual([]);
        else {
          expect(got.length, `${name} ${n}`).toBeGreaterThan(0);
          expect(got[0].line).toBe(line);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('times of day are real times (99:99, 24:00 and 7:5 refused; 00:00 and 23:59 kept)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (h, m) => {
        const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        const got = problems(`schedule:\n  kind: monthly\n  nth: 1\n  weekday: friday\n  time: "${time}"\n`);
        if (h <= 23 && m <= 59) expect(got).toEqual([]);
        else expect(got).toEqual([expect.objectContaining({ line: 5, message: expect.stringContaining('a time of day such as "10:00"') })]);
      }),
      { numRuns: 60 },
    );
    expect(problems('schedule:\n  kind: monthly\n  nth: 1\n  weekday: friday\n  time: "7:5"\n')).toHaveLength(1);
  });

  it('meeting dates are bounded in year and number', () => {
    expect(problems('schedule:\n  kind: dates\n  dates: [2026-01-09, 9999-12-31]\n')[0]).toMatchObject({ line: 3, message: expect.stringContaining('a date between 1900 and 2100') });
    expect(problems('schedule:\n  kind: fortnightly\n  from: 1066-10-14\n')[0]).toMatchObject({ line: 3 });
    const many = Array.from({ length: 300 }, (_, i) => `    - 2027-01-${String((i % 28) + 1).padStart(2, '0')}`).join('\n');
    expect(problems(`schedule:\n  kind: dates\n  dates:\n${many}\n`)[0].message).toContain('at most 260 meeting dates');
  });

  it('a blank protective marking is refused', () => {
    for (const blank of ['""', '"   "', "''"]) expect(problems(`marking: ${blank}\n`)).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('cannot be blank') })]);
  });

  it('an unknown preset does not hide every other problem in the file', () => {
    const got = problems('preset: no-such-preset\ncouncil: 42\nminutes_per_item: 0\ntimescales:\n  first_review: { days: -3 }\n');
    expect(got.map((p) => p.line)).toEqual([1, 2, 3, 5]);
    expect(got[0].message).toContain('preset: expected one of');
  });
});

describe('YAML mistakes in panel.yaml', () => {
  it('an over-indented line is reported on that line, with the parser\'s words', () => {
    const got = problems('council: X\nschedule:\n  kind: monthly\n   nth: 1\n  weekday: monday\n');
    expect(got[0]).toMatchObject({ line: 4 });
    expect(got[0].message).toMatch(/^YAML syntax: .+: line 4 is indented by 3 spaces/);
  });

  it('an under-indented line is reported on that line', () => {
    expect(problems('council: X\nschedule:\n  kind: monthly\n nth: 1\n  weekday: monday\n')[0]).toMatchObject({ line: 4, message: expect.stringContaining('All mapping items must start at the same column') });
  });

  it('nesting far too deep is refused before the parser goes deep (brackets or indentation)', () => {
    for (const depth of [65, 10_000, 200_000]) {
      expect(problems(`council: X\nchairs: ${'['.repeat(depth)}${']'.repeat(depth)}\n`)).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining('nests lists or blocks far too deeply') })]);
    }
    const stairs = Array.from({ length: 80 }, (_, i) => `${' '.repeat(2 * i)}k${i}:`).join('\n');
    expect(problems(`${stairs}\n`)[0].message).toContain('far too deeply');
  });

  it('an unquoted colon says how to quote the value', () => {
    expect(problems('council: Panel: North\n')[0].message).toContain('put the whole value in quotes, for example council: "Panel: North"');
  });
});

describe('panel check on a broken panel.yaml (the real command): exit 2 with a message, never a hang or a stack trace', () => {
  const withCases = (files: Record<string, string | Buffer>) => makeRoot({ 'cases/C-1.md': validCase('C-1'), ...files });
  const cases: [string, () => string, RegExp][] = [
    ['a folder', () => {
      const root = withCases({});
      mkdirSync(path.join(root, 'panel.yaml'));
      return root;
    }, /panel\.yaml is a folder/],
    ['a named pipe', () => {
      const root = withCases({});
      execFileSync('mkfifo', [path.join(root, 'panel.yaml')]);
      return root;
    }, /not a regular file/],
    ['a symbolic link loop', () => {
      const root = withCases({});
      symlinkSync('panel.yaml', path.join(root, 'panel.yaml'));
      return root;
    }, /loop/],
    ['not UTF-8', () => withCases({ 'panel.yaml': Buffer.from('council: X\nvenue: Caf\xe9\n', 'latin1') }), /panel\.yaml:2 .*not UTF-8/],
    ['an alias bomb', () => withCases({ 'panel.yaml': `council: X\n${aliasBomb()}` }), /alias bomb/],
    ['a time 99:99', () => withCases({ 'panel.yaml': 'schedule:\n  kind: monthly\n  nth: 1\n  weekday: friday\n  time: "99:99"\n' }), /panel\.yaml:5 .*schedule\.time/],
  ];
  it.each(cases)('%s', (_, make, says) => {
    const r = panelEnds(['check', '--root', make(), '--as-of', AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(says);
  }, 90_000);

  it('--as-of 9999-12-31 and 1899-12-31 are usage errors', () => {
    for (const date of ['9999-12-31', '1899-12-31']) {
      const r = panelEnds(['check', '--root', withCases({}), '--as-of', date]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--as-of: expected a date between 1900-01-01 and 2100-12-31, found "${date}"`);
    }
  }, 90_000);
});
