/**
 * The audit trail: who changed which field of which case or meeting file, when, and why, read from git.
 *
 * Cost is fixed, never per file: one `git rev-parse`, one `git log` of the whole history (raw diffs with
 * full blob ids, renames detected), one `git status`, and one `git cat-file --batch` process that streams
 * every blob the trail needs. Blobs are parsed as they arrive and dropped as soon as every change that
 * needs them has been compared, so memory stays flat however long the history.
 *
 * How merges count. Every commit reachable from HEAD that changed a file is in its trail, with its own
 * author, date and message. The "main line" is HEAD's first-parent chain: the direct commits and the merge
 * commits of pull requests. A merge commit is compared with its first parent, so it shows exactly what the
 * pull request brought into the main line, once, dated when it was merged; the commits made on the branch
 * (`mainline: false`) show who made each step, and carry `mergedIn` (the merge commit) and the pull
 * request's number. "Changes since" reads the main line only, so nothing is counted twice.
 *
 * Honest limits, as notes rather than wrong or empty trails: not a git repository; no commits yet; a
 * shallow clone (the oldest commit of the copy shows its files as added); files never committed, or with
 * uncommitted changes. Reading history never throws: the build and the commands carry on without it.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import type { IsoDate } from '../domain/dates.js';
import { diffFrontMatter, type FieldChange } from '../domain/field-changes.js';
import { VersionParser, type ParsedVersion } from './history-parse.js';

export type ChangeKind = 'added' | 'modified' | 'deleted' | 'renamed';

export interface HistoryEntry {
  /** Full commit hash. */
  commit: string;
  author: string;
  /** Author date: the calendar day in the author's time zone. */
  date: IsoDate;
  /** Author date and time, ISO 8601 with offset. */
  time: string;
  subject: string;
  /** The pull request's title: the first line of a GitHub merge commit's message body; else null. */
  title: string | null;
  /** From "Merge pull request #12 from ...", "... (#12)" or "Merged PR 12: ..."; for a branch commit, its merge's. */
  pr: number | null;
  /** A merge commit: compared with its first parent (what it brought into the main line). */
  merge: boolean;
  /** On HEAD's first-parent chain (a direct commit or a merge), as opposed to a commit made on a branch. */
  mainline: boolean;
  /** For a branch commit: the main-line merge commit that brought it in. */
  mergedIn: string | null;
  change: ChangeKind;
  /** The file's path (relative to the data root) after this commit. */
  path: string;
  renamedFrom: string | null;
  /** Front matter changes, in file order; empty for a deletion or when a version could not be read. */
  fields: FieldChange[];
  /** The markdown body changed (for an added file: it has a body). */
  bodyChanged: boolean;
  note: string | null;
}

export interface FileTrail {
  /** Current path relative to the data root, or the last one if the file is deleted. */
  file: string;
  /** Every path the file has had, oldest first. */
  paths: string[];
  deleted: boolean;
  /** Newest first. */
  entries: HistoryEntry[];
  notes: string[];
}

export interface History {
  /** False when there is no git history at all (see notes). */
  available: boolean;
  shallow: boolean;
  head: string | null;
  /** Repository-wide notes: why there is no history, or why it is incomplete. */
  notes: string[];
  trails: FileTrail[];
}

export const NOTE_NOT_A_REPO = 'no git history: not a git repository';
export const NOTE_SHALLOW = 'history incomplete: shallow clone (its oldest commit shows files as added; run `git fetch --unshallow` for the full trail)';
export const NOTE_NO_COMMITS = 'no git history: the repository has no commits yet';
export const NOTE_NEVER_COMMITTED = 'not committed yet: this file has no history';
export const NOTE_UNCOMMITTED = 'uncommitted changes: the file differs from its last commit, where the trail ends';

const unavailable = (note: string): History => ({ available: false, shallow: false, head: null, notes: [note], trails: [] });

