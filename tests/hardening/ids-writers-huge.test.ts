/**
 * Ids that differ only in letter case are one data-consistency error, and `panel new` refuses them and the
 * names Windows keeps for devices. A file where a folder should be, or a folder where a file should be,
 * is a clear message from every writer and from --root, never a stack trace. And size: 100,000 list items
 * or 360,000 findings never overflow the stack.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateDataRoot, readDataRoot } from '../../src/data/data-root.js';
import { trackerRows } from '../../src/data/site.js';
import { githubReport, jsonReport, markdownReport, textReport } from '../../src/cli/report.js';
import { idShapeProblem, isWindowsReservedName, newIdProblem } from '../../src/domain/child-id.js';
import type { Finding } from '../../src/domain/findings.js';
import { agendaFor } from '../../src/data/meeting-cycle.js';
import { AS_OF, cleanRoots, makeRoot, panelEnds, validCase } from './hostile-roots.js';

afterAll(cleanRoots);

/** The same id in another letter case (at least one letter changed). */
const recase = (id: string, flips: boolean[]) => {
  const out = [...id].map((ch, i) => (flips[i % flips.length] ? (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase()) : ch)).join('');
  return out === id ? id.toLowerCase() === id ? id.toUpperCase() : id.toLowerCase() : out;
};

