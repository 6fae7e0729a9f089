/**
 * `panel import 903 <folder>` and `panel triangulate 903 <folder>`: case files from the SSDA903 return,
 * and the return compared with the case files. Thin wiring: src/data/ssda903.ts reads the CSVs,
 * src/domain/ssda903.ts maps them, src/domain/ssda903-case-file.ts writes the case file text.
 *
 * Exit codes. import: 0 when it ran (rows it could not use are reported, the rest is imported), 1 with
 * --strict when any row was skipped or used in part or a case file could not be updated, 2 for a usage
 * error. triangulate: 0 when the return and the case files agree, 1 when anything disagrees, 2 for a
 * usage error.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { readCaseText, readReturnFolder, ReturnFolderError } from '../data/ssda903.js';
import { WouldOverwriteError } from '../data/write.js';
import { BatchWriter } from '../data/write-batch.js';
import type { IsoDate } from '../domain/dates.js';
import { newCaseFile } from '../domain/ssda903-case-file.js';
import type { FieldChange } from '../domain/ssda903-case-update.js';
import { idKey, idShapeProblem } from '../domain/child-id.js';
import { byFileAndLine, groupIssues, readReturn, triangulate, type ReadOptions, type ReturnIssue, type ReturnReading } from '../domain/ssda903.js';
import { dateOption, resolveAsOf, resolveRoot, UsageError } from './options.js';

export interface Import903Options {
  root?: string;
  asOf?: string;
  periodStart?: string;
  periodEnd?: string;
  update?: boolean;
  dryRun?: boolean;
  force?: boolean;
  strict?: boolean;
}

export interface Triangulate903Options {
  root?: string;
  asOf?: string;
  periodStart?: string;
  periodEnd?: string;
  format?: string;
}

interface Io {
  out: (s: string) => void;
  err: NodeJS.WriteStream;
}
const defaultIo = (): Io => ({ out: (s) => process.stdout.write(s), err: process.stderr });

export function registerImportCommands(cli: Command, setExit: (code: number) => void): void {
  const root = () => new Option('--root <dir>', 'data root holding panel.yaml, cases/ and meetings/').default('.');
  const when = (c: Command) =>
    c
      .option('--as-of <date>', 'read the return as at this date, YYYY-MM-DD (default: today, or --period-end)')
      .option('--period-start <date>', 'with --period-end: children looked after at any time in this period, YYYY-MM-DD')
      .option('--period-end <date>', 'the last day of the period, YYYY-MM-DD');

  const importCmd = cli.command('import').description('create case files from a statutory return');
  when(
    importCmd
      .command('903 <folder>')
      .description('one case file per child looked after in the SSDA903 return (header.csv, episodes.csv, reviews.csv); never overwrites without --update or --force')
      .addOption(root()),
  )
    .option('--update', 'refresh the return\'s fields (dob, looked_after, reviews, permanence from REC) in existing case files, keeping everything else', false)
    .option('--dry-run', 'print what would be created or changed; write nothing', false)
    .option('--force', 'replace existing case files with newly imported ones (what a person wrote in them is lost)', false)
    .option('--strict', 'exit 1 when any row of the return could not be used', false)
    .action(async (folder: string, o: Import903Options) => setExit(await runImport903(folder, o)));

  const triangulateCmd = cli.command('triangulate').description('compare a statutory return with the case files');
  when(
    triangulateCmd
      .command('903 <folder>')
      .description('compare the SSDA903 return with the case files: care start, legal status, placement, reviews, ceased date and reason, children in one and not the other; exit 1 on any disagreement')
      .addOption(root()),
  )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (folder: string, o: Triangulate903Options) => setExit(await runTriangulate903(folder, o)));
}


/** --as-of and the optional period, checked together. */
export function readOptions(o: { asOf?: string; periodStart?: string; periodEnd?: string }): ReadOptions {
  const start = dateOption('--period-start', o.periodStart);
  const end = dateOption('--period-end', o.periodEnd);
  if ((start === undefined) !== (end === undefined)) throw new UsageError('--period-start and --period-end go together: give both, or neither (then children looked after at --as-of are imported)');
  if (start && end && start > end) throw new UsageError(`--period-start ${start} is after --period-end ${end}`);
  const asOf = o.asOf === undefined && end ? end : resolveAsOf(o.asOf);
  if (end && asOf < end) throw new UsageError(`--as-of ${asOf} is before --period-end ${end}: the return is read as at a date on or after the period`);
  return start && end ? { asOf, period: { start, end } } : { asOf };
}

