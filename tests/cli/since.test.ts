/**
 * `panel check --since <ref>`, the pull-request gate, in a temporary git repository whose data root is a
 * folder of the repository (panel-data/) and whose base commit already has an overdue child (C-3, and C-1
 * until a pull request records its review). Each pull request is a branch off main; the gate runs from
 * the repository's top folder, as in GitHub Actions, so annotations carry repository paths.
 */
import { mkdirSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitFixture, type GitFixture } from '../data/git-fixture.js';
import { panel } from './run.js';

const AS_OF = '2026-11-20';

const C1 = `---
id: C-1
name: Ada Example
dob: 2018-04-02
looked_after:
  start: 2026-09-01
  legal_status: C2
  placement: U4
panel:
  - date: 2026-09-04
---
`;

const C2 = `---
id: C-2
name: Ben Example
dob: 2012-01-01
looked_after:
  start: 2026-10-01
  legal_status: V2
  placement: U6
reviews: [2026-10-28]
panel:
  - date: 2026-10-02
---
`;

// Overdue in the base and left alone by every pull request: standing context, never a failure.
const C3 = C1.replace('id: C-1', 'id: C-3').replace('Ada Example', 'Cat Example');

let f: GitFixture;
const write = (rel: string, text: string) => f.write(`panel-data/${rel}`, text);
const commitAll = (message: string) => {
  f.git(['add', '-A']);
  f.git(['commit', '-q', '-m', message]);
};
/** A pull request: a branch off main with one commit. */
function pullRequest(name: string, change: () => void) {
  f.git(['checkout', '-q', '-B', name, 'main']);
  change();
  commitAll(name);
}
const gate = (format = 'text', ref = 'main') => panel(['check', '--root', 'panel-data', '--as-of', AS_OF, '--since', ref, '--format', format], f.repo);

beforeAll(() => {
  f = gitFixture('panel-since-');
  write('cases/C-1.md', C1);
  write('cases/C-2.md', C2);
  write('cases/C-3.md', C3);
  commitAll('Base: C-1 and C-3 have an overdue first review');
});
afterAll(() => f.remove());

