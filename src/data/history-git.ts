/**
 * The two git processes of the audit trail, run at the same time: `git log` streams its commits, and
 * every pair of versions a change needs compared is asked of one `git cat-file --batch` process as soon
 * as the log names it, so git walks the history while the blobs are read and parsed.
 *
 * A parsed version is held while a comparison waits for it. The log runs newest first, so the older
 * version of a change is asked for again, as the newer version of the file's change before: that version
 * is kept, one a path (the path it had), until the file's next change in the log replaces it. Other
 * versions go to a recent-versions cache (4,096 versions). Memory stays bounded by the number of paths,
 * however long the history; a version that was let go is simply read again.
 */
import { spawn } from 'node:child_process';
import { diffFrontMatter, type FieldChange } from '../domain/field-changes.js';
import { bodyHasText, changedFields, parseVersion, type ParsedVersion } from './history-parse.js';

export const GIT_ENV = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_NO_LAZY_FETCH: '1', GIT_OPTIONAL_LOCKS: '0' };

// ---------------------------------------------------------------------------------------------------------
// The log

export interface RawChange {
  /** A, M, D, R, T or C. */
  status: string;
  oldBlob: string;
  newBlob: string;
  /** Repository-relative paths (the same unless renamed or copied). */
  from: string;
  to: string;
}

export interface Commit {
  hash: string;
  parents: string[];
  author: string;
  /** Author date, ISO 8601 with offset (as git prints it: `%aI` itself when git cannot read the date). */
  time: string;
  /** Committer date, the same way. */
  committed: string;
  subject: string;
  body: string;
  changes: RawChange[];
}

/** Fields of a commit, NUL-separated; with `-z --raw` each change follows as NUL-separated tokens. */
export const LOG_FORMAT = '%x01%H%x00%P%x00%aN%x00%aI%x00%cI%x00%s%x00%b%x00';

/** Parses `git log -z --raw --format=LOG_FORMAT` as it streams, keeping the changes `keep` accepts. */
export class LogParser {
  readonly commits: Commit[] = [];
  private tail = '';
  private pending: string[] = [];

  constructor(
    private keep: (repoPath: string) => boolean,
    private onChange: (commit: Commit, change: RawChange) => void = () => {},
  ) {}

  push(text: string): void {
    const parts = (this.tail + text).split('\0');
    this.tail = parts.pop()!;
    const tokens = this.pending.length ? this.pending.concat(parts) : parts;
    let i = 0;
    while (i < tokens.length) {
      let token = tokens[i];
      if (token.charCodeAt(0) === 10) token = token.replace(/^\n+/, '');
      if (token.charCodeAt(0) === 1) {
        if (i + 7 > tokens.length) break;
        this.commits.push({
          hash: token.slice(1),
          parents: tokens[i + 1] ? tokens[i + 1].split(' ') : [],
          author: tokens[i + 2],
          time: tokens[i + 3],
          committed: tokens[i + 4],
          subject: tokens[i + 5],
          body: tokens[i + 6],
          changes: [],
        });
        i += 7;
        continue;
      }
      if (token.charCodeAt(0) === 58) {
        // :<old mode> <new mode> <old blob> <new blob> <status>[score], then one path, or two for R and C.
        const a = token.indexOf(' ');
        const b = token.indexOf(' ', a + 1);
        const c = token.indexOf(' ', b + 1);
        const d = token.indexOf(' ', c + 1);
        if (a < 0 || b < 0 || c < 0 || d < 0 || d + 1 >= token.length) throw new Error(`unexpected git log output: ${token.slice(0, 100)}`);
        const kind = token[d + 1];
        const need = kind === 'R' || kind === 'C' ? 3 : 2;
        if (i + need > tokens.length) break;
        const oldBlob = token.slice(b + 1, c);
        const newBlob = token.slice(c + 1, d);
        // Paths are kept once each, however many changes name them.
        const from = this.path(tokens[i + 1]);
        const to = need === 3 ? this.path(tokens[i + 2]) : from;
        i += need;
        const commit = this.commits.at(-1);
        if (commit && (this.keep(from) || this.keep(to))) {
          const change = { status: kind, oldBlob, newBlob, from, to };
          commit.changes.push(change);
          this.onChange(commit, change);
        }
        continue;
      }
      i++;
    }
    this.pending = tokens.slice(i);
  }

  end(): Commit[] {
    this.push('\0');
    return this.commits;
  }

  private paths = new Map<string, string>();
  private path(p: string): string {
    let known = this.paths.get(p);
    if (known === undefined) this.paths.set(p, (known = p));
    return known;
  }
}