function readFolder(folder: string, options: ReadOptions): { reading: ReturnReading; problems: ReturnIssue[] } {
  try {
    const { tables, problems } = readReturnFolder(path.resolve(folder));
    return { reading: readReturn(tables, options), problems };
  } catch (err) {
    if (err instanceof ReturnFolderError) throw new UsageError(err.message);
    throw err;
  }
}

/** 12345 as 12,345, as en-GB writes it (without toLocaleString, whose locale data costs more to load than the rest of the report). */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const plural = (n: number, word: string, many = `${word}s`) => `${thousands(n)} ${n === 1 ? word : many}`;
const KIND_LABEL: Record<ReturnIssue['kind'], string> = { skipped: 'skipped', 'partly-used': 'used in part', 'not-imported': 'not imported', note: 'check' };

/** 8,9,10,11,15 as 8-11,15. */
function lineRanges(lines: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j] + 1) j++;
    out.push(j > i ? `${lines[i]}-${lines[j]}` : `${lines[i]}`);
    i = j;
  }
  return out.join(',');
}

function issueLine(i: ReturnIssue): string {
  const where = i.lines ? `${i.file}:${lineRanges(i.lines)}` : i.line ? `${i.file}:${i.line}` : i.file;
  return `  ${where.padEnd(22)} ${(i.child ? `child ${i.child}` : '').padEnd(14)} ${KIND_LABEL[i.kind]}: ${i.message}`;
}

const show = (v: unknown) => (v === null || v === undefined ? 'null' : String(v));
function describeChanges(changes: FieldChange[], added: IsoDate[], removed: IsoDate[]): string {
  const parts = changes.filter((c) => c.field !== 'reviews').map((c) => `${c.field} ${show(c.from)} → ${show(c.to)}`);
  if (added.length) parts.push(`reviews +${added.join(', +')}`);
  if (removed.length) parts.push(`reviews -${removed.join(', -')} (outside the period of care in the return)`);
  return parts.join('; ');
}

type Outcome = 'created' | 'updated' | 'replaced' | 'unchanged' | 'left alone' | 'not updated';
const OUTCOMES: Outcome[] = ['created', 'updated', 'unchanged', 'replaced', 'left alone', 'not updated'];

/** A progress bar on a terminal (cli-progress is loaded only then). */
async function progressBar(io: Io, total: number) {
  if (!io.err.isTTY || total < 50) return null;
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { stream: io.err, format: 'Importing {bar} {value}/{total} case files', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return bar;
}

interface FileResult {
  id: string;
  file: string;
  rel: string;
  outcome: Outcome;
  detail: string;
}

/** The case files already in cases/, by id (file name without .md). */
function existingCaseIds(root: string): Map<string, string> {
  const dir = path.join(root, 'cases');
  const out = new Map<string, string>();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) if (name.endsWith('.md') && !name.startsWith('.') && name !== 'README.md') out.set(name.slice(0, -3), path.join(dir, name));
  return out;
}

/** What an existing case file says about care, for a child missing from the return (plain words). */
function careInFile(text: string | null): string {
  if (text === null) return 'the file could not be read';
  const m = /^looked_after:[^\n]*\n((?:[ \t]+[^\n]*\n)*)/m.exec(text);
  const start = m && /^[ \t]+start:[ \t]*(\d{4}-\d{2}-\d{2})/m.exec(m[1]);
  const end = m && /^[ \t]+end:[ \t]*(\d{4}-\d{2}-\d{2})/m.exec(m[1]);
  if (!start) return 'the file has no period of care';
  return end ? `the file says care ended on ${end[1]}` : `the file says looked after since ${start[1]} with no end: check whether care ended`;
}

