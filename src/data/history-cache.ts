/**
 * The audit trail's cache, so the daily build after one new commit reads only that commit: kept in the
 * data root's cache folder (`.panel-cache/history/trail.bin`, git-ignored by the folder's own .gitignore)
 * and keyed by commit.
 *
 * It holds two things, both facts that cannot go stale:
 * - the parsed `git log` up to a commit (`head`): a later HEAD that has it as an ancestor adds only the
 *   commits after it (history.ts orders the whole by `git rev-list --date-order`, exactly as a full log);
 * - each comparison of two versions, by their blob ids: a blob id names its content, so the field changes
 *   between two blobs are the same forever (for one version of this code: CACHE_VERSION).
 *
 * Robust by construction: the file carries a checksum of its content, a version and a fingerprint of how
 * this code compares versions (comparisonFingerprint); a missing, cut, corrupted, foreign or older cache,
 * or one written by a Panel that compares otherwise, is ignored (and rebuilt), never trusted and never an
 * error. Written
 * to a temporary file and renamed, so a build stopped half-way leaves the old cache or the new one.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { FieldChange } from '../domain/field-changes.js';
import { compare, type Comparison, type Commit, type RawChange } from './history-git.js';
import { parseVersion } from './history-parse.js';

/** Bump when the parsed log or the comparisons change shape or meaning. */
export const CACHE_VERSION = 8;
const MAGIC = Buffer.from('PANELHC1');

export interface HistoryCache {
  version: number;
  /** The data root's folder inside the repository (`git rev-parse --show-prefix`): the log was filtered by it. */
  prefix: string;
  /** The commit the log was read from. */
  head: string;
  /** What mapped the authors' names (mailmapOf in history.ts): the log's names hold only with the same. */
  mailmap: string;
  /** `git log` from `head`, newest first, as LogParser returned it. */
  commits: Commit[];
  /** Comparisons by pairKey(before blob, after blob). */
  results: Map<string, Comparison>;
}

export const cacheFile = (root: string) => path.join(root, '.panel-cache', 'history', 'trail.bin');

/**
 * Versions of a file whose comparisons, one after another, say every kind of thing a comparison says:
 * each kind of field change and its words, a body change, and the notes of versions that cannot be read.
 */
const SAMPLES = [
  '---\nid: C-1\nname: Ada Example\ndob: 2018-04-02\nlooked_after:\n  start: 2026-01-05\n  legal_status: C1\nreviews: [2026-01-30]\nsiblings: []\nplan:\n  route: return-home\n---\nFictional.\n',
  '---\nid: C-1\nname: "Ada Example-Smith, known as \\"Addie\\" at school, with a name long enough to be shortened when shown"\ndob: 2018-04-03\nlooked_after:\n  start: 2026-01-05\n  legal_status: C2\n  end: 2026-06-01\nreviews: [2026-03-30, 2026-01-30]\nsiblings: [C-2]\nplan:\n  route: adoption\n  agreed: 2026-02-01\npanel:\n  - date: 2026-02-06\n    decision: Plan endorsed.\n    actions:\n      - action: Refer to RAA\n        owner: Priya Shah\n        due: 2026-02-20\n      - action: Write the later life letter\n        due: 2026-03-20\n---\nFictional, longer.\n',
  '---\nid: C-1\nname: Ada Example\ndob: 2018-04-03\nreviews: [2026-01-30, 2026-03-30, 2026-04-30, 2026-05-30]\nsiblings: [C-2, C-3]\nplan:\n  route: adoption\n  agreed: 2026-02-01\n  contingency: fostering\npanel:\n  - date: 2026-02-06\n    decision: Plan endorsed again.\n    actions:\n      - action: Refer to the RAA\n        owner: Priya Shah\n        due: 2026-02-20\n        done: 2026-02-11\n  - date: 2026-03-06\n    decision: null\n---\nFictional, longer.\n',
  '---\nid: C-1\nname: Ada Example\nplan:\n  route: adoption\npanel:\n  - date: 2026-02-06\n    actions:\n      - action: Something else entirely\n        due: 2026-05-01\n---\nFictional, longer.\n',
  '---\nid: C-1\nname: Ada: unquoted\n---\nx\n',
  '---\nid: C-1\n\tname: tab\n---\n',
  '---\nid: C-1\nid: C-2\n---\n',
  '---\nid: [C-1\n---\n',
  '---\nid: C-1\nnever closed\n',
  '---\nid: C-1\n----\n',
  '---x\nid: C-1\n---\n',
  'no front matter\n',
  '---\r\nid: C-1\r\nname: Ada\r\n---\r\nFictional.\r\n',
  '---\nid: C-1\nname: &n Ada\nalso: *n\n---\nFictional.\n',
];

let fingerprint: string | undefined;
/**
 * A digest of what this code says comparing the samples: a cache whose comparisons were made by a version
 * of Panel that compares otherwise (a change worded anew, a note corrected) is not trusted, without
 * counting on CACHE_VERSION being raised by hand.
 */
export function comparisonFingerprint(): string {
  if (fingerprint === undefined) {
    const hash = createHash('sha256');
    const versions = SAMPLES.map((text) => parseVersion(text));
    versions.forEach((after, i) => hash.update(JSON.stringify(compare(i ? versions[i - 1] : null, after))));
    hash.update(JSON.stringify(compare(versions[2], versions[0])));
    fingerprint = hash.digest('hex');
  }
  return fingerprint;
}