/** Case and meeting files as the loader reads them: `cases/*.md`, `meetings/*.md`, no dot files, no README. */
export function isTrackedPath(rel: string): boolean {
  const m = /^(?:cases|meetings)\/([^/]+\.md)$/.exec(rel);
  return !!m && !m[1].startsWith('.') && m[1].toLowerCase() !== 'readme.md';
}

/** The pull request number a commit message names, if any. */
export function prNumber(subject: string): number | null {
  const m = /^Merge pull request #(\d+)\b/.exec(subject) ?? /\(#(\d+)\)\s*$/.exec(subject) ?? /^Merged PR (\d+):/.exec(subject);
  return m ? Number(m[1]) : null;
}

// ---------------------------------------------------------------------------------------------------------
// Running git

const GIT_ENV = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_NO_LAZY_FETCH: '1', GIT_OPTIONAL_LOCKS: '0' };

function runGit(cwd: string, args: string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('git', args, { cwd, env: GIT_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', (e) => resolve({ code: -1, stdout: Buffer.alloc(0), stderr: e.message }));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr: err }));
  });
}

/**
 * Streams blobs from one `git cat-file --batch` process: every id is written at once, the output
 * (`<id> blob <size>\n<bytes>\n`, or `<id> missing\n`) is parsed as it arrives, in request order.
 */