export async function runImport903(folder: string, o: Import903Options, io: Io = defaultIo()): Promise<number> {
  if (o.update && o.force) throw new UsageError('--update and --force do not go together: --update keeps what a person wrote, --force replaces the whole file');
  const options = readOptions(o);
  // The import may make the data root's first case files (and its cases/ folder).
  const root = resolveRoot(o.root, { mayCreate: true });
  const importedOn = resolveAsOf(undefined);
  const { reading, problems } = readFolder(folder, options);
  const rowIssues = [...problems, ...reading.issues].sort(byFileAndLine);
  const existing = existingCaseIds(root);
  const refusedIds = refuseIds([...reading.children.keys()], [...existing.keys()]);

  // Every child of the return is accounted for: a case file written or looked at (targets), or skipped with its reason.
  // Targets: the children in scope; with --update also every child in the return who has a case file (so a
  // child who left care has the end recorded).
  const skippedWhy = new Map<string, string>();
  for (const [id, why] of reading.unusableChildren) skippedWhy.set(id, `its ${why.replace(/^its /, '')}`);
  const targets = [];
  for (const c of sortedById([...reading.children.values()], (c) => c.id)) {
    const refusal = refusedIds.get(c.id);
    if (refusal) skippedWhy.set(c.id, refusal);
    else if (!c.record) skippedWhy.set(c.id, `the return has no usable episode starting on or before ${options.asOf}`);
    else if (c.inScope || (o.update && existing.has(c.id))) targets.push(c);
    else skippedWhy.set(c.id, `not looked after ${options.period ? `between ${options.period.start} and ${options.period.end}` : `at ${options.asOf}`}${existing.has(c.id) ? ' (its case file is left alone without --update)' : ', and no case file'}`);
  }

  const verb = (done: Outcome): string => (o.dryRun ? { created: 'would create', updated: 'would update', replaced: 'would replace', unchanged: 'unchanged', 'left alone': 'left alone', 'not updated': 'not updated' }[done] : done);
  const results: FileResult[] = [];
  const childNotes: ReturnIssue[] = [];
  const continuedLines: string[] = [];
  const keptLines: string[] = [];
  const writer = new BatchWriter();
  // Updating existing files needs a YAML library; creating files does not, so it is loaded only for --update.
  const updater = o.update && !o.force && targets.some((c) => existing.has(c.id)) ? await import('../domain/ssda903-case-update.js') : null;
  const bar = await progressBar(io, targets.length);
  try {
    for (const c of targets) {
      const file = caseFile(root, c.id);
      const rel = `cases/${c.id}.md`; // path.relative(root, file) with / (an id holds no separator)
      const text = existing.has(c.id) ? readCaseText(file) : null;
      let outcome: Outcome;
      let detail = '';
      try {
        if (text === null || o.force) {
          const record = c.record!;
          const careStart = c.notes.find((n) => n.topic === 'care-start');
          outcome = text === null ? 'created' : 'replaced';
          if (!o.dryRun) writer.stage(file, newCaseFile(record, { importedOn, asOf: options.asOf }), { force: text !== null });
          if (careStart) detail = `care start ${record.start} is the first episode of this period in the return (${careStart.file}:${careStart.line}, RNE ${record.first.rne}, not S): confirm it`;
          childNotes.push(...c.notes.filter((n) => n.topic !== 'care-start'));
        } else if (!o.update) {
          outcome = 'left alone';
          detail = 'already exists (--update refreshes the fields from the return, --force replaces the file)';
        } else {
          const result = updater!.updateFromReturn(text, c, options.asOf);
          if (!result.ok) {
            outcome = 'not updated';
            detail = result.reason;
          } else {
            outcome = result.changes.length ? 'updated' : 'unchanged';
            detail = [describeChanges(result.changes, result.reviewsAdded, result.reviewsRemoved), ...result.warnings].filter(Boolean).join('; ');
            if (result.changes.length && !o.dryRun) writer.stage(file, result.text, { force: true });
            childNotes.push(...result.notes.filter((n) => n.topic !== 'care-start'));
            if (result.continued) continuedLines.push(`  ${rel.padEnd(22)} ${result.continued}`);
            for (const k of result.kept) {
              keptLines.push(`  ${rel.padEnd(22)} ${k.field} ${show(k.value)} kept (a person's comment on its line: "${k.comment}"); the return has ${show(k.fromReturn)}`);
            }
          }
        }
      } catch (err) {
        if (!(err instanceof WouldOverwriteError)) throw err;
        outcome = 'left alone';
        detail = 'appeared while importing; it was not replaced';
      }
      results.push({ id: c.id, file, rel, outcome, detail });
      bar?.increment();
    }
    const { refused } = writer.commit();
    if (refused.length) {
      const late = new Set(refused);
      for (const r of results) {
        if (!late.has(r.file)) continue;
        r.outcome = 'left alone';
        r.detail = 'appeared while importing; it was not replaced';
      }
    }
  } finally {
    writer.abort();
    bar?.stop();
  }

  const counts = Object.fromEntries(OUTCOMES.map((k) => [k, 0])) as Record<Outcome, number>;
  for (const r of results) counts[r.outcome]++;
  const fileLines = results.map((r) => `  ${verb(r.outcome).padEnd(12)} ${r.rel}${r.detail ? `  ${r.detail}` : ''}`);

  const out: string[] = [];
  const scope = options.period ? `looked after between ${options.period.start} and ${options.period.end}` : `looked after at ${options.asOf}`;
  const read = [plural(reading.rows.header, 'child', 'children'), plural(reading.rows.episodes, 'episode'), plural(reading.rows.reviews, 'review')].join(', ');
  out.push(`Import of the SSDA903 return in ${folder} (${read}), read as at ${options.asOf} (children ${scope})${o.dryRun ? ': dry run, nothing is written' : ''}`, '');
  if (rowIssues.length) out.push(`Rows of the return not used, or used in part (${rowIssues.length}):`, ...rowIssues.map(issueLine), '');
  const notes = groupIssues(childNotes.sort(byFileAndLine));
  if (notes.length) out.push(`Rows left out of the case files written, and things to check (${childNotes.length} rows):`, ...notes.map(issueLine), '');
  if (continuedLines.length) out.push(`Care start kept from the case file: the return's first episode continues the period of care (${continuedLines.length}):`, ...continuedLines, '');
  if (keptLines.length) out.push(`Values a person confirmed, left unchanged where the return differs (${keptLines.length}):`, ...keptLines, '');
  out.push(`Case files in ${path.join(shown(root), 'cases')} (${targets.length}):`, ...(fileLines.length ? fileLines : ['  none']), '');

  const skippedLines = sortedById([...skippedWhy], ([id]) => id);
  const refusedLines = skippedLines.filter(([id]) => refusedIds.has(id));
  if (refusedLines.length) out.push(`Children whose id cannot be a case file name (${refusedLines.length}):`, ...refusedLines.map(([id, why]) => `  child ${id.padEnd(14)} ${why}`), '');
  const inReturn = new Set([...reading.children.keys(), ...reading.unusableChildren.keys()]);
  const missing = [...existing.keys()].filter((id) => !inReturn.has(id)).sort();
  if (missing.length) {
    out.push(
      `Children with a case file who are not in this return (${missing.length}): their files are left as they are`,
      ...missing.map((id) => `  ${`cases/${id}.md`.padEnd(22)} ${careInFile(readCaseText(existing.get(id)!))}`),
      '',
    );
  }

  const skipped = rowIssues.filter((i) => i.kind === 'skipped').length;
  const partly = rowIssues.filter((i) => i.kind === 'partly-used').length;
  const notImported = childNotes.filter((i) => i.kind === 'not-imported').length;
  const inScope = [...reading.children.values()].filter((c) => c.inScope).length;
  const total = reading.children.size + reading.unusableChildren.size;
  if (results.length + skippedWhy.size !== total) throw new Error(`import 903: ${results.length} case files and ${skippedWhy.size} children skipped do not add up to the ${total} children in the return`);
  const reasons = new Map<string, number>();
  for (const [, why] of skippedLines) {
    const key = why.startsWith('refused')
      ? 'with an id refused'
      : why.startsWith('the return has no usable')
        ? 'with no usable episode'
        : why.startsWith('not looked after')
          ? why.includes('left alone') ? 'not looked after, case file left alone without --update' : 'not looked after and no case file'
          : 'whose header row was not usable';
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  const files = OUTCOMES.filter((k) => counts[k] || ['created', 'updated', 'unchanged'].includes(k)).map((k) => `${counts[k]} ${verb(k)}`);
  files.push(`${skippedWhy.size} skipped${reasons.size ? ` (${[...reasons].map(([why, n]) => `${n} ${why}`).join('; ')})` : ''}`);
  const bad = skipped + partly + counts['not updated'];
  const mark = bad ? '!' : '✔';
  out.push(
    `${mark} ${plural(total, 'child', 'children')} in the return, ${plural(inScope, 'child', 'children')} ${scope}: ${files.join(', ')}` +
      `${missing.length ? `; ${plural(missing.length, 'case file')} of children not in this return` : ''}. ` +
      `${plural(skipped, 'row')} skipped, ${partly} used in part, ${notImported} left out of the case files written.`,
  );
  io.out(`${out.join('\n')}\n`);
  return o.strict && bad ? 1 : 0;
}

/**
 * Ids of the return that cannot be case file names (a shape or a Windows device name, src/domain/child-id.ts),
 * and ids that differ only in letter case from another child in the return or a case file already in cases/
 * (one file on Windows and macOS, one address on the site). Of such a group, a child whose exact id already
 * has a case file keeps it; the others are refused. With no case file among them, every one is refused: the
 * import cannot tell which is right.
 */
export function refuseIds(ids: string[], existing: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const groups = new Map<string, Set<string>>();
  for (const id of [...ids, ...existing]) {
    const key = idKey(id);
    const g = groups.get(key) ?? new Set<string>();
    g.add(id);
    groups.set(key, g);
  }
  const onDisk = new Set(existing);
  for (const id of ids) {
    const shape = idShapeProblem(id);
    if (shape) {
      out.set(id, `refused: ${shape}`);
      continue;
    }
    const others = [...groups.get(idKey(id))!].filter((o) => o !== id);
    if (!others.length || onDisk.has(id)) continue;
    const where = (o: string) => (onDisk.has(o) ? `cases/${o}.md` : `child ${o} in the return`);
    out.set(id, `refused: id "${id}" differs only in letter case from ${others.map(where).join(', ')}: they would be one file on Windows and macOS and one address on the site; correct the CHILD id in the return`);
  }
  return out;
}

/**
 * Sorted by id as localeCompare orders them. When every id is digits only (as 903 returns mostly are), that
 * order is the code units' order (the collation orders the digits 0 to 9, then a shorter prefix first), so
 * the ids are compared directly, without the collator: same order, a fraction of the time.
 */
export function sortedById<T>(items: T[], id: (item: T) => string): T[] {
  if (items.every((item) => /^[0-9]+$/.test(id(item)))) {
    return items.sort((a, b) => {
      const x = id(a);
      const y = id(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }
  return items.sort((a, b) => id(a).localeCompare(id(b)));
}

const caseFile = (root: string, id: string) => path.join(root, 'cases', `${id}.md`);
/** A folder as the user would type it: relative when under the working folder, absolute otherwise. */
const shown = (dir: string) => {
  const rel = path.relative(process.cwd(), dir);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? dir : rel;
};

export async function runTriangulate903(folder: string, o: Triangulate903Options, io: Io = defaultIo()): Promise<number> {
  const format = o.format ?? 'text';
  if (!['text', 'json'].includes(format)) throw new UsageError(`--format: expected one of text, json, found "${format}"`);
  const options = readOptions(o);
  const root = resolveRoot(o.root);
  const { reading, problems } = readFolder(folder, options);
  // The case loader (and its schema) only here: `panel import 903` itself never reads a case file's fields.
  const { loadCases } = await import('../data/load.js');
  const cases = loadCases(root);
  const result = triangulate(reading, cases.map((c) => ({ file: c.file, id: c.value?.id ?? c.key, child: c.value })));
  const byFile = new Map(cases.map((c) => [c.file, c]));
  const lineOf = (file: string | null, p: (string | number)[] | null) => (file && p ? byFile.get(file)?.locate(p) ?? null : null);
  const unusable = problems.length + reading.issues.filter((i) => i.kind === 'skipped' || i.kind === 'partly-used').length;

  if (format === 'json') {
    io.out(
      `${JSON.stringify(
        {
          asOf: options.asOf,
          period: options.period ?? null,
          compared: result.compared,
          onlyInReturn: result.onlyInReturn,
          onlyInCaseFiles: result.onlyInCaseFiles,
          unreadableCaseFiles: result.unreadable,
          unusableRows: unusable,
          disagreements: result.disagreements.map((d) => ({
            child: d.child,
            file: d.file,
            field: d.field,
            line: lineOf(d.file, d.path),
            inReturn: d.inReturn,
            inCaseFile: d.inCaseFile,
            message: d.message,
          })),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const out = [`Triangulation of the SSDA903 return in ${folder} with the case files in ${shown(root)}, at ${options.asOf}`, ''];
    const groups = new Map<string, typeof result.disagreements>();
    for (const d of result.disagreements) {
      const key = `${d.child}\u0000${d.file ?? ''}`;
      groups.set(key, [...(groups.get(key) ?? []), d]);
    }
    for (const list of groups.values()) {
      out.push(`${list[0].child}  ${list[0].file ?? '(no case file)'}`);
      for (const d of list) out.push(`  ${String(lineOf(d.file, d.path) ?? '').padStart(4)}  ${d.field.padEnd(26)} ${d.message}`);
      out.push('');
    }
    const n = result.disagreements.length;
    const children = groups.size;
    const tally = `${plural(result.compared, 'child', 'children')} compared, ${result.onlyInReturn} only in the return, ${result.onlyInCaseFiles} only in the case files, ${result.unreadable} case files unreadable`;
    out.push(n ? `✖ ${plural(n, 'disagreement')} for ${plural(children, 'child', 'children')} (${tally})` : `✔ No disagreement (${tally})`);
    if (unusable) out.push(`  ${plural(unusable, 'row')} of the return could not be used, or only in part: \`panel import 903 ${folder} --dry-run\` lists them.`);
    io.out(`${out.join('\n')}\n`);
  }
  return result.disagreements.length ? 1 : 0;
}
