/**
 * The one loader: reads a data root (panel.yaml, cases/, meetings/) from disk. The CLI, the site and the
 * pack all call it, so they can never disagree. A file that cannot be read or validated becomes ONE `schema`
 * finding with file, line, field, expected and found (further problems listed in its message); it never
 * stops the other files being read.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { Finding } from '../domain/findings.js';
import { problemMessage, problemsFromZod, type FieldPath, type Problem } from '../domain/problems.js';
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
  /** The `schema` finding, if any: everything wrong with the file itself, as one finding (see groupProblems). */
  problems: Finding[];
  /** Every problem of an invalid file, one by one, with its line and field; empty for a valid file. */
  details: { line: number; field: string | null; message: string }[];
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

/** The files the loader reads in a folder: its own markdown files, not hidden ones, not a README. */
const isListed = (name: string) => name.endsWith('.md') && !name.startsWith('.') && name.toLowerCase() !== 'readme.md';

function listMarkdown(root: string, folder: string): string[] {
  const dir = path.join(root, folder);
  if (!existsSync(dir)) return [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return []; // `cases` is a file, or unreadable: there are no case files to report on
  }
  return entries
    .map((d) => d.name)
    .filter(isListed)
    .sort();
}

/** Larger than any real case file (a 10 MB summary is read); past this a file is refused, not read into memory. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

type Read = { text: string } | { problem: string; line: number };

/** Where UTF-8 first goes wrong: the offset of the byte that starts the bad sequence (RFC 3629 rules). */
function firstInvalidByte(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const [need, lo, hi] =
      c >= 0xc2 && c <= 0xdf ? [1, 0x80, 0xbf]
      : c === 0xe0 ? [2, 0xa0, 0xbf]
      : c === 0xed ? [2, 0x80, 0x9f]
      : c >= 0xe1 && c <= 0xef ? [2, 0x80, 0xbf]
      : c === 0xf0 ? [3, 0x90, 0xbf]
      : c === 0xf4 ? [3, 0x80, 0x8f]
      : c >= 0xf1 && c <= 0xf3 ? [3, 0x80, 0xbf]
      : [0, 0, 0];
    if (!need || i + need >= b.length) return i; // not a lead byte, or cut off at the end
    if (b[i + 1] < lo || b[i + 1] > hi) return i;
    for (let k = 2; k <= need; k++) if (b[i + k] < 0x80 || b[i + k] > 0xbf) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Reads one markdown file as text, refusing what must not be read: a file (or folder) that resolves to a
 * place outside the data root (a symbolic link could otherwise publish any file on the machine in the
 * site), anything that is not a regular file (a named pipe would block the run), then `decode`.
 */
function readText(realRoot: string, root: string, rel: string): Read {
  const abs = path.join(root, rel);
  try {
    const real = realpathSync.native(abs);
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
      const link = lstatSync(abs).isSymbolicLink() ? 'the file is a symbolic link' : 'the file is reached through a symbolic link';
      return { problem: `${link} to a place outside the data root (${real}); it was not read: replace it with the file itself`, line: 1 };
    }
    const stat = statSync(real);
    if (!stat.isFile()) return { problem: `${rel} is not a regular file (it is a ${stat.isDirectory() ? 'folder' : 'special file'}); only case files belong here`, line: 1 };
    if (stat.size > MAX_FILE_BYTES) return tooLarge(stat.size);
    return decode(readFileSync(real));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist (a symbolic link to a missing file?)' : code === 'EACCES' ? 'permission denied' : (code ?? (err as Error).message);
    return { problem: `the file could not be read: ${why}`, line: 1 };
  }
}

const tooLarge = (size: number): Read => ({
  problem: `the file is ${(size / 1024 / 1024).toFixed(0)} MB, over the ${MAX_FILE_BYTES / 1024 / 1024} MB a case or meeting file may be; it was not read: move attachments out of the file`,
  line: 1,
});

/** A file's bytes as text: refuses a file too large to be a case file, and bytes that are not UTF-8 (never guessed at, which could change a name or a date). */
function decode(bytes: Uint8Array): Read {
  if (bytes.length > MAX_FILE_BYTES) return tooLarge(bytes.length);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: 'the file is UTF-16 text, not UTF-8: save it as UTF-8 (in Notepad: Save as, Encoding UTF-8)', line: 1 };
  }
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    const at = Math.max(0, firstInvalidByte(bytes));
    let line = 1;
    for (let i = bytes.indexOf(0x0a); i >= 0 && i < at; i = bytes.indexOf(0x0a, i + 1)) line++;
    const hex = `0x${bytes[at].toString(16).toUpperCase().padStart(2, '0')}`;
    return { problem: `the file is not UTF-8 text: line ${line} has the byte ${hex}, which is not UTF-8 (often an accented letter saved as Windows-1252 or Latin-1); save the file as UTF-8`, line };
  }
}

interface Located {
  line: number;
  /** The field, or null for a problem with the file as a whole. */
  field: string | null;
  message: string;
  /** The message with the field's allowed values left out, for the list of further problems. */
  short: string;
}

/**
 * One finding per bad file: the first problem (by line) in full, then "(and N more: ...)" with each other
 * problem's field, line and what was found, so a file with many mistakes is one entry in CI and on the site
 * and nothing is lost. `details` keeps every problem for callers that list them one by one.
 */