/**
 * The cache as it is written: arrays rather than objects (V8's serializer writes every object's keys
 * with it, and reads them back one by one), each path once. About half the bytes and the time.
 */
interface OnDisk {
  version: number;
  /** comparisonFingerprint() of the code that wrote it. */
  fingerprint: string;
  prefix: string;
  head: string;
  mailmap: string;
  paths: string[];
  /** Each commit: hash, parents, author, time, committed, subject, body, then its changes, five values each (status, old blob, new blob, path numbers from and to). */
  commits: [string, string[], string, string, string, string, string, (string | number)[]][];
  keys: string[];
  /** Each comparison: its field changes (field, kind, from, to, text), bodyChanged, unreadable. */
  comparisons: [[string, FieldChange['kind'], unknown, unknown, string][], boolean, string | null][];
}

function encode(cache: HistoryCache): OnDisk {
  const paths: string[] = [];
  const numbers = new Map<string, number>();
  const number = (p: string) => {
    let n = numbers.get(p);
    if (n === undefined) numbers.set(p, (n = paths.push(p) - 1));
    return n;
  };
  const commits = cache.commits.map((c): OnDisk['commits'][number] => {
    const changes: (string | number)[] = [];
    for (const x of c.changes) changes.push(x.status, x.oldBlob, x.newBlob, number(x.from), number(x.to));
    return [c.hash, c.parents, c.author, c.time, c.committed, c.subject, c.body, changes];
  });
  const keys: string[] = [];
  const comparisons: OnDisk['comparisons'] = [];
  for (const [key, r] of cache.results) {
    keys.push(key);
    comparisons.push([r.fields.map((f) => [f.field, f.kind, f.from, f.to, f.text]), r.bodyChanged, r.unreadable]);
  }
  return { version: cache.version, fingerprint: comparisonFingerprint(), prefix: cache.prefix, head: cache.head, mailmap: cache.mailmap, paths, commits, keys, comparisons };
}

/** The cache as history.ts uses it; throws on a shape it does not know (the caller ignores the cache). */
function decode(d: OnDisk): HistoryCache {
  const { paths } = d;
  const commits = d.commits.map(([hash, parents, author, time, committed, subject, body, flat]): Commit => {
    const changes: RawChange[] = [];
    for (let i = 0; i < flat.length; i += 5) {
      const from = paths[flat[i + 3] as number];
      const to = paths[flat[i + 4] as number];
      if (typeof flat[i] !== 'string' || typeof flat[i + 1] !== 'string' || typeof flat[i + 2] !== 'string' || from === undefined || to === undefined) throw new Error('not a change');
      changes.push({ status: flat[i] as string, oldBlob: flat[i + 1] as string, newBlob: flat[i + 2] as string, from, to });
    }
    if (typeof hash !== 'string' || !Array.isArray(parents)) throw new Error('not a commit');
    return { hash, parents, author, time, committed, subject, body, changes };
  });
  if (d.keys.length !== d.comparisons.length) throw new Error('not the comparisons');
  const results = new Map<string, Comparison>();
  d.keys.forEach((key, i) => {
    const [fields, bodyChanged, unreadable] = d.comparisons[i];
    results.set(key, { fields: fields.map(([field, kind, from, to, text]) => ({ field, kind, from, to, text })), bodyChanged, unreadable });
  });
  return { version: d.version, prefix: d.prefix, head: d.head, mailmap: typeof d.mailmap === 'string' ? d.mailmap : '', commits, results };
}

/** The cache for this data root, or null when there is none that can be trusted. */
export function readHistoryCache(root: string, prefix: string): HistoryCache | null {
  const file = cacheFile(root);
  try {
    if (!existsSync(file)) return null;
    const bytes = readFileSync(file);
    if (bytes.length < MAGIC.length + 32 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return null;
    const sum = bytes.subarray(MAGIC.length, MAGIC.length + 32);
    const payload = bytes.subarray(MAGIC.length + 32);
    if (!createHash('sha256').update(payload).digest().equals(sum)) return null;
    const value = deserialize(payload) as OnDisk;
    if (!value || value.version !== CACHE_VERSION || value.prefix !== prefix || typeof value.head !== 'string' || value.fingerprint !== comparisonFingerprint()) return null;
    if (!Array.isArray(value.paths) || !Array.isArray(value.commits) || !Array.isArray(value.keys) || !Array.isArray(value.comparisons)) return null;
    return decode(value);
  } catch {
    return null;
  }
}

/** Writes the cache; a cache that cannot be written (read-only folder, full disk) is simply not kept. */
export function writeHistoryCache(root: string, cache: HistoryCache): void {
  const file = cacheFile(root);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const folder = path.dirname(path.dirname(file));
    mkdirSync(path.dirname(file), { recursive: true });
    const ignore = path.join(folder, '.gitignore');
    if (!existsSync(ignore)) writeFileSync(ignore, '# panel build cache: safe to delete\n*\n');
    const payload = serialize(encode(cache));
    // Written in three parts: no copy of the whole.
    const fd = openSync(tmp, 'w');
    try {
      for (const part of [MAGIC, createHash('sha256').update(payload).digest(), payload]) {
        for (let at = 0; at < part.length; ) at += writeSync(fd, part, at);
      }
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
  }
}
