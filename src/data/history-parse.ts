/**
 * Parses the many versions of a file that the audit trail reads (2,500 files x 20 versions = 50,000 front
 * matters). `parseMarkdownFile` costs about 85 us a version (gray-matter's split, then a whole YAML parse),
 * over 4 s for 50,000; but consecutive versions share most of their text. So the front matter is cut into
 * its top-level fields, and a list field (`panel:`, usually the largest) into its items, and each piece is
 * parsed once with the same YAML schema and reused by every version that has the same text.
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
}

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*) *:(?: |$)/;
const BARE_KEY_LINE = /^[A-Za-z_][A-Za-z0-9_-]* *:[ \t]*(?:#.*)?$/;
// An anchor (&a), alias (*a) or tag (!t) where a node may start: pieces parsed apart would lose them.
const NODE_PROPERTY = /(?:^|[\s[{,])[&*!][^\s]/m;
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const yaml = (text: string) => load(text, { schema: CORE_SCHEMA, json: false });

export class VersionParser {
  private pieces = new Map<string, unknown>();
  private lists = new Map<string, unknown[]>();

  /** Every version the same way `parseMarkdownFile` reads the file. */
  parse(text: string): ParsedVersion {
    const fast = this.tryFast(text);
    if (fast) return fast;
    const parsed = parseMarkdownFile(text);
    if (!parsed.hasFrontMatter) return { data: undefined, body: parsed.body, problem: 'no front matter' };
    if (parsed.syntax.length) return { data: undefined, body: parsed.body, problem: `YAML syntax: ${parsed.syntax[0].message} (line ${parsed.syntax[0].line})` };
    return { data: parsed.data, body: parsed.body, problem: null };
  }

  private piece(text: string): unknown {
    if (this.pieces.has(text)) return this.pieces.get(text);
    const value = yaml(text);
    // Bounded like the date memo: a long history must not keep every piece it ever saw.
    if (this.pieces.size > 100_000) this.pieces.clear();
    this.pieces.set(text, value);
    return value;
  }

  /** The split and the parse of the common shape; undefined means "use parseMarkdownFile". */
  private tryFast(text: string): ParsedVersion | undefined {
    // gray-matter's split, for a file that starts with "---" and a newline and has no carriage return.
    if (!text.startsWith('---\n') || text.includes('\r')) return undefined;
    const close = text.indexOf('\n---', 3);
    if (close < 0) return undefined;
    const raw = text.slice(4, close);
    let body = text.slice(close + 4);
    if (body[0] === '\n') body = body.slice(1);
    if (!raw.trim() || NODE_PROPERTY.test(raw)) return undefined;

    const chunks = splitTopLevel(raw);
    if (!chunks) return undefined;
    const data: Record<string, unknown> = {};
    try {
      for (const chunk of chunks) {
        if (chunk.key in data || UNSAFE_KEYS.has(chunk.key)) return undefined;
        const whole = chunk.lines.join('\n');
        const list = this.lists.get(whole);
        const items = list ? null : splitItems(chunk.lines);
        if (list) data[chunk.key] = list;
        else if (items) {
          const value = items.map((item) => {
            const parsed = this.piece(item);
            if (!Array.isArray(parsed) || parsed.length !== 1) throw new Error('not one item');
            return parsed[0];
          });
          // The same list text gives the same array, so an unchanged list compares equal at once.
          if (this.lists.size > 20_000) this.lists.clear();
          this.lists.set(whole, value);
          data[chunk.key] = value;
        } else {
          const parsed = this.piece(whole);
          if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
          const keys = Object.keys(parsed);
          if (keys.length !== 1 || keys[0] !== chunk.key) return undefined;
          data[chunk.key] = (parsed as Record<string, unknown>)[chunk.key];
        }
      }
    } catch {
      return undefined;
    }
    return { data, body, problem: null };
  }
}

interface Chunk {
  key: string;
  lines: string[];
}

/** The front matter cut at each top-level key; null when a line at column 0 is anything else. */
function splitTopLevel(raw: string): Chunk[] | null {
  const chunks: Chunk[] = [];
  for (const line of raw.split('\n')) {
    const first = line[0];
    if (first === undefined || first === ' ' || first === '#') {
      // Blank, indented or a comment: part of the field above (a leading comment belongs to none).
      if (first === ' ' && !chunks.length) return null;
      chunks.at(-1)?.lines.push(line);
      continue;
    }
    const m = KEY_LINE.exec(line);
    if (!m) return null;
    chunks.push({ key: m[1], lines: [line] });
  }
  return chunks.length ? chunks : null;
}

/**
 * The items of a `key:` whose value is a block list, each dedented to start with "- ", or null when the
 * value is anything else (a scalar, a map, a flow list, or a list with lines outside its indentation).
 */
function splitItems(lines: string[]): string[] | null {
  if (!BARE_KEY_LINE.test(lines[0])) return null;
  let indent = -1;
  const items: string[][] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const content = line.trimStart();
    if (!content || content.startsWith('#')) {
      items.at(-1)?.push(line);
      continue;
    }
    const at = line.length - content.length;
    if (indent < 0) indent = at;
    if (at === indent && (content === '-' || content.startsWith('- '))) items.push([line]);
    else if (at > indent && items.length) items.at(-1)!.push(line);
    else return null;
  }
  if (!items.length) return null;
  return items.map((item) => item.map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length))).join('\n'));
}
