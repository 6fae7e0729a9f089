/**
 * The audit trail: who changed which field of which case or meeting file, when, and why, read from git.
 *
 * Cost is fixed, never per file: one `git rev-parse`, one `git log` of the whole history (raw diffs with
 * full blob ids, renames detected), one `git cat-file --batch` process fed while the log streams (see
 * history-git.ts), and one `git status`; with the cache, one `git config` (the .mailmap settings); reading
 * a few files, a second `git cat-file` for paths their trails hold that no rename led to. git log's
 * output does not depend on the user's settings (--no-relative, --no-show-signature, --encoding=UTF-8).
 * Memory stays bounded however long the history.
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
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import { isIsoDate, type IsoDate } from '../domain/dates.js';
import type { FieldChange } from '../domain/field-changes.js';
import { CACHE_VERSION, readHistoryCache, writeHistoryCache } from './history-cache.js';
import { BlobReader, Comparer, gitLines, isAncestor, LogParser, LOG_FORMAT, pairKey, streamGit, versionMissing, type Commit, type Comparison, type Pending, type RawChange } from './history-git.js';
import { WorkerComparer, workerAvailable } from './history-worker.js';

export type ChangeKind = 'added' | 'modified' | 'deleted' | 'renamed';

export interface HistoryEntry {
  /** Full commit hash. */
  commit: string;
  author: string;
  /** Author date: the calendar day in the author's time zone. */
  date: IsoDate;
  /** Author date and time, ISO 8601 with offset. */
  time: string;
  /**
   * Commit date and time, the same way: when the change was committed, which for a commit rebased onto
   * the main line ("rebase and merge") is when it was merged, later than `time`.
   */
  committed: string;
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
/** The note of a file's change in the oldest commit of a shallow clone: its versions there, not a change. */
export const NOTE_FIRST_SEEN = 'first seen in this shallow clone: the file may be older';

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

const ZERO = /^0+$/;
/** git's id of no blob (all zeros), asked as cheaply as the log's tens of thousands of ids need. */
const isZero = (id: string) => id.charCodeAt(0) === 48 && ZERO.test(id);

/**
 * The two versions a change compares, by blob id (`before` null: compared with an empty file), or null
 * when there is nothing to compare: a deletion, a move out of the folders, a pure rename, a mode change.
 */
function versionsOf(change: RawChange, fromIn: boolean, toIn: boolean): { before: string | null; after: string } | null {
  const after = isZero(change.newBlob) ? null : change.newBlob;
  if (!after || change.status === 'D' || !toIn) return null;
  const before = change.status === 'A' || (change.status === 'R' && !fromIn) || isZero(change.oldBlob) ? null : change.oldBlob;
  return before === after ? null : { before, after };
}