describe('panel check --since: the pull-request gate', () => {
  it('the base itself fails plain `panel check` (the daily gate), which is why a PR gate must compare', () => {
    f.git(['checkout', '-q', 'main']);
    const r = panel(['check', '--root', 'panel-data', '--as-of', AS_OF, '--format', 'json'], f.repo);
    expect(r.code).toBe(1);
    const overdue = JSON.parse(r.stdout).findings.filter((x: { level: string }) => x.level === 'error');
    expect(overdue.map((x: { child: string; rule: string }) => `${x.child} ${x.rule}`).sort()).toEqual(['C-1 first-review', 'C-3 first-review']);
  });

  it('a PR recording the overdue review passes (exit 0), still listing the standing overdue child as context', () => {
    pullRequest('record-review', () => write('cases/C-1.md', C1.replace('panel:', 'reviews: [2026-10-05]\npanel:')));
    const r = gate();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const caused = r.stdout.indexOf('Caused by this change');
    const standing = r.stdout.indexOf('Already overdue before this change, not caused by it');
    expect(caused).toBeGreaterThan(0);
    expect(standing).toBeGreaterThan(caused);
    expect(r.stdout.slice(caused, standing)).toContain('Nothing: no new error');
    expect(r.stdout.slice(standing)).toMatch(/C-3 Cat Example[\s\S]*first-review\s+due 2026-09-29/);
    expect(r.stdout.trim().split('\n').at(-1)).toBe(
      '✔ nothing made worse by this change; 1 already there before it (not caused by it); 2 warnings or notices in the changed files; 3 elsewhere not listed (1 file changed since main)',
    );
    // JSON says the same, in the shape of the contract plus `since`.
    const json = JSON.parse(gate('json').stdout);
    expect(json.since).toMatchObject({ ref: 'main', changedFiles: 1, caused: [] });
    expect(json.since.standing).toEqual([expect.objectContaining({ child: 'C-3', rule: 'first-review', status: 'overdue', due: '2026-09-29' })]);
    expect(json.since.base).toBe(f.git(['rev-parse', 'main']).trim());
    // With --history the base is read with the same audit trail: the history's clocks compare like for like.
    const history = panel(['check', '--root', 'panel-data', '--as-of', AS_OF, '--since', 'main', '--history', '--format', 'json'], f.repo);
    expect(history.code).toBe(0);
    expect(JSON.parse(history.stdout).since.caused).toEqual([]);
  });

  it('a PR adding a misspelt field fails (exit 1) with the github annotation on that line', () => {
    pullRequest('misspelt-field', () => write('cases/C-2.md', C2.replace('panel:', 'socail_worker: Jo Bloggs\npanel:')));
    const r = gate('github');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    const annotation = lines.find((l) => l.startsWith('::error '));
    // `socail_worker` is line 10 of the file; the path is the repository's (GitHub puts it on the PR's diff).
    expect(annotation).toMatch(/^::error file=panel-data\/cases\/C-2\.md,line=10,title=C-2 Case file cannot be read \[schema\]::.*socail_worker.*did you mean "social_worker"/);
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(1);
    // The standing overdue child is context in a folded group, not an annotation.
    const group = lines.findIndex((l) => l.startsWith('::group::Already overdue before this change, not caused by it'));
    expect(group).toBeGreaterThan(0);
    expect(lines.slice(group).join('\n')).toMatch(/panel-data\/cases\/C-1\.md:6 {2}error {2}overdue {2}first-review/);
    expect(lines.at(-2)).toMatch(/^✖ 1 error caused by this change; 2 already there before it/);
    // Not touched by this change, so no notice on the diff for C-1 or C-3.
    expect(lines.filter((l) => l.startsWith('::notice') && l.includes('already overdue'))).toEqual([]);
  });

  it('a PR editing a child who was already overdue passes, with a notice on that file saying so', () => {
    pullRequest('edit-overdue-child', () => write('cases/C-3.md', C3.replace('Cat Example', 'Cat Example-Jones')));
    const r = gate('github');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^::notice file=panel-data\/cases\/C-3\.md,line=6,title=C-3 already overdue before this change%2C not caused by it%3A First looked-after review not held \[first-review\]::/m,
    );
    expect(r.stdout).not.toMatch(/^::error/m);
  });

  it('a PR deleting a review date, so that a clock becomes overdue, fails (exit 1) on that clock', () => {
    pullRequest('delete-review', () => write('cases/C-2.md', C2.replace('reviews: [2026-10-28]\n', '')));
    const r = gate('json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).since.caused).toEqual([
      expect.objectContaining({ child: 'C-2', rule: 'first-review', status: 'overdue', level: 'error', due: '2026-10-29' }),
    ]);
    expect(gate('text').stdout).toMatch(/Caused by this change[\s\S]*C-2 Ben Example[\s\S]*first-review\s+due 2026-10-29[\s\S]*Already overdue before this change/);
  });

  it('a file that was already invalid fails the gate when the change touches it, but not when it does not', () => {
    f.git(['checkout', '-q', '-B', 'broken-base', 'main']);
    write('cases/C-9.md', '---\nid: C-9\nname: [unclosed\n---\n');
    commitAll('An invalid file lands (before the gate was required)');
    f.git(['checkout', '-q', '-B', 'untouched', 'broken-base']);
    write('cases/C-2.md', C2.replace('Ben Example', 'Ben Example-Smith'));
    commitAll('rename a child');
    expect(gate('text', 'broken-base').code).toBe(0);
    f.git(['checkout', '-q', '-B', 'touches', 'broken-base']);
    write('cases/C-9.md', '---\nid: C-9\nname: [still unclosed\n---\n');
    commitAll('touch the invalid file');
    const r = gate('json', 'broken-base');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).since.caused).toEqual([expect.objectContaining({ child: 'C-9', rule: 'schema', file: 'cases/C-9.md' })]);
  });

  it('counts a renamed file as touched, and changes not yet committed (the working tree against the base)', () => {
    f.git(['checkout', '-q', '-B', 'rename', 'main']);
    f.git(['mv', 'panel-data/cases/C-2.md', 'panel-data/cases/C-2-renamed.md']);
    write('cases/C-2-renamed.md', C2.replace('placement: U6', 'placement: ZZ'));
    commitAll('rename with an invalid code');
    const renamed = JSON.parse(gate('json').stdout);
    // The invalid file's child is still read (partial validation), so the rename's id mismatch is caused too.
    expect(renamed.since.caused).toEqual([
      expect.objectContaining({ file: 'cases/C-2-renamed.md', rule: 'data-consistency', message: expect.stringContaining('does not match the file name') }),
      expect.objectContaining({ file: 'cases/C-2-renamed.md', rule: 'schema' }),
    ]);
    expect(gate('json').code).toBe(1);

    f.git(['checkout', '-q', '-B', 'uncommitted', 'main']);
    write('cases/C-4.md', C2.replace('id: C-2', 'id: C-4').replace('name: Ben Example', 'nmae: Dee Example'));
    const r = gate('json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).since.caused).toEqual([expect.objectContaining({ child: 'C-4', rule: 'schema', file: 'cases/C-4.md' })]);
    unlinkSync(path.join(f.root, 'cases/C-4.md'));
  });

  it('exits 2 with a clear message when the ref does not exist or the root is not in a git repository', () => {
    f.git(['checkout', '-q', 'main']);
    const missing = gate('text', 'origin/no-such-branch');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--since origin/no-such-branch: no such branch, tag or commit in this repository (fetch it first: git fetch origin no-such-branch)');
    expect(missing.stdout).toBe('');
    expect(gate('text', '--upload-pack=evil').code).toBe(2);
    const issue = gate('issue');
    expect(issue.code).toBe(2);
    expect(issue.stderr).toContain('--format issue lists every overdue child for the daily run; it does not take --since');

    const outside = mkdtempSync(path.join(tmpdir(), 'panel-not-git-'));
    // A data root (it has cases/), but not in a git repository.
    mkdirSync(path.join(outside, 'cases'));
    try {
      const r = panel(['check', '--root', outside, '--as-of', AS_OF, '--since', 'main'], outside);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--since main: the data root .* is not in a git repository/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
