/**
 * Every entry of cases/ and meetings/ that is not a readable <name>.md is a finding on that entry, never
 * skipped in silence: other extensions and letter cases, no extension, a trailing space, subfolders; a
 * `cases` that is a file or a symbolic-link loop. Hidden entries and README.md stay skipped. A panel.yml
 * beside a missing panel.yaml is a warning naming it.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateDataRoot, readDataRoot } from '../../src/data/data-root.js';
import { AS_OF, cleanRoots, makeRoot, panelEnds, validCase } from './hostile-roots.js';

afterAll(cleanRoots);

const findingsOf = (root: string) => evaluateDataRoot(readDataRoot(root), AS_OF).findings;

/** Names a case file may wrongly have, for the id C-1: never read as C-1.md, always a finding. */
const wrongName = fc.oneof(
  fc.constantFrom('C-1.MD', 'C-1.Md', 'C-1.mD', 'C-1.markdown', 'C-1.md.txt', 'C-1.txt', 'C-1.yaml', 'C-1.yml', 'C-1', 'C-1.md ', 'C-1.md.bak', 'C-1.md~'),
  fc.tuple(fc.constantFrom('.md', '.MD', '.markdown', '.txt', ''), fc.constantFrom('', ' ', '.orig', '.txt', '.MD')).map(([a, b]) => `C-1${a}${b}`).filter((n) => n !== 'C-1.md'),
);

describe('entries of cases/ that are not read', () => {
  it('are each one finding on the entry, naming it and the name to use (generated names)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(wrongName, { minLength: 1, maxLength: 4 }), (names) => {
        const files: Record<string, string> = { 'cases/C-2.md': validCase('C-2') };
        for (const n of names) files[`cases/${n}`] = validCase('C-1');
        const findings = findingsOf(makeRoot(files));
        for (const n of names) {
          const mine = findings.filter((f) => f.file === `cases/${n}`);
          expect(mine, n).toHaveLength(1);
          expect(mine[0]).toMatchObject({ rule: 'schema', level: 'error', status: 'invalid' });
          expect(mine[0].message).toContain(`${JSON.stringify(n)} is not read`);
          if (/^C-1(\.md|\.MD|\.Md|\.mD|\.markdown|\.txt|\.yaml|\.yml)*\s*$/i.test(n)) expect(mine[0].message).toContain('rename it to C-1.md');
        }
        // The valid file is read as ever.
        expect(findings.some((f) => f.child === 'C-2' && f.rule === 'first-review')).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  it('subfolders (cases/2026/, cases/archive/) are a finding each, their files not read', () => {
    const root = makeRoot({ 'cases/2026/C-3.md': validCase('C-3'), 'cases/archive/C-4.md': validCase('C-4'), 'cases/C-2.md': validCase('C-2') });
    const findings = findingsOf(root);
    for (const dir of ['2026', 'archive']) {
      expect(findings).toContainEqual(expect.objectContaining({ file: `cases/${dir}/`, rule: 'schema', level: 'error', message: expect.stringContaining(`cases/${dir}/ is a folder`) }));
    }
    expect(findings.some((f) => f.child === 'C-3' || f.child === 'C-4')).toBe(false);
  });

  it('hidden files and README.md stay skipped, as documented', () => {
    const root = makeRoot({ 'cases/.C-5.md.swp': 'x', 'cases/.DS_Store': 'x', 'cases/README.md': '# Cases', 'cases/readme.md': '# Cases', 'cases/C-2.md': validCase('C-2') });
    expect(findingsOf(root).filter((f) => f.rule === 'schema')).toEqual([]);
  });

  it('a cases that is a file, or a symbolic link that loops, is reported', () => {
    const asFile = makeRoot({ cases: 'not a folder' }, { cases: false });
    expect(findingsOf(asFile)).toContainEqual(expect.objectContaining({ file: 'cases', level: 'error', message: expect.stringContaining('cases is a file, not a folder') }));
    const loop = makeRoot({}, { cases: false });
    symlinkSync('cases', path.join(loop, 'cases'));
    expect(findingsOf(loop)).toContainEqual(expect.objectContaining({ file: 'cases', level: 'error', message: expect.stringContaining('leads round in a loop') }));
  });

  it('meetings/ gets the same care', () => {
    const root = makeRoot({ 'meetings/2026-12-04.MD': '---\ndate: 2026-12-04\n---\n', 'meetings/old/2026-01-09.md': '---\ndate: 2026-01-09\n---\n' });
    const findings = findingsOf(root);
    expect(findings).toContainEqual(expect.objectContaining({ file: 'meetings/2026-12-04.MD', message: expect.stringContaining('rename it to 2026-12-04.md') }));
    expect(findings).toContainEqual(expect.objectContaining({ file: 'meetings/old/', message: expect.stringContaining('is a folder') }));
  });
});

describe('a policy file under another name', () => {
  it.each(['panel.yml', 'Panel.yaml', 'PANEL.YAML', 'panel.yaml.txt'])('%s beside a missing panel.yaml is a warning naming it, not silently the defaults', (name) => {
    const data = readDataRoot(makeRoot({ [name]: 'council: Somewhere\n', 'cases/C-2.md': validCase('C-2') }));
    expect(data.policySource).toBe('default');
    const { findings } = evaluateDataRoot(data, AS_OF);
    expect(findings).toContainEqual(expect.objectContaining({ file: name, level: 'warning', message: expect.stringContaining('rename it to panel.yaml') }));
  });
});

describe('panel check (the real command) on a root full of entries it does not read', () => {
  it('exits 1, names each entry, ends, prints no stack trace', () => {
    const root = makeRoot({ 'cases/C-1.MD': validCase('C-1'), 'cases/C-2.md.txt': validCase('C-2'), 'cases/archive/C-3.md': validCase('C-3'), 'cases/C-4.md': validCase('C-4'), 'panel.yml': 'council: X\n' });
    mkdirSync(path.join(root, 'meetings'));
    writeFileSync(path.join(root, 'meetings', 'notes.txt'), 'x');
    const r = panelEnds(['check', '--root', root, '--as-of', AS_OF, '--format', 'json']);
    expect(r.code).toBe(1);
    const files = JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file);
    for (const f of ['cases/C-1.MD', 'cases/C-2.md.txt', 'cases/archive/', 'meetings/notes.txt', 'panel.yml']) expect(files).toContain(f);
  }, 90_000);
});
