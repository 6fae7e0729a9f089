/**
 * Reads an SSDA903 return folder from disk: header.csv and episodes.csv (required), reviews.csv,
 * placed_for_adoption.csv and ad1.csv (where present), with csv-parse. Handles a byte order mark, Windows
 * line endings, blank lines and spaces around cells; every row keeps the line it starts on, so a problem
 * can be reported as `episodes.csv:314`. What the cells mean is src/domain/ssda903.ts's business.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import {
  missingColumns,
  REQUIRED_COLUMNS,
  RETURN_FILES,
  type ReturnIssue,
  type ReturnTables,
  type Table,
  type TableRow,
} from '../domain/ssda903.js';

/** The folder cannot be read as a return at all: a usage error (exit 2), nothing is imported. */
export class ReturnFolderError extends Error {}

export interface ReturnFolder {
  tables: ReturnTables;
  /** Rows csv-parse could not read, rows of the wrong width, optional files that were not usable. */
  problems: ReturnIssue[];
}

/**
 * A CSV text with no quote character at all, read without csv-parse: with no quotes, a record is a line
 * and a cell is what lies between commas, so splitting is exact. Ten times faster than csv-parse on a
 * whole return (903 exports are rarely quoted); any text with a quote takes csv-parse, which handles quoted
 * cells, line breaks in them and quotes left open. Same output as csv-parse with the options below
 * (a test compares them): BOM dropped, cells trimmed, empty lines skipped, each record with its line.
 */
function splitUnquoted(text: string): { record: string[]; info: { lines: number } }[] {
  const out: { record: string[]; info: { lines: number } }[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue; // csv-parse with trim skips a line of spaces too
    const cells = line.split(',');
    for (let c = 0; c < cells.length; c++) cells[c] = cells[c].trim();
    out.push({ record: cells, info: { lines: i + 1 } });
  }
  return out;
}

/** Parses one CSV text into a table; rows of the wrong width and unreadable records become problems. */
export function parseCsv(file: string, input: string, { engine = 'auto' }: { engine?: 'auto' | 'csv-parse' } = {}): { table: Table; problems: ReturnIssue[] } {
  const problems: ReturnIssue[] = [];
  // One line ending throughout: csv-parse counts a CRLF inside a quoted cell as two lines.
  const text = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  if (engine === 'auto' && !text.includes('"')) return tableOf(file, splitUnquoted(text), problems);
  let unclosedQuote = false;
  const records = parse(text, {
    bom: true,
    info: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      if (!err) return;
      if (err.code === 'CSV_QUOTE_NOT_CLOSED') unclosedQuote = true;
      else problems.push({ file, line: (err as CsvError & { lines?: number }).lines ?? null, child: null, kind: 'skipped', message: `the CSV cannot be read here (${err.message}); the row was not read` });
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];
  if (unclosedQuote) {
    // csv-parse reports the end of the file; the quote opened on the first non-blank line after the last record read.
    const lines = text.split('\n');
    let line = (records.at(-1)?.info.lines ?? 0) + 1;
    while (line < lines.length && !lines[line - 1].trim()) line++;
    problems.push({ file, line, child: null, kind: 'skipped', message: 'a quote (") opened on this line is never closed: this row and every row after it could not be read; remove the stray quote or close it' });
  }
  return tableOf(file, records, problems);
}

function tableOf(file: string, records: { record: string[]; info: { lines: number } }[], problems: ReturnIssue[]): { table: Table; problems: ReturnIssue[] } {
  if (!records.length) return { table: { file, columns: [], rows: [] }, problems };
  const columns = records[0].record.map((c) => c.trim().toUpperCase());
  const rows: TableRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const { record, info } = records[r];
    // info.lines is the line a record ends on; a quoted cell may hold line breaks.
    let breaks = 0;
    for (const cell of record) if (cell.includes('\n')) breaks += cell.split('\n').length - 1;
    const line = info.lines - breaks;
    if (record.length !== columns.length) {
      problems.push({
        file,
        line,
        child: record[columns.indexOf('CHILD')] || null,
        kind: 'skipped',
        message: `the row has ${record.length} cells where the header line has ${columns.length} (${columns.join(', ')}): a cell is missing or a comma is misplaced`,
      });
      continue;
    }
    const cells: Record<string, string> = {};
    for (let i = 0; i < columns.length; i++) cells[columns[i]] = record[i];
    rows.push({ line, cells });
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { table: { file, columns, rows }, problems };
}

function readText(file: string, name: string): string {
  const bytes = readFileSync(file);
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD') && !bytes.includes(Buffer.from('\uFFFD', 'utf8'))) {
    throw new ReturnFolderError(`${name} is not UTF-8 text (an invalid byte sequence was found): save it as CSV UTF-8 and import again`);
  }
  return text;
}

/** Reads the return folder. Throws ReturnFolderError when a required file or column is missing. */
export function readReturnFolder(folder: string): ReturnFolder {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new ReturnFolderError(`${folder}: no such folder (expected the folder holding header.csv, episodes.csv, reviews.csv)`);
  const problems: ReturnIssue[] = [];
  const tables: Partial<ReturnTables> = {};
  for (const key of Object.keys(RETURN_FILES) as (keyof ReturnTables)[]) {
    const name = RETURN_FILES[key];
    const file = path.join(folder, name);
    const required = key === 'header' || key === 'episodes';
    if (!existsSync(file)) {
      if (required) throw new ReturnFolderError(`${path.join(folder, name)}: not found; a return folder holds ${RETURN_FILES.header} and ${RETURN_FILES.episodes}, with ${RETURN_FILES.reviews} where there are reviews`);
      if (key === 'reviews') problems.push({ file: name, line: null, child: null, kind: 'note', message: `${name} is not in the folder: no reviews were imported` });
      continue;
    }
    const parsed = parseCsv(name, readText(file, name));
    const missing = missingColumns(parsed.table, REQUIRED_COLUMNS[key]);
    if (missing.length) {
      const message = `the header line has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''} (found: ${parsed.table.columns.join(', ') || 'nothing'})`;
      if (required || key === 'reviews') throw new ReturnFolderError(`${name}: ${message}`);
      problems.push({ file: name, line: 1, child: null, kind: 'skipped', message: `${message}: the file was not read` });
      continue;
    }
    for (const p of parsed.problems) problems.push(p);
    tables[key] = parsed.table;
  }
  return { tables: tables as ReturnTables, problems };
}

export const caseFileExists = (file: string) => existsSync(file);

/** The text of a case file, or null when there is none. */
export function readCaseText(file: string): string | null {
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}
