/**
 * End to end, through the real `panel` command: the shared synthetic return (tests/fixtures/ssda903-fake)
 * imported into an empty data root, checked, triangulated, edited, updated and imported again.
 *
 * The as-of date is 2018-03-31: the latest DECOM in the fake data and the last day of its collection year
 * (2017-18, whose DECs run 2017-04-02 to 2018-04-01). At that date 1,397 of its 2,675 children are looked
 * after; at today's date every DEC has passed and far fewer would be.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, REPO } from '../cli/run.js';

/** As tests/cli/run.ts, with room for the import's long report (over a megabyte for a large return). */
function panel(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin/panel.js'), ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const SLOW = 180_000; // each case spawns the real command on the whole return

const RETURN = path.join(FIXTURES, 'ssda903-fake');
const AS_OF = '2018-03-31';
const LOOKED_AFTER = 1397;
const temp = mkdtempSync(path.join(tmpdir(), 'panel-import903-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const emptyRoot = (name: string) => {
  const dir = path.join(temp, name);
  mkdirSync(dir);
  return dir;
};
const caseFiles = (root: string) => (existsSync(path.join(root, 'cases')) ? readdirSync(path.join(root, 'cases')).sort() : []);
const digest = (root: string) => {
  const h = createHash('sha256');
  for (const f of caseFiles(root)) h.update(f).update(readFileSync(path.join(root, 'cases', f)));
  return h.digest('hex');
};
const linesOf = (s: string) => s.split('\n');
/** What the import cannot know (the return has no team or social worker): panel check asks for it, as a notice. */
const ASKED_FOR = ['team not recorded: add team, the team that holds the case.', 'social worker not recorded: add social_worker.'];
/** A schema or data-consistency finding other than those requests: a file the import wrote wrongly. */
const wrong = (f: { rule: string; message: string; level?: string }) =>
  (f.rule === 'schema' || f.rule === 'data-consistency') && !(f.level === 'notice' && ASKED_FOR.includes(f.message));
const edit = (file: string, from: string | RegExp, to: string) => {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  writeFileSync(file, next);
};

describe('panel import 903 into an empty data root, then check and triangulate', () => {
  const root = emptyRoot('imported');
  let first: ReturnType<typeof panel>;
  beforeAll(() => {
    first = panel(['import', '903', RETURN, '--root', root, '--as-of', AS_OF]);
  }, SLOW);

  it('writes one case file per child looked after at the as-of date, and says so', () => {
    expect(first.stderr).toBe('');
    expect(first.code, first.stderr).toBe(0);
    expect(caseFiles(root)).toHaveLength(LOOKED_AFTER);
    expect(first.stdout.match(/^ {2}created {6}cases\//gm)).toHaveLength(LOOKED_AFTER);
    const summary = first.stdout.trim().split('\n').at(-1)!;
    expect(summary).toMatch(
      /^! 2,675 children in the return, 1,397 children looked after at 2018-03-31: 1397 created, 0 updated, 0 unchanged, 1278 skipped \(552 with no usable episode; 726 not looked after and no case file\)\. 72 rows skipped, 353 used in part, \d+ left out of the case files written\.$/,
    );
  });

  it('reports the rows it could not use with file, line, child and reason', () => {
    expect(first.stdout).toContain(
      '  episodes.csv:313       child 708102   skipped: the episode starting 11/01/2018 overlaps the episode at line 312 (11/03/2017 to 10/03/2018); a child has one episode at a time: correct DEC of one or remove the other',
    );
    expect(first.stdout).toContain('  episodes.csv:47        child 681415   used in part: REC E4B says the episode ceased but DEC is blank');
    // Rows left out of a case file written are listed per child and reason, every line and date named.
    expect(linesOf(first.stdout)).toContain('  reviews.csv:3-4        child 566910   not imported: 2 reviews after the as-of date 2018-03-31: 2018-07-29, 2018-10-08');
  });

  it('maps a child as the return says: care start from the period, codes from the latest episode, reviews in the period', () => {
    const text = readFileSync(path.join(root, 'cases/566910.md'), 'utf8');
    expect(text.startsWith('---\n# Imported from the SSDA903 return on ')).toBe(true);
    for (const line of ['id: "566910"', 'name: Child 566910 (name to be added)', 'dob: 2008-03-27', '  legal_status: C2', '  placement: A3', '  end: null', 'reviews: [2017-08-30]']) {
      expect(text).toContain(`\n${line}\n`);
    }
    expect(text).toContain('\n  start: 2016-02-15 # first episode of this period in the return (RNE L)');
  });

  it('every file it wrote passes panel check with no schema or data-consistency finding', () => {
    const r = panel(['check', '--root', root, '--as-of', AS_OF, '--format', 'json']);
    const findings: { rule: string; message: string; file: string }[] = JSON.parse(r.stdout).findings;
    expect(findings.filter(wrong)).toEqual([]);
    // The return has no team or social worker: each file is asked for them, as a notice, and for nothing else.
    expect(new Set(findings.filter((f) => f.rule === 'data-consistency').map((f) => f.message))).toEqual(new Set(ASKED_FOR));
    // The clocks are read: the fake data's children are overdue, as its PROVENANCE.md says.
    expect(findings.filter((f) => f.rule === 'first-review').length).toBeGreaterThan(100);
  }, SLOW);

  it('panel triangulate finds no disagreement between the return and the files it wrote', () => {
    const r = panel(['triangulate', '903', RETURN, '--root', root, '--as-of', AS_OF]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('✔ No disagreement (1,397 children compared, 0 only in the return, 0 only in the case files, 0 case files unreadable)');
  }, SLOW);

  it('a second plain import leaves every existing file alone', () => {
    const before = digest(root);
    const r = panel(['import', '903', RETURN, '--root', root, '--as-of', AS_OF]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.match(/^ {2}left alone {3}cases\/\S+ {2}already exists/gm)).toHaveLength(LOOKED_AFTER);
    expect(r.stdout.trim().split('\n').at(-1)).toContain(': 0 created, 0 updated, 0 unchanged, 1397 left alone, 1278 skipped (');
    expect(digest(root)).toBe(before);
  }, SLOW);

  it('panel triangulate reports each edit a person makes that the return disagrees with, exit 1', () => {
    const cases = path.join(root, 'cases');
    edit(path.join(cases, '566910.md'), '  start: 2016-02-15', '  start: 2016-02-16');
    edit(path.join(cases, '566910.md'), 'reviews: [2017-08-30]', 'reviews: [2017-08-31]');
    edit(path.join(cases, '566910.md'), 'legal_status: C2', 'legal_status: C1');
    edit(path.join(cases, '100825.md'), /end: null\n {2}reason_ceased: null/, 'end: 2018-03-01\n  reason_ceased: E4A');
    edit(path.join(cases, '100825.md'), 'dob: ', 'dob: 2001-01-01\n#');
    rmSync(path.join(cases, '10104.md'));
    writeFileSync(path.join(cases, 'C-9001.md'), '---\nid: C-9001\nname: Not In The Return\ndob: 2012-01-01\nlooked_after:\n  start: 2017-06-01\n---\n');

    const r = panel(['triangulate', '903', RETURN, '--root', root, '--as-of', AS_OF]);
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stdout.split('\n');
    const group = (heading: string) => lines.slice(lines.indexOf(heading) + 1, lines.indexOf('', lines.indexOf(heading))).map((l) => l.trim().replace(/\s+/g, ' '));
    expect(group('566910  cases/566910.md')).toEqual([
      '14 looked_after.start care start: 2016-02-15 in the return (episodes.csv line 2), 2016-02-16 in the case file',
      '15 looked_after.legal_status legal status: C2 in the return\'s latest episode, C1 in the case file',
      '19 reviews review 2017-08-30 is in the return (reviews.csv line 2) but not in the case file',
      '19 reviews review 2017-08-31 is in the case file but not in the return',
    ]);
    expect(group('100825  cases/100825.md')).toEqual([
      expect.stringMatching(/^7 dob date of birth: \d{4}-\d{2}-\d{2} in the return \(header\.csv line \d+\), 2001-01-01 in the case file$/),
      expect.stringMatching(/^\d+ looked_after\.end care end: the return shows the child looked after at 2018-03-31; the case file has an end on 2018-03-01$/),
      expect.stringMatching(/^\d+ looked_after\.reason_ceased reason ceased: none in the return, E4A in the case file$/),
    ]);
    expect(group('10104  (no case file)')).toEqual(['file the return shows the child looked after at 2018-03-31 (from 2017-03-17) but there is no case file cases/10104.md']);
    expect(group('C-9001  cases/C-9001.md')).toEqual(['5 file the case file says the child is looked after (from 2017-06-01) but the child is not in the return']);
    expect(lines).toContain('✖ 9 disagreements for 4 children (1,396 children compared, 1 only in the return, 1 only in the case files, 0 case files unreadable)');

    const json = JSON.parse(panel(['triangulate', '903', RETURN, '--root', root, '--as-of', AS_OF, '--format', 'json']).stdout);
    expect(Object.keys(json)).toEqual(['asOf', 'period', 'compared', 'onlyInReturn', 'onlyInCaseFiles', 'unreadableCaseFiles', 'unusableRows', 'disagreements']);
    expect(json.disagreements).toHaveLength(9);
    expect(json.disagreements[0]).toEqual({
      child: '100825', file: 'cases/100825.md', field: 'dob', line: 7, inReturn: expect.any(String), inCaseFile: '2001-01-01', message: expect.any(String),
    });
  }, SLOW);

  it('--update puts the return\'s fields back and keeps what a person wrote, body byte for byte', () => {
    const file = path.join(root, 'cases/566910.md');
    const personal = readFileSync(file, 'utf8')
      .replace('name: Child 566910 (name to be added)', 'name: Amara Example   # named by the social worker')
      .replace('plan: null', 'plan:\n  route: adoption\n  contingency: long-term-fostering\n  agreed: 2017-09-01')
      .replace('panel: []', 'panel:\n  - date: 2017-09-05\n    decision: Plan of adoption endorsed.')
      .split('\n---\n')[0]; // the front matter; a person's body follows
    const body = '\n---\n## Background\nWritten by a person.   Trailing spaces, *markdown* and all.\n\n';
    writeFileSync(file, personal + body);
    const dry = panel(['import', '903', RETURN, '--root', root, '--as-of', AS_OF, '--update', '--dry-run']);
    expect(dry.stdout).toContain('  would update cases/566910.md  looked_after.start 2016-02-16 → 2016-02-15; looked_after.legal_status C1 → C2; reviews +2017-08-30');
    expect(readFileSync(file, 'utf8')).toBe(personal + body);

    const r = panel(['import', '903', RETURN, '--root', root, '--as-of', AS_OF, '--update']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('  updated      cases/566910.md  looked_after.start 2016-02-16 → 2016-02-15; looked_after.legal_status C1 → C2; reviews +2017-08-30');
    expect(r.stdout).toContain('  created      cases/10104.md');
    expect(r.stdout).toContain('  updated      cases/100825.md  dob 2001-01-01 →');
    const after = readFileSync(file, 'utf8');
    expect(after.endsWith(body)).toBe(true);
    expect(after).toContain('name: Amara Example   # named by the social worker');
    expect(after).toContain('plan:\n  route: adoption\n  contingency: long-term-fostering\n  agreed: 2017-09-01');
    expect(after).toContain('panel:\n  - date: 2017-09-05\n    decision: Plan of adoption endorsed.');
    expect(after).toContain('  start: 2016-02-15 # first episode of this period in the return');
    // The person's review fits the period, so it is kept beside the return's; triangulate still points it out.
    expect(after).toContain('reviews: [2017-08-30, 2017-08-31]');

    const again = panel(['import', '903', RETURN, '--root', root, '--as-of', AS_OF, '--update']);
    expect(again.stdout).toContain('  unchanged    cases/566910.md');
    expect(again.stdout).not.toMatch(/^ {2}updated/m);
  }, SLOW);
});

describe('panel import 903 --dry-run, --strict, a period, and usage errors', () => {
  it('--dry-run writes nothing, not even cases/', () => {
    const root = emptyRoot('dry');
    const r = panel(['import', '903', RETURN, '--root', root, '--as-of', AS_OF, '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('dry run, nothing is written');
    expect(r.stdout.match(/^ {2}would create {1}cases\//gm)).toHaveLength(LOOKED_AFTER);
    expect(readdirSync(root)).toEqual([]);
  }, SLOW);

  it('with a period, imports the children who left care within it too, with permanence from the reason', () => {
    const root = emptyRoot('period');
    const r = panel(['import', '903', RETURN, '--root', root, '--period-start', '2017-04-01', '--period-end', '2018-03-31']);
    expect(r.code, r.stderr).toBe(0);
    expect(caseFiles(root)).toHaveLength(2123); // every child with an episode: the fake data's periods all reach 2017-18
    expect(r.stdout).toContain('(children looked after between 2017-04-01 and 2018-03-31)');
    const secured = caseFiles(root).map((f) => readFileSync(path.join(root, 'cases', f), 'utf8')).filter((t) => /\n {2}secured: \d{4}/.test(t));
    expect(secured.length).toBeGreaterThan(50);
    for (const t of secured) {
      const rec = /reason_ceased: (\w+)/.exec(t)![1];
      expect(['E11', 'E12', 'E41', 'E45', 'E46', 'E47', 'E48', 'E4A']).toContain(rec);
      expect(/secured: (\S+)/.exec(t)![1]).toBe(/\n {2}end: (\S+)/.exec(t)![1]);
    }
    const check = JSON.parse(panel(['check', '--root', root, '--as-of', AS_OF, '--format', 'json']).stdout);
    expect(check.findings.filter(wrong)).toEqual([]);
    expect(panel(['triangulate', '903', RETURN, '--root', root, '--period-start', '2017-04-01', '--period-end', '2018-03-31']).code).toBe(0);
  }, SLOW);

  it('reports a bad small return row by row through the command, and imports the rest', () => {
    const folder = emptyRoot('bad-return');
    writeFileSync(path.join(folder, 'header.csv'), '\uFEFFCHILD,SEX,DOB\r\nA1,1,01/01/2010\r\nA2,2,31/02/2011\r\n');
    writeFileSync(path.join(folder, 'episodes.csv'), 'CHILD,DECOM,RNE,LS,PLACE,DEC,REC\r\nA1,01/02/2016,S,C1,U6,,\r\nA3,01/02/2016,S,C1,U6,,\r\nA1,31/02/2017,P,C2,U4,,\r\n');
    const root = emptyRoot('bad-root');
    const r = panel(['import', '903', folder, '--root', root, '--as-of', AS_OF]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('  header.csv:3           child A2       skipped: DOB "31/02/2011" is not a real date (that day does not exist)');
    expect(r.stdout).toContain('  episodes.csv:3         child A3       skipped: CHILD A3 is not in header.csv');
    expect(r.stdout).toContain('  episodes.csv:4         child A1       skipped: DECOM "31/02/2017" is not a real date (that day does not exist)');
    expect(r.stdout).toMatch(/^ {2}reviews\.csv +check: reviews\.csv is not in the folder: no reviews were imported$/m);
    expect(caseFiles(root)).toEqual(['A1.md']);
    // --strict: exit 1 when any row could not be used (the files are still written).
    const strict = emptyRoot('bad-root-2');
    expect(panel(['import', '903', folder, '--root', strict, '--as-of', AS_OF, '--strict']).code).toBe(1);
    expect(caseFiles(strict)).toEqual(['A1.md']);
  }, SLOW);

  it('exits 2 for usage errors, naming what is wrong', () => {
    const root = emptyRoot('usage');
    const cases: [string[], string][] = [
      [['import', '903', path.join(temp, 'no-such-folder'), '--root', root], 'no such folder'],
      [['import', '903', RETURN, '--root', root, '--as-of', '2018-02-30'], '--as-of: expected a real date'],
      [['import', '903', RETURN, '--root', root, '--update', '--force'], '--update and --force do not go together'],
      [['import', '903', RETURN, '--root', root, '--period-start', '2017-04-01'], '--period-start and --period-end go together'],
      [['import', '903', RETURN, '--root', root, '--period-start', '2017-04-01', '--period-end', '2018-03-31', '--as-of', '2018-01-01'], 'is before --period-end'],
      [['import', '903', root, '--root', root], 'header.csv: not found'],
      [['triangulate', '903', RETURN, '--root', root, '--format', 'xml'], "argument 'xml' is invalid"],
    ];
    for (const [args, message] of cases) {
      const r = panel(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
    }
    expect(readdirSync(root)).toEqual([]);
  }, SLOW);
});
