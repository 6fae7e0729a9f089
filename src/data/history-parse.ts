/**
 * Parses the many versions of a file that the audit trail reads (2,500 files x 20 versions = 50,000 front
 * matters). `parseMarkdownFile` costs about 85 us a version (gray-matter's split, then a whole YAML parse),
 * over 4 s for 50,000; but a version differs from the next one in a field or two. So the front matter is
 * cut into its top-level fields, and a list field (`panel:`, usually the largest) into its items, and a
 * version read next to a neighbouring version of the same file takes the neighbour's value for every
 * piece whose text is the same (a string comparison), parsing only the pieces that changed. Unchanged
 * pieces are then the very same objects, which the field diff compares at once.
 *
 * The cut is only made where it cannot change the meaning: a plain `key:` at column 0, list items at one
 * indentation, no anchors, aliases or tags, no duplicate keys. Anything else (and any piece that does not
 * parse) goes through `parseMarkdownFile` itself, so both give the same data and body; a test holds them
 * equal on the demo, fixture and synthetic files.
 *
 * A version is read from git's bytes, not from a string: the pieces are found and compared with the
 * neighbour's as bytes, and only a piece that changed is decoded, parsed and copied (outside the JavaScript
 * heap); a piece or a body the same as the neighbour's is the neighbour's. Most of a version is then never
 * turned into strings, which is most of what the garbage collector had to do. Two versions are compared
 * by the pieces whose text differs (changedFields), not by their whole front matters.
 */
import { isUtf8 } from 'node:buffer';
import { CORE_SCHEMA, load } from 'js-yaml';
import { parseMarkdownFile } from './frontmatter.js';

export interface ParsedVersion {
  /** The front matter as plain data, or undefined when it could not be read. */
  data: unknown;
  /** The markdown body as UTF-8 bytes (two versions have the same body when these are equal). */
  body: Buffer;
  /** Why the front matter could not be read, for the trail's note; null when it was read. */
  problem: string | null;
  /** Each top-level field (and a list's items) in file order, for reading the next version and comparing. */
  pieces?: Piece[];
}

export interface Piece {
  key: string;
  /** The field's text, from its key line to the next field (a copy kept outside the JavaScript heap). */
  bytes: Buffer;
  value: unknown;
  /** A block list's items: where each starts in `bytes`, and the end; their values. */
  items?: { offsets: number[]; values: unknown[] };
}