/** Runs git, streaming its output as text into `onText`. */
export function streamGit(cwd: string, args: string[], onText: (text: string) => void): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('git', args, { cwd, env: GIT_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onText);
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (e) => resolve({ code: -1, stderr: e.message }));
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

/** A git command's output lines, or null when it fails. */
export async function gitLines(cwd: string, args: string[]): Promise<string[] | null> {
  let out = '';
  const r = await streamGit(cwd, args, (text) => (out += text));
  if (r.code !== 0) return null;
  return out.split('\n').filter(Boolean);
}

/** Whether `ancestor` is `commit` or one of its ancestors (false when either is unknown). */
export async function isAncestor(cwd: string, ancestor: string, commit: string): Promise<boolean> {
  if (!/^[0-9a-f]{40,64}$/.test(ancestor)) return false;
  const r = await streamGit(cwd, ['merge-base', '--is-ancestor', ancestor, commit], () => {});
  return r.code === 0;
}

// ---------------------------------------------------------------------------------------------------------
// The blobs

/**
 * One `git cat-file --batch` process: ids are written as they are asked for, and the output
 * (`<id> blob <size>\n<bytes>\n`, or `<id> missing\n`) is parsed as it arrives, in request order. Each
 * blob is handed over as bytes that are valid only during the call (a view of git's output, not a copy).
 */
export class BlobReader {
  private child;
  private ids: string[] = [];
  private next = 0;
  /** How many of `ids` were sent to git. */
  private sent = 0;
  private done: Promise<string | null>;

