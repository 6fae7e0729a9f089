import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTE_NOT_A_REPO } from '../../src/data/history.js';
import { buildStory, C1_V5, gitFixture, MEETING, type GitFixture } from '../data/git-fixture.js';
import { panel } from './run.js';

let f: GitFixture;
let h: Record<string, string>;

beforeAll(() => {
  f = gitFixture('panel-cli-history-');
  h = buildStory(f);
});
afterAll(() => f.remove());

describe('panel history <id>', () => {
  it('prints the trail like git log: newest first, PR merges with their branch commits, field changes marked', () => {
    const r = panel(['history', 'C-1', '--root', f.root]);
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out.split('\n')[0]).toBe('History of C-1 Ada Example  cases/C-1.md: 5 changes on the main line');
    expect(out).toContain(
      [
        `commit ${h.merge.slice(0, 12)} (PR #7, merge)`,
        'Author: Tom Merger',
        'Date:   2026-02-15',
        '',
        '    Merge pull request #7 from org/plan',
        '    Adoption plan for C-1',
        '',
        '    ~ plan.route changed from return-home to adoption',
        '    + panel discussion added 2026-02-06',
        '',
        `    commit ${h.done.slice(0, 12)} (PR #7, branch commit, merged in ${h.merge.slice(0, 12)})`,
        '    Author: Priya Shah',
        '    Date:   2026-02-12',
        '',
        '        Referral made',
        '',
        '        + action "Refer to RAA" marked done 2026-02-11',
      ].join('\n'),
    );
    expect(out).toContain(`commit ${h.review.slice(0, 12)} (PR #3)\nAuthor: Bob Reviewer\nDate:   2026-02-01\n\n    Record first review (#3)\n\n    ~ looked_after.legal_status changed from C1 to C2\n    + review added 2026-01-30\n`);
    expect(out).toContain('    file deleted\n');
    expect(out).toContain(`    note: added back: deleted on 2026-03-05 in ${h.delete.slice(0, 12)}\n`);
    // Newest first.
    expect(out.indexOf(h.restore.slice(0, 12))).toBeLessThan(out.indexOf(h.add.slice(0, 12)));
  });

  it('follows a renamed file, and reads a meeting by its date', () => {
    const renamed = panel(['history', 'C-20', '--root', f.root]);
    expect(renamed.stdout).toContain('    renamed from cases/C-2.md\n    ~ id changed from C-2 to C-20\n');
    expect(renamed.stdout).toContain('    summary text changed\n');
    const old = panel(['history', 'C-2', '--root', f.root]).stdout;
    expect(old).toContain('History of C-2  cases/C-20.md');
    expect(old).toContain('    ~ id changed from C-2 to C-20\n');
    expect(old).toContain('    summary text changed\n');
    const meeting = panel(['history', '2026-03-06', '--root', f.root]);
    expect(meeting.code).toBe(0);
    expect(meeting.stdout).toContain('    + chair added "Jo Chair"\n');
  });

  it('prints JSON: file, id, deleted, notes and every entry with its field changes', () => {
    const r = panel(['history', 'C-1', '--root', f.root, '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['file', 'id', 'deleted', 'notes', 'entries']);
    expect(out).toMatchObject({ file: 'cases/C-1.md', id: 'C-1', deleted: false, notes: [] });
    expect(out.entries).toHaveLength(7);
    expect(Object.keys(out.entries[0])).toEqual([
      'commit', 'author', 'date', 'time', 'committed', 'subject', 'title', 'pr', 'merge', 'mainline', 'mergedIn', 'change', 'path', 'renamedFrom', 'fields', 'bodyChanged', 'note',
    ]);
    expect(out.entries[3]).toMatchObject({
      commit: h.done,
      pr: 7,
      mainline: false,
      mergedIn: h.merge,
      fields: [{ field: 'panel[2026-02-06].actions["Refer to RAA"].done', kind: 'added', from: null, to: '2026-02-11', text: 'action "Refer to RAA" marked done 2026-02-11' }],
    });
  });

  it('exits 2 for an id that is not one, or a child with neither a file nor a history', () => {
    const bad = panel(['history', '../etc/passwd', '--root', f.root]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is neither a child id');
    const unknown = panel(['history', 'C-404', '--root', f.root]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('there is no cases/C-404.md');
    expect(panel(['history', 'C-1', '--root', f.root, '--format', 'xml']).code).toBe(2);
    expect(panel(['history']).code).toBe(2);
  });
});

describe('panel changes --since', () => {
  it('lists main-line changes since a date, grouped by file, each merge once with who made it', () => {
    const r = panel(['changes', '--since', '2026-02-11', '--root', f.root]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'Changes since 2026-02-11 (inclusive): 6 changes to 3 files',
        '',
        'C-1 Ada Example  cases/C-1.md',
        `  2026-03-06  ${h.restore.slice(0, 12)}  Alice Admin  Restore C-1: permanence secured; minutes of 6 March`,
        '      file added with 10 field values and a summary (panel history C-1 lists them)',
        `      note: added back: deleted on 2026-03-05 in ${h.delete.slice(0, 12)}`,
        `  2026-03-05  ${h.delete.slice(0, 12)}  Alice Admin  Remove C-1 by mistake`,
        '      file deleted',
        `  2026-02-15  ${h.merge.slice(0, 12)}  Tom Merger  PR #7  Adoption plan for C-1`,
        '      ~ plan.route changed from return-home to adoption',
        '      + panel discussion added 2026-02-06',
        '      made in 2 commits by Priya Shah',
        '',
        'C-20 Ben Example  cases/C-20.md',
        `  2026-03-01  ${h.rename.slice(0, 12)}  Alice Admin  Correct the id of C-2 to C-20`,
        '      renamed from cases/C-2.md',
        '      ~ id changed from C-2 to C-20',
        `  2026-02-11  ${h.summary.slice(0, 12)}  Alice Admin  Update the summary of C-2`,
        '      summary text changed',
        '',
        'Meeting 2026-03-06  meetings/2026-03-06.md',
        `  2026-03-06  ${h.restore.slice(0, 12)}  Alice Admin  Restore C-1: permanence secured; minutes of 6 March`,
        '      file added with 4 field values and a summary (panel history 2026-03-06 lists them)',
        '',
      ].join('\n'),
    );
  });

  it('reads last-meeting as the latest meeting file before today (--as-of), inclusive', () => {
    const r = panel(['changes', '--since', 'last-meeting', '--as-of', '2026-03-07', '--root', f.root, '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['since', 'notes', 'changes']);
    expect(out.since).toBe('2026-03-06');
    expect(out.changes.map((c: { file: string; commit: string }) => [c.file, c.commit])).toEqual([
      ['cases/C-1.md', h.restore],
      ['meetings/2026-03-06.md', h.restore],
    ]);
    const merge = JSON.parse(panel(['changes', '--since', '2026-02-15', '--as-of', '2026-03-07', '--root', f.root, '--format', 'json']).stdout).changes.find(
      (c: { commit: string }) => c.commit === h.merge,
    );
    expect(merge).toMatchObject({ file: 'cases/C-1.md', pr: 7, merge: true, title: 'Adoption plan for C-1' });
    expect(merge.commits.map((c: { commit: string; author: string }) => [c.commit, c.author])).toEqual([
      [h.done, 'Priya Shah'],
      [h.plan, 'Priya Shah'],
    ]);
  });

  it('exits 2 for a bad --since, a missing --since, or no meeting before today', () => {
    expect(panel(['changes', '--since', '2026-02-30', '--root', f.root]).code).toBe(2);
    expect(panel(['changes', '--root', f.root]).code).toBe(2);
    const none = panel(['changes', '--since', 'last-meeting', '--as-of', '2026-03-06', '--root', f.root]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no meetings/<YYYY-MM-DD>.md before 2026-03-06');
  });
});

describe('without git history', () => {
  it('prints the note and exits 0', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'panel-cli-nogit-'));
    try {
      mkdirSync(path.join(dir, 'cases'));
      mkdirSync(path.join(dir, 'meetings'));
      writeFileSync(path.join(dir, 'cases/C-1.md'), C1_V5);
      writeFileSync(path.join(dir, 'meetings/2026-03-06.md'), MEETING);
      const r = panel(['history', 'C-1', '--root', dir]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`History of C-1 Ada Example  cases/C-1.md: 0 changes on the main line\nnote: ${NOTE_NOT_A_REPO}\n`);
      const c = panel(['changes', '--since', 'last-meeting', '--as-of', '2026-03-10', '--root', dir, '--format', 'json']);
      expect(c.code).toBe(0);
      expect(JSON.parse(c.stdout)).toEqual({ since: '2026-03-06', notes: [NOTE_NOT_A_REPO], changes: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
