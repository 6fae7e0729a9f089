/**
 * A misspelt field never gives a wrong clock reading. An unknown field that is a likely misspelling of a
 * known field at the same place (the "did you mean" of the loader), when that known field is absent, makes
 * the known field unread: every clock that needs it is "not read until the file is fixed" and named, exactly
 * as for a wrong value, never read as if the date were not there (a false "182 days overdue" escalated to
 * senior managers), nor silently switched off (`looked_afer:`). Checked end to end: `panel check` text and
 * JSON, `panel escalation`, the agenda, the tracker rows the site and dashboard are built from.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateDataRoot, readDataRoot } from '../../src/data/data-root.js';
import { agendaFor } from '../../src/data/meeting-cycle.js';
import { trackerRows } from '../../src/data/site.js';
import { escalations } from '../../src/domain/escalation.js';
import { loadCases } from '../../src/data/load.js';
import { panel } from '../cli/run.js';

const AS_OF = '2026-11-30';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A FICTIONAL child whose every clock is met (on time) at AS_OF: the file the administrator tested. */
const GOOD = `---
id: C-1001
name: Amelia Hart
dob: 2019-03-14
social_worker: Priya Shah
team_manager: Tom Reed
iro: Jane Cole
looked_after:
  start: 2026-05-04
  legal_status: C1
  placement: U4
  end: null
  reason_ceased: null
reviews: [2026-05-29, 2026-08-27]
proceedings:
  issued: 2026-05-01
  extensions: 0
  final_hearing: 2026-10-30
  concluded: 2026-10-20
fgc:
  referred: 2026-02-12
  held: 2026-03-05
plan:
  route: adoption
  contingency: long-term-fostering
  agreed: 2026-08-27
panel:
  - date: 2026-05-29
    decision: Plan of adoption endorsed; contingency long-term fostering.
    actions:
      - action: Refer to regional adoption agency family finding
        owner: Priya Shah
        due: 2026-06-19
        done: 2026-06-17
  - date: 2026-11-06
    decision: Reviewed.
---
Summary for panel.
`;

function rootWith(text: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'panel-misspelt-'));
  dirs.push(root);
  mkdirSync(path.join(root, 'cases'));
  writeFileSync(path.join(root, 'cases', 'C-1001.md'), text);
  return root;
}

function read(root: string) {
  const data = readDataRoot(root);
  const { findings } = evaluateDataRoot(data, AS_OF);
  const { rows } = trackerRows(data, AS_OF, findings);
  return { data, findings, rows };
}

const misspell = (from: string, to: string) => {
  expect(GOOD).toContain(from);
  return GOOD.replace(from, to);
};

/** The administrator's four files: the misspelling, the clocks it must switch off (rule ids and titles). */
const CASES = [
  { from: '\nreviews:', to: '\nreveiws:', field: 'reviews', rules: ['first-review'], titles: ['First looked-after review'] },
  { from: '  concluded: 2026', to: '  conclued: 2026', field: 'proceedings.concluded', rules: ['proceedings-26-weeks'], titles: ['Care proceedings within 26 weeks'] },
  { from: '  agreed: 2026', to: '  agred: 2026', field: 'plan.agreed', rules: ['plan-by-second-review'], titles: ['Permanence plan by the second review'] },
  { from: '\nlooked_after:', to: '\nlooked_afer:', field: 'looked_after', rules: ['first-review', 'first-panel'], titles: ['First looked-after review', 'First discussion at panel'] },
];

describe('the well-spelt file', () => {
  it('has no overdue clock and no problem at AS_OF (the baseline the misspellings are compared with)', () => {
    const { findings } = read(rootWith(GOOD));
    expect(findings.filter((f) => f.child === 'C-1001' && (f.status === 'overdue' || f.status === 'invalid'))).toEqual([]);
  });
});

