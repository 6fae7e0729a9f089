/**
 * Text a person or git leaves in a file by mistake: merge conflict markers anywhere (one finding, "unresolved
 * merge conflict", at the marker's line), a line of five dashes where the front matter would end, the YAML
 * mistakes people make (an unquoted colon, a tab, a value starting with * & @ or a backtick, "#" inside a
 * value, a field twice) in plain words with their line, and alias bombs in case and meeting files.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateDataRoot, readDataRoot } from '../../src/data/data-root.js';
import { aliasBomb, AS_OF, cleanRoots, makeRoot, panelEnds, validCase } from './hostile-roots.js';

afterAll(cleanRoots);

const schemaOf = (files: Record<string, string>) => evaluateDataRoot(readDataRoot(makeRoot(files)), AS_OF).findings.filter((f) => f.rule === 'schema');

const BASE = validCase('C-1', ['reviews: [2026-09-20]', 'plan:', '  route: adoption']).split('\n');
const MARKERS = ['<<<<<<< HEAD', '<<<<<<< ours', '||||||| base', '=======', '>>>>>>> feature/x', '>>>>>>> 1a2b3c4'];

describe('merge conflict markers', () => {
  it('anywhere in the front matter or the body are one finding, at the first marker\'s line (generated places)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: BASE.length - 1 }), fc.integer({ min: 0, max: 2 }), (at, which) => {
        // A real conflict: <<<<<<< ... ======= ... >>>>>>> around one line, placed after line `at`.
        const block = which === 0 ? ['<<<<<<< HEAD', BASE[at], '=======', BASE[at], '>>>>>>> other'] : which === 1 ? ['<<<<<<< ours', '||||||| base', '=======', '>>>>>>> theirs'] : ['>>>>>>> 1a2b3c4'];
        const lines = [...BASE.slice(0, at + 1), ...block, ...BASE.slice(at + 1)];
        const got = schemaOf({ 'cases/C-1.md': lines.join('\n') });
        expect(got).toHaveLength(1);
        expect(got[0].line).toBe(at + 2);
        expect(got[0].message).toContain('unresolved merge conflict');
      }),
      { numRuns: 40 },
    );
  });

  it.each(MARKERS)('a lone %s in the front matter is found', (marker) => {
    const text = BASE.slice();
    text.splice(3, 0, marker);
    expect(schemaOf({ 'cases/C-1.md': text.join('\n') })).toEqual([expect.objectContaining({ line: 4, message: expect.stringContaining('unresolved merge conflict') })]);
  });

  it('a markdown heading underlined with ======= in the body is not a conflict', () => {
    expect(schemaOf({ 'cases/C-1.md': `${BASE.join('\n')}\nHeading\n=======\n` })).toEqual([]);
  });

  it('in a meeting file too', () => {
    const got = schemaOf({ 'meetings/2026-12-04.md': '---\ndate: 2026-12-04\n<<<<<<< HEAD\nagenda: [C-1]\n=======\nagenda: [C-2]\n>>>>>>> x\n---\n' });
    expect(got).toEqual([expect.objectContaining({ file: 'meetings/2026-12-04.md', line: 3, message: expect.stringContaining('unresolved merge conflict') })]);
  });
});

describe('the end of the front matter', () => {
  it.each(['-----', '----', '------   ', '---x'])('a line %j where it would close is reported on its line, not taken as the end', (line) => {
    const text = BASE.join('\n').replace('\n---\nSummary', `\n${line}\nSummary`);
    const got = schemaOf({ 'cases/C-1.md': text });
    expect(got).toHaveLength(1);
    expect(got[0].line).toBe(BASE.indexOf('---', 1) + 1);
    expect(got[0].message).toMatch(/three dashes|closing "---"/);
  });
});

/** A YAML mistake, the line it is on (in a file from validCase with it as the first extra line: line 8), and what must be said. */
const MISTAKES: [string, string, RegExp][] = [
  ['unquoted colon', 'team: Plan: adoption; contingency: fostering', /colon followed by a space.*put the whole value in quotes, for example team: "Plan: adoption; contingency: fostering"/],
  ['value starting with *', 'team: *North', /starts with an asterisk.*quotes, for example team: "\*North"/],
  ['value starting with &', 'team: &North East', /starts with an ampersand.*"&North" would be lost/],
  ['value starting with @', 'team: @north', /starts with an at sign/],
  ['value starting with a backtick', 'team: `north`', /starts with a backtick/],
  ['# inside a value', 'team: North #2', /"#2" starts a comment/],
  ['tab indentation', 'plan:\n\troute: adoption', /indent with spaces, not tabs/],
  ['a field twice', 'team: North\nteam: South', /the field "team" appears twice/],
];

