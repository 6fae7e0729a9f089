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
  syntax: SyntaxProblem[];
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
  // js-yaml names a tab only in some positions; elsewhere it reports a confusing structure error.
  if (!hint && lineText !== undefined && /^[ ]*\t/.test(lineText)) hint = 'this line is indented with a tab: indent with spaces, not tabs';
  return hint ? `${reason}: ${hint}` : reason;
}

const CLOSE = '\n---';

export function parseMarkdownFile(input: string): ParsedFile {
  // Windows line endings are normalised first (line numbers are unchanged), and a byte order mark dropped.
  let text = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const none = (body: string): ParsedFile => ({ data: undefined, body, hasFrontMatter: false, syntax: [], locate: () => 1 });
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
  // The front matter text starts right after the opening `---`: its line N is line N of the file.
  const raw = rest.slice(0, closeAt);
  let body = rest.slice(closeAt + CLOSE.length);
  if (body[0] === '\n') body = body.slice(1);

  let data: unknown;
  try {
    data = load(raw, { schema: CORE_SCHEMA, json: false });
  } catch (err) {
    if (err instanceof YAMLException) {
      const line = (err.mark?.line ?? 0) + 1;
      syntax.push({ line, message: syntaxMessage(err, raw.split('\n', line)[line - 1]) });
    } else {
      // Not expected from js-yaml, but a file must never stop the run (e.g. a stack overflow on deep nesting).
      syntax.push({ line: 2, message: `the front matter could not be read (${(err as Error)?.message ?? String(err)})` });
    }
    data = undefined;
  }
  let lines: FieldLines | undefined;
  let firstField: number | undefined;
  return {
    data,
    body,
    hasFrontMatter: true,
    syntax,
    // Built on first use: most files with no finding never need a line number.
    locate: (path) => {
      try {
        lines ??= new FieldLines(raw, 1);
        firstField ??= raw.split('\n').findIndex((l) => /^\S/.test(l) && !l.startsWith('#')) + 1 || 1;
        return lines.lineOf(path, firstField);
      } catch {
        return 1;
      }
    },
  };
}
