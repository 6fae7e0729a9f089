/**
 * A small council repository built commit by commit with fixed authors and dates, for the audit trail
 * tests: a squash-merged PR, a branch merged by "Merge pull request #7", a rename with an edit, a body-only
 * change, a file deleted and added back, a meeting, and a change outside the data root. The data root is
 * the `panel-data/` folder of the repository, as in a council repository that also holds other things.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface GitFixture {
  repo: string;
  root: string;
  git(args: string[], author?: { name: string; date: string }): string;
  write(rel: string, text: string): void;
  /** Stages everything and commits it by `author` (one message, or several paragraphs); returns the commit's hash. */
  commit(message: string | string[], author: { name: string; date: string }): string;
  remove(): void;
}

/** An author and date for a commit: `day` (YYYY-MM-DD) at 10:00 UTC. */
export const at = (name: string, day: string) => ({ name, date: `${day}T10:00:00+00:00` });

const BASE_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_EMAIL: 'panel@example.org',
  GIT_COMMITTER_EMAIL: 'panel@example.org',
};

export function gitFixture(prefix = 'panel-history-'): GitFixture {
  const repo = mkdtempSync(path.join(tmpdir(), prefix));
  const root = path.join(repo, 'panel-data');
  mkdirSync(path.join(root, 'cases'), { recursive: true });
  mkdirSync(path.join(root, 'meetings'), { recursive: true });
  const git = (args: string[], author = { name: 'Setup', date: '2026-01-01T09:00:00+00:00' }) =>
    execFileSync('git', args, {
      cwd: repo,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...BASE_ENV, GIT_AUTHOR_NAME: author.name, GIT_COMMITTER_NAME: author.name, GIT_AUTHOR_DATE: author.date, GIT_COMMITTER_DATE: author.date },
    });
  git(['init', '-q', '-b', 'main']);
  git(['config', 'user.name', 'Setup']);
  git(['config', 'user.email', 'panel@example.org']);
  git(['config', 'commit.gpgsign', 'false']);
  return {
    repo,
    root,
    git,
    write: (rel, text) => {
      mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
      writeFileSync(path.join(repo, rel), text);
    },
    commit: (message, author) => {
      git(['add', '-A'], author);
      git(['commit', '-q', ...[message].flat().flatMap((m) => ['-m', m])], author);
      return git(['rev-parse', 'HEAD']).trim();
    },
    remove: () => rmSync(repo, { recursive: true, force: true }),
  };
}

export const C1_V1 = `---
id: C-1
name: Ada Example
dob: 2018-04-02
looked_after:
  start: 2026-01-05
  legal_status: C1
reviews: []
plan:
  route: return-home
---
Fictional test child.
`;

export const C1_V2 = C1_V1.replace('legal_status: C1', 'legal_status: C2').replace('reviews: []', 'reviews: [2026-01-30]');

export const C1_V3 = C1_V2.replace('route: return-home', 'route: adoption').replace(
  '---\nFictional',
  `panel:
  - date: 2026-02-06
    decision: Plan of adoption endorsed.
    actions:
      - action: Refer to RAA
        owner: Priya Shah
        due: 2026-02-20
---
Fictional`,
);

export const C1_V4 = C1_V3.replace('        due: 2026-02-20\n', '        due: 2026-02-20\n        done: 2026-02-11\n');

export const C1_V5 = C1_V4.replace('plan:', 'permanence:\n  secured: 2026-03-06\n  route: adoption\nplan:');

export const C2_V1 = `---
id: C-2
name: Ben Example
dob: 2016-09-12
---
Fictional test child.
`;

export const C2_V2 = C2_V1.replace('Fictional test child.', 'Fictional test child, now with a longer summary.');

export const C20_V3 = C2_V2.replace('id: C-2', 'id: C-20');

export const MEETING = `---
date: 2026-03-06
chair: Jo Chair
agenda: [C-1, C-20]
---
Minutes.
`;

/** Builds the story; returns the commit hashes by step name. */
export function buildStory(f: GitFixture): Record<string, string> {
  const commit = f.commit;
  const hashes: Record<string, string> = {};
  f.write('panel-data/cases/C-1.md', C1_V1);
  f.write('panel-data/cases/C-2.md', C2_V1);
  f.write('README.md', 'A council repository.\n');
  hashes.add = commit(['Add C-1 and C-2'], at('Alice Admin', '2026-01-05'));

  f.write('panel-data/cases/C-1.md', C1_V2);
  hashes.review = commit(['Record first review (#3)'], at('Bob Reviewer', '2026-02-01'));

  f.git(['checkout', '-q', '-b', 'plan']);
  f.write('panel-data/cases/C-1.md', C1_V3);
  hashes.plan = commit(['Adoption plan endorsed at panel'], at('Priya Shah', '2026-02-10'));

  f.git(['checkout', '-q', 'main']);
  f.write('panel-data/cases/C-2.md', C2_V2);
  f.write('README.md', 'A council repository, with a longer readme.\n');
  hashes.summary = commit(['Update the summary of C-2'], at('Alice Admin', '2026-02-11'));

  f.git(['checkout', '-q', 'plan']);
  f.write('panel-data/cases/C-1.md', C1_V4);
  hashes.done = commit(['Referral made'], at('Priya Shah', '2026-02-12'));

  f.git(['checkout', '-q', 'main']);
  const merger = at('Tom Merger', '2026-02-15');
  f.git(['merge', '-q', '--no-ff', 'plan', '-m', 'Merge pull request #7 from org/plan', '-m', 'Adoption plan for C-1'], merger);
  hashes.merge = f.git(['rev-parse', 'HEAD']).trim();

  f.git(['mv', 'panel-data/cases/C-2.md', 'panel-data/cases/C-20.md'], at('Alice Admin', '2026-03-01'));
  f.write('panel-data/cases/C-20.md', C20_V3);
  hashes.rename = commit(['Correct the id of C-2 to C-20'], at('Alice Admin', '2026-03-01'));

  f.git(['rm', '-q', 'panel-data/cases/C-1.md']);
  hashes.delete = commit(['Remove C-1 by mistake'], at('Alice Admin', '2026-03-05'));

  f.write('panel-data/cases/C-1.md', C1_V5);
  f.write('panel-data/meetings/2026-03-06.md', MEETING);
  hashes.restore = commit(['Restore C-1: permanence secured; minutes of 6 March'], at('Alice Admin', '2026-03-06'));
  return hashes;
}
