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
 * Robust by construction: the file carries a checksum of its content and a version; a missing, cut,
 * corrupted, foreign or older cache is ignored (and rebuilt), never trusted and never an error. Written
 * to a temporary file and renamed, so a build stopped half-way leaves the old cache or the new one.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { FieldChange } from '../domain/field-changes.js';
import type { Comparison, Commit, RawChange } from './history-git.js';

/** Bump when the parsed log or the comparisons change shape or meaning. */
export const CACHE_VERSION = 4;
const MAGIC = Buffer.from('PANELHC1');

export interface HistoryCache {
  version: number;
  /** The data root's folder inside the repository (`git rev-parse --show-prefix`): the log was filtered by it. */
  prefix: string;
  /** The commit the log was read from. */
  head: string;
  /** `git log` from `head`, newest first, as LogParser returned it. */
  commits: Commit[];
  /** Comparisons by pairKey(before blob, after blob). */
  results: Map<string, Comparison>;
}

export const cacheFile = (root: string) => path.join(root, '.panel-cache', 'history', 'trail.bin');

/**
 * The cache as it is written: arrays rather than objects (V8's serializer writes every object's keys
 * with it, and reads them back one by one), each path once. About half the bytes and the time.
 */
interface OnDisk {
  version: number;
  prefix: string;
  head: string;
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
  return { version: cache.version, prefix: cache.prefix, head: cache.head, paths, commits, keys, comparisons };
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
  return { version: d.version, prefix: d.prefix, head: d.head, commits, results };
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
    if (!value || value.version !== CACHE_VERSION || value.prefix !== prefix || typeof value.head !== 'string') return null;
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