const NOTE_AUTHOR_DATE = 'the author date could not be read from git: the commit date is shown';
const NOTE_NO_DATE = 'the dates of this commit could not be read from git';
/** The date given to a change whose commit has no date git can print: before every other, never "since" a meeting. */
const UNKNOWN_DATE = '0001-01-01';
/** An ISO 8601 date and time with a four-digit year, as git prints a date it can read. */
const readableTime = (t: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/.test(t) && !Number.isNaN(Date.parse(t));

function firstLine(text: string): string | null {
  const line = text.split('\n').find((l) => l.trim());
  return line ? line.trim() : null;
}

/** Reads the history of `cases/` and `meetings/` under `root`. Never throws: problems become notes. */
export interface HistoryOptions {
  /**
   * Only these files (paths relative to the data root, e.g. `cases/C-1001.md`): the log is read whole
   * (renames are followed), but only their versions are read and compared, and only their trails returned.
   */
  files?: string[];
  /**
   * Use and keep the cache in `<root>/.panel-cache/history/` (default true): the result is the same
   * either way (tests/data/history-cache.test.ts), only faster after the first read.
   */
  cache?: boolean;
  /**
   * Where versions are read and compared (history-worker.ts): `auto` (the default) in a worker thread
   * for a full read of a history of WORKER_COMMITS commits or more on a machine with processors to spare
   * (see longHistory), so a long history is parsed beside the log, else in this thread; `thread` always in this thread; `worker` in the worker from the first comparison (and a note
   * says so if it could not be); a number: that many in this thread, the rest in the worker. The result is
   * the same (tests/data/history-worker.test.ts).
   */
  compareIn?: CompareIn;
}

/**
 * A full read of a history this long (commits reachable from HEAD, counted by one `git rev-list --count`)
 * compares in the worker from the start. Starting the worker costs about 0.1 to 0.3 s of CPU (it loads its
 * own copy of the code), repaid only by a long history, and only when a second processor is free.
 */
export const WORKER_COMMITS = 2000;

type CompareIn = 'auto' | 'thread' | 'worker' | number;

/** PANEL_HISTORY_COMPARE=thread|worker chooses for the commands too (how the tests run the compiled command both ways). */
function compareInFromEnv(): CompareIn {
  const v = process.env.PANEL_HISTORY_COMPARE;
  return v === 'thread' || v === 'worker' ? v : 'auto';
}

export async function readHistory(root: string, options: HistoryOptions = {}): Promise<History> {
  try {
    return await read(path.resolve(root), options.files ? new Set(options.files) : null, options.cache !== false, options.compareIn ?? compareInFromEnv());
  } catch (err) {
    return unavailable(`no git history: ${(err as Error).message.split('\n')[0]}`);
  }
}

async function read(root: string, only: Set<string> | null, useCache: boolean, compareIn: CompareIn): Promise<History> {
  if (!existsSync(root)) return unavailable(`no git history: ${root} does not exist`);
  const git = simpleGit({ baseDir: root, maxConcurrentProcesses: 2 });
  let shallow: boolean;
  let prefix: string;
  let head: string;
  let toplevel: string;
  try {
    const lines = (await git.raw(['rev-parse', '--is-shallow-repository', '--show-prefix', 'HEAD', '--show-toplevel'])).split('\n');
    shallow = lines[0].trim() === 'true';
    prefix = lines[1].trim();
    head = lines[2].trim();
    toplevel = lines[3].trim();
  } catch (err) {
    const message = (err as Error).message;
    if (/not a git repository/i.test(message)) return unavailable(NOTE_NOT_A_REPO);
    if (/ambiguous argument 'HEAD'|unknown revision/i.test(message)) return unavailable(NOTE_NO_COMMITS);
    if (/ENOENT|spawn git/i.test(message)) return unavailable('no git history: git is not installed');
    return unavailable(`no git history: ${message.trim().split('\n')[0]}`);
  }

  const status = workingTreeStatus(git);

  // Asked for each change of each commit: answered once a path, the same string each time (so the maps
  // that take it as a key hash it once).
  const rels = new Map<string, string | null>();
  const toRel = (repoPath: string) => {
    let rel = rels.get(repoPath);
    if (rel === undefined) rels.set(repoPath, (rel = repoPath.startsWith(prefix) ? repoPath.slice(prefix.length) : null));
    return rel;
  };
  // Asked several times for each of tens of thousands of changes, of a few thousand paths: answered once each.
  const scope = new Map<string, boolean>();
  const inScope = (repoPath: string) => {
    let yes = scope.get(repoPath);
    if (yes === undefined) {
      const rel = toRel(repoPath);
      yes = rel !== null && isTrackedPath(rel);
      scope.set(repoPath, yes);
    }
    return yes;
  };

  // A cache keyed by commit (history-cache.ts): comparisons already made are never made again, and when
  // HEAD descends from the cached head only the commits after it are read from git. Not for a shallow
  // clone, whose oldest commits change as it deepens.
  const cache = useCache && !shallow ? readHistoryCache(root, prefix) : null;
  const known = cache?.results ?? new Map<string, Comparison>();
  // The log's author names are mapped by .mailmap: a cached log is of use only with the same mapping.
  const mailmap = useCache && !shallow ? await mailmapOf(root, toplevel) : '';
  const base = cache && cache.mailmap === mailmap && (cache.head === head || (await isAncestor(root, cache.head, head))) ? cache : null;

  const comparer = new Comparer();
  const reader = new BlobReader(root, (id, text) => comparer.receive(id, text));
  comparer.reader = reader;
  // A full read of a long history compares in a worker thread; a read of a few files, or of the commits
  // after the cache's, stays in this thread.
  let workerAfter = compareIn === 'thread' || only || base ? Infinity : compareIn === 'worker' ? 0 : compareIn === 'auto' ? await longHistory(root, head) : compareIn;
  let worker = null as WorkerComparer | null;
  let notWorker: string | null = null;
  if (workerAfter < Infinity && !workerAvailable()) {
    workerAfter = Infinity;
    notWorker = 'the worker is not part of this build';
  }
  let inThread = 0;
  /** The comparisons made in this thread, by the change that asked for each (the worker's come back by key). */
  const pending = new Map<RawChange, Pending>();
  const compare = (change: RawChange, before: string | null, after: string) => {
    if (inThread < workerAfter) {
      inThread++;
      pending.set(change, comparer.want(before, after, change.from));
      return;
    }
    try {
      worker ??= new WorkerComparer(root);
    } catch (err) {
      workerAfter = Infinity; // the worker did not start: everything in this thread
      notWorker = (err as Error).message;
      pending.set(change, comparer.want(before, after, change.from));
      return;
    }
    worker.want(before, after, change.from);
  };
  // Newest first: a file renamed to a wanted path brings its older path into the set.
  /** With `only`: the changes to paths not (yet) wanted, in log order. */
  const notWanted: RawChange[] = [];
  const wantChange = (change: RawChange) => {
    if (only) {
      if (!only.has(toRel(change.to) ?? '')) {
        notWanted.push(change);
        return;
      }
      if (change.from !== change.to && toRel(change.from)) only.add(toRel(change.from)!);
    }
    const pair = versionsOf(change, inScope(change.from), inScope(change.to));
    if (pair && !(known.size && known.has(pairKey(pair.before, pair.after)))) compare(change, pair.before, pair.after);
  };
  // A branch commit dated after the rename changes the old path before the log reaches the rename (the
  // log is newest first by date): once the whole log is read, the changes to paths wanted since are
  // compared too, until no more paths are wanted.
  const wantLate = () => {
    for (let n = -1; only && n !== only.size; ) {
      n = only.size;
      const waiting = notWanted.splice(0);
      for (const change of waiting) wantChange(change);
    }
  };
  const logArgs = ['log', '-z', '--raw', '--no-abbrev', '--no-relative', '--no-show-signature', '--encoding=UTF-8', '-M', '--root', '--diff-merges=first-parent', '--date-order', '--no-color', '--no-ext-diff', '--no-textconv', `--format=${LOG_FORMAT}`];

  let commits: Commit[];
  let blobsRead: Promise<string | null>;
  if (!base) {
    // The log streams; each change's two versions are asked of cat-file as soon as the log names them.
    const parser = new LogParser(inScope, (_commit, change) => wantChange(change));
    const log = await streamGit(root, [...logArgs, head, '--'], (text) => {
      parser.push(text);
      reader.flush();
      worker?.flush();
    });
    wantLate();
    blobsRead = endComparisons(root, reader, worker);
    if (log.code !== 0) {
      await blobsRead;
      return unavailable(`no git history: git log failed (${log.stderr.trim().split('\n')[0]}${/diff-merges/.test(log.stderr) ? '; git 2.31 or later is needed' : ''})`);
    }
    commits = parser.end();
  } else {
    // Only the commits after the cached head, then the whole in the order a full log gives.
    let ordered: Commit[] | null = base.commits;
    if (base.head !== head) {
      const parser = new LogParser(inScope);
      const log = await streamGit(root, [...logArgs, head, `^${base.head}`, '--'], (text) => parser.push(text));
      const order = log.code === 0 ? await gitLines(root, ['rev-list', '--date-order', head, '--']) : null;
      const byHash = new Map(base.commits.map((c) => [c.hash, c]));
      for (const c of log.code === 0 ? parser.end() : []) byHash.set(c.hash, c);
      ordered = order?.map((h) => byHash.get(h)!) ?? null;
      if (!ordered || ordered.length !== byHash.size || ordered.some((c) => !c)) {
        // Not what the cache promised (never expected): read everything, as without a cache.
        reader.end();
        return read(root, only, false, compareIn);
      }
    }
    commits = ordered;
    for (const c of commits) for (const change of c.changes) wantChange(change);
    wantLate();
    blobsRead = reader.end();
  }
  const notes: string[] = [];
  if (shallow) notes.push(NOTE_SHALLOW);
  const said = () => {
    // Only when the worker was asked for by name (PANEL_HISTORY_COMPARE=worker, the tests): the trail is the same.
    notWorker ??= worker?.failed ?? null;
    if (compareIn === 'worker' && notWorker) notes.push(`versions compared in the main thread: ${notWorker}`);
  };

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
  const trails: Trail[] = [];
  const atPath = new Map<string, { trail: number; renamedAway: boolean }>();
  /** Each entry whose versions were compared, then its change. */
  const compared: (HistoryEntry | RawChange)[] = [];
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
    // What every entry of the commit shares. A date git cannot print (before 1970, after 9999: made by an
    // import, never by git commit) is "%aI" itself: the commit date is taken instead, and the note says so.
    const time = readableTime(c.time) ? c.time : readableTime(c.committed) ? c.committed : null;
    const date = time ? time.slice(0, 10) : UNKNOWN_DATE;
    const dateNote = time === c.time ? null : time ? NOTE_AUTHOR_DATE : NOTE_NO_DATE;
    const merge = c.parents.length > 1;
    const title = merge && /^Merge pull request #/.test(c.subject) ? firstLine(c.body) : null;
    for (const raw of c.changes) {
      const fromIn = inScope(raw.from);
      const toIn = inScope(raw.to);
      let change: ChangeKind;
      let file: string;
      let renamedFrom: string | null = null;
      let note: string | null = null;
      let t: number;

      if (raw.status === 'R' && fromIn && toIn) {
        change = 'renamed';
        file = toRel(raw.to)!;
        renamedFrom = toRel(raw.from)!;
        const k2 = atPath.get(renamedFrom) ?? atPath.get(file);
        t = k2 ? k2.trail : newTrail(file);
        follow(file, t);
        atPath.set(renamedFrom, { trail: t, renamedAway: true });
      } else if (raw.status === 'R' && toIn) {
        change = 'added';
        file = toRel(raw.to)!;
        note = `moved here from ${raw.from}`;
        const k2 = atPath.get(file);
        t = k2 && !k2.renamedAway ? k2.trail : newTrail(file);
        follow(file, t);
      } else if (raw.status === 'R') {
        change = 'deleted';
        file = toRel(raw.from)!;
        note = `moved to ${raw.to} (outside cases/ and meetings/)`;
        t = atPath.get(file)?.trail ?? newTrail(file);
      } else {
        file = toRel(raw.to)!;
        const k2 = atPath.get(file);
        if (raw.status === 'A') {
          change = 'added';
          t = k2 && !k2.renamedAway ? k2.trail : newTrail(file);
          follow(file, t);
        } else if (raw.status === 'D') {
          change = 'deleted';
          t = k2 ? k2.trail : newTrail(file);
        } else {
          change = 'modified';
          t = k2 ? k2.trail : newTrail(file);
          if (!k2) follow(file, t);
        }
      }

      const entry: HistoryEntry = {
        commit: c.hash,
        author: c.author,
        date,
        time: time ?? c.time,
        committed: readableTime(c.committed) ? c.committed : time ?? c.time,
        subject: c.subject,
        title,
        pr,
        merge,
        mainline: isMainline,
        mergedIn: via,
        change,
        path: file,
        renamedFrom,
        fields: [],
        bodyChanged: false,
        note,
      };
      const chronological = trails[t].chronological;
      const previous = chronological[chronological.length - 1];
      if (change === 'added' && previous?.change === 'deleted') {
        const back = `added back: deleted on ${previous.date} in ${previous.commit.slice(0, 12)}`;
        entry.note = entry.note ? `${entry.note}; ${back}` : back;
      }
      if (shallow && !c.parents.length && change === 'added') {
        entry.note = NOTE_FIRST_SEEN;
      }
      if (dateNote) entry.note = entry.note ? `${entry.note}; ${dateNote}` : dateNote;
      chronological.push(entry);
      const pair = versionsOf(raw, fromIn, toIn);
      if (versionsOf(raw, fromIn, toIn)) compared.push(entry, raw);
    }
  }

  // Deleted: the last main-line change deleted it (branch deletions that were never merged do not count).
  for (const trail of trails) {
    let lastMainline: HistoryEntry | undefined;
    for (let k = trail.chronological.length - 1; k >= 0 && !lastMainline; k--) if (trail.chronological[k].mainline) lastMainline = trail.chronological[k];
    trail.deleted = lastMainline?.change === 'deleted';
    if (lastMainline) trail.file = lastMainline.path;
    if (shallow && trail.chronological[0]?.note === NOTE_FIRST_SEEN) trail.notes.push(NOTE_SHALLOW);
  }

  // The working copy's notes (a file renamed and not yet committed keeps its trail under its new name too).
  addWorkingTreeNotes(await status, prefix, trails, newTrail);

  const blobError = await blobsRead;
  if (blobError) notes.push(`field changes incomplete: ${blobError}`);
  said();
  // The comparisons the cache keeps: those of this history (not the ones of commits no longer in it).
  const keep = useCache && !shallow;
  const results = new Map<string, Comparison>();
  // A change that asked for nothing (known from the cache, or outside the files asked for when it was
  // read) takes the comparison of the same two versions, made for another change, by key.
  let byKey: Map<string, Comparison> | null = null;
  const madeFor = (key: string) => {
    if (!byKey) {
      byKey = new Map();
      for (const [change, p] of pending) {
        const pair = versionsOf(change, inScope(change.from), inScope(change.to));
        if (pair && p.result) byKey.set(pairKey(pair.before, pair.after), p.result);
      }
    }
    return byKey.get(key);
  };
  // With `only`: the entries of the trails returned. A trail can hold a path that no rename into the files
  // asked for leads to (a branch that renamed the file otherwise): its changes are compared once the trails
  // are known.
  const returned = only && new Set(trails.filter((t) => t.paths.some((p) => only.has(p))).flatMap((t) => t.chronological));
  const late: [HistoryEntry, { before: string | null; after: string }][] = [];
  const apply = (entry: HistoryEntry, result: Comparison | undefined) => {
    if (!result) {
      entry.note ??= 'the file could not be read from git: field changes not shown';
      return;
    }
    entry.fields = result.fields;
    entry.bodyChanged = result.bodyChanged;
    if (result.unreadable) entry.note = entry.note ? `${entry.note}; ${result.unreadable}` : result.unreadable;
  };
  for (let k = 0; k < compared.length; k += 2) {
    const entry = compared[k] as HistoryEntry;
    const raw = compared[k + 1] as RawChange;
    let result = pending.get(raw)?.result;
    let key: string | null = null;
    let pair: { before: string | null; after: string } | null = null;
    if (!result || keep) {
      pair = versionsOf(raw, inScope(raw.from), inScope(raw.to))!;
      key = pairKey(pair.before, pair.after);
    }
    if (!result) result = worker?.results.get(key!) ?? known.get(key!) ?? madeFor(key!);
    if (result && keep && !versionMissing(result)) results.set(key!, result);
    if (!result && returned?.has(entry) && !blobError) late.push([entry, pair!]);
    else apply(entry, result);
  }
  if (late.length) {
    const made = new Map<string, Comparison>();
    const again = new Comparer((key, result) => made.set(key, result));
    again.reader = new BlobReader(root, (id, bytes) => again.receive(id, bytes));
    for (const [, pair] of late) again.want(pair.before, pair.after);
    const error = await again.reader.end();
    if (error) notes.push(`field changes incomplete: ${error}`);
    for (const [entry, pair] of late) {
      const key = pairKey(pair.before, pair.after);
      const result = made.get(key);
      if (result && keep && !versionMissing(result)) results.set(key, result);
      apply(entry, result);
    }
  }

  if (keep && (base?.head !== head || comparer.made || worker?.results.size || late.length)) writeHistoryCache(root, { version: CACHE_VERSION, prefix, head, mailmap, commits, results });

  const out: FileTrail[] = trails
    .filter((t) => !only || t.paths.some((p) => only.has(p)))
    .map(({ chronological, ...trail }) => ({ ...trail, entries: chronological.reverse() }));
  return { available: true, shallow, head, notes, trails: out };
}

