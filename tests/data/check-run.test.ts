/**
 * `panel check` with its case files shared among worker threads (data/check-run.ts) gives exactly the
 * findings of the one-thread reading (readDataRoot + evaluateDataRoot) that the site and the pack use: on
 * the demo, every fixture, a generated root, and a root of broken and contradicting files. Workers here run
 * the TypeScript sources through tsx; tests/cli/check-workers.test.ts runs the compiled command.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDataRoot, otherWork, threadPlan, workersFor } from '../../src/data/check-run.js';
import { evaluateDataRoot, readDataRoot } from '../../src/data/data-root.js';
import { writeSyntheticRoot } from '../../scripts/synthetic.js';
import { aliasBomb } from '../hardening/hostile-roots.js';

const REPO = path.resolve(__dirname, '../..');
const FIXTURES = path.join(REPO, 'tests/fixtures');
const AS_OF = '2026-11-20';
const temp = mkdtempSync(path.join(tmpdir(), 'panel-check-run-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const fixtureRoots = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && readdirSync(path.join(FIXTURES, d.name)).includes('cases'))
  .map((d) => path.join(FIXTURES, d.name));

const file = (...lines: string[]) => `${lines.join('\n')}\n`;
const child = (id: string, extra: string[] = []) => file('---', `id: ${id}`, `name: Test ${id}`, 'dob: 2015-02-03', ...extra, '---', 'Fictional.');

/** Files that disagree with each other, and broken ones, so every comparison between cases is made. */
let hostile: string | undefined;
function hostileRoot(): string {
  if (hostile) return hostile;
  const root = (hostile = path.join(temp, 'hostile'));
  cpSync(path.join(FIXTURES, 'hardening'), root, { recursive: true });
  const cases = path.join(root, 'cases');
  const write = (name: string, text: string | Buffer) => writeFileSync(path.join(cases, name), text);
  write('X-0001.md', child('X-0001', ['siblings: [X-0002, X-0003, X-0001, X-0002, X-9999]', 'looked_after:', '  start: 2026-01-05', 'reviews: [2026-01-20]']));
  write('X-0002.md', child('X-0002', ['siblings: [X-0001]']));
  write('X-0003.md', child('X-0003', ['siblings: []']));
  // A sibling whose siblings cannot be read is not contradicted; its own file is reported.
  write('X-0004.md', child('X-0004', ['siblings: [X-0005]']));
  write('X-0005.md', child('X-0005', ['siblings: 12', 'looked_after:', '  start: 2026-13-01']));
  // The same id twice, and ids that differ only in letter case.
  write('X-0006.md', child('X-0006'));
  write('X-0006-copy.md', child('X-0006', ['siblings:', '  - X-0001']));
  write('x-0007.md', child('x-0007'));
  write('X-0007.md', child('X-0007'));
  // An id that cannot be read (filled from the file name), with siblings.
  write('X-0008.md', child('"bad id!"', ['siblings: [X-0001]']));
  write('X-0009.md', file('---', 'id: X-0009', 'name: [unclosed', '---'));
  write('X-0010.md', Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x69, 0x64, 0x3a, 0x20, 0xe9, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a]));
  write('X-0011.md', file('---', 'id: X-0011', '<<<<<<< HEAD', 'name: A', '=======', 'name: B', '>>>>>>> branch', '---'));
  write('X-0012.MD', child('X-0012'));
  mkdirSync(path.join(cases, 'sub'));
  write('sub/X-0013.md', child('X-0013'));
  symlinkSync('/etc/hostname', path.join(cases, 'X-0014.md'));
  write('X-0015.md', `---\nid: X-0015\n${aliasBomb()}---\n`);
  return root;
}

let synthetic: string | undefined;
function syntheticRoot(): string {
  return (synthetic ??= writeSyntheticRoot(path.join(temp, 'synthetic'), 300, AS_OF));
}

const serial = (root: string, asOf = AS_OF) => evaluateDataRoot(readDataRoot(root), asOf).findings;

