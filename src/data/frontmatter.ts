/**
 * Splits a markdown file into YAML front matter and body and parses the front matter with js-yaml's CORE
 * schema. The core schema has no timestamp type, so `2019-02-30` stays text for the schema to reject (a
 * timestamp type would silently roll it into March). Field line numbers come from one pass over the lines
 * (FieldLines), not a second parse.
 *
 * The split follows gray-matter's rules (the audit trail's fast path, history-parse.ts, relies on them) but
 * is done here: gray-matter throws on a first line such as `---foo` (it reads "foo" as a parser name) and
 * reads a front matter that is never closed as if it ran to the end of the file. Nothing here throws,
 * whatever the text: a file that cannot be read becomes a syntax problem with its line.
 */
import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import type { FieldPath } from '../domain/problems.js';
import { FieldLines } from './outline.js';

export interface SyntaxProblem {
  line: number;
  message: string;
}

export interface ParsedFile {
  /** The front matter as plain data; undefined when it could not be read at all. */
  data: unknown;
  body: string;
  hasFrontMatter: boolean;
  /** Problems that stop the front matter being read at all (data is then undefined). */
  syntax: SyntaxProblem[];
  /**
   * Mistakes YAML reads without complaint but that lose part of a value (an unquoted "&word" or " #word"):
   * the file is invalid, but the data is read.
   */
  mistakes: SyntaxProblem[];
  /** The line of a field, falling back to the nearest parent field, then the first line. */
  locate(path: FieldPath, atKey?: boolean): number;
}

const FRIENDLY: [RegExp, string][] = [
  [/duplicated mapping key/, 'a field appears twice; keep one'],
  [/tab characters? must not be used/i, 'indent with spaces, not tabs'],
  [/bad indentation/, 'check the indentation: fields of one block line up, nested fields are indented by two spaces'],
  [/missed comma between flow collection entries|unexpected end of the stream within a flow collection/, 'a list in [ ] or a block in { } is not closed on its line, or its items are not separated by commas'],
];

function syntaxMessage(err: YAMLException, lineText: string | undefined): string {
  const reason = err.reason || err.message.split('\n')[0];
  let hint = FRIENDLY.find(([re]) => re.test(reason))?.[1];
  const key = /^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:/.exec(lineText ?? '')?.[1];
  if (/duplicated mapping key/.test(reason) && key) hint = `the field "${key}" appears twice in the same block; keep one`;
  // js-yaml names a tab only in some positions; elsewhere it reports a confusing structure error.
  if (!hint && lineText !== undefined && /^[ ]*\t/.test(lineText)) hint = 'this line is indented with a tab: indent with spaces, not tabs';
  return hint ? `${reason}: ${hint}` : reason;
}

const CLOSE = '\n---';

/** The line map of the file located last (see `locate` in parseMarkdownFile). */
let recent: { owner: object; lines: FieldLines } | undefined;

/**
 * Nodes a value would hold written out in full, counted with each shared (aliased) block once per use, in
 * one pass over the distinct blocks. An alias bomb (a few lines of &a / *a that stand for billions of
 * values) would otherwise hang validation; past the limit the file is refused, as the yaml package's
 * maxAliasCount does.
 */
export const MAX_EXPANDED_NODES = 2_000_000;

function aliasExpansion(data: unknown): string | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  const CAP = Number.MAX_SAFE_INTEGER;
  const size = new Map<object, number>();
  const onPath = new Set<object>();
  let shared = 0;
  // Iterative depth-first walk, each distinct block once: a deep or long file must not overflow the stack.
  const frames: { node: object; values: unknown[]; i: number; n: number }[] = [];
  const enter = (node: object) => {
    onPath.add(node);
    frames.push({ node, values: Object.values(node), i: 0, n: 1 });
  };
  enter(data);
  while (frames.length) {
    const f = frames[frames.length - 1];
    if (f.i < f.values.length) {
      const v = f.values[f.i++];
      if (v === null || typeof v !== 'object') f.n += 1;
      else if (size.has(v)) {
        shared++;
        f.n = Math.min(f.n + size.get(v)!, CAP);
      } else if (onPath.has(v)) f.n += 1;
      else enter(v);
      continue;
    }
    frames.pop();
    onPath.delete(f.node);
    size.set(f.node, f.n);
    const parent = frames[frames.length - 1];
    if (parent) parent.n = Math.min(parent.n + f.n, CAP);
  }
  const total = size.get(data as object) ?? 0;
  if (shared === 0 || total <= MAX_EXPANDED_NODES) return undefined;
  return `the front matter uses aliases (*name) that would expand to more than ${MAX_EXPANDED_NODES.toLocaleString('en-GB')} values (an "alias bomb"); it was not read: write the values out instead of repeating blocks with & and *`;
}

/** The line of the first alias (*name), for the alias-bomb problem. */
function aliasLine(raw: string): number {
  const lines = raw.split('\n');
  const i = lines.findIndex((l) => /(^|[\s[{,:-])\*[^\s,\]}]/.test(l));
  return i >= 0 ? i + 1 : 1;
}