const BARE_KEY_LINE = /^[A-Za-z_][A-Za-z0-9_-]* *:[ \t]*(?:#.*)?$/;
// An anchor (&a), alias (*a) or tag (!t) where a node may start: pieces parsed apart would lose them.
const NODE_PROPERTY = /(?:^|[\s[{,])[&*!][^\s]/m;
// A block scalar that keeps its final line breaks (`|+`, `>2+`): as the last field, parsed with the front
// matter's last newline (here) or without it (parseMarkdownFile), it would end with one more.
const KEEP_CHOMPING = /[|>](?:[1-9]?\+|\+[1-9])[ \t]*(?:#.*)?$/m;
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const NL = 10;
const EMPTY = Buffer.alloc(0);
/** The front matter's closing line, as bytes: searched for in every version (a text would be encoded each time). */
const CLOSE = Buffer.from('\n---');

/**
 * Copies of versions' bytes, laid one after another in large buffers: a Buffer of its own for each
 * (Buffer.from) costs an allocation of Node's 8 KB pool every other version, far more than the copy.
 * A slab is freed when no version kept in it is referenced any more.
 */
const SLAB = 1 << 20;
let slab = Buffer.allocUnsafe(0);
let slabUsed = 0;
function keep(bytes: Buffer): Buffer {
  const n = bytes.length;
  if (n > SLAB >> 4) return Buffer.from(bytes);
  if (slabUsed + n > slab.length) {
    slab = Buffer.allocUnsafe(SLAB);
    slabUsed = 0;
  }
  slab.set(bytes, slabUsed); // TypedArray#set: the copy itself, without Buffer#copy's checks and views
  const copy = slab.subarray(slabUsed, slabUsed + n);
  slabUsed += n;
  return copy;
}

const yaml = (text: string) => load(text, { schema: CORE_SCHEMA, json: false });
const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A version as `parseMarkdownFile` reads it (its text, or git's bytes of it); given a neighbouring version
 * of the same file (older or newer), the pieces they share are not parsed again.
 */
export function parseVersion(input: string | Buffer, neighbour?: ParsedVersion): ParsedVersion {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  let fast: ParsedVersion | undefined;
  try {
    fast = tryFast(bytes, neighbour);
  } catch {
    fast = undefined;
  }
  if (fast) return fast;
  const parsed = parseMarkdownFile(typeof input === 'string' ? input : bytes.toString());
  const body = Buffer.from(parsed.body);
  if (!parsed.hasFrontMatter) return { data: undefined, body, problem: 'no front matter' };
  if (parsed.syntax.length) return { data: undefined, body, problem: `YAML syntax: ${parsed.syntax[0].message.replace(/^YAML syntax: /, '')} (line ${parsed.syntax[0].line})` };
  return { data: parsed.data, body, problem: null };
}

/** Whether a body has any text: any character that is not white space, as /\S/ reads it. */
export function bodyHasText(body: Buffer): boolean {
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    // Any other ASCII character is text; beyond ASCII, Unicode's spaces are not, so ask the regex.
    return c < 128 ? true : /\S/.test(body.toString());
  }
  return false;
}

/**
 * The key of a top-level field line (`key:` at column 0, as /^([A-Za-z_][A-Za-z0-9_-]*) *:(?:[ \n]|$)/ reads
 * it) starting at `at`, before `end`; undefined when the line is anything else.
 */
function keyAt(front: Buffer, at: number, end: number): string | undefined {
  let i = at;
  const c0 = front[i];
  if (!((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122) || c0 === 95)) return undefined;
  for (i++; i < end; i++) {
    const c = front[i];
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45)) break;
  }
  const keyEnd = i;
  while (i < end && front[i] === 32) i++;
  if (i >= end || front[i] !== 58) return undefined;
  i++;
  if (i < end && front[i] !== 32 && front[i] !== NL) return undefined;
  return front.toString('latin1', at, keyEnd);
}

/** The neighbour's piece for `key`, looked for first where it is in this version (fields keep their order). */
function pieceFor(near: Piece[], k: number, key: string): Piece | undefined {
  if (near[k]?.key === key) return near[k];
  for (const piece of near) if (piece.key === key) return piece;
  return undefined;
}

/** The split and the parse of the common shape; undefined means "use parseMarkdownFile". */
function tryFast(bytes: Buffer, neighbour: ParsedVersion | undefined): ParsedVersion | undefined {
  // gray-matter's split, for a file that starts with "---" and a newline and has no carriage return.
  if (bytes.length < 4 || bytes[0] !== 45 || bytes[1] !== 45 || bytes[2] !== 45 || bytes[3] !== NL || bytes.indexOf(13) >= 0) return undefined;
  const close = bytes.indexOf(CLOSE, 3);
  // The closing line must be "---" alone ("----" or "--- x" is refused by parseMarkdownFile, with its message).
  if (close < 0 || (close + 4 < bytes.length && bytes[close + 4] !== NL)) return undefined;
  let bodyStart = close + 4;
  if (bytes[bodyStart] === NL) bodyStart++;
  // The front matter (from "---\n" to its closing newline), read where it is in git's bytes: a piece
  // whose text is the neighbour's is the neighbour's piece (nothing copied), only the others are kept.
  const front = bytes.subarray(4, close + 1);
  if (front.indexOf(38) >= 0 || front.indexOf(42) >= 0 || front.indexOf(33) >= 0) {
    if (NODE_PROPERTY.test(front.toString())) return undefined;
  }
  if (front.indexOf(43) >= 0 && KEEP_CHOMPING.test(front.toString())) return undefined;
  const first = firstStart(front);
  if (first < 0) return undefined;

  const near = neighbour?.pieces;
  // With no neighbour the whole front matter is parsed at once, and its values shared out to the pieces;
  // it is kept as one copy, of which each piece is a part.
  const whole = near ? undefined : yaml(front.toString());
  if (whole !== undefined && !isMap(whole)) return undefined;
  const kept = whole === undefined ? undefined : keep(front);
  const pieces: Piece[] = [];
  // Field by field: where the neighbour's field in the same place has the same text (and the next line
  // starts a field or the end), it is that field, found without reading its lines; else the field's
  // lines are read to the next field.
  for (let k = 0, start = first; start < front.length; k++) {
    const same = near?.[k];
    let piece: Piece | undefined;
    let end: number;
    if (same && startsWith(front, start, same.bytes)) {
      piece = same;
      end = start + same.bytes.length;
      if (taken(pieces, piece.key)) return undefined;
    } else {
      end = nextStart(front, start);
      const key = keyAt(front, start, end);
      if (key === undefined || taken(pieces, key) || UNSAFE_KEYS.has(key)) return undefined;
      const old = near && pieceFor(near, k, key);
      piece = old && old.bytes.length === end - start && front.compare(old.bytes, 0, old.bytes.length, start, end) === 0 ? old : readPiece(front, start, end, key, old, whole, kept);
      if (!piece) return undefined;
    }
    pieces.push(piece);
    start = end;
  }
  // The whole parse and the cut must agree on the fields, or the cut is not trusted.
  if (whole && Object.keys(whole).join('\n') !== pieces.map((p) => p.key).join('\n')) return undefined;
  // The body's bytes as they are, unless they are not valid UTF-8: then as the text decodes them (what
  // parseMarkdownFile's body is), so that bodies compare the same whichever way each was read. A body
  // the same as the neighbour's is the neighbour's.
  const raw = bytes.subarray(bodyStart);
  const nearBody = neighbour?.body;
  const body = !raw.length ? EMPTY : nearBody && nearBody.length === raw.length && raw.equals(nearBody) ? nearBody : isUtf8(raw) ? keep(raw) : Buffer.from(raw.toString());
  return new FastVersion(body, pieces);
}

/**
 * A version read by the fast path. Its front matter as an object (`data`) is made from its pieces only
 * when asked for: two such versions are compared by their pieces (changedFields), so most never need it.
 */
class FastVersion implements ParsedVersion {
  readonly problem = null;
  private made: Record<string, unknown> | undefined = undefined;
  constructor(
    readonly body: Buffer,
    readonly pieces: Piece[],
  ) {}

  get data(): Record<string, unknown> {
    if (!this.made) {
      const data: Record<string, unknown> = {};
      for (const piece of this.pieces) data[piece.key] = piece.value;
      this.made = data;
    }
    return this.made;
  }
}

const NO_KEYS = {};
/** Whether `key` is one of the pieces' keys already, or a key every object has (as `key in data` said). */
function taken(pieces: Piece[], key: string): boolean {
  for (let i = 0; i < pieces.length; i++) if (pieces[i].key === key) return true;
  return key in NO_KEYS;
}

/**
 * The field from `start` to `end` in `front`, `key`, parsed (or taken from the whole front matter's
 * parse); a list's items that `old`, the neighbour's field, has are taken from it. Undefined: "use
 * parseMarkdownFile".
 */
function readPiece(front: Buffer, start: number, end: number, key: string, old: Piece | undefined, whole: Record<string, unknown> | undefined, kept: Buffer | undefined): Piece | undefined {
  const bytes = () => (kept ? kept.subarray(start, end) : keep(front.subarray(start, end)));
  const offsets = listItems(front, start, end);
  if (offsets) {
    // A list: each item read where it is, and parsed only when no item of the neighbour's list has its text.
    const prev = old?.items;
    const fromWhole = whole?.[key];
    const n = offsets.length - 1;
    if (whole && (!Array.isArray(fromWhole) || fromWhole.length !== n)) return undefined;
    const values: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) {
      if (fromWhole) {
        values[i] = (fromWhole as unknown[])[i];
        continue;
      }
      const from = start + offsets[i];
      const to = start + offsets[i + 1];
      if (prev) {
        const sameAs = (j: number) => prev.offsets[j + 1] - prev.offsets[j] === to - from && front.compare(old!.bytes, prev.offsets[j], prev.offsets[j + 1], from, to) === 0;
        let j = i < prev.values.length && sameAs(i) ? i : -1;
        for (let m = 0; j < 0 && m < prev.values.length; m++) if (sameAs(m)) j = m;
        if (j >= 0) {
          values[i] = prev.values[j];
          continue;
        }
      }
      const parsed = yaml(front.toString('utf8', from, to));
      if (!Array.isArray(parsed) || parsed.length !== 1) throw new Error('not one item');
      values[i] = parsed[0];
    }
    return { key, bytes: bytes(), value: values, items: { offsets, values } };
  }
  if (whole) return { key, bytes: bytes(), value: whole[key] };
  const parsed = yaml(front.toString('utf8', start, end));
  if (!isMap(parsed)) return undefined;
  const keys = Object.keys(parsed);
  if (keys.length !== 1 || keys[0] !== key) return undefined;
  return { key, bytes: bytes(), value: parsed[key] };
}

/**
 * The fields whose text differs between two versions read by the fast path, as two objects holding only
 * those fields (each in its version's order), or null when a version was not read that way. A field
 * whose text is the same has the same value in both, so the field diff of the two objects is the field
 * diff of the whole front matters (it reports nothing for equal values, and keeps the order of the rest).
 */
export function changedFields(before: ParsedVersion, after: ParsedVersion): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const a = before.pieces;
  const b = after.pieces;
  if (!a || !b) return null;
  const same = (x: Piece | undefined, y: Piece) => x === y || (x !== undefined && x.bytes.equals(y.bytes));
  const x: Record<string, unknown> = {};
  const y: Record<string, unknown> = {};
  for (let k = 0; k < b.length; k++) if (!same(pieceFor(a, k, b[k].key), b[k])) y[b[k].key] = b[k].value;
  for (let k = 0; k < a.length; k++) if (!same(pieceFor(b, k, a[k].key), a[k])) x[a[k].key] = a[k].value;
  if ('panel' in x && 'panel' in y) {
    const narrowed = samePanelDiscussionsLeftOut(x.panel, y.panel);
    if (narrowed) [x.panel, y.panel] = narrowed;
  }
  return { before: x, after: y };
}

