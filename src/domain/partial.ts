/**
 * Reading what can be read of an invalid file. A typo in one field must never switch off a child's other
 * deadlines, and a child whose file is broken must stay on the tracker, the agenda and in the pack. So an
 * invalid file is validated field by field: an unknown field is left out, a field with a wrong value is
 * dropped (a list as a whole, a block field by field, a block that then lacks a required field as a block),
 * and the rest is read as usual. An unknown field that is a likely misspelling of a known field at the same
 * place (the loader's "did you mean"), when the file does not give that known field, makes the known field
 * dropped too: its value is in the file, under a wrong name (`reveiws:`, `proceedings.conclued:`), and a
 * clock read without it would be wrong ("first review 182 days overdue") or silently off (`looked_afer:`).
 *
 * The child read this way is marked (a WeakMap, so the object stays a plain Child): the engine runs each
 * rule on a view of the child that notices when the rule reads a dropped field, and then keeps none of
 * that rule's readings: a clock that needs a value that could not be read is reported as "not read", never
 * worked out from a value that is not there.
 */
import type { z } from 'zod';
import { knownFieldsAt, meantField, valueAt, type FieldPath } from './problems.js';

export interface PartialRead {
  /** Fields whose written value could not be read, as paths; a list is dropped as a whole. */
  dropped: FieldPath[];
  /** The file's problems, one line each, for the "must be fixed before panel" line. */
  problems: string[];
  /** The file, relative to the data root. */
  file: string;
}

/** A name for a child whose file does not give one, so the tracker can still list the child (never redacted as a name). */
export const UNREADABLE_NAME = 'Name not readable';

/** What the tracker, the child page and the pack say for a child with nothing open but fields not read. */
export const NOT_READ_ITEM = 'Not read: the file must be fixed';
/** What they say for a field whose value could not be read (never "No", "None" or "Not looked after"). */
export const NOT_READ_FIELD = 'Not read (the file must be fixed)';

/** True when `path` (or a block or list holding it) is among the `dropped` fields (PartialRead.dropped, TrackerRow.mustFix.unreadable). */
export function droppedIn(dropped: readonly FieldPath[] | undefined, path: FieldPath): boolean {
  return !!dropped?.some((d) => d.length <= path.length && d.every((seg, i) => seg === path[i]));
}

const marks = new WeakMap<object, PartialRead>();

/** Marks a child read from an invalid file (every invalid file's child, even one with nothing dropped). */
export function markMustFix<T extends object>(value: T, read: PartialRead): T {
  marks.set(value, read);
  return value;
}

/** What could not be read of this child's file; undefined for a valid file. */
export function mustFix(value: object): PartialRead | undefined {
  return marks.get(value);
}

/** True when `path` (or a block or list holding it) could not be read. */
export function isDropped(value: object, path: FieldPath): boolean {
  return droppedIn(marks.get(value)?.dropped, path);
}

const key = (path: FieldPath) => path.join('\u0000');

/**
 * Runs `fn` on a view of `value` that records whether a dropped field is read. The view is made only for
 * marked values with dropped fields; for any other value `fn` gets the value itself.
 */
export function readTracked<T extends object, R>(value: T, fn: (view: T) => R): { result: R; readDropped: boolean } {
  const read = marks.get(value);
  if (!read?.dropped.length) return { result: fn(value), readDropped: false };
  const dropped = new Set(read.dropped.map(key));
  let hit = false;
  const views = new WeakMap<object, object>();
  const view = (target: object, path: FieldPath): object => {
    const known = views.get(target);
    if (known) return known;
    const proxy = new Proxy(target, {
      get(t, prop, receiver) {
        const v = Reflect.get(t, prop, receiver);
        if (typeof prop === 'symbol') return v;
        const seg: string | number = Array.isArray(t) && /^\d+$/.test(prop) ? Number(prop) : prop;
        const next = [...path, seg];
        if (dropped.has(key(next))) hit = true;
        return v !== null && typeof v === 'object' ? view(v, next) : v;
      },
      has(t, prop) {
        if (typeof prop === 'string' && dropped.has(key([...path, prop]))) hit = true;
        return Reflect.has(t, prop);
      },
    });
    views.set(target, proxy);
    return proxy;
  };
  const result = fn(view(value, []) as T);
  return { result, readDropped: hit };
}

