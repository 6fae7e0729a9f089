/**
 * The one loader: reads a data root (panel.yaml, cases/, meetings/) from disk. The CLI, the site and the
 * pack all call it, so they can never disagree. A file that cannot be read or validated becomes ONE `schema`
 * finding with file, line, field, expected and found (further problems listed in its message); it never
 * stops the other files being read.
 */
import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Finding } from '../domain/findings.js';
import { knownFieldsAt, problemMessage, problemsFromZod, type FieldPath, type Problem } from '../domain/problems.js';
import { markMustFix, readWhatCan, UNREADABLE_NAME } from '../domain/partial.js';
import { caseSchema, ID_PATTERN, meetingSchema, type Child, type Meeting } from '../domain/schema.js';
import { parseMarkdownFile } from './frontmatter.js';
import { isIsoDate } from '../domain/dates.js';

export interface LoadedFile<T> {
  /** Path relative to the data root, with forward slashes. */
  file: string;
  /** The validated front matter, or null when the file is invalid. */
  value: T | null;
  /**
   * What could be read: the valid front matter, or for an invalid case file the child with the fields that
   * could not be read left out (see domain/partial.ts; marked "must fix"), so the child stays tracked.
   * Null when not even an id could be read, and for invalid meeting files.
   */
  readable: T | null;
  /** The fields of an invalid file that could not be read (empty for a valid file). */
  unread: FieldPath[];
  /**
   * The id (cases) or date (meetings) as written, when readable, even in an invalid file. For an invalid
   * meeting file: its date when a real date, else the date of its name, else null.
   */
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

/** What a folder of files holds: the files to read, and a finding for every entry that will not be read. */
interface Listing {
  names: string[];
  problems: Finding[];
  /** Names of plain files in a folder inside the data root (read without resolving the path again). */
  plain?: Set<string>;
}

/** The name a person most likely meant for a file that is not read (`C-1001.MD` → `C-1001.md`), if any. */
function meantName(name: string): string | undefined {
  const m = /^(.*?)(?:\.(?:md|markdown|mdown|mkd|txt|yaml|yml))+\s*$/i.exec(name.trim()) ?? /^([^.]+)$/.exec(name.trim());
  const base = m?.[1]?.trim();
  return base && ID_PATTERN.test(base) ? `${base}.md` : undefined;
}

/** Whether an entry of cases/ or meetings/ is read, skipped (hidden, README.md), or a finding on the entry. */
function entryVerdict(folder: 'cases' | 'meetings', name: string, isDirectory: boolean, onlyAsFolder = false): 'read' | 'skip' | Finding {
  if (name.startsWith('.') || name.toLowerCase() === 'readme.md') return 'skip';
  // meetings/drafts/ holds the minutes drafts `panel minutes` writes: working papers, not meeting files.
  if (folder === 'meetings' && isDirectory && name === 'drafts') return 'skip';
  // A folder on disk named like a case file is "read", and refused there as not a regular file, with its name.
  if (!onlyAsFolder && name.endsWith('.md') && name.trim() === name && name.length > 3) return 'read';
  const what = folder === 'cases' ? 'case file' : 'meeting file';
  const pattern = folder === 'cases' ? '<id>.md (for example C-1001.md)' : '<date>.md (for example 2026-12-04.md)';
  if (isDirectory) {
    return schemaFinding(null, `${folder}/${name}/`, 1, `${folder}/${name}/ is a folder: files in folders inside ${folder}/ are not read, so the ${folder === 'cases' ? 'children' : 'meetings'} in it are not tracked; move each ${what} into ${folder}/ itself (one ${pattern})`);
  }
  const meant = meantName(name);
  return schemaFinding(null, `${folder}/${name}`, 1, `${JSON.stringify(name)} is not read: a ${what} is named ${pattern}, with ".md" in lower case and nothing after it${meant && meant !== name ? `; rename it to ${meant}` : ''}`);
}

/**
 * Lists `folder`: every `<name>.md` file to read, and one finding for each other entry, so that no child's
 * file is ever skipped in silence. Hidden entries (a name starting with ".", as editors and git leave) and
 * README.md are skipped, as the case format says, and so is meetings/drafts/ (the minutes drafts).
 */
function listFolder(root: string, folder: 'cases' | 'meetings'): Listing {
  const dir = path.join(root, folder);
  const what = folder === 'cases' ? 'case file' : 'meeting file';
  const pattern = folder === 'cases' ? '<id>.md (for example C-1001.md)' : '<date>.md (for example 2026-12-04.md)';
  const finding = (file: string, message: string): Finding => schemaFinding(null, file, 1, message);
  let stat;
  try {
    stat = statSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !lstatSync(dir, { throwIfNoEntry: false })) return { names: [], problems: [] };
    const why = code === 'ELOOP' ? 'is a symbolic link that leads round in a loop' : code === 'ENOENT' ? 'is a symbolic link to a folder that does not exist' : code === 'EACCES' ? 'cannot be opened (permission denied)' : `cannot be opened (${code ?? (err as Error).message})`;
    return { names: [], problems: [finding(folder, `${folder}/ ${why}, so no ${what} was read: make ${folder} a folder holding one ${pattern} per file`)] };
  }
  if (!stat.isDirectory()) {
    return { names: [], problems: [finding(folder, `${folder} is a file, not a folder, so no ${what} was read: ${folder}/ must be a folder holding one ${pattern} per file`)] };
  }
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { names: [], problems: [finding(folder, `${folder}/ cannot be read (${code === 'EACCES' ? 'permission denied' : code ?? (err as Error).message}), so no ${what} was read`)] };
  }
  const names: string[] = [];
  const problems: Finding[] = [];
  // A plain file (not a link, pipe or folder) in a folder that is itself inside the data root is read
  // without resolving its path again (readPlain).
  const plain = new Set<string>();
  let inside = false;
  try {
    inside = realpathSync.native(dir).startsWith(realRootOf(root) + path.sep);
  } catch {
    inside = false;
  }
  for (const d of entries) {
    const verdict = entryVerdict(folder, d.name, d.isDirectory());
    if (verdict === 'read') {
      names.push(d.name);
      if (inside && d.isFile()) plain.add(d.name);
    } else if (verdict !== 'skip') problems.push(verdict);
  }
  names.sort();
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { names, problems, plain };
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

