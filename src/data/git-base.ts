/**
 * What `panel check --since <ref>` compares against: the data root as it was at the base of a change, read
 * from git without a second checkout (one `git ls-tree`, one `git cat-file --batch` for every blob, never
 * one process per file), and the files the change touched.
 *
 * The base is the merge base of <ref> and HEAD: on a GitHub pull request (HEAD is the PR merged into the
 * target branch) that is the target branch itself; on a branch that is behind, it is where the branch
 * started, so work landed on the target since then is not counted as this change's.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { SourceFile } from './load.js';
import { GIT_ENV } from './history-git.js';
import { POLICY_FILE } from './policy.js';

/** The ref does not exist, or the data root is not in a git repository: a usage error (exit 2). */
export class GitBaseError extends Error {}

export interface ChangedFile {
  /** A (added), M (modified), D (deleted), R (renamed), C (copied), T (type changed), ? (not yet tracked). */
  status: string;
  /** Path relative to the data root as it is now (for D: as it was). */
  file: string;
  /** The path before a rename or copy. */
  from?: string;
}

export interface GitBase {
  ref: string;
  /** The commit the change is compared with (the merge base of ref and HEAD). */
  commit: string;
  /** The data root's files at that commit: panel.yaml, cases/ and meetings/, paths relative to the root. */
  files: SourceFile[];
  /** Files under the data root that differ between the base and the working tree (committed or not). */
  changed: ChangedFile[];
}

const MAX_BUFFER = 1024 * 1024 * 1024;

function git(root: string, args: string[], input?: string | Buffer): { ok: boolean; out: Buffer; err: string } {
  const r = spawnSync('git', args, { cwd: root, env: GIT_ENV, input, maxBuffer: MAX_BUFFER, stdio: ['pipe', 'pipe', 'pipe'] });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new GitBaseError(code === 'ENOENT' ? '--since needs git, and git was not found on the PATH' : `git could not be run: ${r.error.message}`);
  }
  return { ok: r.status === 0, out: r.stdout, err: r.stderr.toString('utf8').trim() };
}

const firstLine = (s: string) => s.split('\n')[0];

/** Parses `git cat-file --batch` output (`<id> <type> <size>\n<bytes>\n` or `<id> missing\n`) in request order. */
export function parseBatch(out: Buffer, count: number): (Buffer | null)[] {
  const blobs: (Buffer | null)[] = [];
  let pos = 0;
  while (blobs.length < count && pos < out.length) {
    const nl = out.indexOf(10, pos);
    if (nl < 0) break;
    const header = out.toString('latin1', pos, nl).split(' ');
    pos = nl + 1;
    if (header.length < 3) {
      blobs.push(null);
      continue;
    }
    const size = Number(header[2]);
    blobs.push(out.subarray(pos, pos + size));
    pos += size + 1;
  }
  while (blobs.length < count) blobs.push(null);
  return blobs;
}

/** Splits `git diff --name-status -z` output into changes (two paths for a rename or copy). */
export function parseNameStatus(out: string): ChangedFile[] {
  const tokens = out.split('\0');
  const changes: ChangedFile[] = [];
  for (let i = 0; i + 1 < tokens.length; ) {
    const status = tokens[i][0];
    if (!status) break;
    if (status === 'R' || status === 'C') {
      changes.push({ status, from: tokens[i + 1], file: tokens[i + 2] });
      i += 3;
    } else {
      changes.push({ status, file: tokens[i + 1] });
      i += 2;
    }
  }
  return changes;
}