export function groupProblems(child: string | null, file: string, problems: Located[]): Finding[] {
  if (!problems.length) return [];
  const sorted = problems.map((p, i) => ({ p, i })).sort((a, b) => a.p.line - b.p.line || a.i - b.i).map((x) => x.p);
  const [first, ...more] = sorted;
  const rest = more.map((p) => `${p.field ?? 'the file'} line ${p.line}: ${p.short}`);
  const message = rest.length ? `${first.message} (and ${rest.length} more: ${rest.join('; ')})` : first.message;
  return [schemaFinding(child, file, first.line, message)];
}

function shortMessage(p: Problem): string {
  // An unknown field's "expected" lists every allowed field: the hint says enough in a list.
  return p.atKey ? `${p.found}${p.hint ? ` (${p.hint})` : ''}` : `expected ${p.expected}, found ${p.found}${p.hint ? ` (${p.hint})` : ''}`;
}

/** The id as written on its own line, for a file whose YAML cannot be read: the report can still name the child. */
function keyFromText(text: string, keyField: string): string | undefined {
  const m = new RegExp(`^${keyField}:[ \\t]*["']?([A-Za-z0-9_-]+)["']?[ \\t]*(?:#.*)?$`, 'm').exec(text.slice(0, 64 * 1024));
  return m?.[1];
}

function loadFile<T>(rel: string, read: Read, schema: z.ZodType<T>, keyField: string, what: string): LoadedFile<T> {
  const fallbackKey = path.basename(rel, '.md');
  const whole = (line: number, message: string): Located => ({ line, field: null, message, short: message });
  if ('problem' in read) {
    const details = [whole(read.line, read.problem)];
    return { file: rel, value: null, key: null, body: '', problems: groupProblems(null, rel, details), details, locate: () => 1 };
  }
  const parsed = parseMarkdownFile(read.text);
  const rawKey = parsed.data && typeof parsed.data === 'object' ? (parsed.data as Record<string, unknown>)[keyField] : keyFromText(read.text, keyField);
  const key = typeof rawKey === 'string' && ID_PATTERN.test(rawKey) ? rawKey : null;
  const base = { file: rel, key, body: parsed.body, locate: parsed.locate };
  const childOf = keyField === 'id' ? key : null;
  const fail = (details: Located[], child: string | null = childOf): LoadedFile<T> => ({ ...base, value: null, problems: groupProblems(child, rel, details), details });

  if (!read.text.trim()) return fail([whole(1, `the file is empty: a ${what} starts with "---", its fields, then "---" (see templates/)`)], null);
  if (!parsed.hasFrontMatter) {
    return fail([whole(1, `no front matter: a ${what} starts with a line "---", then its fields (${keyField}: ${fallbackKey} ...), then a line "---"`)], null);
  }
  if (parsed.syntax.length) return fail(parsed.syntax.map((s) => whole(s.line, `YAML syntax: ${s.message}`)));
  if (parsed.data === null || parsed.data === undefined || typeof parsed.data !== 'object' || Array.isArray(parsed.data)) {
    return fail([whole(2, `the front matter must be a block of fields (${keyField}: ..., name: ...), found ${parsed.data == null ? 'nothing' : 'a single value or a list'}`)], null);
  }
  const result = schema.safeParse(parsed.data);
  if (!result.success) {
    return fail(
      problemsFromZod(result.error, parsed.data, schema).map((p) => ({ line: parsed.locate(p.path, p.atKey), field: p.field, message: problemMessage(p), short: shortMessage(p) })),
    );
  }
  return { ...base, value: result.data, problems: [], details: [] };
}

function realRootOf(root: string): string {
  try {
    return realpathSync.native(root);
  } catch {
    return path.resolve(root);
  }
}

const loadCase = (rel: string, read: Read) => loadFile(rel, read, caseSchema, 'id', 'case file');
function loadMeeting(rel: string, read: Read): LoadedMeeting {
  const loaded = loadFile(rel, read, meetingSchema, 'date', 'meeting file');
  return { ...loaded, key: loaded.value?.date ?? null };
}

export function loadCases(root: string): LoadedCase[] {
  const realRoot = realRootOf(root);
  return listMarkdown(root, 'cases').map((name) => loadCase(`cases/${name}`, readText(realRoot, root, `cases/${name}`)));
}

export function loadMeetings(root: string): LoadedMeeting[] {
  const realRoot = realRootOf(root);
  return listMarkdown(root, 'meetings').map((name) => loadMeeting(`meetings/${name}`, readText(realRoot, root, `meetings/${name}`)));
}

/** A file of a data root held in memory (e.g. read from a git commit): its path relative to the root, and its bytes. */
export interface SourceFile {
  file: string;
  bytes: Uint8Array;
}

/**
 * The same loading from files held in memory, for a data root that is not on disk (`panel check --since`
 * reads the base commit's files from git): the same folders, the same listing, decoding and validation.
 */
export function loadFromMemory(files: readonly SourceFile[]): { cases: LoadedCase[]; meetings: LoadedMeeting[] } {
  const inFolder = (folder: string) =>
    files.filter((f) => f.file.startsWith(`${folder}/`) && !f.file.slice(folder.length + 1).includes('/') && isListed(f.file.slice(folder.length + 1)))
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    cases: inFolder('cases').map((f) => loadCase(f.file, decode(f.bytes))),
    meetings: inFolder('meetings').map((f) => loadMeeting(f.file, decode(f.bytes))),
  };
}