describe('YAML mistakes people make', () => {
  it.each(MISTAKES)('%s: a plain message with its line', (_, extra, says) => {
    const got = schemaOf({ 'cases/C-1.md': validCase('C-1', extra.split('\n')) });
    expect(got).toHaveLength(1);
    expect(got[0].message).toMatch(says);
    expect(got[0].line).toBe(extra.includes('\n') && !extra.startsWith('plan') ? 9 : extra.startsWith('plan') ? 9 : 8);
    expect(got[0].message).not.toContain('bad indentation');
  });

  it('the unquoted colon of issue 15, in a panel decision, says how to quote it', () => {
    const text = validCase('C-1', ['panel:', '  - date: 2026-10-02', '    decision: Plan: adoption; contingency: fostering']);
    const [f] = schemaOf({ 'cases/C-1.md': text });
    expect(f.line).toBe(10);
    expect(f.message).toContain('put the whole value in quotes, for example decision: "Plan: adoption; contingency: fostering"');
  });

  it('a comment written "# like this" after a value is still a comment', () => {
    expect(schemaOf({ 'cases/C-1.md': validCase('C-1', ['team: North # the new team', 'social_worker: "Sam #1"']) })).toEqual([]);
  });
});

describe('alias bombs', () => {
  it('in a case file or a meeting file: one finding each, the other files still read, quickly refused', () => {
    const files = {
      'cases/C-1.md': `---\nid: C-1\nname: Bomb\ndob: 2016-01-01\n${aliasBomb()}---\n`,
      'meetings/2026-12-04.md': `---\ndate: 2026-12-04\n${aliasBomb('m')}---\n`,
      'cases/C-2.md': validCase('C-2'),
    };
    const findings = evaluateDataRoot(readDataRoot(makeRoot(files)), AS_OF).findings;
    for (const file of ['cases/C-1.md', 'meetings/2026-12-04.md']) {
      expect(findings.filter((f) => f.file === file && f.rule === 'schema')).toEqual([expect.objectContaining({ message: expect.stringContaining('alias bomb') })]);
    }
    expect(findings.some((f) => f.child === 'C-2' && f.rule === 'first-review')).toBe(true);
  });

  it('a few honest aliases are read', () => {
    expect(schemaOf({ 'cases/C-1.md': validCase('C-1', ['team: &t North', 'social_worker: *t']) }).map((f) => f.message).join()).not.toContain('alias bomb');
  });
});

describe('long lines', () => {
  it('a megabyte of spaces inside values (with #, quotes, colons) ends, reported, through panel check', () => {
    const pad = ' '.repeat(1_000_000);
    const root = makeRoot({
      'cases/C-1.md': `---\nid: C-1\nname: a${pad}"\nteam: a${pad}b #c\ndob: 2016-01-01\n---\n`,
      'cases/C-2.md': `---\nid: C-2\nname: a${pad}"\nteam: [a${pad}\n---\n`,
      'cases/C-3.md': validCase('C-3', [`decision: x${pad}: y`]),
    });
    const r = panelEnds(['check', '--root', root, '--as-of', AS_OF, '--format', 'json']);
    expect(r.code).toBe(1);
    const files = new Set(JSON.parse(r.stdout).findings.filter((f: { rule: string }) => f.rule === 'schema').map((f: { file: string }) => f.file));
    expect([...files].sort()).toEqual(['cases/C-1.md', 'cases/C-2.md', 'cases/C-3.md']);
  }, 90_000);
});

describe('panel check (the real command) on all of these at once', () => {
  it('exits 1 with one finding per file, ends, prints no stack trace', () => {
    const root = makeRoot({
      'cases/C-1.md': `${BASE.slice(0, 4).join('\n')}\n<<<<<<< HEAD\nteam: A\n=======\nteam: B\n>>>>>>> x\n${BASE.slice(4).join('\n')}`,
      'cases/C-2.md': validCase('C-2', ['decision: Plan: adoption; contingency: fostering']),
      'cases/C-3.md': `---\nid: C-3\nname: Bomb\ndob: 2016-01-01\n${aliasBomb()}---\n`,
      'cases/C-4.md': BASE.join('\n').replace('\n---\nSummary', '\n-----\nSummary').replace('C-1', 'C-4'),
    });
    const r = panelEnds(['check', '--root', root, '--as-of', AS_OF, '--format', 'json']);
    expect(r.code).toBe(1);
    const schema = JSON.parse(r.stdout).findings.filter((f: { rule: string }) => f.rule === 'schema');
    expect(schema.map((f: { file: string }) => f.file).sort()).toEqual(['cases/C-1.md', 'cases/C-2.md', 'cases/C-3.md', 'cases/C-4.md']);
  }, 90_000);
});