/** A value as shown in a message: at most 60 characters, so a huge value never makes a huge message. */
const short = (v: string) => (v.length > 60 ? `${v.slice(0, 57)}...` : v);

/** `field: "value"`, the value quoted for YAML (shortened in the message when long). */
const quotedExample = (field: string, v: string) => `${field}: "${short(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const FIELD_LINE = /^(\s*(?:-\s+)?)([A-Za-z_][\w-]*)\s*:\s+(.*)$/;

/**
 * A YAML mistake people make on one line, in plain words, or undefined. Reads the line as `field: value`
 * (in a list too) and looks at the value as written.
 */
export function plainMistake(lineText: string | undefined): string | undefined {
  if (lineText === undefined) return undefined;
  if (/^[ ]*\t/.test(lineText)) return 'YAML syntax: this line is indented with a tab: indent with spaces, not tabs (two spaces for each level)';
  const m = FIELD_LINE.exec(lineText);
  if (!m) return undefined;
  const [, , field, value] = m;
  const v = value.trim();
  if (!v || /^["'[{|>]/.test(v)) return undefined;
  const quoted = quotedExample(field, v);
  if (/:\s/.test(v) || v.endsWith(':')) {
    return `YAML syntax: the value of ${field} contains a colon followed by a space (${JSON.stringify(v.length > 50 ? `${v.slice(0, 47)}...` : v)}), which YAML reads as the start of another field: put the whole value in quotes, for example ${quoted}`;
  }
  const lead = v[0];
  const names: Record<string, string> = { '*': 'an asterisk (*), which YAML reads as an alias', '&': 'an ampersand (&), which YAML reads as an anchor name', '@': 'an at sign (@), which YAML keeps for future use', '`': 'a backtick (`), which YAML keeps for future use', '%': 'a percent sign (%), which YAML reads as a directive', '!': 'an exclamation mark (!), which YAML reads as a type tag' };
  if (names[lead]) return `YAML syntax: the value of ${field} starts with ${names[lead]}: put the whole value in quotes, for example ${quoted}`;
  return undefined;
}

/**
 * Mistakes YAML accepts without a word but that change what is read: a text value starting with "&"
 * (the word is taken as an anchor name and dropped) and a "#" inside a value (the rest of the line is
 * taken as a comment). Both are refused, with the quoting that keeps the text whole.
 */
function silentMistakes(raw: string): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  // Both mistakes need an "&" or a "#" on the line: only the lines holding one are looked at (found with
  // indexOf, without splitting the text into lines), counting the lines passed on the way.
  let nextHash = raw.indexOf('#');
  let nextAmp = raw.indexOf('&');
  let line = 1;
  let counted = 0;
  while (nextHash >= 0 || nextAmp >= 0) {
    const pos = nextHash < 0 ? nextAmp : nextAmp < 0 ? nextHash : Math.min(nextHash, nextAmp);
    const start = raw.lastIndexOf('\n', pos) + 1;
    let end = raw.indexOf('\n', pos);
    if (end < 0) end = raw.length;
    for (let nl = raw.indexOf('\n', counted); nl >= 0 && nl < start; nl = raw.indexOf('\n', nl + 1)) line++;
    counted = start;
    if (nextHash >= 0 && nextHash < end) nextHash = raw.indexOf('#', end);
    if (nextAmp >= 0 && nextAmp < end) nextAmp = raw.indexOf('&', end);
    const i = line - 1;
    const text = raw.slice(start, end);
    const m = FIELD_LINE.exec(text);
    if (!m) continue;
    const [, , field, value] = m;
    const v = value.trim();
    if (/^&[^\s]+\s+[^\s[{#]/.test(v)) {
      out.push({ line: i + 1, message: `YAML syntax: the value of ${field} starts with an ampersand (&), which YAML reads as an anchor name, so "${short(v.split(/\s/)[0])}" would be lost: put the whole value in quotes, for example ${quotedExample(field, v)}` });
      continue;
    }
    // A comment is "# text" after a value; "#2" or "A#B" glued to the value is text the writer meant to keep.
    // (Found with one linear search, not a backtracking pattern: a long line of spaces must not take minutes.)
    const at = /^["'#]/.test(v) ? -1 : v.search(/\s#[^\s#]/);
    const hash = at < 0 ? null : [v, v.slice(0, at), v.slice(at + 2)];
    if (hash && /[A-Za-z]/.test(hash[1]) && !/^\d{4}-\d{2}-\d{2}$/.test(hash[1].trim())) {
      out.push({ line: i + 1, message: `YAML syntax: in the value of ${field}, "#${hash[2].slice(0, 20)}" starts a comment, so everything from "#" on would be lost: put the whole value in quotes, for example ${quotedExample(field, v)}, or write "# " with a space for a comment` });
    }
  }
  return out;
}

/** The line of the first field (a line starting with neither a space nor "#"), or 1. */
function firstFieldLine(raw: string): number {
  for (let start = 0, line = 1; start <= raw.length; line++) {
    const end = raw.indexOf('\n', start);
    const c = raw.charCodeAt(start);
    // Not the end of the line, not white space (\S), not "#".
    if (start < (end < 0 ? raw.length : end) && c !== 35 && /\S/.test(raw[start])) return line;
    if (end < 0) break;
    start = end + 1;
  }
  return 1;
}

export function parseMarkdownFile(input: string): ParsedFile {
  // Windows line endings are normalised first (line numbers are unchanged), and a byte order mark dropped.
  let text = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const none = (body: string): ParsedFile => ({ data: undefined, body, hasFrontMatter: false, syntax: [], mistakes: [], locate: () => 1 });
  // `----` (a markdown rule) is not an opening delimiter, as in gray-matter.
  if (!text.startsWith('---') || text[3] === '-') return none(text);

  const rest = text.slice(3);
  const firstLineEnd = rest.indexOf('\n');
  const firstLine = firstLineEnd < 0 ? rest : rest.slice(0, firstLineEnd);
  const syntax: SyntaxProblem[] = [];
  const problem = (line: number, message: string): ParsedFile => ({
    data: undefined,
    body: '',
    hasFrontMatter: true,
    syntax: [{ line, message }],
    mistakes: [],
    locate: () => line,
  });
  if (firstLine.trim() !== '') {
    return problem(1, `the first line must be "---" on its own, found ${JSON.stringify(`---${firstLine.length > 40 ? `${firstLine.slice(0, 37)}...` : firstLine}`)}`);
  }
  const closeAt = rest.indexOf(CLOSE);
  if (closeAt < 0) {
    const lastLine = text.replace(/\n+$/, '').split('\n').length;
    return problem(lastLine, 'the front matter opened by "---" on line 1 is never closed: add a line "---" after its last field');
  }
  // The closing line is exactly "---": a longer line of dashes ("-----", a markdown rule) does not end the
  // front matter in silence, whatever gray-matter would do with it.
  const closeLineEnd = rest.indexOf('\n', closeAt + 1);
  const closeLine = rest.slice(closeAt + 1, closeLineEnd < 0 ? undefined : closeLineEnd);
  if (closeLine.trimEnd() !== '---') {
    const line = rest.slice(0, closeAt + 1).split('\n').length;
    const shown = closeLine.length > 40 ? `${closeLine.slice(0, 37)}...` : closeLine;
    return problem(
      line,
      /^-+\s*$/.test(closeLine)
        ? `line ${line} is ${JSON.stringify(shown)}, ${closeLine.trim().length} dashes: the front matter ends with a line of exactly three dashes "---"; write "---" there, or quote the value if the dashes belong to a field`
        : `line ${line} starts with "---" but is not the closing "---" line of the front matter (found ${JSON.stringify(shown)}): the front matter ends with a line holding only "---"`,
    );
  }
  // The front matter text starts right after the opening `---`: its line N is line N of the file.
  const raw = rest.slice(0, closeAt);
  let body = rest.slice(closeAt + CLOSE.length);
  if (body[0] === '\n') body = body.slice(1);

  let data: unknown;
  let mistakes: SyntaxProblem[] = [];
  try {
    data = load(raw, { schema: CORE_SCHEMA, json: false });
    // No "*" in the text: no alias, nothing shared, nothing to expand (aliasExpansion would find none).
    const bomb = raw.includes('*') ? aliasExpansion(data) : undefined;
    if (bomb) {
      syntax.push({ line: aliasLine(raw), message: bomb });
      data = undefined;
    } else mistakes = silentMistakes(raw);
  } catch (err) {
    if (err instanceof YAMLException) {
      const line = (err.mark?.line ?? 0) + 1;
      const lines = raw.split('\n', line + 1);
      // The parser often stops on the line after the mistake (an unquoted colon ends the line's value).
      const here = plainMistake(lines[line - 1]);
      const before = !here && line > 1 ? plainMistake(lines[line - 2]) : undefined;
      syntax.push(here ? { line, message: here } : before ? { line: line - 1, message: before } : { line, message: syntaxMessage(err, lines[line - 1]) });
    } else {
      // Not expected from js-yaml, but a file must never stop the run (e.g. a stack overflow on deep nesting).
      syntax.push({ line: 2, message: `the front matter could not be read (${(err as Error)?.message ?? String(err)})` });
    }
    data = undefined;
  }
  // The line map is built on first use (most files with no finding never need a line number) and kept
  // only while this file is the one being located: the engine locates a file's findings one after
  // another, and 84,000 files' maps held at once would take hundreds of MB.
  const self = {};
  let located: Map<string, number> | undefined;
  let firstField: number | undefined;
  return {
    data,
    body,
    hasFrontMatter: true,
    syntax,
    mistakes,
    // Built on first use: most files with no finding never need a line number.
    locate: (path) => {
      try {
        // Each answer is kept (a few per file): the site reads the same clocks twice.
        const key = path.join('\u0000');
        let line = located?.get(key);
        if (line !== undefined) return line;
        if (recent?.owner !== self) recent = { owner: self, lines: new FieldLines(raw, 1) };
        firstField ??= firstFieldLine(raw);
        line = recent.lines.lineOf(path, firstField);
        (located ??= new Map()).set(key, line);
        return line;
      } catch {
        return 1;
      }
    },
  };
}
