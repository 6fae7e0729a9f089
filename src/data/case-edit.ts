/**
 * Edits a case or meeting file's front matter by adding lines, never by re-printing the file: comments,
 * quoting, flow lists and blank lines stay byte for byte as a person wrote them. The yaml package's
 * Document API finds where things are (it reads positions, it never writes the file); the edit is a splice
 * of new lines at a line boundary. The caller parses the result again and compares it with what it meant
 * to write, so an edit this module gets wrong is refused, never written.
 */
import { isMap, isScalar, isSeq, parseDocument, stringify, type Node, type Pair } from 'yaml';

export interface FrontMatterText {
  /** Everything up to and including the opening `---` line. */
  head: string;
  /** The front matter itself, ending with a newline. */
  yaml: string;
  /** The closing `---` line and the body. */
  tail: string;
}

/** Splits a file at its front matter (Windows line endings are kept as they are). */
export function splitFrontMatter(text: string): FrontMatterText | null {
  const open = /^(\uFEFF?---[ \t]*\r?\n)/.exec(text);
  if (!open) return null;
  const close = /^---[ \t]*(\r?\n|$)/m;
  const rest = text.slice(open[1].length);
  // The closing line must start a line inside the rest (it may be the first line of an empty front matter).
  const m = close.exec(rest);
  if (!m) return null;
  return { head: open[1], yaml: rest.slice(0, m.index), tail: rest.slice(m.index) };
}

const eolOf = (text: string) => (text.includes('\r\n') ? '\r\n' : '\n');

function topLevelPair(yamlText: string, key: string): { pair: Pair<Node, Node | null> | undefined; error?: string } {
  const doc = parseDocument(yamlText, { uniqueKeys: false });
  if (doc.errors.length) return { pair: undefined, error: doc.errors[0].message.split('\n')[0] };
  if (doc.contents && !isMap(doc.contents)) return { pair: undefined, error: 'the front matter is not a block of fields' };
  const pair = doc.contents?.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<Node, Node | null> | undefined;
  return { pair };
}

/** Offset of the start of the line holding `offset`. */
const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
/** Offset just after the newline ending the line holding `offset` (or the end of the text). */
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** The comment at the end of the line holding a key (" # note"), kept when that line is rewritten. */
function keyLineComment(yaml: string, keyOffset: number): string {
  const line = yaml.slice(lineStart(yaml, keyOffset), lineEnd(yaml, keyOffset)).replace(/\r?\n$/, '');
  return /\s#.*$/.exec(line.slice(line.indexOf(':') + 1))?.[0] ?? '';
}

/** The item as block YAML lines at `indent` spaces, ending with a newline. */
function blockItem(value: unknown, indent: number, eol: string): string {
  // lineWidth 0: a long decision stays on one line, as people write them.
  const yaml = stringify([value], { lineWidth: 0, minContentWidth: 0, indent: 2, indentSeq: true });
  const pad = ' '.repeat(indent);
  return yaml
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => pad + l)
    .join(eol) + eol;
}

export type EditResult = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Adds `item` at the end of the top-level list `key` (e.g. a child's `panel:` discussions). A block list
 * gets new lines after its last item, at that list's own indentation; an empty value (`panel:` or
 * `panel: []`) becomes a block list, the only case where an existing line changes; a missing key is added
 * at the end of the front matter.
 */
export function appendToTopLevelList(text: string, key: string, item: unknown): EditResult {
  const parts = splitFrontMatter(text);
  if (!parts) return { ok: false, reason: 'the file has no front matter between "---" lines' };
  const eol = eolOf(text);
  const { yaml } = parts;
  const { pair, error } = topLevelPair(yaml, key);
  if (error) return { ok: false, reason: `its front matter cannot be read (${error})` };
  const withYaml = (y: string): EditResult => ({ ok: true, text: parts.head + y + parts.tail });
  const ensureEol = (y: string) => (y === '' || y.endsWith('\n') ? y : y + eol);

  if (!pair) return withYaml(ensureEol(yaml) + `${key}:${eol}` + blockItem(item, 2, eol));
  const value = pair.value;
  const keyRange = (pair.key as Node).range!;
  const keyLineEnd = lineEnd(yaml, keyRange[0]);
  const empty = value === null || (isScalar(value) && (value.value === null || value.value === '')) || (isSeq(value) && value.flow && value.items.length === 0);
  if (empty) {
    // `panel: []` or `panel:` (keeping a comment on that line): the value becomes the block below it.
    const comment = keyLineComment(yaml, keyRange[0]);
    const newKeyLine = `${key}:${comment}${eol}`;
    return withYaml(yaml.slice(0, lineStart(yaml, keyRange[0])) + newKeyLine + blockItem(item, 2, eol) + yaml.slice(keyLineEnd));
  }
  if (!isSeq(value)) return { ok: false, reason: `"${key}" is not a list` };
  if (value.flow) return { ok: false, reason: `"${key}" is written as a list in [ ]: write it as a block list (one "- " item per line) to add to it` };
  const items = value.items as Node[];
  const first = items[0];
  const last = items.at(-1);
  if (!first?.range || !last?.range) return { ok: false, reason: `"${key}" could not be located in the file` };
  // The column of the first item's "-": the block list's own indentation.
  const firstDash = yaml.lastIndexOf('-', first.range[0]);
  const indent = firstDash - lineStart(yaml, firstDash);
  // After the last item's last line of content (value end, not trailing comments or blank lines).
  let at = last.range[1];
  while (at > 0 && /\s/.test(yaml[at - 1])) at--;
  at = lineEnd(yaml, Math.max(at - 1, 0));
  return withYaml(ensureEol(yaml.slice(0, at)) + blockItem(item, indent, eol) + yaml.slice(at));
}

/**
 * Sets a top-level scalar field that is empty or missing (`minutes_published: null` becomes
 * `minutes_published: 2026-12-09`). A field that already has a value is left alone and reported.
 */
export function setEmptyTopLevelField(text: string, key: string, value: string): EditResult | { ok: true; text: string; unchanged: string } {
  const parts = splitFrontMatter(text);
  if (!parts) return { ok: false, reason: 'the file has no front matter between "---" lines' };
  const eol = eolOf(text);
  const { pair, error } = topLevelPair(parts.yaml, key);
  if (error) return { ok: false, reason: `its front matter cannot be read (${error})` };
  const yaml = parts.yaml;
  if (!pair) {
    const y = yaml === '' || yaml.endsWith('\n') ? yaml : yaml + eol;
    return { ok: true, text: parts.head + y + `${key}: ${value}${eol}` + parts.tail };
  }
  const v = pair.value;
  if (v !== null && !(isScalar(v) && (v.value === null || v.value === ''))) {
    return { ok: true, text, unchanged: isScalar(v) ? String(v.value) : 'a value' };
  }
  const keyRange = (pair.key as Node).range!;
  const start = lineStart(yaml, keyRange[0]);
  const end = lineEnd(yaml, keyRange[0]);
  const comment = keyLineComment(yaml, keyRange[0]);
  return { ok: true, text: parts.head + yaml.slice(0, start) + `${key}: ${value}${comment}${eol}` + yaml.slice(end) + parts.tail };
}