export function readGitBase(root: string, ref: string): GitBase {
  const inside = git(root, ['rev-parse', '--show-prefix']);
  if (!inside.ok) {
    throw new GitBaseError(`--since ${ref}: the data root ${root} is not in a git repository (${firstLine(inside.err) || 'git rev-parse failed'}); --since compares with a commit, so it needs the repository`);
  }
  if (ref.startsWith('-')) throw new GitBaseError(`--since: expected a git branch, tag or commit, found "${ref}"`);
  const target = git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!target.ok) {
    throw new GitBaseError(
      `--since ${ref}: no such branch, tag or commit in this repository${ref.startsWith('origin/') ? ` (fetch it first: git fetch origin ${ref.slice('origin/'.length)})` : ''}`,
    );
  }
  const head = git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (!head.ok) throw new GitBaseError(`--since ${ref}: the repository has no commit checked out (HEAD), so there is no change to compare`);
  const base = git(root, ['merge-base', target.out.toString().trim(), 'HEAD']);
  if (!base.ok) {
    throw new GitBaseError(
      `--since ${ref}: ${ref} and HEAD have no commit in common${existsShallow(root) ? ' (this is a shallow clone: fetch the history, e.g. actions/checkout with fetch-depth: 0)' : ''}`,
    );
  }
  const commit = base.out.toString().trim();
  return { ref, commit, files: filesAt(root, commit), changed: changedSince(root, commit) };
}

function existsShallow(root: string): boolean {
  const r = git(root, ['rev-parse', '--is-shallow-repository']);
  return r.ok && r.out.toString().trim() === 'true';
}

interface TreeEntry {
  mode: string;
  type: string;
  id: string;
  file: string;
}

/** panel.yaml, cases/*.md and meetings/*.md at a commit, relative to the data root (which may be a folder of the repository). */
function filesAt(root: string, commit: string): SourceFile[] {
  // Paths are given and printed relative to the data root (git's working directory here).
  const tree = git(root, ['ls-tree', '-r', '-z', commit, '--', POLICY_FILE, 'cases', 'meetings']);
  if (!tree.ok) throw new GitBaseError(`--since: could not list the files of ${commit.slice(0, 12)}: ${firstLine(tree.err)}`);
  const entries: TreeEntry[] = [];
  for (const record of tree.out.toString('utf8').split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, type, id] = record.slice(0, tab).split(' ');
    const file = record.slice(tab + 1).split(path.sep).join('/');
    if (type === 'blob') entries.push({ mode, type, id, file });
  }
  const blobs = readBlobs(root, entries.map((e) => e.id));
  const byFile = new Map(entries.map((e, i) => [e.file, blobs[i]]));
  const files: SourceFile[] = [];
  for (const [i, e] of entries.entries()) {
    let bytes = blobs[i];
    if (e.mode === '120000' && bytes) {
      // A symbolic link stored in git holds its target: follow it when it stays among the data root's files.
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(e.file), bytes.toString('utf8')));
      bytes = byFile.get(target) ?? null;
    }
    if (bytes) files.push({ file: e.file, bytes });
  }
  return files;
}

/** Every blob in one `git cat-file --batch` process. */
function readBlobs(root: string, ids: string[]): (Buffer | null)[] {
  if (!ids.length) return [];
  const r = git(root, ['cat-file', '--batch'], `${ids.join('\n')}\n`);
  if (!r.ok) throw new GitBaseError(`--since: git cat-file failed: ${firstLine(r.err)}`);
  return parseBatch(r.out, ids.length);
}

/** What differs under the data root between the base and the working tree, committed or not, including new files not yet added. */
function changedSince(root: string, commit: string): ChangedFile[] {
  const diff = git(root, ['diff', '--name-status', '-z', '-M', '--relative', '--no-ext-diff', commit, '--', '.']);
  if (!diff.ok) throw new GitBaseError(`--since: git diff failed: ${firstLine(diff.err)}`);
  const changes = parseNameStatus(diff.out.toString('utf8'));
  const untracked = git(root, ['ls-files', '--others', '--exclude-standard', '-z', '--', '.']);
  if (untracked.ok) for (const f of untracked.out.toString('utf8').split('\0')) if (f) changes.push({ status: '?', file: f });
  return changes;
}
