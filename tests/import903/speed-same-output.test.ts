/**
 * The import's speed work changes no output. The case files and the report of the synthetic return are
 * pinned byte for byte (as written before the speed work of issue 14: a digest of every file and of the
 * report); the id order without the collator is localeCompare's; the batch writer keeps its guarantee
 * (nothing replaced by a race, no temporary file left, permissions kept) with its cheaper temporary names.
 *
 * If the import's output is changed on purpose (a new field, a reworded note), the pinned digests change
 * with it: check the new output by eye, then put the digests the failure shows (received) in place of the old ones.
 */
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshFolders } from '../helpers.js';
import { runImport903, sortedById } from '../../src/cli/import903.js';
import { BatchWriter } from '../../src/data/write-batch.js';
import { FIXTURES } from '../cli/run.js';

const dir = freshFolders('panel-903-same-');

const RETURN = path.join(FIXTURES, 'ssda903-fake');
/** The day of the import is written in each file; the digest is of everything else. */
const dayless = (text: string) => text.replace(/^# Imported from the SSDA903 return on \d{4}-\d{2}-\d{2} /m, '# Imported from the SSDA903 return on DAY ');
const sha = (parts: (string | Buffer)[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
};

describe('import 903 of the synthetic return: the same output as before the speed work', () => {
  it('every case file and the report, byte for byte', async () => {
    const root = dir('root');
    let report = '';
    const code = await runImport903(RETURN, { root, asOf: '2018-03-31' }, { out: (s) => (report += s), err: process.stderr });
    expect(code).toBe(0);
    const cases = path.join(root, 'cases');
    const names = readdirSync(cases).sort();
    expect(names).toHaveLength(1397);
    expect(names.filter((f) => !/^\d+\.md$/.test(f))).toEqual([]); // no temporary file left behind
    const files = sha(names.flatMap((f) => [f, dayless(readFileSync(path.join(cases, f), 'utf8'))]));
    const said = sha([report.split(RETURN).join('RETURN').split(root).join('ROOT')]);
    expect(files).toBe('ce4d80bc5516763ca094b47cdb6ea7ee5fc23ffceadf169554e00a5c4ee6d30c');
    expect(said).toBe('1bf07fbde97b456232259d87e012c9d9b833629dba81357c06fe49162451a809');
  });
});

describe('sortedById', () => {
  it('orders ids of digits as localeCompare does (leading zeros, prefixes, lengths), and any other ids by localeCompare', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 50; round++) {
      const ids = Array.from({ length: 300 }, () => String(Math.floor(random() * 10 ** (1 + Math.floor(random() * 7)))).padStart(random() < 0.2 ? 6 : 1, '0'));
      expect(sortedById([...ids], (x) => x)).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
    }
    const mixed = ['b-2', 'B-1', '10', '9', 'a_1', 'a-1', 'C1041', 'c1041', '0042'];
    expect(sortedById([...mixed], (x) => x)).toEqual([...mixed].sort((a, b) => a.localeCompare(b)));
    expect(sortedById([{ id: '20' }, { id: '3' }, { id: '100' }], (c) => c.id).map((c) => c.id)).toEqual(['100', '20', '3']);
  });
});

describe('BatchWriter', () => {
  const temps = (d: string) => readdirSync(d).filter((f) => f.startsWith('.') && f.endsWith('.tmp'));

  it('writes every staged file at commit, and only then; leaves no temporary file; each temporary name is its own', () => {
    const d = dir('batch');
    const w = new BatchWriter();
    for (let i = 0; i < 50; i++) w.stage(path.join(d, `C-${i}.md`), `child ${i}\n`);
    const staged = temps(d);
    expect(staged).toHaveLength(50);
    expect(new Set(staged).size).toBe(50);
    for (const t of staged) expect(t).toMatch(/^\.C-\d+\.md\.\d+\.[0-9a-f]{8}-\d+\.tmp$/);
    expect(readdirSync(d).filter((f) => f.endsWith('.md'))).toEqual([]); // nothing in place before commit
    const { written, refused } = w.commit();
    expect(written).toHaveLength(50);
    expect(refused).toEqual([]);
    expect(temps(d)).toEqual([]);
    for (let i = 0; i < 50; i++) expect(readFileSync(path.join(d, `C-${i}.md`), 'utf8')).toBe(`child ${i}\n`);
  });

  it('never replaces a file that appeared after staging (it is refused, and left as it is), unless forced', () => {
    const d = dir('race');
    const w = new BatchWriter();
    w.stage(path.join(d, 'A.md'), 'import\n');
    w.stage(path.join(d, 'B.md'), 'import\n');
    writeFileSync(path.join(d, 'A.md'), 'a person wrote this\n'); // appears meanwhile
    const { written, refused } = w.commit();
    expect(refused).toEqual([path.join(d, 'A.md')]);
    expect(written).toEqual([path.join(d, 'B.md')]);
    expect(readFileSync(path.join(d, 'A.md'), 'utf8')).toBe('a person wrote this\n');
    expect(temps(d)).toEqual([]);
  });

  it('replaces a file when forced, keeping its permissions; abort puts nothing in place and removes the temporary files', () => {
    const d = dir('force');
    const file = path.join(d, 'A.md');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o640);
    const w = new BatchWriter();
    w.stage(file, 'new\n', { force: true });
    expect(() => new BatchWriter().stage(file, 'no\n')).toThrow(/already exists/);
    w.commit();
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    const later = new BatchWriter();
    later.stage(path.join(d, 'B.md'), 'b\n');
    later.abort();
    expect(readdirSync(d)).toEqual(['A.md']);
  });

  it('skips a temporary name already taken (left by a killed process) instead of failing', () => {
    const d = dir('taken');
    const w = new BatchWriter();
    w.stage(path.join(d, 'A.md'), 'first\n');
    const [first] = temps(d);
    // The next name in the count, made by someone else before this writer gets to it.
    const next = first.replace(/-(\d+)\.tmp$/, (_, k) => `-${Number(k) + 1}.tmp`);
    writeFileSync(path.join(d, next), 'left behind');
    w.stage(path.join(d, 'B.md'), 'second\n');
    w.commit();
    expect(readFileSync(path.join(d, 'B.md'), 'utf8')).toBe('second\n');
    expect(temps(d)).toEqual([next]); // only the stranger's file remains; it was not touched
    expect(readFileSync(path.join(d, next), 'utf8')).toBe('left behind');
  });
});