export function readBlobs(cwd: string, ids: string[], onBlob: (id: string, text: string | null) => void): Promise<string | null> {
  if (!ids.length) return Promise.resolve(null);
  return new Promise((resolve) => {
    const child = spawn('git', ['cat-file', '--batch', '--buffer'], { cwd, env: GIT_ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    let buf: Buffer = Buffer.alloc(0);
    let next = 0;
    let want = -1; // bytes of content (plus newline) awaited, or -1 while reading a header
    let err = '';
    let failed: string | null = null;
    child.stdout.on('data', (chunk: Buffer) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      let pos = 0;
      for (;;) {
        if (want < 0) {
          const nl = buf.indexOf(10, pos);
          if (nl < 0) break;
          const header = buf.toString('latin1', pos, nl);
          pos = nl + 1;
          const parts = header.split(' ');
          if (parts[1] === 'missing' || parts.length < 3) onBlob(ids[next++], null);
          else want = Number(parts[2]);
          continue;
        }
        if (buf.length - pos < want + 1) break;
        onBlob(ids[next++], buf.toString('utf8', pos, pos + want));
        pos += want + 1;
        want = -1;
      }
      buf = buf.subarray(pos);
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdin.on('error', () => {}); // reported through the exit code
    child.on('error', (e) => (failed = e.message));
    child.on('close', (code) => resolve(failed ?? (code === 0 && next === ids.length ? null : `git cat-file failed: ${err.trim() || `exit ${code}`}`)));
    child.stdin.end(ids.join('\n') + '\n');
  });
}

// ---------------------------------------------------------------------------------------------------------
// Parsing the log

interface RawChange {
  status: string;
  oldBlob: string;
  newBlob: string;
  /** Repository-relative paths. */
  from: string;
  to: string;
}

interface Commit {
  hash: string;
  parents: string[];
  author: string;
  time: string;
  subject: string;
  body: string;
  changes: RawChange[];
}

const LOG_FORMAT = '%x01%H%x00%P%x00%aN%x00%aI%x00%s%x00%b%x00';

/** Parses `git log -z --raw --format=LOG_FORMAT`, keeping the changes `keep` accepts (by repository path). */
export function parseLog(out: string, keep: (repoPath: string) => boolean): Commit[] {
  const tokens = out.split('\0');
  const commits: Commit[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i].replace(/^\n+/, '');
    if (token.startsWith('\x01')) {
      commits.push({
        hash: token.slice(1),
        parents: tokens[i + 1] ? tokens[i + 1].split(' ') : [],
        author: tokens[i + 2],
        time: tokens[i + 3],
        subject: tokens[i + 4],
        body: tokens[i + 5],
        changes: [],
      });
      i += 6;
      continue;
    }
    if (token.startsWith(':')) {
      // :<old mode> <new mode> <old blob> <new blob> <status>[score], then one path, or two for R and C.
      const [, , oldBlob, newBlob, status] = token.split(' ');
      const kind = status[0];
      const two = kind === 'R' || kind === 'C';
      const from = tokens[i + 1];
      const to = two ? tokens[i + 2] : from;
      i += two ? 3 : 2;
      if (keep(from) || keep(to)) commits.at(-1)?.changes.push({ status: kind, oldBlob, newBlob, from, to });
      continue;
    }
    i++;
  }
  return commits;
}

const ZERO = /^0+$/;

// ---------------------------------------------------------------------------------------------------------
// Building the trails

interface Job {
  entry: HistoryEntry;
  oldBlob: string | null;
  newBlob: string | null;
  /** Compare the new version with the old one (modified, renamed) or with nothing (added). */
  compare: boolean;
}

function firstLine(text: string): string | null {
  const line = text.split('\n').find((l) => l.trim());
  return line ? line.trim() : null;
}

/** Reads the history of `cases/` and `meetings/` under `root`. Never throws: problems become notes. */
export async function readHistory(root: string): Promise<History> {
  try {
    return await read(path.resolve(root));
  } catch (err) {
    return unavailable(`no git history: ${(err as Error).message.split('\n')[0]}`);
  }
}

async function read(root: string): Promise<History> {
  if (!existsSync(root)) return unavailable(`no git history: ${root} does not exist`);
  const git = simpleGit({ baseDir: root, maxConcurrentProcesses: 2 });
  let shallow: boolean;
  let prefix: string;
  let head: string;
  try {
    const lines = (await git.raw(['rev-parse', '--is-shallow-repository', '--show-prefix', 'HEAD'])).split('\n');
    shallow = lines[0].trim() === 'true';
    prefix = lines[1].trim();
    head = lines[2].trim();
  } catch (err) {
    const message = (err as Error).message;
    if (/not a git repository/i.test(message)) return unavailable(NOTE_NOT_A_REPO);
    if (/ambiguous argument 'HEAD'|unknown revision/i.test(message)) return unavailable(NOTE_NO_COMMITS);
    if (/ENOENT|spawn git/i.test(message)) return unavailable('no git history: git is not installed');
    return unavailable(`no git history: ${message.trim().split('\n')[0]}`);
  }

  const toRel = (repoPath: string) => (repoPath.startsWith(prefix) ? repoPath.slice(prefix.length) : null);
  const inScope = (repoPath: string) => {
    const rel = toRel(repoPath);
    return rel !== null && isTrackedPath(rel);
  };

  const log = await runGit(root, [
    'log', '-z', '--raw', '--no-abbrev', '-M', '--root', '--diff-merges=first-parent', '--date-order',
    '--no-color', '--no-ext-diff', '--no-textconv', `--format=${LOG_FORMAT}`, head, '--',
  ]);
  if (log.code !== 0) {
    return unavailable(`no git history: git log failed (${log.stderr.trim().split('\n')[0]}${/diff-merges/.test(log.stderr) ? '; git 2.31 or later is needed' : ''})`);
  }
  const commits = parseLog(log.stdout.toString('utf8'), inScope);
  const notes: string[] = [];
  if (shallow) notes.push(NOTE_SHALLOW);

  // The main line and, for every branch commit, the main-line merge that brought it in: each merge, oldest
  // first, claims the commits reachable from its other parents that no earlier merge claimed.
  const byHash = new Map(commits.map((c) => [c.hash, c]));
  const mainline: string[] = [];
  const onMainline = new Set<string>();
  for (let c = byHash.get(head); c && !onMainline.has(c.hash); c = byHash.get(c.parents[0])) {
    mainline.push(c.hash);
    onMainline.add(c.hash);
  }
  const mergedIn = new Map<string, string>();
  for (let k = mainline.length - 1; k >= 0; k--) {
    const merge = byHash.get(mainline[k])!;
    const stack = merge.parents.slice(1);
    while (stack.length) {
      const h = stack.pop()!;
      if (onMainline.has(h) || mergedIn.has(h) || !byHash.has(h)) continue;
      mergedIn.set(h, merge.hash);
      stack.push(...byHash.get(h)!.parents);
    }
  }

  // Oldest first, so each change finds the trail its file already has. A path keeps pointing at its trail
  // after a rename (a branch may still change the old path), but a file added later at a path that was
  // renamed away is a new file.
  const trails: (FileTrail & { chronological: HistoryEntry[] })[] = [];
  const atPath = new Map<string, { trail: number; renamedAway: boolean }>();
  const jobs: { trail: number; job: Job }[] = [];
  const newTrail = (file: string) => trails.push({ file, paths: [file], deleted: false, entries: [], notes: [], chronological: [] }) - 1;
  const follow = (file: string, t: number) => {
    atPath.set(file, { trail: t, renamedAway: false });
    const trail = trails[t];
    trail.file = file;
    if (trail.paths.at(-1) !== file) trail.paths.push(file);
  };

  for (let k = commits.length - 1; k >= 0; k--) {
    const c = commits[k];
    const isMainline = onMainline.has(c.hash);
    // A merge made on a branch (main merged into a feature branch to catch up) only repeats changes that
    // their own commits already show; the main-line merge of the branch shows the net result.
    if (!c.changes.length || (!isMainline && c.parents.length > 1)) continue;
    const via = isMainline ? null : mergedIn.get(c.hash) ?? null;
    const pr = prNumber(c.subject) ?? (via ? prNumber(byHash.get(via)!.subject) : null);
    for (const raw of c.changes) {
      const fromRel = toRel(raw.from);
      const toRelPath = toRel(raw.to);
      const fromIn = inScope(raw.from);
      const toIn = inScope(raw.to);
      let change: ChangeKind;
      let file: string;
      let renamedFrom: string | null = null;
      let note: string | null = null;
      let t: number;
      let compare = true;
      let oldBlob: string | null = ZERO.test(raw.oldBlob) ? null : raw.oldBlob;
      let newBlob: string | null = ZERO.test(raw.newBlob) ? null : raw.newBlob;

      if (raw.status === 'R' && fromIn && toIn) {
        change = 'renamed';
        file = toRelPath!;
        renamedFrom = fromRel!;
        const known = atPath.get(renamedFrom) ?? atPath.get(file);
        t = known ? known.trail : newTrail(file);
        follow(file, t);
        atPath.set(renamedFrom, { trail: t, renamedAway: true });
      } else if (raw.status === 'R' && toIn) {
        change = 'added';
        file = toRelPath!;
        note = `moved here from ${raw.from}`;
        oldBlob = null;
        const known = atPath.get(file);
        t = known && !known.renamedAway ? known.trail : newTrail(file);
        follow(file, t);
      } else if (raw.status === 'R') {
        change = 'deleted';
        file = fromRel!;
        note = `moved to ${raw.to} (outside cases/ and meetings/)`;
        const known = atPath.get(file);
        t = known ? known.trail : newTrail(file);
        newBlob = null;
      } else {
        file = toRelPath!;
        const known = atPath.get(file);
        if (raw.status === 'A') {
          change = 'added';
          t = known && !known.renamedAway ? known.trail : newTrail(file);
          follow(file, t);
        } else if (raw.status === 'D') {
          change = 'deleted';
          t = known ? known.trail : newTrail(file);
          newBlob = null;
        } else {
          change = 'modified';
          t = known ? known.trail : newTrail(file);
          if (!known) follow(file, t);
        }
      }
      if (change === 'added') oldBlob = null;
      if (change === 'deleted') compare = false;

      const entry: HistoryEntry = {
        commit: c.hash,
        author: c.author,
        date: c.time.slice(0, 10),
        time: c.time,
        subject: c.subject,
        title: c.parents.length > 1 && /^Merge pull request #/.test(c.subject) ? firstLine(c.body) : null,
        pr,
        merge: c.parents.length > 1,
        mainline: isMainline,
        mergedIn: via,
        change,
        path: file,
        renamedFrom,
        fields: [],
        bodyChanged: false,
        note,
      };
      const previous = trails[t].chronological.at(-1);
      if (change === 'added' && previous?.change === 'deleted') {
        entry.note = `added back: deleted on ${previous.date} in ${previous.commit.slice(0, 12)}`;
      }
      if (shallow && !c.parents.length && change === 'added') {
        entry.note = 'first seen in this shallow clone: the file may be older';
      }
      trails[t].chronological.push(entry);
      // A pure rename or a mode change has nothing to compare: no blob is read for it.
      if (compare && !(oldBlob && oldBlob === newBlob)) jobs.push({ trail: t, job: { entry, oldBlob, newBlob, compare } });
    }
  }

  // Deleted: the last main-line change deleted it (branch deletions that were never merged do not count).
  for (const trail of trails) {
    const lastMainline = [...trail.chronological].reverse().find((e) => e.mainline);
    trail.deleted = lastMainline?.change === 'deleted';
    if (lastMainline) trail.file = lastMainline.path;
    if (shallow && trail.chronological[0]?.note?.startsWith('first seen in this shallow clone')) trail.notes.push(NOTE_SHALLOW);
  }

  // Trail by trail, so each version meets the next one soon after it is read and can be dropped.
  jobs.sort((a, b) => a.trail - b.trail);
  const blobError = await readTrailBlobs(root, jobs.map((j) => j.job));
  if (blobError) notes.push(`field changes incomplete: ${blobError}`);

  await addWorkingTreeNotes(git, prefix, trails, newTrail);

  const out: FileTrail[] = trails.map(({ chronological, ...trail }) => ({ ...trail, entries: chronological.reverse() }));
  return { available: true, shallow, head, notes, trails: out };
}

/**
 * Reads every blob the jobs need through one cat-file process, in trail order so that a version is
 * compared with the next one soon after it arrives, and each parsed version is dropped once no job needs it.
 */
async function readTrailBlobs(root: string, jobs: Job[]): Promise<string | null> {
  const order = new Map<string, number>();
  const ids: string[] = [];
  const refs = new Map<string, number>();
  const request = (id: string | null) => {
    if (!id) return;
    if (!order.has(id)) {
      order.set(id, ids.length);
      ids.push(id);
    }
    refs.set(id, (refs.get(id) ?? 0) + 1);
  };
  const waiting = new Map<string, Job[]>();
  for (const job of jobs) {
    request(job.oldBlob);
    request(job.newBlob);
    const last = [job.oldBlob, job.newBlob].filter((b): b is string => !!b).sort((a, b) => order.get(b)! - order.get(a)!)[0];
    if (last) (waiting.get(last) ?? waiting.set(last, []).get(last)!).push(job);
  }

  const parser = new VersionParser();
  const versions = new Map<string, ParsedVersion>();
  const release = (id: string | null) => {
    if (!id) return;
    const n = refs.get(id)! - 1;
    if (n <= 0) {
      refs.delete(id);
      versions.delete(id);
    } else refs.set(id, n);
  };
  const error = await readBlobs(root, ids, (id, text) => {
    versions.set(id, text === null ? { data: undefined, body: '', problem: 'this version is not in this copy of the repository' } : parser.parse(text));
    for (const job of waiting.get(id) ?? []) {
      compareVersions(job, job.oldBlob ? versions.get(job.oldBlob)! : null, job.newBlob ? versions.get(job.newBlob)! : null);
      release(job.oldBlob);
      release(job.newBlob);
    }
    waiting.delete(id);
  });
  for (const list of waiting.values()) for (const job of list) job.entry.note ??= 'the file could not be read from git: field changes not shown';
  return error;
}

function compareVersions(job: Job, before: ParsedVersion | null, after: ParsedVersion | null): void {
  const { entry } = job;
  if (!after) return;
  const unreadable = after.problem ?? before?.problem;
  if (unreadable) {
    entry.note = `${entry.note ? `${entry.note}; ` : ''}front matter not readable at ${after.problem ? 'this' : 'the previous'} version (${unreadable}): field changes not shown`;
    entry.bodyChanged = before ? before.body !== after.body : after.body.trim() !== '';
    return;
  }
  entry.fields = diffFrontMatter(before?.data, after.data);
  entry.bodyChanged = before ? before.body !== after.body : after.body.trim() !== '';
}

/** Notes for files whose working copy differs from the last commit (one `git status` for the folders). */
async function addWorkingTreeNotes(
  git: ReturnType<typeof simpleGit>,
  prefix: string,
  trails: (FileTrail & { chronological: HistoryEntry[] })[],
  newTrail: (file: string) => number,
): Promise<void> {
  let out: string;
  try {
    out = await git.raw(['--no-optional-locks', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--', 'cases', 'meetings']);
  } catch {
    return;
  }
  const byFile = new Map<string, FileTrail>();
  for (const t of trails) if (!t.deleted || !byFile.has(t.file)) byFile.set(t.file, t);
  const tokens = out.split('\0');
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.length < 4) continue;
    const xy = token.slice(0, 2);
    const repoPath = token.slice(3);
    if (xy.includes('R') || xy.includes('C')) i++; // the path it was renamed or copied from follows
    if (!repoPath.startsWith(prefix) || !isTrackedPath(repoPath.slice(prefix.length))) continue;
    const rel = repoPath.slice(prefix.length);
    const trail = byFile.get(rel);
    const isNew = xy === '??' || /[ARC]/.test(xy[0]);
    if (isNew && (!trail || trail.deleted)) {
      if (trail) trail.notes.push('a new file at this path is not committed yet; this trail is of the deleted file that had the path');
      else trails[newTrail(rel)].notes.push(NOTE_NEVER_COMMITTED);
    } else if (trail) {
      trail.notes.push(xy.includes('D') ? 'deleted in the working copy, not yet committed' : NOTE_UNCOMMITTED);
    }
  }
}

/**
 * The trail of a file (path relative to the data root): the file now at that path, else the last file
 * that had it (deleted or renamed away).
 */
export function trailOf(history: History, file: string): FileTrail | undefined {
  let fallback: FileTrail | undefined;
  for (const t of history.trails) {
    if (t.file === file && !t.deleted) return t;
    if (t.file === file || t.paths.includes(file)) fallback = t;
  }
  return fallback;
}

/** One main-line change to a file since a date: what `panel changes` and the changes page list. */
export interface ChangeSince {
  file: string;
  entry: HistoryEntry;
  /** The branch commits the merge brought in for this file (empty for a direct commit). */
  commits: HistoryEntry[];
}

/** Every main-line change dated on or after `since`, newest first, then by file. */
export function changesSince(history: History, since: IsoDate): ChangeSince[] {
  const out: ChangeSince[] = [];
  for (const trail of history.trails) {
    for (const entry of trail.entries) {
      if (!entry.mainline || entry.date < since) continue;
      const commits = entry.merge ? trail.entries.filter((e) => e.mergedIn === entry.commit) : [];
      out.push({ file: trail.file, entry, commits });
    }
  }
  return out.sort((a, b) => Date.parse(b.entry.time) - Date.parse(a.entry.time) || a.file.localeCompare(b.file));
}

/**
 * The date of the last panel meeting before `today`: the latest `meetings/<YYYY-MM-DD>.md` name earlier
 * than it (the file names, so an invalid meeting file still counts as a meeting held), or null.
 */
export function lastMeetingBefore(meetingFiles: readonly string[], today: IsoDate): IsoDate | null {
  let last: IsoDate | null = null;
  for (const file of meetingFiles) {
    const date = /^meetings\/(\d{4}-\d{2}-\d{2})\.md$/.exec(file)?.[1];
    if (date && date < today && (!last || date > last)) last = date;
  }
  return last;
}
