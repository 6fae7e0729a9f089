/**
 * `panel check` on a corpus of broken case and meeting files: no crash, exit 1, exactly one finding for
 * each bad file (rule schema or data-consistency, status invalid) with its file, line and a message that
 * says what is wrong and what to do, and every good file still read and checked.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateDataRoot, readDataRoot } from '../../src/data/data-root.js';
import type { Finding } from '../../src/domain/findings.js';
import { panel } from '../cli/run.js';
import { AS_OF, BAD, corpusCopy, GOOD, OUTSIDE_SECRET } from './corpus.js';

const root = corpusCopy();
afterAll(() => rmSync(path.dirname(root), { recursive: true, force: true }));

const invalidByFile = (findings: Finding[]) => {
  const out = new Map<string, Finding[]>();
  for (const f of findings) if (f.status === 'invalid') (out.get(f.file) ?? out.set(f.file, []).get(f.file)!).push(f);
  return out;
};

/**
 * The corpus's bad files are named for their fault, not their child's id: a file whose id can be read also
 * gets "id ... does not match the file name", which is true and not what these tests are about.
 */
const nameMismatch = (f: Finding) => f.rule === 'data-consistency' && f.message.includes('does not match the file name') && !f.file.startsWith('cases/id-mismatch') && !f.file.startsWith('cases/H-2003');

function expectOneFindingPerBadFile(all: Finding[]) {
  const findings = all.filter((f) => !nameMismatch(f));
  const byFile = invalidByFile(findings);
  expect([...byFile.keys()].sort()).toEqual(Object.keys(BAD).sort());
  for (const [file, want] of Object.entries(BAD)) {
    const got = byFile.get(file)!;
    expect(got, file).toHaveLength(1);
    const [f] = got;
    expect({ file, rule: f.rule, status: f.status, level: f.level, due: f.due, line: f.line }).toEqual({ file, rule: want.rule, status: 'invalid', level: 'error', due: null, line: want.line });
    if (want.child !== undefined) expect(f.child, file).toBe(want.child);
    for (const s of want.says) expect(f.message, file).toContain(s);
  }
  // A schema-invalid file's other findings are only the clocks that could still be read (never another invalid finding).
  for (const [file, want] of Object.entries(BAD)) {
    if (want.rule === 'schema') expect(findings.filter((f) => f.file === file && f.status === 'invalid'), file).toHaveLength(1);
  }
}

describe('the loader and engine on the corpus (in process)', () => {
  const data = readDataRoot(root);
  const { findings } = evaluateDataRoot(data, AS_OF);

  it('gives exactly one invalid finding per bad file, with its rule, line and a clear message', () => {
    expectOneFindingPerBadFile(findings);
  });

  it('reads every good file, and still reads its clocks', () => {
    const files = [...data.cases, ...data.meetings];
    for (const file of GOOD) expect(files.find((f) => f.file === file)?.value, file).not.toBeNull();
    for (const id of ['H-0001', 'H-0002', 'H-0003', 'H-0004']) {
      expect(findings.filter((f) => f.child === id).map((f) => `${f.rule} ${f.line}`)).toContain(id === 'H-0004' ? 'panel-cadence 14' : 'panel-cadence 17');
    }
    // Readable files with an inconsistency are checked too.
    expect(findings).toContainEqual(expect.objectContaining({ file: 'cases/H-2002.md', rule: 'first-panel', status: 'overdue' }));
  });

  it('reads CRLF and byte-order-mark files exactly as the plain one: same fields, same body, same lines', () => {
    const byFile = new Map(data.cases.map((c) => [c.file, c]));
    const plain = byFile.get('cases/H-0001.md')!;
    for (const [file, id, name] of [['cases/H-0002.md', 'H-0002', 'Cara Crlf'], ['cases/H-0003.md', 'H-0003', 'Bea Bom']]) {
      const c = byFile.get(file)!;
      expect(c.value).toEqual({ ...plain.value, id, name });
      expect(c.body).toBe(plain.body.replace('Ann Good', name));
      expect(c.body).not.toMatch(/\r|\uFEFF/);
      for (const field of [['panel', 0, 'actions', 0, 'due'], ['plan', 'agreed'], ['reviews']]) expect(c.locate(field)).toBe(plain.locate(field));
    }
  });

  it('keeps every problem of a bad file, one by one, in its details', () => {
    const wrong = data.cases.find((c) => c.file === 'cases/wrong-types.md')!;
    expect(wrong.details.map((d) => [d.field, d.line])).toEqual([
      ['name', 4],
      ['siblings', 6],
      ['reviews', 7],
      ['proceedings.extensions', 10],
      ['permanence.life_story_complete', 12],
    ]);
    expect(data.cases.find((c) => c.file === 'cases/H-0001.md')!.details).toEqual([]);
  });

  it('never reads through the symbolic link', () => {
    expect(JSON.stringify(data.cases)).not.toContain(OUTSIDE_SECRET);
  });
});

describe('panel check on the corpus (the real command)', () => {
  const json = panel(['check', '--root', root, '--as-of', AS_OF, '--format', 'json']);
  const text = panel(['check', '--root', root, '--as-of', AS_OF]);

  it('exits 1 without a crash, printing one finding per bad file', () => {
    expect(json.stderr).toBe('');
    expect(json.code).toBe(1);
    const out = JSON.parse(json.stdout);
    expectOneFindingPerBadFile(out.findings);
    expect(json.stdout).not.toContain(OUTSIDE_SECRET);
  });

  it('prints every bad file with its line in the text report, and counts the unreadable ones', () => {
    expect(text.code).toBe(1);
    expect(text.stderr).toBe('');
    for (const [file, want] of Object.entries(BAD)) {
      expect(text.stdout, file).toContain(file);
      expect(text.stdout, file).toMatch(new RegExp(`\\n\\s+${want.line}\\s+error\\s+invalid\\s+${want.rule}`));
    }
    const schemaFiles = Object.values(BAD).filter((b) => b.rule === 'schema').length;
    expect(text.stdout.trim().split('\n').at(-1)).toContain(`${schemaFiles} files could not be read`);
    expect(text.stdout).not.toContain(OUTSIDE_SECRET);
  });
});