describe('panel check in chunks and worker threads: the same findings as one thread', () => {
  const roots = [REPO, ...fixtureRoots, hostileRoot(), syntheticRoot()];

  it.each(roots.map((r) => [path.relative(REPO, r) || 'demo', r]))('%s: in this thread, in small chunks', async (_name, root) => {
    for (const asOf of [AS_OF, '2025-06-30']) {
      let expected;
      try {
        expected = serial(root, asOf);
      } catch (err) {
        // An invalid panel.yaml stops both readings with the same error.
        await expect(checkDataRoot(root, asOf, { workers: 0 })).rejects.toThrow((err as Error).message);
        continue;
      }
      const run = await checkDataRoot(root, asOf, { workers: 0, chunk: 3 });
      expect(run.findings).toEqual(expected);
      expect(run.caseFiles).toBe(readDataRoot(root).cases.length);
      expect(run.workers).toBe(0);
    }
  });

  it('in worker threads (every chunk made by a worker), on the demo, the broken files and a generated root', async () => {
    for (const root of [REPO, hostileRoot(), syntheticRoot(), path.join(FIXTURES, 'basic')]) {
      const expected = serial(root);
      const run = await checkDataRoot(root, AS_OF, { workers: 2, chunk: 5, shareHere: false });
      expect(run.workers).toBe(2);
      expect(run.chunks.byWorkers).toBe(run.chunks.all);
      expect(run.findings).toEqual(expected);
      const data = readDataRoot(root);
      expect(run.names).toEqual(new Map(data.cases.filter((c) => c.value).map((c) => [c.value!.id, c.value!.name])));
    }
  }, 120_000);

  it('this thread and a worker taking chunks from one counter (the default on a large root): the same findings', async () => {
    for (const root of [syntheticRoot(), hostileRoot()]) {
      const run = await checkDataRoot(root, AS_OF, { workers: 1, chunk: 7 });
      expect(run.workers).toBe(1);
      expect(run.findings).toEqual(serial(root));
    }
  }, 120_000);

  it('a worker that runs out of memory loses nothing: the main thread checks the chunks it did not hand back', async () => {
    const root = syntheticRoot();
    const expected = serial(root);
    const run = await checkDataRoot(root, AS_OF, { workers: 1, chunk: 10, shareHere: false, limits: { maxOldGenerationSizeMb: 1, maxYoungGenerationSizeMb: 1 } });
    expect(run.chunks.byWorkers).toBeLessThan(run.chunks.all);
    expect(run.findings).toEqual(expected);
  }, 120_000);

  it('the broken root is reported: every entry, the cross-case findings and the unreadable files', async () => {
    const root = hostileRoot();
    const { findings } = await checkDataRoot(root, AS_OF, { workers: 0, chunk: 4 });
    const of = (f: string) => findings.filter((x) => x.file === `cases/${f}`).map((x) => x.message);
    expect(of('X-0001.md').join('\n')).toMatch(/sibling X-0003 does not list X-0001/);
    expect(of('X-0001.md').join('\n')).toMatch(/sibling X-9999 has no case file/);
    expect(of('X-0001.md').join('\n')).toMatch(/siblings lists X-0002 twice/);
    expect(of('X-0004.md').join('\n')).not.toMatch(/X-0005 does not list/);
    expect(of('X-0006-copy.md').join('\n')).toMatch(/id X-0006 does not match the file name X-0006-copy.md and is also used by cases\/X-0006.md/);
    expect(of('X-0007.md').join('\n')).toMatch(/differs only in letter case from x-0007/);
    for (const f of ['X-0005.md', 'X-0008.md', 'X-0009.md', 'X-0010.md', 'X-0011.md', 'X-0012.MD', 'sub/', 'X-0014.md', 'X-0015.md']) {
      expect(findings.some((x) => x.file === `cases/${f}` && x.rule === 'schema'), f).toBe(true);
    }
  });
});