/** A plain file inside the root (see listFolder): one open, its size and kind from the open file, one read. */
function readPlain(abs: string, rel: string): Read {
  let fd = -1;
  try {
    fd = openSync(abs, 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { problem: `${rel} is not a regular file (it is a ${stat.isDirectory() ? 'folder' : 'special file'}); only case files belong here`, line: 1 };
    if (stat.size > MAX_FILE_BYTES) return tooLarge(stat.size);
    const bytes = Buffer.allocUnsafe(stat.size);
    let got = 0;
    for (let n; got < bytes.length && (n = readSync(fd, bytes, got, bytes.length - got, got)) > 0; ) got += n;
    return decode(got === bytes.length ? bytes : bytes.subarray(0, got));
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/**
 * Reads one markdown file as text, refusing what must not be read: a file (or folder) that resolves to a
 * place outside the data root (a symbolic link could otherwise publish any file on the machine in the
 * site), anything that is not a regular file (a named pipe would block the run), then `decode`.
 */
function readText(realRoot: string, root: string, rel: string, plain = false): Read {
  const abs = path.join(root, rel);
  try {
    if (plain) return readPlain(abs, rel);
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
  // At most LISTED further problems are spelled out: a file with 100,000 bad dates is one readable finding.
  const LISTED = 20;
  const rest = more.slice(0, LISTED).map((p) => `${p.field ?? 'the file'} line ${p.line}: ${p.short}`);
  if (more.length > LISTED) rest.push(`${more.length - LISTED} more after line ${more[LISTED - 1].line}`);
  const message = rest.length ? `${first.message} (and ${more.length} more: ${rest.join('; ')})` : first.message;
  return [schemaFinding(child, file, first.line, message)];
}

function shortMessage(p: Problem): string {
  // An unknown field's "expected" lists every allowed field: the hint says enough in a list.
  return p.atKey ? `${p.found}${p.hint ? ` (${p.hint})` : ''}` : `expected ${p.expected}, found ${p.found}${p.hint ? ` (${p.hint})` : ''}`;
}

/** A field written on its own top-level line, for a file whose YAML cannot be read: the report can still name the child. */
function fieldFromText(text: string, field: string, value = '[A-Za-z0-9_-]+'): string | undefined {
  // Line by line, and only short lines: a pattern run over a long line of spaces could take minutes.
  const head = text.slice(0, 64 * 1024);
  const pattern = new RegExp(`^${field}:[ \\t]*(["']?)(${value})\\1[ \\t]*(?:#.*)?$`);
  for (let start = 0; start < head.length; ) {
    const end = head.indexOf('\n', start);
    const line = head.slice(start, end < 0 ? undefined : end).replace(/\r$/, '');
    if (line.length <= 300 && line.startsWith(`${field}:`)) {
      const m = pattern.exec(line);
      if (m) return m[2];
    }
    if (end < 0) break;
    start = end + 1;
  }
  return undefined;
}

/** The lines git leaves in a file when a merge stops on a conflict. */
const CONFLICT_MARKER = /^(<{7}|\|{7}|>{7})(?: |$)|^={7}$/;

/** Every line holding a merge conflict marker (`=======` alone counts only beside the others, or in the front matter). */
function conflictLines(text: string): number[] {
  // Most files hold no run of seven marker characters at all: a plain search says so faster than the pattern.
  if (!text.includes('<<<<<<<') && !text.includes('|||||||') && !text.includes('>>>>>>>') && !text.includes('=======')) return [];
  if (!/^(?:<{7}|\|{7}|>{7}|={7})/m.test(text)) return [];
  const lines = text.split(/\r\n?|\n/);
  const out: number[] = [];
  let fenced = lines[0] === '---';
  let strong = false;
  for (let i = 0; i < lines.length; i++) {
    if (i > 0 && fenced && /^---\s*$/.test(lines[i])) fenced = false;
    const m = CONFLICT_MARKER.exec(lines[i]);
    if (!m) continue;
    if (m[1]) strong = true;
    else if (!fenced) {
      out.push(-(i + 1)); // a lone ======= in the body (a heading underline?) counts only beside the others
      continue;
    }
    out.push(i + 1);
  }
  return strong ? out.map(Math.abs) : out.filter((l) => l > 0);
}

export { UNREADABLE_NAME };

/**
 * How many files a schema validates at zod's runtime before it is compiled. `z.compile` builds a fast path
 * for valid input (about a fifth of the runtime's cost per case file here) and falls back to the runtime for
 * invalid input, so every problem is worded exactly as before (tests/data/schema-compiled.test.ts checks the
 * two agree). Compiling costs about 20-30 ms, so a small data root does not pay for it.
 */
export const COMPILE_AFTER = 200;
const validators = new Map<z.ZodType, { used: number; fast: z.ZodType | null }>();

/** The schema to validate with: the schema itself, or its compiled clone once it has been used COMPILE_AFTER times. */
export function validatorFor<T>(schema: z.ZodType<T>): z.ZodType<T> {
  let v = validators.get(schema);
  if (!v) validators.set(schema, (v = { used: 0, fast: null }));
  if (v.fast) return v.fast as z.ZodType<T>;
  if (++v.used < COMPILE_AFTER) return schema;
  // Never throws: a schema zod cannot compile comes back unchanged, on the runtime parser.
  v.fast = z.compile(schema);
  return v.fast as z.ZodType<T>;
}

function loadFile<T extends object>(rel: string, read: Read, schema: z.ZodType<T>, keyField: 'id' | 'date', what: string): LoadedFile<T> {
  const fallbackKey = path.basename(rel, '.md');
  const whole = (line: number, message: string): Located => ({ line, field: null, message, short: message });
  const isCase = keyField === 'id';
  // What is kept of a file that is not valid: the child (a case) with what could be read, marked "must fix".
  const readable = (data: unknown, text: string, details: Located[]): { readable: T | null; unread: FieldPath[] } => {
    if (!isCase) return { readable: null, unread: [] };
    const idFromData = data && typeof data === 'object' ? (data as Record<string, unknown>).id : undefined;
    const id = typeof idFromData === 'string' && ID_PATTERN.test(idFromData) ? idFromData : (fieldFromText(text, 'id') ?? (ID_PATTERN.test(fallbackKey) ? fallbackKey : undefined));
    if (!id) return { readable: null, unread: [] };
    const name = fieldFromText(text, 'name', '[^"\'#\\[\\]{}&*!|>@%`\\s](?:[^"\'#\\n]*[^"\'#\\s])?');
    const usable = data && typeof data === 'object' && !Array.isArray(data);
    const got = readWhatCan(schema, usable ? data : {}, { id, name: name ?? UNREADABLE_NAME, dob: undefined });
    if (!got) return { readable: null, unread: [] };
    // A file with no readable front matter: nothing but the id (and a name) was read, every clock is off.
    // (Its id is kept to list the child, but not checked against the file name: it was only guessed from the text.)
    const unread = usable ? got.dropped : knownFieldsAt(schema, []).map((f) => [f]);
    if (!usable && name === undefined) unread.push(['name']);
    const problems = details.map((d) => (d.field ? `${d.field} (line ${d.line}): ${d.short}` : `line ${d.line}: ${d.short}`));
    return { readable: markMustFix(got.value, { dropped: unread, problems, file: rel }), unread };
  };
  if ('problem' in read) {
    const details = [whole(read.line, read.problem)];
    return { file: rel, value: null, key: null, body: '', problems: groupProblems(null, rel, details), details, locate: () => 1, ...readable(undefined, '', details) };
  }
  const conflicts = conflictLines(read.text);
  if (conflicts.length) {
    const details = [whole(conflicts[0], `unresolved merge conflict: line ${conflicts[0]} is a marker git leaves when two changes to this file clash (markers on line${conflicts.length > 1 ? 's' : ''} ${conflicts.join(', ')}); keep the right lines, delete the marker lines ("<<<<<<<", "=======", ">>>>>>>") and commit`)];
    const key = fieldFromText(read.text, keyField) ?? null;
    const child = isCase && key && ID_PATTERN.test(key) ? key : null;
    return { file: rel, value: null, key: isCase ? child : key, body: '', problems: groupProblems(child, rel, details), details, locate: () => conflicts[0], ...readable(undefined, read.text, details) };
  }
  const parsed = parseMarkdownFile(read.text);
  const rawKey = parsed.data && typeof parsed.data === 'object' ? (parsed.data as Record<string, unknown>)[keyField] : fieldFromText(read.text, keyField);
  const key = typeof rawKey === 'string' && ID_PATTERN.test(rawKey) ? rawKey : null;
  const base = { file: rel, key, body: parsed.body, locate: parsed.locate };
  const childOf = isCase ? key : null;
  const fail = (details: Located[], child: string | null = childOf, data: unknown = undefined): LoadedFile<T> => ({
    ...base,
    value: null,
    problems: groupProblems(child, rel, details),
    details,
    ...readable(data, read.text, details),
  });

  // (/\S/ finds the first character trim() would keep, without copying the text.)
  if (!/\S/.test(read.text)) return fail([whole(1, `the file is empty: a ${what} starts with "---", its fields, then "---" (see templates/)`)], null);
  if (!parsed.hasFrontMatter) {
    return fail([whole(1, `no front matter: a ${what} starts with a line "---", then its fields (${keyField}: ${fallbackKey} ...), then a line "---"`)], null);
  }
  if (parsed.syntax.length) return fail(parsed.syntax.map((s) => whole(s.line, s.message.startsWith('YAML') ? s.message : `YAML syntax: ${s.message}`)));
  if (parsed.data === null || parsed.data === undefined || typeof parsed.data !== 'object' || Array.isArray(parsed.data)) {
    return fail([whole(2, `the front matter must be a block of fields (${keyField}: ..., name: ...), found ${parsed.data == null ? 'nothing' : 'a single value or a list'}`)], null);
  }
  const result = validatorFor(schema).safeParse(parsed.data);
  const mistakes = parsed.mistakes.map((m) => whole(m.line, m.message));
  if (!result.success || mistakes.length) {
    const problems = result.success ? [] : problemsFromZod(result.error, parsed.data, schema).map((p) => ({ line: parsed.locate(p.path, p.atKey), field: p.field, message: problemMessage(p), short: shortMessage(p) }));
    return fail([...mistakes, ...problems], childOf, parsed.data);
  }
  return { ...base, value: result.data, readable: result.data, unread: [], problems: [], details: [] };
}

function realRootOf(root: string): string {
  try {
    return realpathSync.native(root);
  } catch {
    return path.resolve(root);
  }
}

/** An entry of a folder that is not read: one finding, and no child or meeting. */
function entryProblem<T>(problem: Finding): LoadedFile<T> {
  return { file: problem.file, value: null, readable: null, unread: [], key: null, body: '', problems: [problem], details: [{ line: 1, field: null, message: problem.message }], locate: () => 1 };
}

const loadCase = (rel: string, read: Read) => loadFile(rel, read, caseSchema, 'id', 'case file');
function loadMeeting(rel: string, read: Read): LoadedMeeting {
  const loaded = loadFile(rel, read, meetingSchema, 'date', 'meeting file');
  if (loaded.value) return { ...loaded, key: loaded.value.date };
  // An invalid file's meeting date: its `date` when that is a real date, else its name's (meetings/<date>.md).
  const named = path.basename(rel, '.md');
  return { ...loaded, key: isIsoDate(loaded.key) ? loaded.key : isIsoDate(named) ? named : null };
}

/** The entries of a data root's cases/ folder: the files to read (sorted), and a finding for each entry that is not read. */
export interface CaseListing {
  root: string;
  realRoot: string;
  names: string[];
  /** Names of plain files inside the data root, read without resolving their path again. */
  plain: string[];
  problems: Finding[];
}

export function listCases(root: string): CaseListing {
  const { names, problems, plain } = listFolder(root, 'cases');
  return { root, realRoot: realRootOf(root), names, plain: names.filter((n) => plain?.has(n)), problems };
}

/** Reads and validates one file of cases/ (a name from listCases). */
export function loadCaseFile(listing: Pick<CaseListing, 'root' | 'realRoot'>, name: string, plain: boolean): LoadedCase {
  return loadCase(`cases/${name}`, readText(listing.realRoot, listing.root, `cases/${name}`, plain));
}

/** An entry of cases/ that is not read (from listCases): one finding, no child. */
export const caseEntryProblem = (problem: Finding): LoadedCase => entryProblem<Child>(problem);

export function loadCases(root: string): LoadedCase[] {
  const listing = listCases(root);
  const plain = new Set(listing.plain);
  return [...listing.names.map((name) => loadCaseFile(listing, name, plain.has(name))), ...listing.problems.map(caseEntryProblem)];
}

export function loadMeetings(root: string): LoadedMeeting[] {
  const realRoot = realRootOf(root);
  const { names, problems, plain } = listFolder(root, 'meetings');
  return [...names.map((name) => loadMeeting(`meetings/${name}`, readText(realRoot, root, `meetings/${name}`, !!plain?.has(name)))), ...problems.map((p) => entryProblem<Meeting>(p))];
}

/** A file of a data root held in memory (e.g. read from a git commit): its path relative to the root, and its bytes. */
export interface SourceFile {
  file: string;
  bytes: Uint8Array;
}

/**
 * The same loading from files held in memory, for a data root that is not on disk (`panel check --since`
 * reads the base commit's files from git): the same folders, the same listing (with a finding for each
 * entry that is not read), decoding and validation.
 */
export function loadFromMemory(files: readonly SourceFile[]): { cases: LoadedCase[]; meetings: LoadedMeeting[] } {
  const folder = (name: 'cases' | 'meetings') => {
    const names: string[] = [];
    const problems = new Map<string, Finding>();
    const bytes = new Map<string, Uint8Array>();
    for (const f of files) {
      if (!f.file.startsWith(`${name}/`)) continue;
      const rest = f.file.slice(name.length + 1);
      const slash = rest.indexOf('/');
      const entry = slash < 0 ? rest : rest.slice(0, slash);
      // (In memory a folder is seen only through the files in it: it is reported as a folder whatever its name.)
      const verdict = entryVerdict(name, entry, slash >= 0, slash >= 0);
      if (verdict === 'read') {
        names.push(entry);
        bytes.set(entry, f.bytes);
      } else if (verdict !== 'skip') problems.set(verdict.file, verdict);
    }
    names.sort();
    return { names, bytes, problems: [...problems.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)) };
  };
  const cases = folder('cases');
  const meetings = folder('meetings');
  return {
    cases: [...cases.names.map((n) => loadCase(`cases/${n}`, decode(cases.bytes.get(n)!))), ...cases.problems.map((p) => entryProblem<Child>(p))],
    meetings: [...meetings.names.map((n) => loadMeeting(`meetings/${n}`, decode(meetings.bytes.get(n)!))), ...meetings.problems.map((p) => entryProblem<Meeting>(p))],
  };
}
