/**
 * Turns zod issues into problems a panel administrator can act on: the field, what was expected, what
 * was found, and a hint ("did you mean ...") where one helps. Line numbers are added by the loader, which
 * alone knows the file's layout.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';

export type FieldPath = (string | number)[];

export interface Problem {
  path: FieldPath;
  /** Dotted field name, e.g. `looked_after.start` or `panel[0].actions[1].due`. */
  field: string;
  expected: string;
  found: string;
  hint?: string;
  /** Points at the key rather than its value (unknown fields). */
  atKey?: boolean;
}

export function fieldName(path: FieldPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out || '(front matter)';
}

export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return value.trim() === '' ? 'an empty text' : JSON.stringify(truncate(value));
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  return 'a block of fields';
}

function truncate(s: string) {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export function valueAt(data: unknown, path: FieldPath): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** Whether a `candidate` at edit distance `d` from a word is close enough for the word to be a likely typo of it. */
const closeEnough = (d: number, candidate: string) => d <= Math.max(2, Math.floor(candidate.length / 3));

/** The closest of `candidates` to `word`, when it is close enough to be a likely typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  if (!candidates.length) return undefined;
  // Compared in lower case on both sides (codes are upper case: "z9" must not match "A3" before "Z1").
  const lower = candidates.map((c) => c.toLowerCase());
  const best = closest(word.toLowerCase(), lower);
  const d = distance(word.toLowerCase(), best);
  return closeEnough(d, best) ? candidates[lower.indexOf(best)] : undefined;
}

/**
 * The known field an unknown field `word` most likely misspells, in the block `holder` that holds it: the
 * closest known field, as didYouMean; of fields equally close ("dnoe": "done" and "due"), one the block does
 * not give, since a field already written is not the one misspelt.
 */
export function meantField(word: string, known: readonly string[], holder: unknown): string | undefined {
  const lower = word.toLowerCase();
  let best = Infinity;
  let ties: string[] = [];
  for (const k of known) {
    const d = distance(lower, k.toLowerCase());
    if (!closeEnough(d, k)) continue;
    if (d < best) [best, ties] = [d, [k]];
    else if (d === best) ties.push(k);
  }
  const given = (k: string) => holder !== null && typeof holder === 'object' && Object.prototype.hasOwnProperty.call(holder, k);
  return ties.find((k) => !given(k)) ?? ties[0];
}

type AnySchema = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } } };

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (;;) {
    const def = s._zod.def;
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') s = def.innerType as AnySchema;
    else if (def.type === 'pipe') s = def.in as AnySchema;
    else return s;
  }
}

/** Field names allowed in the object that `path` points at, read from the schema itself. */
export function knownFieldsAt(schema: z.ZodType, path: FieldPath): string[] {
  let s = unwrap(schema as AnySchema);
  for (const seg of path) {
    const def = s._zod.def;
    if (def.type === 'array' && typeof seg === 'number') s = unwrap(def.element as AnySchema);
    else if (def.type === 'object' && typeof seg === 'string') {
      const next = (def.shape as Record<string, AnySchema>)[seg];
      if (!next) return [];
      s = unwrap(next);
    } else return [];
  }
  const def = s._zod.def;
  return def.type === 'object' ? Object.keys(def.shape as object) : [];
}

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

function hintFor(expected: string, found: unknown, allowed?: readonly string[]): string | undefined {
  if (typeof found === 'string') {
    const m = DMY.exec(found.trim());
    if (m && expected.includes('date')) {
      return `write dates as YYYY-MM-DD; if you meant day ${Number(m[1])} month ${Number(m[2])}, write ${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
    }
    if (allowed) {
      const guess = didYouMean(found, allowed);
      if (guess) return `did you mean "${guess}"?`;
    }
  }
  return undefined;
}

/** What zod's own words for a wrong kind of value ("Invalid input: expected object, received string") mean. */
const PLAIN_KIND: Record<string, string> = {
  object: 'a block of fields (indented lines of name: value under it)',
  array: 'a list (indented lines starting "- ", or [a, b])',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
};

/** The issue's own message (the schema's words), or plain words for zod's default one. */
function plainExpected(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /^Invalid input/.test(issue.message)) return PLAIN_KIND[issue.expected] ?? issue.message;
  return issue.message;
}

/** One problem per zod issue, unknown keys one per key. */
export function problemsFromZod(error: z.ZodError, data: unknown, schema: z.ZodType): Problem[] {
  const out: Problem[] = [];
  for (const issue of error.issues) {
    const path = issue.path as FieldPath;
    if (issue.code === 'unrecognized_keys') {
      const known = knownFieldsAt(schema, path);
      const holder = valueAt(data, path);
      for (const key of issue.keys) {
        const guess = meantField(key, known, holder);
        out.push({
          path: [...path, key],
          field: fieldName([...path, key]),
          expected: known.length ? `one of the fields ${known.join(', ')}` : 'no such field',
          found: `an unknown field "${key}"`,
          hint: guess ? `did you mean "${guess}"?` : 'remove it or correct its name',
          atKey: true,
        });
      }
      continue;
    }
    const found = valueAt(data, path);
    const allowed = issue.code === 'invalid_value' ? (issue.values as unknown[]).map(String) : undefined;
    const expected = plainExpected(issue);
    out.push({ path, field: fieldName(path), expected, found: describeFound(found), hint: hintFor(expected, found, allowed) });
  }
  return out;
}

export function problemMessage(p: Problem): string {
  return `${p.field}: expected ${p.expected}, found ${p.found}${p.hint ? ` (${p.hint})` : ''}`;
}
