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
 */
import { CORE_SCHEMA, load } from 'js-yaml';
import { parseMarkdownFile } from './frontmatter.js';

export interface ParsedVersion {
  /** The front matter as plain data, or undefined when it could not be read. */
  data: unknown;
  body: string;
  /** Why the front matter could not be read, for the trail's note; null when it was read. */
  problem: string | null;
  /** The text and value of each top-level field (and list item), for reading the next version. */
  pieces?: Map<string, Piece>;
}

interface Piece {
  text: string;
  value: unknown;
  items?: { texts: string[]; values: unknown[] };
}

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*) *:(?:[ \n]|$)/;
const BARE_KEY_LINE = /^[A-Za-z_][A-Za-z0-9_-]* *:[ \t]*(?:#.*)?$/;
// An anchor (&a), alias (*a) or tag (!t) where a node may start: pieces parsed apart would lose them.
const NODE_PROPERTY = /(?:^|[\s[{,])[&*!][^\s]/m;
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const yaml = (text: string) => load(text, { schema: CORE_SCHEMA, json: false });
const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A version as `parseMarkdownFile` reads it; given a neighbouring version of the same file (older or
 * newer), the pieces they share are not parsed again.
 */
export function parseVersion(text: string, neighbour?: ParsedVersion): ParsedVersion {
  let fast: ParsedVersion | undefined;
  try {
    fast = tryFast(text, neighbour?.pieces);
  } catch {
    fast = undefined;
  }
  if (fast) return fast;
  const parsed = parseMarkdownFile(text);
  if (!parsed.hasFrontMatter) return { data: undefined, body: parsed.body, problem: 'no front matter' };
  if (parsed.syntax.length) return { data: undefined, body: parsed.body, problem: `YAML syntax: ${parsed.syntax[0].message} (line ${parsed.syntax[0].line})` };
  return { data: parsed.data, body: parsed.body, problem: null };
}

/** The split and the parse of the common shape; undefined means "use parseMarkdownFile". */
function tryFast(text: string, near: Map<string, Piece> | undefined): ParsedVersion | undefined {
  // gray-matter's split, for a file that starts with "---" and a newline and has no carriage return.
  if (!text.startsWith('---\n') || text.includes('\r')) return undefined;
  const close = text.indexOf('\n---', 3);
  if (close < 0) return undefined;
  const raw = text.slice(4, close + 1);
  let body = text.slice(close + 4);
  if (body[0] === '\n') body = body.slice(1);
  const property = raw.indexOf('&') >= 0 || raw.indexOf('*') >= 0 || raw.indexOf('!') >= 0;
  if (!/\S/.test(raw) || (property && NODE_PROPERTY.test(raw))) return undefined;
  const chunks = topLevelChunks(raw);
  if (!chunks) return undefined;

  // With no neighbour the whole front matter is parsed at once, and its values shared out to the pieces.
  const whole = near ? undefined : yaml(raw);
  if (whole !== undefined && !isMap(whole)) return undefined;
  const data: Record<string, unknown> = {};
  const pieces = new Map<string, Piece>();
  for (const chunk of chunks) {
    const key = KEY_LINE.exec(chunk)?.[1];
    if (key === undefined || key in data || UNSAFE_KEYS.has(key)) return undefined;
    const old = near?.get(key);
    let piece: Piece;
    if (old && old.text === chunk) piece = old;
    else {
      const items = listItems(chunk);
      if (items) {
        const prev = old?.items;
        const fromWhole = whole?.[key];
        if (whole && (!Array.isArray(fromWhole) || fromWhole.length !== items.length)) return undefined;
        const values = items.map((item, i) => {
          if (fromWhole) return (fromWhole as unknown[])[i];
          if (prev) {
            const j = prev.texts[i] === item ? i : prev.texts.indexOf(item);
            if (j >= 0) return prev.values[j];
          }
          const parsed = yaml(item);
          if (!Array.isArray(parsed) || parsed.length !== 1) throw new Error('not one item');
          return parsed[0];
        });
        piece = { text: chunk, value: values, items: { texts: items, values } };
      } else if (whole) {
        piece = { text: chunk, value: whole[key] };
      } else {
        const parsed = yaml(chunk);
        if (!isMap(parsed)) return undefined;
        const keys = Object.keys(parsed);
        if (keys.length !== 1 || keys[0] !== key) return undefined;
        piece = { text: chunk, value: parsed[key] };
      }
    }
    pieces.set(key, piece);
    data[key] = piece.value;
  }
  // The whole parse and the cut must agree on the fields, or the cut is not trusted.
  if (whole && Object.keys(whole).join('\n') !== [...pieces.keys()].join('\n')) return undefined;
  if (!pieces.size) return undefined;
  return { data, body, problem: null, pieces };
}

/** The front matter cut at each line that starts at column 0 with anything but a comment; null if malformed. */
function topLevelChunks(raw: string): string[] | null {
  const starts: number[] = [];
  for (let pos = 0; pos < raw.length; ) {
    const c = raw.charCodeAt(pos);
    if (c === 32 && !starts.length) return null; // indented text before the first field
    if (c !== 32 && c !== 35 && c !== 10) starts.push(pos); // not a space, "#" or a blank line
    const nl = raw.indexOf('\n', pos);
    if (nl < 0) break;
    pos = nl + 1;
  }
  return starts.map((s, i) => raw.slice(s, starts[i + 1] ?? raw.length));
}

/**
 * The items of a `key:` whose value is a block list, each with its own indentation (YAML reads an
 * indented list as the document), or null when the value is anything else (a scalar, a map, a flow list,
 * or a list with lines outside its indentation).
 */
function listItems(chunk: string): string[] | null {
  const firstEnd = chunk.indexOf('\n');
  if (firstEnd < 0 || !BARE_KEY_LINE.test(chunk.slice(0, firstEnd))) return null;
  let indent = -1;
  const starts: number[] = [];
  for (let pos = firstEnd + 1; pos < chunk.length; ) {
    let nl = chunk.indexOf('\n', pos);
    if (nl < 0) nl = chunk.length;
    let at = pos;
    while (chunk.charCodeAt(at) === 32) at++;
    const c = chunk.charCodeAt(at);
    if (at < nl && c !== 35) {
      const column = at - pos;
      if (indent < 0) indent = column;
      const dash = c === 45 && (at + 1 === nl || chunk.charCodeAt(at + 1) === 32);
      if (column === indent && dash) starts.push(pos);
      else if (column <= indent || !starts.length) return null;
    }
    pos = nl + 1;
  }
  if (!starts.length) return null;
  return starts.map((s, i) => chunk.slice(s, starts[i + 1] ?? chunk.length));
}