describe('ids that differ only in letter case', () => {
  it('are one data-consistency error on each file (generated ids)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{1,8}[A-Za-z]$/), fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }), (id, flips) => {
        const twin = recase(id, flips);
        fc.pre(twin !== id && !isWindowsReservedName(id));
        const findings = evaluateDataRoot(readDataRoot(makeRoot({ [`cases/${id}.md`]: validCase(id), [`cases/${twin}.md`]: validCase(twin) })), AS_OF).findings;
        for (const [me, other] of [[id, twin], [twin, id]]) {
          const mine = findings.filter((f) => f.file === `cases/${me}.md` && f.rule === 'data-consistency' && f.message.includes('letter case'));
          expect(mine).toHaveLength(1);
          expect(mine[0]).toMatchObject({ level: 'error', line: 2 });
          expect(mine[0].message).toContain(other);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('a case file whose id is a Windows device name is a data-consistency error', () => {
    const findings = evaluateDataRoot(readDataRoot(makeRoot({ 'cases/CON.md': validCase('CON'), 'cases/lpt1.md': validCase('lpt1') })), AS_OF).findings;
    for (const id of ['CON', 'lpt1']) {
      expect(findings).toContainEqual(expect.objectContaining({ child: id, rule: 'data-consistency', level: 'error', message: expect.stringContaining('a name Windows keeps for a device') }));
    }
  });

  it('one shared check for every writer: shape, Windows names in any case with or without extension, letter-case twins', () => {
    for (const name of ['CON', 'con', 'Nul', 'PRN', 'aux', 'COM1', 'com9', 'LPT1', 'lpt3', 'CON.md', 'nul.txt', 'COM1.tar.gz']) {
      expect(isWindowsReservedName(name), name).toBe(true);
    }
    for (const name of ['CONN', 'C-1', 'COM', 'COM10', 'LPT', 'console', 'NULL']) expect(isWindowsReservedName(name), name).toBe(false);
    expect(idShapeProblem('con')).toContain('Windows keeps for a device');
    expect(idShapeProblem('C 1')).toContain('letters, digits');
    expect(newIdProblem('c-1001', ['C-1001', 'C-1002'])).toContain('differs from the existing id "C-1001" only in letter case');
    expect(newIdProblem('C-1001', ['C-1001'])).toBeUndefined();
    expect(newIdProblem('C-1003', ['C-1001'])).toBeUndefined();
  });
});

describe('panel new (the real command) refuses', () => {
  it.each([
    ['CON', /Windows keeps for a device/],
    ['nul', /Windows keeps for a device/],
    ['Com1', /Windows keeps for a device/],
    ['c-1', /differs from the existing id "C-1" only in letter case/],
  ])('%s', (id, says) => {
    const root = makeRoot({ 'cases/C-1.md': validCase('C-1') });
    const r = panelEnds(['new', id, '--root', root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(says);
    expect(readFileSync(path.join(root, 'cases/C-1.md'), 'utf8')).toBe(validCase('C-1'));
  }, 60_000);
});

describe('a file where a folder should be, or a folder where a file should be', () => {
  it('cases is a file: panel new says so, writes nothing', () => {
    const root = makeRoot({ cases: 'a file' }, { cases: false });
    const r = panelEnds(['new', 'C-9', '--root', root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a file where a folder is needed');
    expect(readFileSync(path.join(root, 'cases'), 'utf8')).toBe('a file');
  }, 60_000);

  it('cases/<id>.md is a folder: panel new says so, even with --force', () => {
    const root = makeRoot();
    mkdirSync(path.join(root, 'cases', 'C-9.md'));
    for (const extra of [[], ['--force']]) {
      const r = panelEnds(['new', 'C-9', '--root', root, ...extra]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('is a folder where a file is needed');
    }
  }, 60_000);

  it('templates/case.md is a folder: panel new says so', () => {
    const root = makeRoot();
    mkdirSync(path.join(root, 'templates', 'case.md'), { recursive: true });
    const r = panelEnds(['new', 'C-9', '--root', root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('templates/case.md in the data root is a folder, not a file');
  }, 60_000);

  it('meetings is a file: agenda --freeze says so, and check reports it', () => {
    const root = makeRoot({ meetings: 'a file', 'cases/C-1.md': validCase('C-1') });
    const r = panelEnds(['agenda', '--root', root, '--as-of', AS_OF, '--date', '2026-12-04', '--freeze']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a file where a folder is needed');
    const check = panelEnds(['check', '--root', root, '--as-of', AS_OF]);
    expect(check.stdout).toContain('meetings is a file, not a folder');
  }, 90_000);

  it('--root is a file: says so', () => {
    const root = makeRoot({ 'panel.yaml': 'council: X\n' });
    const r = panelEnds(['check', '--root', path.join(root, 'panel.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a file, not a folder');
  }, 60_000);
});

describe('size never overflows the stack', () => {
  it('a case with 100,000 reviews out of order and 100,000 siblings: read, reported, on the tracker and agenda', () => {
    const reviews = Array.from({ length: 100_000 }, (_, i) => `  - 2026-09-${String(28 - (i % 27)).padStart(2, '0')}`).join('\n');
    const siblings = Array.from({ length: 100_000 }, (_, i) => `  - S-${i}`).join('\n');
    const root = makeRoot({ 'cases/C-1.md': validCase('C-1', [`reviews:\n${reviews}`, `siblings:\n${siblings}`]) });
    const data = readDataRoot(root);
    const { findings } = evaluateDataRoot(data, AS_OF);
    expect(findings.filter((f) => f.rule === 'data-consistency').length).toBeGreaterThan(100_000);
    expect(trackerRows(data, AS_OF, findings).rows).toHaveLength(1);
    expect(agendaFor(data, '2026-12-04').items.length).toBeGreaterThan(0);
  }, 120_000);

  it('360,000 findings go through every report format', () => {
    const findings: Finding[] = Array.from({ length: 360_000 }, (_, i) => ({
      child: `C-${i % 5000}`,
      file: `cases/C-${i % 5000}.md`,
      rule: i % 2 ? 'first-review' : 'data-consistency',
      status: i % 2 ? 'overdue' : 'invalid',
      level: i % 3 ? 'error' : 'warning',
      due: i % 2 ? '2026-10-01' : null,
      message: `finding ${i}`,
      line: 1 + (i % 40),
    }));
    const input = { asOf: AS_OF, findings, names: new Map<string, string>(), caseFiles: 5000, invalidFiles: 0, policySource: 'default', rootFromCwd: '.', color: false };
    const time = <T>(what: string, f: () => T): T => {
      const t0 = performance.now();
      const out = f();
      console.log(`[hardening] ${what} of 360,000 findings: ${Math.round(performance.now() - t0)} ms`);
      return out;
    };
    expect(JSON.parse(time('json', () => jsonReport(input))).findings).toHaveLength(360_000);
    expect(time('text', () => textReport(input))).toContain('finding 359999');
    expect(time('github', () => githubReport(input))).toContain('finding 359999');
    expect(time('markdown', () => markdownReport(input))).toContain('C-4999');
  }, 120_000);

  it('a file with 100,000 bad dates in one list is one finding that lists a few of them', () => {
    const bad = Array.from({ length: 100_000 }, () => '  - 2026-02-30').join('\n');
    const root = makeRoot({ 'cases/C-1.md': validCase('C-1', [`reviews:\n${bad}`]) });
    writeFileSync(path.join(root, 'cases', 'C-2.md'), validCase('C-2'));
    const { findings } = evaluateDataRoot(readDataRoot(root), AS_OF);
    const schema = findings.filter((f) => f.file === 'cases/C-1.md' && f.rule === 'schema');
    expect(schema).toHaveLength(1);
    expect(schema[0].message).toContain('(and 99999 more:');
    expect(schema[0].message.length).toBeLessThan(10_000);
    // The clocks that do not need the reviews are still read.
    expect(findings.some((f) => f.child === 'C-1' && f.rule === 'first-panel')).toBe(true);
  }, 120_000);
});