type Trail = FileTrail & { chronological: HistoryEntry[] };

/**
 * 0 (the worker from the first comparison) for a history of WORKER_COMMITS commits or more when processors
 * are free for it, else Infinity. The log, cat-file and this thread already keep two processors busy; on
 * this project's 2-processor machine, under load, the worker made the read slower (bench-history.ts prints
 * both), so it is used from 4 processors with at least 2 idle by the load average.
 */
async function longHistory(root: string, head: string): Promise<number> {
  const cpus = availableParallelism();
  if (cpus < 4 || loadavg()[0] > cpus - 2) return Infinity;
  const count = await gitLines(root, ['rev-list', '--count', head, '--']);
  return Number(count?.[0]) >= WORKER_COMMITS ? 0 : Infinity;
}

/**
 * What maps authors' names in this repository (`%aN`): the working tree's .mailmap, and the mailmap.file
 * and mailmap.blob settings with what they name, as one text ('' when there is none).
 */
async function mailmapOf(root: string, toplevel: string): Promise<string> {
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  const parts = [read(path.join(toplevel, '.mailmap'))];
  const settings = (await gitLines(root, ['config', '--get-regexp', '^mailmap\\.'])) ?? [];
  for (const line of settings) {
    const [key, ...rest] = line.split(' ');
    const value = rest.join(' ');
    parts.push(line, key.toLowerCase() === 'mailmap.file' ? read(path.resolve(toplevel, value.replace(/^~(?=\/)/, process.env.HOME ?? '~'))) : ((await gitLines(root, ['rev-parse', '-q', '--verify', value])) ?? []).join(''));
  }
  return parts.some(Boolean) ? JSON.stringify(parts) : '';
}

