/**
 * Splits a markdown file into YAML front matter and body (gray-matter) and parses the front matter with
 * `yaml` rather than gray-matter's default js-yaml, for two reasons: YAML 1.2's core schema keeps
 * `2019-02-30` as text (js-yaml would silently roll it into March), and `yaml` keeps source positions, so
 * every problem can name its line.
 */
import matter from 'gray-matter';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { FieldPath } from '../domain/problems.js';

export interface SyntaxProblem {
  line: number;
  message: string;
}

export interface ParsedFile {
  /** The front matter as plain data; undefined when it could not be read at all. */
  data: unknown;
  body: string;
  hasFrontMatter: boolean;
  syntax: SyntaxProblem[];
  /** The line of a field (or of its key, for unknown fields), falling back to the nearest parent. */
  locate(path: FieldPath, atKey?: boolean): number;
}

const gmOptions = { engines: { yaml: { parse: () => ({}) } } } as unknown as Parameters<typeof matter>[1];

export function parseMarkdownFile(input: string): ParsedFile {
  // Windows line endings are normalised first: gray-matter splits on "\n---" and would leave a "\r" on
  // the last field. Line numbers are unchanged.
  const text = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  // gray-matter only splits here; the no-op engine keeps it from parsing YAML a second time.
  const split = matter(text, gmOptions);
  const raw = (split as unknown as { matter?: string }).matter ?? '';
  const hasFrontMatter = /^\uFEFF?---/.test(text);
  if (!hasFrontMatter) return { data: undefined, body: split.content, hasFrontMatter, syntax: [], locate: () => 1 };

  // `raw` starts right after the opening `---`, so its line N is line N of the file.
  const lineCounter = new LineCounter();
  const doc = parseDocument(raw, { lineCounter, uniqueKeys: true, prettyErrors: false, schema: 'core', version: '1.2' });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  const syntax = [...doc.errors, ...doc.warnings].map((e) => ({ line: lineOf(e.pos[0]), message: tidy(e.message, e.code) }));
  let data: unknown;
  if (!doc.errors.length) {
    try {
      data = doc.toJS({ maxAliasCount: 50 });
    } catch (err) {
      syntax.push({ line: 1, message: (err as Error).message });
    }
  }
  return { data, body: split.content, hasFrontMatter, syntax, locate: (path, atKey) => locateIn(doc, lineOf, path, atKey) };
}

function tidy(message: string, code: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY') return `${first}: a field appears twice; keep one`;
  if (code === 'TAB_AS_INDENT') return `${first}: indent with spaces, not tabs`;
  return first;
}

function locateIn(doc: Document, lineOf: (offset: number) => number, path: FieldPath, atKey?: boolean): number {
  let node: Node | null | undefined = doc.contents as Node | null;
  let line = node?.range ? lineOf(node.range[0]) : 1;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      if (!pair) break;
      const key = pair.key as Node;
      if (key?.range) line = lineOf(key.range[0]);
      if (i === path.length - 1 && atKey) return line;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) break;
      if (item.range) line = lineOf(item.range[0]);
      node = item;
    } else break;
  }
  return line;
}