  constructor(cwd: string, onBlob: (id: string, bytes: Buffer | null) => void) {
    this.child = spawn('git', ['cat-file', '--batch', '--buffer'], { cwd, env: GIT_ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    const child = this.child;
    // Records are parsed straight from each chunk; only a record cut by a chunk boundary is copied.
    let partial: Buffer | null = null;
    let want = -1; // bytes of content awaited, or -1 while reading a header
    let err = '';
    let failed: string | null = null;
    const parse = (buf: Buffer, final: boolean): number => {
      let pos = 0;
      for (;;) {
        if (want < 0) {
          const nl = buf.indexOf(10, pos);
          if (nl < 0) return pos;
          // `<id> blob <size>`, or `<id> missing` (any header without a size): read without making strings.
          const a = buf.indexOf(32, pos);
          const b = a < 0 || a > nl ? -1 : buf.indexOf(32, a + 1);
          const start = pos;
          pos = nl + 1;
          if (b < 0 || b > nl) {
            onBlob(this.ids[this.next++], null);
          } else {
            let size = 0;
            for (let i = b + 1; i < nl && size >= 0; i++) size = buf[i] >= 48 && buf[i] <= 57 ? size * 10 + buf[i] - 48 : -1;
            want = size > 0 || nl > b + 1 ? size : -1;
            if (want < 0) want = Number(buf.toString('latin1', start, nl).split(' ')[2]);
          }
          if (final) return pos;
          continue;
        }
        if (buf.length - pos < want + 1) return pos;
        onBlob(this.ids[this.next++], buf.subarray(pos, pos + want));
        pos += want + 1;
        want = -1;
        if (final) return pos;
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      let start = 0;
      if (partial) {
        // Complete the one cut record: up to its header's newline, or up to its content's end.
        const need = want < 0 ? chunk.indexOf(10) + 1 : want + 1 - partial.length;
        if (need <= 0 || need > chunk.length) {
          partial = Buffer.concat([partial, chunk]);
          return;
        }
        parse(Buffer.concat([partial, chunk.subarray(0, need)]), true);
        partial = null;
        start = need;
      }
      const rest = start ? chunk.subarray(start) : chunk;
      const used = parse(rest, false);
      if (used < rest.length) partial = Buffer.from(rest.subarray(used));
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdin.on('error', () => {}); // reported through the exit code
    this.done = new Promise((resolve) => {
      child.on('error', (e) => (failed = e.message));
      child.on('close', (code) => {
        const complete = code === 0 && this.next === this.ids.length;
        resolve(failed ?? (complete ? null : `git cat-file failed: ${err.trim().split('\n')[0] || `exit ${code}`}`));
      });
    });
  }

  request(id: string): void {
    this.ids.push(id);
  }

  /** Sends the ids asked for so far (once per chunk of log, not once per id). */
  flush(): void {
    if (this.sent === this.ids.length) return;
    this.child.stdin.write(`${this.ids.slice(this.sent).join('\n')}\n`);
    this.sent = this.ids.length;
  }

  /** No more ids: resolves when every blob has been read, with an error message or null. */
  end(): Promise<string | null> {
    this.flush();
    this.child.stdin.end();
    return this.done;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Comparing versions

export interface Comparison {
  fields: FieldChange[];
  bodyChanged: boolean;
  /** Why field changes are not shown: a version's front matter could not be read. */
  unreadable: string | null;
}

/** A version in use: pinned by waiting or running comparisons, or expected again by a path. */
interface Slot {
  /** The blob's number (Comparer.number). */
  n: number;
  version: ParsedVersion | null;
  pins: number;
  expected: number;
  /** The comparisons waiting for this version to be read. */
  jobs: Job[] | null;
}

/**
 * One comparison asked for: its two versions while it waits for them, then its result. history.ts keeps
 * it with the change that asked for it and reads the result from it, so results need no lookup by key.
 */
export interface Pending {
  /** The comparison, once made (unless it was handed to `onResult`). */
  result: Comparison | undefined;
}

interface Job extends Pending {
  /** The newer version's slot, and the older one's (null: compared with an empty file); let go once compared. */
  after: Slot | null;
  before: Slot | null;
  afterId: string;
  beforeId: string | null;
  missing: number;
}

const RECENT = 4096;
/** The recent versions are trimmed this many at a time, oldest first. */
const TRIM = 256;

const NOT_HERE: ParsedVersion = { data: undefined, body: Buffer.alloc(0), problem: 'this version is not in this copy of the repository' };

/** Whether a comparison had a version git could not give: true of this copy now, not of the two versions for ever. */
export const versionMissing = (result: Comparison): boolean => !!result.unreadable?.includes(`(${NOT_HERE.problem})`);

export const pairKey = (before: string | null, after: string) => `${before ?? ''}>${after}`;

/**
 * Compares pairs of blobs (before may be null: compared with an empty file), reading each through `reader`.
 *
 * Each blob id is given a number the first time it is named, and everything else about it (its version
 * in use, a recent version, the comparison asked with it as the newer version) is found by that number in
 * an array: one lookup of the id's text per change, where maps keyed by the text took several.
 */
export class Comparer {
  /** How many comparisons were made. */
  made = 0;
  private numbers = new Map<string, number>();
  /** By number: the version in use, or undefined. */
  private held: (Slot | undefined)[] = [];
  /** By number: a recent version neither pinned nor expected, kept in case it is asked for again. */
  private recent: (ParsedVersion | undefined)[] = [];
  /**
   * The numbers of the recent versions in the order they were let go, from `recentFrom`; `recentAt` says
   * where each number's latest listing is (an earlier one is stale: that version was taken back since).
   */
  private recentOrder: number[] = [];
  private recentAt: number[] = [];
  private recentFrom = 0;
  private recentCount = 0;
  /** For each path, the number of the version the file had there before its latest change read: what its previous change will ask for. */
  private expected = new Map<string, number>();
  /**
   * By the newer version's number: the comparison asked with it; the rare second comparison with the same
   * newer version and another older one, by both ids.
   */
  private asked: (Job | undefined)[] = [];
  private askedPairs: Map<string, Job> | null = null;
  reader!: BlobReader;

  /** `onResult`: each result is handed over (with its pairKey) instead of kept in its Pending. */
  constructor(private onResult?: (key: string, result: Comparison) => void) {}

  private number(id: string): number {
    let n = this.numbers.get(id);
    if (n === undefined) this.numbers.set(id, (n = this.numbers.size));
    return n;
  }

  /**
   * Asks for a comparison, and returns it: its `result` is set once both versions are read. `path`, the
   * path the file had at `before` (the log's order, newest first), keeps that version for the file's
   * previous change, which will ask for it as its newer version. The same pair asked again (a pull
   * request's merge and its branch commit) is the same comparison.
   */
  want(before: string | null, after: string, path?: string): Pending {
    const a = this.number(after);
    const first = this.asked[a];
    if (first !== undefined) {
      if (first.beforeId === before) return first;
      const key = pairKey(before, after);
      const again = (this.askedPairs ??= new Map()).get(key);
      if (again !== undefined) return again;
      const job = this.newJob(before, a, after, path);
      this.askedPairs.set(key, job);
      return job;
    }
    const job = this.newJob(before, a, after, path);
    this.asked[a] = job;
    return job;
  }

  private newJob(before: string | null, a: number, after: string, path: string | undefined): Job {
    // The newer version first: the log runs newest first, so it is often already here from the change
    // after this one, and the older version is then read next to it.
    const job: Job = { result: undefined, after: null, before: null, afterId: after, beforeId: before, missing: 0 };
    job.after = this.pin(a, after, job);
    if (before) {
      const b = this.number(before);
      job.before = this.pin(b, before, job);
      if (path !== undefined) this.expect(path, job.before);
    }
    if (!job.missing) this.run(job);
    return job;
  }

  /** `slot` (pinned) is the version the file at `path` will be asked for next; the one expected before is let go. */
  private expect(path: string, slot: Slot): void {
    const old = this.expected.get(path);
    if (old === slot.n) return;
    this.expected.set(path, slot.n);
    slot.expected++;
    if (old !== undefined) {
      const was = this.held[old]!;
      was.expected--;
      this.release(was);
    }
  }

  /** Called by the reader for every blob, in the order asked. */
  receive(id: string, bytes: Buffer | null): void {
    const n = this.numbers.get(id);
    const slot = n === undefined ? undefined : this.held[n];
    if (!slot || slot.version) return;
    const jobs = slot.jobs ?? [];
    slot.jobs = null;
    if (bytes === null) {
      slot.version = NOT_HERE;
    } else {
      // The other version of a pair waiting for this one is the same file a change apart: read next to it.
      let neighbour: ParsedVersion | undefined;
      for (const job of jobs) {
        const other = job.after === slot ? job.before : job.after;
        if (other?.version) {
          neighbour = other.version;
          break;
        }
      }
      slot.version = parseVersion(bytes, neighbour);
    }
    for (const job of jobs) if (--job.missing === 0) this.run(job);
  }

  private pin(n: number, id: string, job: Job): Slot {
    let slot = this.held[n];
    if (!slot) {
      const version = this.recent[n];
      if (version) {
        this.recent[n] = undefined;
        this.recentCount--;
      } else {
        this.reader.request(id);
      }
      slot = { n, version: version ?? null, pins: 0, expected: 0, jobs: null };
      this.held[n] = slot;
    }
    slot.pins++;
    if (!slot.version) {
      job.missing++;
      (slot.jobs ??= []).push(job);
    }
    return slot;
  }

  /** A version neither pinned nor expected goes to the recent versions. */
  private release(slot: Slot): void {
    if (slot.pins > 0 || slot.expected > 0) return;
    const n = slot.n;
    this.held[n] = undefined;
    this.recent[n] = slot.version!;
    this.recentCount++;
    this.recentAt[n] = this.recentOrder.push(n) - 1;
    if (this.recentCount > RECENT + TRIM) {
      // The TRIM oldest are let go (listings of versions taken back since are skipped).
      const order = this.recentOrder;
      for (let dropped = 0; dropped < TRIM; this.recentFrom++) {
        const old = order[this.recentFrom];
        if (this.recentAt[old] !== this.recentFrom || this.recent[old] === undefined) continue;
        this.recent[old] = undefined;
        this.recentCount--;
        dropped++;
      }
      if (this.recentFrom > 4 * RECENT) {
        this.recentOrder = order.slice(this.recentFrom);
        for (let i = 0; i < this.recentOrder.length; i++) if (this.recentAt[this.recentOrder[i]] === this.recentFrom + i) this.recentAt[this.recentOrder[i]] = i;
        this.recentFrom = 0;
      }
    }
  }

  private run(job: Job): void {
    const after = job.after!;
    const before = job.before;
    const result = compare(before?.version ?? null, after.version!);
    this.made++;
    if (this.onResult) this.onResult(pairKey(job.beforeId, job.afterId), result);
    else job.result = result;
    // The versions are let go: the comparison is kept with its change, its versions are not.
    job.after = job.before = null;
    if (before) {
      before.pins--;
      this.release(before);
    }
    after.pins--;
    this.release(after);
  }
}

/** The comparison of two parsed versions (`before` null: compared with an empty file). */
export function compare(before: ParsedVersion | null, after: ParsedVersion): Comparison {
  // A body the same as its neighbour's was read as the neighbour's (history-parse.ts): the same Buffer.
  // A version git could not give has no body to compare: no change is claimed.
  const bodyChanged = after === NOT_HERE || before === NOT_HERE ? false : before ? before.body !== after.body && !before.body.equals(after.body) : bodyHasText(after.body);
  const problem = after.problem ?? before?.problem;
  if (problem) {
    return { fields: [], bodyChanged, unreadable: `front matter not readable at ${after.problem ? 'this' : 'the previous'} version (${problem}): field changes not shown` };
  }
  // Only the fields whose text changed are compared (history-parse.ts: the result is the same).
  const changed = before && changedFields(before, after);
  if (changed) {
    const none = Object.keys(changed.before).length === 0 && Object.keys(changed.after).length === 0;
    return { fields: none ? [] : diffFrontMatter(changed.before, changed.after), bodyChanged, unreadable: null };
  }
  return { fields: diffFrontMatter(before?.data, after.data), bodyChanged, unreadable: null };
}