/** Where a discussion is looked for first in the other list: at its own place, then one or two off. */
const NEAR = [0, 1, -1, 2, -2];

/**
 * Two `panel:` lists without the discussions that are the very same item, at the same date, on both
 * sides. The field diff (field-changes.ts) matches discussions by date and says nothing of a pair that is
 * equal, so when every discussion on each side is a map with a date of its own, leaving those pairs out
 * changes nothing in what it reports, or in its order, and spares it comparing every discussion of a long
 * list each time one is added or changed (tests/data/history.test.ts holds the two equal). Null when the
 * lists are not of that shape, or nothing can be left out.
 */
function samePanelDiscussionsLeftOut(before: unknown, after: unknown): [unknown[], unknown[]] | null {
  if (!Array.isArray(before) || !Array.isArray(after) || !datesOfTheirOwn(before) || !datesOfTheirOwn(after)) return null;
  // The discussion of `after` at the date of before[i]: most often at the same place, or one or two off.
  const at = (i: number): unknown => {
    const date = (before[i] as { date: string }).date;
    for (const d of NEAR) {
      const j = i + d;
      if (j >= 0 && j < after.length && (after[j] as { date: string }).date === date) return after[j];
    }
    for (const item of after) if ((item as { date: string }).date === date) return item;
    return undefined;
  };
  let shared: Set<unknown> | null = null;
  for (let i = 0; i < before.length; i++) if (at(i) === before[i]) (shared ??= new Set()).add(before[i]);
  if (!shared) return null;
  return [before.filter((item) => !shared.has(item)), after.filter((item) => !shared.has(item))];
}

