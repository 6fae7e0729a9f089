/**
 * The one loader: reads a data root (panel.yaml, cases/, meetings/) from disk. The CLI, the site and the
 * pack all call it, so they can never disagree. A file that cannot be read or validated becomes `schema`
 * findings with file, line, field, expected and found; it never stops the other files being read.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { Finding } from '../domain/findings.js';
import { problemMessage, problemsFromZod, type FieldPath } from '../domain/problems.js';
import { caseSchema, ID_PATTERN, meetingSchema, type Child, type Meeting } from '../domain/schema.js';
import { parseMarkdownFile } from './frontmatter.js';

export interface LoadedFile<T> {
  /** Path relative to the data root, with forward slashes. */
  file: string;
  /** The validated front matter, or null when the file is invalid. */
  value: T | null;
  /** The id (cases) or date (meetings) as written, when readable, even in an invalid file. */
  key: string | null;
  body: string;
  /** `schema` findings: everything wrong with the file itself. */
  problems: Finding[];
  locate(path: FieldPath, atKey?: boolean): number;
}

export type LoadedCase = LoadedFile<Child>;
export type LoadedMeeting = LoadedFile<Meeting>;

const schemaFinding = (child: string | null, file: string, line: number, message: string): Finding => ({
  child,
  file,
  rule: 'schema',
  status: 'invalid',
  level: 'error',
  due: null,
  message,
  line,
});

function listMarkdown(root: string, folder: string): string[] {
  const dir = path.join(root, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.name.endsWith('.md') && !d.name.startsWith('.') && d.name.toLowerCase() !== 'readme.md')
    .map((d) => d.name)
    .sort();
}

/** Reads one markdown file as text, refusing what must not be read: symlinks out of the root, non-UTF-8. */
function readText(root: string, rel: string): { text: string } | { problem: string; line: number } {
  const abs = path.join(root, rel);
  try {
    if (lstatSync(abs).isSymbolicLink()) {
      const real = realpathSync(abs);
      const realRoot = realpathSync(root);
      if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
        return { problem: 'the file is a symbolic link to a place outside the data root; it was not read (replace it with the file itself)', line: 1 };
      }
    }
    const bytes = readFileSync(abs);
    const text = bytes.toString('utf8');
    const bad = text.indexOf('\uFFFD');
    if (bad >= 0 && !bytes.includes(Buffer.from('\uFFFD', 'utf8'))) {
      const line = text.slice(0, bad).split('\n').length;
      return { problem: 'the file is not UTF-8 text (an invalid byte sequence was found); save it as UTF-8', line };
    }
    return { text };
  } catch (err) {
    return { problem: `the file could not be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, line: 1 };
  }
}

function loadFile<T>(root: string, rel: string, schema: z.ZodType<T>, keyField: string, what: string): LoadedFile<T> {
  const read = readText(root, rel);
  const fallbackKey = path.basename(rel, '.md');
  if ('problem' in read) {
    return { file: rel, value: null, key: null, body: '', problems: [schemaFinding(null, rel, read.line, read.problem)], locate: () => 1 };
  }
  const parsed = parseMarkdownFile(read.text);
  const rawKey = parsed.data && typeof parsed.data === 'object' ? (parsed.data as Record<string, unknown>)[keyField] : undefined;
  const key = typeof rawKey === 'string' && ID_PATTERN.test(rawKey) ? rawKey : null;
  const base = { file: rel, key, body: parsed.body, locate: parsed.locate };
  const fail = (problems: Finding[]): LoadedFile<T> => ({ ...base, value: null, problems });
  const childOf = keyField === 'id' ? key : null;

  if (!read.text.trim()) return fail([schemaFinding(null, rel, 1, `the file is empty: a ${what} starts with "---", its fields, then "---" (see templates/)`)]);
  if (!parsed.hasFrontMatter) {
    return fail([schemaFinding(null, rel, 1, `no front matter: a ${what} starts with a line "---", then its fields (${keyField}: ${fallbackKey} ...), then a line "---"`)]);
  }
  if (parsed.syntax.length) {
    return fail(parsed.syntax.map((s) => schemaFinding(childOf, rel, s.line, `YAML syntax: ${s.message}`)));
  }
  if (parsed.data === null || parsed.data === undefined || typeof parsed.data !== 'object' || Array.isArray(parsed.data)) {
    return fail([schemaFinding(null, rel, 2, `the front matter must be a block of fields (${keyField}: ..., name: ...), found ${parsed.data == null ? 'nothing' : 'a single value or a list'}`)]);
  }
  const result = schema.safeParse(parsed.data);
  if (!result.success) {
    const problems = problemsFromZod(result.error, parsed.data, schema).map((p) =>
      schemaFinding(childOf, rel, parsed.locate(p.path, p.atKey), problemMessage(p)),
    );
    return fail(problems);
  }
  return { ...base, value: result.data, problems: [] };
}

export function loadCases(root: string): LoadedCase[] {
  return listMarkdown(root, 'cases').map((name) => loadFile(root, `cases/${name}`, caseSchema, 'id', 'case file'));
}

export function loadMeetings(root: string): LoadedMeeting[] {
  return listMarkdown(root, 'meetings').map((name) => {
    const loaded = loadFile(root, `meetings/${name}`, meetingSchema, 'date', 'meeting file');
    return { ...loaded, key: loaded.value?.date ?? null };
  });
}