describe('how many worker threads', () => {
  it('none for a small data root (1,000 files on 4 processors or more, 10,000 on fewer), one per processor left free by other work and this thread (at most 7), as set by PANEL_CHECK_WORKERS', () => {
    expect(workersFor(50, {}, 8, 0)).toBe(0);
    expect(workersFor(999, {}, 8, 0)).toBe(0);
    // Fewer than 4 processors: one thread below 10,000 files, however idle.
    expect(workersFor(2500, {}, 2, 0)).toBe(0);
    expect(workersFor(9999, {}, 2, 0)).toBe(0);
    expect(workersFor(10_000, {}, 2, 0)).toBe(1);
    expect(workersFor(84_000, {}, 2, 0.2)).toBe(1);
    expect(workersFor(84_000, {}, 2, 0.6)).toBe(0);
    expect(workersFor(84_000, {}, 2, 14)).toBe(0);
    expect(workersFor(84_000, {}, 3, 0)).toBe(2);
    expect(workersFor(84_000, {}, 1, 0)).toBe(0);
    expect(workersFor(2500, {}, 4, 0.2)).toBe(3);
    expect(workersFor(2500, {}, 4, 1.4)).toBe(2);
    expect(workersFor(2500, {}, 4, 2.6)).toBe(0);
    expect(workersFor(2500, {}, 4, 14)).toBe(0);
    expect(workersFor(84_000, {}, 16, 3)).toBe(7);
    expect(workersFor(84_000, {}, 4, 1)).toBe(2);
    expect(workersFor(2500, { PANEL_CHECK_WORKERS: '1' }, 2, 14)).toBe(1);
    expect(workersFor(5000, { PANEL_CHECK_WORKERS: '0' })).toBe(0);
    expect(workersFor(5000, { PANEL_CHECK_WORKERS: '3' })).toBe(3);
    expect(workersFor(10, { PANEL_CHECK_WORKERS: '3' })).toBe(1);
    expect(workersFor(5000, { PANEL_CHECK_WORKERS: 'many' })).toBe(workersFor(5000, {}));
    expect(workersFor(5000, { PANEL_CHECK_WORKERS: '-1' })).toBe(workersFor(5000, {}));
  });

  it('from 40,000 files, workers alone (one per processor other work leaves free, at least one); below, this thread and workersFor\'s', () => {
    expect(threadPlan(84_000, 2, 0)).toEqual({ workers: 2, shareHere: false });
    expect(threadPlan(84_000, 2, 0.9)).toEqual({ workers: 1, shareHere: false });
    expect(threadPlan(84_000, 2, 14)).toEqual({ workers: 1, shareHere: false });
    expect(threadPlan(84_000, 16, 0)).toEqual({ workers: 8, shareHere: false });
    expect(threadPlan(40_000, 4, 1)).toEqual({ workers: 3, shareHere: false });
    expect(threadPlan(39_999, 2, 0)).toEqual({ workers: 1, shareHere: true });
    expect(threadPlan(20_000, 2, 0.9)).toEqual({ workers: 0, shareHere: true });
    expect(threadPlan(2_500, 2, 0)).toEqual({ workers: 0, shareHere: true });
    expect(threadPlan(2_500, 4, 0)).toEqual({ workers: 3, shareHere: true });
  });

  it('reads the other work from the processors\' times: the busy share of each, less this thread\'s processor; nothing over too short a time', () => {
    const cpu = (user: number, idle: number) => ({ model: 'x', speed: 1, times: { user, nice: 0, sys: 0, idle, irq: 0 } });
    // Two processors over 100 ms: this thread kept one busy, the other idle.
    expect(otherWork([cpu(0, 0), cpu(0, 0)], [cpu(100, 0), cpu(0, 100)])).toBeCloseTo(0);
    // Another process kept the second busy too.
    expect(otherWork([cpu(0, 0), cpu(0, 0)], [cpu(100, 0), cpu(100, 0)])).toBeCloseTo(1);
    // This thread moved between processors: half of each busy.
    expect(otherWork([cpu(0, 0), cpu(0, 0)], [cpu(50, 50), cpu(50, 50)])).toBeCloseTo(0);
    // Four processors, three busy: two with other work.
    expect(otherWork([cpu(0, 0), cpu(0, 0), cpu(0, 0), cpu(0, 0)], [cpu(100, 0), cpu(100, 0), cpu(100, 0), cpu(0, 100)])).toBeCloseTo(2);
    // Too short to tell, or readings that do not match.
    expect(otherWork([cpu(0, 0), cpu(0, 0)], [cpu(10, 0), cpu(0, 10)])).toBeNull();
    expect(otherWork([cpu(0, 0)], [cpu(100, 0), cpu(0, 100)])).toBeNull();
    expect(otherWork([], [])).toBeNull();
  });
});