/**
 * Waits for every comparison, in this thread and in the worker; if the worker stopped before it finished
 * (never expected), what it did not send back is compared here. Resolves with git's error or null.
 */
async function endComparisons(root: string, reader: BlobReader, worker: WorkerComparer | null): Promise<string | null> {
  const [here, there] = await Promise.all([reader.end(), worker?.end() ?? null]);
  if (worker?.failed) {
    const missing = worker.pairs.filter(([before, after]) => !worker.results.has(pairKey(before, after)));
    const comparer = new Comparer((key, result) => worker.results.set(key, result));
    comparer.reader = new BlobReader(root, (id, text) => comparer.receive(id, text));
    for (const [before, after] of missing) comparer.want(before, after);
    return here ?? (await comparer.reader.end());
  }
  return here ?? there;
}

/** `git status` of the folders (null if it fails), asked at the start: it runs beside the rest of the read. */
function workingTreeStatus(git: ReturnType<typeof simpleGit>): Promise<string | null> {
  return git.raw(['--no-optional-locks', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--', 'cases', 'meetings']).catch(() => null);
}

/** Notes for files whose working copy differs from the last commit, from `git status` of the folders. */
function addWorkingTreeNotes(out: string | null, prefix: string, trails: Trail[], newTrail: (file: string) => number): void {
  if (out === null) return;
  const byFile = new Map<string, FileTrail>();
  for (const t of trails) if (!t.deleted || !byFile.has(t.file)) byFile.set(t.file, t);
  const tokens = out.split('\0');
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.length < 4) continue;
    const xy = token.slice(0, 2);
    const repoPath = token.slice(3);
    // The path it was renamed or copied from follows.
    const fromPath = xy.includes('R') || xy.includes('C') ? tokens[++i] ?? '' : '';
    if (!repoPath.startsWith(prefix) || !isTrackedPath(repoPath.slice(prefix.length))) continue;
    const rel = repoPath.slice(prefix.length);
    const trail = byFile.get(rel);
    // Renamed (git mv) and not yet committed: the file keeps its trail, under its new name too.
    const renamedFrom = xy[0] === 'R' && fromPath.startsWith(prefix) ? byFile.get(fromPath.slice(prefix.length)) : undefined;
    if (renamedFrom && !renamedFrom.deleted && (!trail || trail.deleted)) {
      renamedFrom.paths.push(rel);
      renamedFrom.notes.push(`renamed to ${rel} in the working copy, not yet committed`);
      continue;
    }
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

/**
 * Whether a change counts as made on or after `since`: written then (its date), or committed then (a
 * change written before and rebased onto the main line after, which git dates by its writing).
 */
export const changedSince = (entry: HistoryEntry, since: IsoDate): boolean => entry.date >= since || entry.committed.slice(0, 10) >= since;

/** Every main-line change written or committed on or after `since` (changedSince), newest first, then by file. */
export function changesSince(history: History, since: IsoDate): ChangeSince[] {
  const out: ChangeSince[] = [];
  for (const trail of history.trails) {
    for (const entry of trail.entries) {
      if (!entry.mainline || !changedSince(entry, since)) continue;
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
    // meetings/2026-13-45.md is shaped like a date but is none: it must not become "since" (no page could show it).
    if (date && isIsoDate(date) && date < today && (!last || date > last)) last = date;
  }
  return last;
}
