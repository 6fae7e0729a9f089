/**
 * Splits a markdown file into YAML front matter and body (gray-matter) and parses the front matter with
 * js-yaml's CORE schema rather than gray-matter's default schema. The core schema has no timestamp type,
 * so `2019-02-30` stays text for the schema to reject (the default schema would silently roll it into
 * March). Field line numbers come from one pass over the lines (FieldLines), not a second parse.
 */
import matter from 'gray-matter';
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
  syntax: SyntaxProblem[];
  /** The line of a field, falling back to the nearest parent field, then the first line. */
  locate(path: FieldPath, atKey?: boolean): number;
}

// gray-matter only splits here; the no-op engine keeps it from parsing the YAML itself.
const splitOnly = { engines: { yaml: { parse: () => ({}) } } } as unknown as Parameters<typeof matter>[1];

const FRIENDLY: [RegExp, string][] = [
  [/duplicated mapping key/, 'a field appears twice; keep one'],
  [/tab characters? must not be used/i, 'indent with spaces, not tabs'],
  [/bad indentation/, 'check the indentation: fields of one block line up, nested fields are indented by two spaces'],
];

function syntaxMessage(err: YAMLException): string {
  const reason = err.reason || err.message.split('\n')[0];
  const hint = FRIENDLY.find(([re]) => re.test(reason))?.[1];
  return hint ? `${reason}: ${hint}` : reason;
}

export function parseMarkdownFile(input: string): ParsedFile {
  // Windows line endings are normalised first: gray-matter splits on "\n---" and would leave a "\r" on
  // the last field. Line numbers are unchanged.
  const text = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  const split = matter(text, splitOnly);
  const hasFrontMatter = /^\uFEFF?---/.test(text);
  if (!hasFrontMatter) return { data: undefined, body: split.content, hasFrontMatter, syntax: [], locate: () => 1 };

  // The front matter text starts right after the opening `---`: its line N is line N of the file.
  const raw = (split as unknown as { matter?: string }).matter ?? '';
  const syntax: SyntaxProblem[] = [];
  let data: unknown;
  try {
    data = load(raw, { schema: CORE_SCHEMA, json: false });
  } catch (err) {
    if (!(err instanceof YAMLException)) throw err;
    syntax.push({ line: (err.mark?.line ?? 0) + 1, message: syntaxMessage(err) });
  }
  let lines: FieldLines | undefined;
  let firstField: number | undefined;
  return {
    data,
    body: split.content,
    hasFrontMatter,
    syntax,
    // Built on first use: most files with no finding never need a line number.
    locate: (path) => {
      lines ??= new FieldLines(raw, 1);
      firstField ??= raw.split('\n').findIndex((l) => /^\S/.test(l) && !l.startsWith('#')) + 1 || 1;
      return lines.lineOf(path, firstField);
    },
  };
}
