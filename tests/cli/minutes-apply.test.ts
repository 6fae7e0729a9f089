/**
 * `panel minutes --apply`: the reviewed draft's decisions and actions go into each child's case file as new
 * lines only, every touched file stays valid, a file changed since the draft is refused (and then nothing is
 * written at all), a rerun changes nothing, and the audit trail names the change.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { appendToTopLevelList, setEmptyTopLevelField } from '../../src/data/case-edit.js';
import { readDataRoot } from '../../src/data/data-root.js';
import { readHistory, trailOf } from '../../src/data/history.js';
import { readDraft } from '../../src/data/minutes.js';
import { panel, REPO } from './run.js';

vi.setConfig({ testTimeout: 240_000 });

const MEETING = '2026-12-04';
const ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'Admin', GIT_AUTHOR_EMAIL: 'a@example.org', GIT_COMMITTER_NAME: 'Admin', GIT_COMMITTER_EMAIL: 'a@example.org' };
const git = (cwd: string, args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });

/** The demo data in a fresh git repository. */
function demoRepo(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'panel-minutes-apply-'));
  for (const p of ['panel.yaml', 'cases', 'meetings']) cpSync(path.join(REPO, p), path.join(dir, p), { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-qm', 'Demo data']);
  return dir;
}

const snapshot = (dir: string) =>
  new Map(['cases', 'meetings'].flatMap((f) => readdirSync(path.join(dir, f)).filter((n) => n.endsWith('.md')).map((n) => [`${f}/${n}`, readFileSync(path.join(dir, f, n), 'utf8')] as const)));

/** What a panel administrator writes into the draft after the meeting. */
function fillIn(draft: string): string {
  let n = 0;
  return draft
    .replace(/^ {2}decision: $/gm, () => `  decision: "Plan: adoption; contingency: long-term fostering (item ${++n})."`)
    .replace(/^ {4}- action: $/gm, '    - action: Confirm the date of the next review')
    .replace('### Themes and escalations\n', '### Themes and escalations\n\nQuorate; two children escalated to the Head of Service.\n');
}

/** True when `after` is `before` with lines added in one place (the one changed line an empty list allows). */
function onlyLinesAdded(before: string, after: string): boolean {
  const a = before.split('\n');
  const b = after.split('\n');
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const added = b.length - a.length;
  if (added <= 0) return false;
  if (a[i] === 'panel: []' && b[i] === 'panel:') return b.slice(i + 1 + added).join('\n') === a.slice(i + 1).join('\n');
  return b.slice(i + added).join('\n') === a.slice(i).join('\n');
}

describe('panel minutes --apply on the demo meeting', () => {
  it('adds each decision as new lines, keeps every file valid, sets minutes_published, and the trail names it', async () => {
    const dir = demoRepo();
    expect(panel(['minutes', MEETING, '--root', dir]).code).toBe(0);
    const draftPath = path.join(dir, 'meetings/drafts', `${MEETING}-minutes.md`);
    const draft = fillIn(readFileSync(draftPath, 'utf8'));
    writeFileSync(draftPath, draft);
    const children = readDraft(draft).blocks.map((b) => b.child);
    expect(children.length).toBeGreaterThan(5);
    const before = snapshot(dir);

    const r = panel(['minutes', '--apply', MEETING, '--root', dir, '--as-of', '2026-12-07']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const after = snapshot(dir);

    // Exactly the children of the draft changed, each by added lines only.
    const changed = [...after.keys()].filter((f) => after.get(f) !== before.get(f));
    expect(changed.filter((f) => f.startsWith('cases/')).sort()).toEqual(children.map((c) => `cases/${c}.md`).sort());
    for (const f of changed.filter((f) => f.startsWith('cases/'))) expect(onlyLinesAdded(before.get(f)!, after.get(f)!), f).toBe(true);
    // Every file still reads, and each child now has the meeting's discussion with the decision as written.
    const data = readDataRoot(dir);
    expect(data.cases.flatMap((c) => c.problems)).toEqual([]);
    expect(data.meetings.flatMap((m) => m.problems)).toEqual([]);
    for (const id of children) {
      const child = data.cases.find((c) => c.value?.id === id)!.value!;
      const entry = child.panel.at(-1)!;
      expect(entry.date).toBe(MEETING);
      expect(entry.decision).toMatch(/^Plan: adoption; contingency: long-term fostering \(item \d+\)\.$/);
      expect(entry.actions.map((a) => a.action)).toEqual(['Confirm the date of the next review']);
    }
    const meeting = data.meetings.find((m) => m.value?.date === MEETING)!;
    expect(meeting.value!.minutes_published).toBe('2026-12-07');
    expect(meeting.body).toContain('Quorate; two children escalated to the Head of Service.');
    // An open action carried forward is recorded against the panel that carried it.
    const carried = data.cases.map((c) => c.value!).find((c) => c.panel.at(-1)?.carried_forward.length);
    expect(carried, 'the demo has an open action carried forward').toBeDefined();

    // A rerun finds every child already recorded and writes nothing.
    const again = panel(['minutes', '--apply', MEETING, '--root', dir, '--as-of', '2026-12-08']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Nothing to write/);
    expect(snapshot(dir)).toEqual(after);

    // Committed, the audit trail names the change on each child's file.
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-qm', `Minutes of the panel on ${MEETING}`]);
    const history = await readHistory(dir);
    const trail = trailOf(history, `cases/${children[0]}.md`)!;
    expect(trail.entries[0].subject).toBe(`Minutes of the panel on ${MEETING}`);
    expect(JSON.stringify(trail.entries[0].fields)).toContain(MEETING);
    expect(trail.entries[0].fields.map((f) => f.field)).toContain(`panel[${MEETING}]`);
  });

  it('refuses the whole apply when one case file changed after the draft was made', () => {
    const dir = demoRepo();
    panel(['minutes', MEETING, '--root', dir]);
    const draftPath = path.join(dir, 'meetings/drafts', `${MEETING}-minutes.md`);
    const draft = fillIn(readFileSync(draftPath, 'utf8'));
    writeFileSync(draftPath, draft);
    const first = readDraft(draft).blocks[1];
    const file = path.join(dir, first.file);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nA note added by someone else.\n`);
    const before = snapshot(dir);
    const r = panel(['minutes', '--apply', MEETING, '--root', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${first.file} changed after the draft was made`);
    expect(r.stderr).toMatch(/Nothing was written/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('names a bad block with its line in the draft, an empty decision, a wrong date and an unknown carried action', () => {
    const dir = demoRepo();
    panel(['minutes', MEETING, '--root', dir]);
    const draftPath = path.join(dir, 'meetings/drafts', `${MEETING}-minutes.md`);
    let draft = fillIn(readFileSync(draftPath, 'utf8'));
    const blocks = readDraft(draft).blocks;
    // Block 0: empty decision again; block 1: a date that is not the meeting's; block 2: a YAML mistake.
    const edit = (i: number, f: (y: string) => string) => {
      draft = draft.replace(blocks[i].yaml, f(blocks[i].yaml));
    };
    edit(0, (y) => y.replace(/decision: .*/, 'decision: '));
    edit(1, (y) => y.replace(`- date: ${MEETING}`, '- date: 2026-12-05'));
    edit(2, (y) => y.replace(/decision: .*/, 'decision: [not closed'));
    const withCarried = blocks.findIndex((b, i) => i > 2 && b.yaml.includes('carried_forward'));
    expect(withCarried).toBeGreaterThan(2);
    edit(withCarried, (y) => y.replace(/action: "([^"]+)"\n?$/, 'action: "An action nobody set"'));
    writeFileSync(draftPath, draft);
    const before = snapshot(dir);
    const r = panel(['minutes', '--apply', MEETING, '--root', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${blocks[0].child}'s decision is empty`);
    expect(r.stderr).toContain(`${blocks[1].child}'s block is dated 2026-12-05, not the meeting's date ${MEETING}`);
    expect(r.stderr).toMatch(new RegExp(`meetings/drafts/${MEETING}-minutes\\.md:\\d+  ${blocks[2].child}'s block is not valid YAML`));
    expect(r.stderr).toContain('"An action nobody set"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(dir)).toEqual(before);
  });

  it('says what to do when there is no draft', () => {
    const dir = demoRepo();
    const r = panel(['minutes', '--apply', MEETING, '--root', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`there is no minutes draft for ${MEETING}`);
  });
});

describe('adding lines to a front matter (case-edit)', () => {
  const entry = { date: '2026-12-04', decision: 'Plan: adoption', actions: [{ action: 'Book review', due: '2026-12-18' }] };

  it('keeps comments, quoting, flow lists and Windows line endings byte for byte', () => {
    const before = [
      '---',
      'id: C-1 # the child',
      "name: 'Amy O''Brien'",
      'siblings: [C-2]',
      'panel:',
      '  - date: 2026-11-06 # last panel',
      '    decision: >-',
      '      Folded decision',
      '',
      '# a comment after the list',
      'reviews: []',
      '---',
      'Body',
    ].join('\r\n');
    const r = appendToTopLevelList(before, 'panel', entry);
    expect(r.ok).toBe(true);
    const after = (r as { text: string }).text;
    expect(after.split('\r\n').slice(0, 8)).toEqual(before.split('\r\n').slice(0, 8));
    expect(after).toContain('\r\n  - date: 2026-12-04\r\n    decision: "Plan: adoption"\r\n    actions:\r\n      - action: Book review\r\n        due: 2026-12-18\r\n');
    expect(after.endsWith('\r\n# a comment after the list\r\nreviews: []\r\n---\r\nBody')).toBe(true);
    expect(after.split('\r\n').length - before.split('\r\n').length).toBe(5);
  });

  it('follows a list written at the key\'s own column, adds a missing key, and refuses a flow list with items', () => {
    const compact = '---\nid: C-1\npanel:\n- date: 2026-11-06\n  decision: x\n---\n';
    const r1 = appendToTopLevelList(compact, 'panel', entry) as { ok: true; text: string };
    expect(r1.text).toContain('  decision: x\n- date: 2026-12-04\n  decision: "Plan: adoption"\n');
    const missing = '---\nid: C-1\n---\nbody\n';
    expect((appendToTopLevelList(missing, 'panel', entry) as { text: string }).text).toBe('---\nid: C-1\npanel:\n  - date: 2026-12-04\n    decision: "Plan: adoption"\n    actions:\n      - action: Book review\n        due: 2026-12-18\n---\nbody\n');
    const flow = '---\nid: C-1\npanel: [{ date: 2026-11-06 }]\n---\n';
    const r3 = appendToTopLevelList(flow, 'panel', entry);
    expect(r3.ok).toBe(false);
    expect((r3 as { reason: string }).reason).toMatch(/block list/);
    const emptyWithComment = '---\nid: C-1\npanel: [] # none yet\n---\n';
    expect((appendToTopLevelList(emptyWithComment, 'panel', entry) as { text: string }).text).toMatch(/^---\nid: C-1\npanel: # none yet\n {2}- date: 2026-12-04\n/);
  });

  it('sets an empty field in place and leaves a field with a value alone', () => {
    const m = '---\ndate: 2026-12-04\nminutes_published: null # set after panel\nagenda: []\n---\n';
    expect((setEmptyTopLevelField(m, 'minutes_published', '2026-12-07') as { text: string }).text).toBe('---\ndate: 2026-12-04\nminutes_published: 2026-12-07 # set after panel\nagenda: []\n---\n');
    const set = '---\ndate: 2026-12-04\nminutes_published: 2026-12-06\n---\n';
    const r = setEmptyTopLevelField(set, 'minutes_published', '2026-12-07') as { text: string; unchanged?: string };
    expect(r.text).toBe(set);
    expect(r.unchanged).toBe('2026-12-06');
  });
});

describe('panel minutes with a child whose case file cannot be written', () => {
  const DATE = '2027-01-04';
  const caseFile = (id: string, name: string, dob = '2012-01-01') =>
    `---\nid: ${id}\nname: ${name}\ndob: ${dob}\nlooked_after:\n  start: 2026-10-01\n  legal_status: V2\n  placement: U6\nreviews: [2026-10-28]\npanel:\n  - date: 2026-10-02\n---\n`;
  /** C-4001 valid, C-4004 with a date of birth written 02/04/2018, both on the meeting's agenda. */
  function root(agenda = ['C-4001', 'C-4004']): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'panel-minutes-blocked-'));
    mkdirSync(path.join(dir, 'cases'));
    mkdirSync(path.join(dir, 'meetings'));
    writeFileSync(path.join(dir, 'cases/C-4001.md'), caseFile('C-4001', 'Ada Good'));
    writeFileSync(path.join(dir, 'cases/C-4004.md'), caseFile('C-4004', 'Ben Good', '02/04/2018'));
    writeFileSync(path.join(dir, `meetings/${DATE}.md`), `---\ndate: ${DATE}\nagenda: [${agenda.join(', ')}]\n---\n`);
    return dir;
  }
  const draftOf = (dir: string) => path.join(dir, 'meetings/drafts', `${DATE}-minutes.md`);
  const fill = (dir: string) => writeFileSync(draftOf(dir), fillIn(readFileSync(draftOf(dir), 'utf8')));

  it('the draft names the invalid file as such and still gives the child a block', () => {
    const dir = root();
    expect(panel(['minutes', DATE, '--root', dir]).code).toBe(0);
    const draft = readFileSync(draftOf(dir), 'utf8');
    expect(draft).toContain('### Item 2: C-4004 Ben Good (cases/C-4004.md, line 4: case file must be fixed first: dob: expected a date written YYYY-MM-DD, found "02/04/2018"');
    expect(draft).not.toContain('no case file');
    expect(readDraft(draft).blocks.map((b) => [b.child, b.file, b.mustFix])).toEqual([
      ['C-4001', 'cases/C-4001.md', false],
      ['C-4004', 'cases/C-4004.md', true],
    ]);
  });

  it('--apply writes nothing and stops with exit 2 until the file is fixed, then records both decisions', () => {
    const dir = root();
    panel(['minutes', DATE, '--root', dir]);
    fill(dir);
    const before = snapshot(dir);
    const r = panel(['minutes', '--apply', DATE, '--root', dir, '--as-of', '2027-01-05']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Nothing was written, and minutes_published was not set');
    expect(r.stderr).toContain('cases/C-4004.md:4  C-4004 Ben Good is on the agenda, but its decision cannot be written: case file must be fixed first: dob: expected a date written YYYY-MM-DD, found "02/04/2018"');
    expect(r.stderr).toContain(`then run \`panel minutes ${DATE} --apply\` again`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(dir)).toEqual(before);

    // Fixed: the block made while the file was broken is applied to the fixed file, with a note.
    const c4004 = path.join(dir, 'cases/C-4004.md');
    writeFileSync(c4004, readFileSync(c4004, 'utf8').replace('dob: 02/04/2018', 'dob: 2018-04-02'));
    const ok = panel(['minutes', '--apply', DATE, '--root', dir, '--as-of', '2027-01-05']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('C-4004: cases/C-4004.md was fixed after the draft was made');
    const data = readDataRoot(dir);
    for (const id of ['C-4001', 'C-4004']) expect(data.cases.find((c) => c.value?.id === id)!.value!.panel.at(-1)!.decision).toMatch(/^Plan: adoption/);
    expect(data.meetings[0].value!.minutes_published).toBe('2027-01-05');
  });

  it('with that child the only item, says what is wrong with its file, not that the draft has no blocks', () => {
    const dir = root(['C-4004']);
    panel(['minutes', DATE, '--root', dir]);
    fill(dir);
    const before = snapshot(dir);
    const r = panel(['minutes', '--apply', DATE, '--root', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('C-4004 Ben Good is on the agenda, but its decision cannot be written: case file must be fixed first');
    expect(r.stderr).not.toContain('no child blocks');
    expect(snapshot(dir)).toEqual(before);
  });

  it('a child on the agenda with no case file at all stops the apply too', () => {
    const dir = root(['C-4001', 'C-4099']);
    panel(['minutes', DATE, '--root', dir]);
    expect(readFileSync(draftOf(dir), 'utf8')).toContain('### Item 2: C-4099 (cases/C-4099.md: there is no case file for this child: it must be added first)');
    fill(dir);
    const before = snapshot(dir);
    const r = panel(['minutes', '--apply', DATE, '--root', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cases/C-4099.md  C-4099 is on the agenda, but its decision cannot be written: there is no case file for this child: it must be added first');
    expect(snapshot(dir)).toEqual(before);
  });

  it('a decision with an unquoted colon gets the quoting hint case files get, on its line of the draft', () => {
    const dir = root(['C-4001']);
    panel(['minutes', DATE, '--root', dir]);
    const draft = readFileSync(draftOf(dir), 'utf8').replace(/^ {2}decision: $/m, '  decision: Plan: adoption; contingency: LTF');
    writeFileSync(draftOf(dir), draft);
    const line = draft.split('\n').findIndex((l) => l.includes('contingency: LTF')) + 1;
    const r = panel(['minutes', '--apply', DATE, '--root', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`meetings/drafts/${DATE}-minutes.md:${line}  C-4001's block is not valid YAML: the value of decision contains a colon followed by a space ("Plan: adoption; contingency: LTF"), which YAML reads as the start of another field: put the whole value in quotes, for example decision: "Plan: adoption; contingency: LTF"`);
    expect(r.stderr).not.toMatch(/Nested mappings|column \d+/);
  });

  it('a decision in a block with no marker line (a draft made by an older version) is named, never dropped', () => {
    const dir = root();
    panel(['minutes', DATE, '--root', dir]);
    fill(dir);
    // The older draft: the broken child's item had no marker line.
    writeFileSync(draftOf(dir), readFileSync(draftOf(dir), 'utf8').replace(/<!-- panel-minutes child=C-4004 [^\n]*-->\n/, ''));
    const c4004 = path.join(dir, 'cases/C-4004.md');
    writeFileSync(c4004, readFileSync(c4004, 'utf8').replace('dob: 02/04/2018', 'dob: 2018-04-02'));
    const before = snapshot(dir);
    const r = panel(['minutes', '--apply', DATE, '--root', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/meetings\/drafts\/2027-01-04-minutes\.md:\d+  C-4004's block has no "<!-- panel-minutes child=\.\.\. -->" line before it/);
    expect(snapshot(dir)).toEqual(before);
  });
});