type Data = Record<string | number, unknown>;

function deleteAt(data: unknown, path: FieldPath): boolean {
  let cur: unknown = data;
  for (const seg of path.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object') return false;
    cur = (cur as Data)[seg];
  }
  if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return false;
  const last = path[path.length - 1];
  if (!Object.prototype.hasOwnProperty.call(cur, last)) return false;
  delete (cur as Data)[last];
  return true;
}

/** A problem inside a list drops the whole list: the items of a list are read in order, and a gap would move them. */
function dropPoint(path: FieldPath): FieldPath {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'number') return path.slice(0, i);
  return path;
}

function copy(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(copy);
  if (data !== null && typeof data === 'object') {
    const out: Data = {};
    for (const [k, v] of Object.entries(data)) out[k] = copy(v);
    return out;
  }
  return data;
}

/**
 * Validates `data` with `schema`, leaving out what fails. `fill` gives a value for a required top-level
 * field that could not be read (the id from the file name, say); a required field with no fill makes the
 * file unreadable (null). Each round drops at least one field, so it ends.
 */
export function readWhatCan<T>(
  schema: z.ZodType<T>,
  data: unknown,
  fill: Record<string, unknown> = {},
): { value: T; dropped: FieldPath[] } | null {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  const cur = copy(data) as Data;
  const dropped: FieldPath[] = [];
  const filled = new Set<string>();
  const done = (p: FieldPath) => dropped.some((d) => d.length <= p.length && d.every((s, i) => s === p[i]));
  for (let round = 0; round < 1000; round++) {
    const result = schema.safeParse(cur);
    if (result.success) {
      const value = result.data as T & Data;
      // A filled field is reported as dropped: the value shown is not the file's.
      for (const f of filled) if (!(f in fill) || fill[f] === undefined) delete value[f];
      return { value, dropped };
    }
    let changed = false;
    // Paths dropped in this round: many problems in one list (100,000 bad dates) drop it once.
    const thisRound: FieldPath[] = [];
    const inRound = (p: FieldPath) => thisRound.some((d) => d.length <= p.length && d.every((s, i) => s === p[i]));
    for (const issue of result.error.issues) {
      const path = issue.path as FieldPath;
      if (issue.code === 'unrecognized_keys') {
        const holder = valueAt(cur, path);
        const known = knownFieldsAt(schema, path);
        for (const k of issue.keys) {
          changed = deleteAt(cur, [...path, k]) || changed;
          // A misspelling of a known field the file does not give: that field is written, but cannot be read
          // (never read as absent, or as its default). Inside a list the list is dropped, as for a wrong value.
          const meant = meantField(k, known, holder);
          if (!meant || holder === null || typeof holder !== 'object' || Object.prototype.hasOwnProperty.call(holder, meant)) continue;
          const at = dropPoint([...path, meant]);
          if (done(at)) continue;
          if (at.length <= path.length) changed = deleteAt(cur, at) || changed;
          dropped.push(at);
          thisRound.push(at);
        }
        continue;
      }
      let p = dropPoint(path);
      if (inRound(p)) continue;
      while (p.length > 1 && done(p)) p = dropPoint(p.slice(0, -1));
      if (inRound(p)) continue;
      if (p.length === 1 && typeof p[0] === 'string' && Object.prototype.hasOwnProperty.call(fill, p[0]) && !filled.has(p[0])) {
        filled.add(p[0]);
        if (!done(p)) dropped.push(p);
        thisRound.push(p);
        cur[p[0]] = fill[p[0]] ?? placeholderFor(issue);
        changed = true;
        continue;
      }
      if (!p.length || done(p)) return null;
      deleteAt(cur, p);
      dropped.push(p);
      thisRound.push(p);
      changed = true;
    }
    if (!changed) return null;
  }
  return null;
}

/** A stand-in that passes validation for a required field that has no fill value: removed after validation. */
function placeholderFor(issue: z.core.$ZodIssue): unknown {
  return issue.message.includes('date') ? '2000-01-01' : 'x';
}