describe('a misspelling of a known field that the file does not give', () => {
  it.each(CASES)('$to: no false overdue, the clocks that need $field named as not read', ({ from, to, field, rules, titles }) => {
    const { data, findings, rows } = read(rootWith(misspell(from, to)));
    const schema = findings.filter((f) => f.rule === 'schema');
    expect(schema).toHaveLength(1);
    expect(schema[0].message).toContain('did you mean');
    expect(schema[0].message).toContain('Not read until the file is fixed: ');
    for (const title of titles) expect(schema[0].message).toContain(title);
    // No reading of those clocks at all: neither a false overdue nor a made-up "on time".
    for (const rule of rules) expect(findings.filter((f) => f.rule === rule), rule).toEqual([]);
    expect(findings.filter((f) => f.child === 'C-1001' && f.status === 'overdue')).toEqual([]);
    // The loader reports the field as unread, and the tracker row (site, dashboard) carries it.
    const loaded = data.cases.find((c) => c.file === 'cases/C-1001.md')!;
    expect(loaded.unread.map((p) => p.join('.'))).toContain(field);
    expect(rows).toHaveLength(1);
    expect(rows[0].mustFix?.unreadable.map((p) => p.join('.'))).toContain(field);
    expect(rows[0].open.filter((f) => f.status === 'overdue')).toEqual([]);
    // Senior managers see the file to fix, not a clock that is late.
    const esc = escalations(rows, AS_OF);
    expect(esc).toHaveLength(1);
    expect(esc[0]).toMatchObject({ id: 'C-1001', overdue: [], daysOverdue: 0, mustFix: 'cases/C-1001.md' });
    // The agenda lists the child, marked "must fix".
    const child = agendaFor(data, '2026-12-04').items.flatMap((i) => i.children).find((c) => c.id === 'C-1001');
    if (child) expect(child.mustFix).toMatchObject({ file: 'cases/C-1001.md' });
  });

  it('reviews misspelt: `panel check` text and JSON, and `panel escalation`, give no "overdue" for the first review', () => {
    const root = rootWith(misspell('\nreviews:', '\nreveiws:'));
    const text = panel(['check', '--root', root, '--as-of', AS_OF]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('did you mean "reviews"?');
    expect(text.stdout).toContain('Not read until the file is fixed: First looked-after review');
    expect(text.stdout).not.toMatch(/first-review/);
    // (The only overdue line left is the meeting's agenda, a warning on meetings/2026-12-04.md.)
    expect(text.stdout).not.toMatch(/\berror\s+overdue\b/);
    expect(text.stdout).not.toMatch(/review was due/);
    const json = JSON.parse(panel(['check', '--root', root, '--as-of', AS_OF, '--format', 'json']).stdout);
    expect(json.findings.filter((f: { rule: string }) => f.rule === 'first-review')).toEqual([]);
    expect(json.findings.find((f: { rule: string }) => f.rule === 'schema').message).toContain('Not read until the file is fixed: First looked-after review');
    const esc = panel(['escalation', '--root', root, '--as-of', AS_OF]);
    expect(esc.stdout).not.toMatch(/review late|days overdue/i);
    expect(esc.stdout).toContain('cases/C-1001.md must be fixed before panel');
  });

  it('is recognised inside a list item too (an action\'s `done` misspelt): that action list is not read, as for a wrong value', () => {
    const { findings, data, rows } = read(rootWith(misspell('        done: 2026-06-17', '        dnoe: 2026-06-17')));
    expect(findings.filter((f) => f.rule === 'action-overdue')).toEqual([]);
    const schema = findings.find((f) => f.rule === 'schema')!.message;
    // "dnoe" is as close to "due" (given) as to "done" (not given): the one not given is meant.
    expect(schema).toContain('did you mean "done"?');
    expect(schema).toContain('Panel actions done on time');
    expect(data.cases[0].unread).toEqual([['panel', 0, 'actions']]);
    // Never listed as an open action (the agenda, the tracker's count).
    expect(rows[0].openActions).toBe(0);
    const child = agendaFor(data, '2026-12-04').items.flatMap((i) => i.children).find((c) => c.id === 'C-1001')!;
    expect(child.openActions).toEqual([]);
  });
});

describe('an unknown field that is not a misspelling of a missing field', () => {
  it('resembling nothing: reported, left out, and every clock is still read (as before)', () => {
    const { findings, data } = read(rootWith(misspell('\nreviews:', '\nfavourite_colour: blue\nreviews:')));
    const schema = findings.filter((f) => f.rule === 'schema');
    expect(schema).toHaveLength(1);
    expect(schema[0].message).toContain('an unknown field "favourite_colour"');
    expect(schema[0].message).not.toContain('Not read until');
    expect(data.cases[0].unread).toEqual([]);
    expect(findings.find((f) => f.rule === 'first-panel')).toBeUndefined(); // on time: no finding, but read
  });

  it('inside a block, resembling nothing: the block is read as usual', () => {
    const { findings, data } = read(rootWith(misspell('  concluded: 2026', '  judge: Smith\n  concluded: 2026')));
    expect(findings.find((f) => f.rule === 'schema')!.message).not.toContain('Not read until');
    expect(data.cases[0].unread).toEqual([]);
  });

  it('beside the field it resembles: only the unknown field is reported, the known one is read', () => {
    for (const [from, to] of [
      ['\nreviews:', '\nreveiws: [2026-05-29]\nreviews:'],
      ['  concluded: 2026', '  conclued: 2026-12-01\n  concluded: 2026'],
    ]) {
      const { findings, data } = read(rootWith(misspell(from, to)));
      const schema = findings.filter((f) => f.rule === 'schema');
      expect(schema).toHaveLength(1);
      expect(schema[0].message).toContain('did you mean');
      expect(schema[0].message).not.toContain('Not read until');
      expect(data.cases[0].unread).toEqual([]);
      expect(findings.filter((f) => f.child === 'C-1001' && f.status === 'overdue')).toEqual([]);
    }
  });

  it('the loader: a top-level and a nested misspelling are unread fields; the same file with no misspelling has none', () => {
    const unread = (text: string) => loadCases(rootWith(text))[0].unread.map((p) => p.join('.'));
    expect(unread(GOOD)).toEqual([]);
    expect(unread(misspell('\nreviews:', '\nreveiws:'))).toEqual(['reviews']);
    expect(unread(misspell('  agreed: 2026', '  agred: 2026'))).toEqual(['plan.agreed']);
    // Both at once, and the same field misspelt twice: each unread field once.
    expect(unread(misspell('\nreviews:', '\nrevews: []\nreveiws:').replace('  agreed: 2026', '  agred: 2026')).sort()).toEqual(['plan.agreed', 'reviews']);
  });
});