/** Every item a map with a `date` text, and no two with the same date. */
function datesOfTheirOwn(items: unknown[]): boolean {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!isMap(item) || typeof item.date !== 'string') return false;
    for (let j = 0; j < i; j++) if ((items[j] as { date: string }).date === item.date) return false;
  }
  return true;
}

/** A line that starts a field: not indented, not a comment, not blank. */
const startsField = (c: number) => c !== 32 && c !== 35 && c !== NL;

/**
 * Where the first field starts (the front matter's first line at column 0 that is not a comment or blank
 * line), or -1 if there is none or indented text comes before it. The front matter ends with a newline.
 */
function firstStart(front: Buffer): number {
  for (let pos = 0; pos < front.length; pos = front.indexOf(NL, pos) + 1) {
    const c = front[pos];
    if (c === 32) return -1;
    if (startsField(c)) return pos;
  }
  return -1;
}

/** Where the field after the one starting at `start` starts: the next line that starts a field, or the end. */
function nextStart(front: Buffer, start: number): number {
  for (let pos = front.indexOf(NL, start) + 1; pos > 0 && pos < front.length; pos = front.indexOf(NL, pos) + 1) {
    if (startsField(front[pos])) return pos;
  }
  return front.length;
}

/** Whether `front` has `field`'s text at `start`, and a field or the end right after it. */
function startsWith(front: Buffer, start: number, field: Buffer): boolean {
  const end = start + field.length;
  return end <= front.length && (end === front.length || startsField(front[end])) && front.compare(field, 0, field.length, start, end) === 0;
}

/**
 * The items of the field at `start` to `end` in `front` when its value is a block list, each with its own
 * indentation (YAML reads an indented list as the document): where each item starts, and the end, as
 * offsets from `start`; null when the value is anything else (a scalar, a map, a flow list, or a list
 * with lines outside its indentation). Read on the bytes: every mark it looks for is ASCII.
 */
function listItems(front: Buffer, start: number, end: number): number[] | null {
  const firstEnd = front.indexOf(NL, start);
  if (firstEnd < 0 || firstEnd >= end || !BARE_KEY_LINE.test(front.toString('utf8', start, firstEnd))) return null;
  let indent = -1;
  const starts: number[] = [];
  for (let pos = firstEnd + 1; pos < end; ) {
    let nl = front.indexOf(NL, pos);
    if (nl < 0 || nl > end) nl = end;
    let at = pos;
    while (at < nl && front[at] === 32) at++;
    const c = front[at];
    if (at < nl && c !== 35) {
      const column = at - pos;
      if (indent < 0) indent = column;
      const dash = c === 45 && (at + 1 === nl || front[at + 1] === 32);
      if (column === indent && dash) starts.push(pos - start);
      else if (column <= indent || !starts.length) return null;
    }
    pos = nl + 1;
  }
  if (!starts.length) return null;
  starts.push(end - start);
  return starts;
}
