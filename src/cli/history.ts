/**
 * `panel history <id>` and `panel changes --since <date|last-meeting>`: the audit trail from git, as text
 * to read like `git log`, or JSON (README "Audit trail"). History that cannot be read is a note, never
 * an error: the exit code is 0, or 2 for a usage error.
 */
import { Command, Option } from 'commander';
import { isIsoDate, type IsoDate } from '../domain/dates.js';
import type { FieldChange } from '../domain/field-changes.js';
import { ID_PATTERN } from '../domain/schema.js';
import { changesSince, lastMeetingBefore, readHistory, trailOf, NOTE_NEVER_COMMITTED, type ChangeSince, type HistoryEntry } from '../data/history.js';
import { loadCases, loadMeetings } from '../data/load.js';
import { resolveAsOf, resolveRoot, UsageError } from './options.js';
import { plural } from '../domain/plural.js';

const FORMATS = ['text', 'json'];

export function registerHistoryCommands(cli: Command): void {
  const root = () => new Option('--root <dir>', 'data root holding panel.yaml, cases/ and meetings/').default('.');
  const format = () => new Option('--format <format>', 'output format').choices(FORMATS).default('text');

  cli
    .command('history <id>')
    .description("a child's audit trail from git (or a meeting's, given its date): who changed which field, when, and why")
    .addOption(root())
    .addOption(format())
    .action(async (id: string, o) => {
      process.stdout.write(await runHistory(id, o));
    });

  cli
    .command('changes')
    .description('every field-level change to case and meeting files since a date (inclusive) or the last panel meeting')
    .requiredOption('--since <date>', 'YYYY-MM-DD, or last-meeting (the latest meetings/<date>.md before today)')
    .option('--as-of <date>', 'the date taken as today for last-meeting, YYYY-MM-DD (default: today)')
    .addOption(root())
    .addOption(format())
    .action(async (o) => {
      process.stdout.write(await runChanges(o));
    });
}

/** The file a `panel history` argument names: a child id, or a meeting date. */
export function fileForId(id: string): string {
  if (isIsoDate(id)) return `meetings/${id}.md`;
  if (ID_PATTERN.test(id)) return `cases/${id}.md`;
  throw new UsageError(`history: "${id}" is neither a child id (letters, digits, "-" and "_", e.g. C-1001) nor a meeting date (YYYY-MM-DD)`);
}

export async function runHistory(id: string, o: { root?: string; format?: string }): Promise<string> {
  const root = resolveRoot(o.root);
  const cases = loadCases(root);
  let file = fileForId(id);
  // A child whose file is not named after its id (a finding): the trail of its own file, not of a file
  // that had the name (another child's, since deleted), as the child's page shows.
  if (file.startsWith('cases/') && !cases.some((c) => c.file === file)) file = cases.find((c) => c.readable?.id === id)?.file ?? file;
  const current = cases.find((c) => c.file === file);
  // Only this file's versions are read (the log is read whole, so renames are followed). A name the file
  // had before a rename is read again under the file's current name.
  let history = await readHistory(root, { files: [file] });
  let trail = trailOf(history, file);
  if (trail && trail.file !== file) {
    history = await readHistory(root, { files: [trail.file] });
    trail = trailOf(history, file);
  }
  const onDisk = !!current || loadMeetings(root).some((m) => m.file === file);
  if (!trail && !onDisk && history.available) {
    throw new UsageError(`history: there is no ${file}, and git has no history of one`);
  }
  if (!trail && !onDisk) throw new UsageError(`history: there is no ${file} (and ${history.notes[0]})`);
  const notes = [...history.notes, ...(trail?.notes ?? [])];
  if (history.available && !trail) notes.push(NOTE_NEVER_COMMITTED);
  const entries = trail?.entries ?? [];
  if (o.format === 'json') {
    return `${JSON.stringify({ file: trail?.file ?? file, id, deleted: trail?.deleted ?? false, notes, entries }, null, 2)}\n`;
  }

  const name = current?.value?.name;
  const lines = [`History of ${id}${name ? ` ${name}` : ''}  ${trail?.file ?? file}${trail?.deleted ? ' (deleted)' : ''}: ${plural(entries.filter((e) => e.mainline).length, 'change')} on the main line`];
  for (const n of notes) lines.push(`note: ${n}`);
  // Main-line entries, each merge followed by the branch commits it brought in; a branch commit whose
  // merge made no net change to this file is shown on its own.
  const shown = new Set<HistoryEntry>();
  for (const e of entries) {
    if (shown.has(e)) continue;
    lines.push('', ...entryLines(e, ''));
    shown.add(e);
    if (e.merge && e.mainline) {
      for (const b of entries.filter((x) => x.mergedIn === e.commit)) {
        lines.push('', ...entryLines(b, '    '));
        shown.add(b);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

const short = (hash: string) => hash.slice(0, 12);
const MARK: Record<FieldChange['kind'], string> = { added: '+', removed: '-', changed: '~' };

function changeLine(e: HistoryEntry): string | null {
  if (e.change === 'renamed') return `renamed from ${e.renamedFrom}`;
  if (e.change === 'added') return 'file added';
  if (e.change === 'deleted') return 'file deleted';
  return null;
}

function entryLines(e: HistoryEntry, indent: string): string[] {
  const tags = [e.pr !== null ? `PR #${e.pr}` : '', e.merge ? 'merge' : '', e.mainline ? '' : `branch commit, merged in ${short(e.mergedIn ?? '')}`].filter(Boolean);
  const out = [
    `${indent}commit ${short(e.commit)}${tags.length ? ` (${tags.join(', ')})` : ''}`,
    `${indent}Author: ${e.author}`,
    `${indent}Date:   ${e.date}`,
    '',
    `${indent}    ${e.subject}`,
  ];
  if (e.title) out.push(`${indent}    ${e.title}`);
  out.push('');
  const what = changeLine(e);
  if (what) out.push(`${indent}    ${what}`);
  for (const f of e.fields) out.push(`${indent}    ${MARK[f.kind]} ${f.text}`);
  if (e.bodyChanged) out.push(`${indent}    ${e.change === 'added' ? 'summary text written' : 'summary text changed'}`);
  if (e.note) out.push(`${indent}    note: ${e.note}`);
  if (!what && !e.fields.length && !e.bodyChanged && !e.note) out.push(`${indent}    no change to fields or text (formatting only)`);
  return out;
}

export async function runChanges(o: { since: string; asOf?: string; root?: string; format?: string }): Promise<string> {
  const root = resolveRoot(o.root);
  const today = resolveAsOf(o.asOf);
  let since: IsoDate;
  let meaning: string;
  if (o.since === 'last-meeting') {
    const last = lastMeetingBefore(loadMeetings(root).map((m) => m.file), today);
    if (!last) throw new UsageError(`--since last-meeting: no meetings/<YYYY-MM-DD>.md before ${today}; give a date instead`);
    since = last;
    meaning = `the last panel meeting, before ${today}`;
  } else if (isIsoDate(o.since)) {
    since = o.since;
    meaning = 'inclusive';
  } else {
    throw new UsageError(`--since: expected a real date written YYYY-MM-DD or "last-meeting", found "${o.since}"`);
  }
  const history = await readHistory(root);
  const changes = changesSince(history, since);
  if (o.format === 'json') {
    const shaped = changes.map(({ file, entry, commits }) => ({ file, ...withoutLineage(entry), commits: commits.map(withoutLineage) }));
    return `${JSON.stringify({ since, notes: history.notes, changes: shaped }, null, 2)}\n`;
  }

  const names = new Map(loadCases(root).map((c) => [c.file, c.value?.name ?? null]));
  const files = [...new Set(changes.map((c) => c.file))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const lines = [`Changes since ${since} (${meaning}): ${plural(changes.length, 'change')} to ${plural(files.length, 'file')}`];
  for (const n of history.notes) lines.push(`note: ${n}`);
  if (history.available && !changes.length) lines.push('', 'No case or meeting file has changed since then.');
  for (const file of files) {
    const id = file.replace(/^(cases|meetings)\/|\.md$/g, '');
    const name = names.get(file);
    lines.push('', `${file.startsWith('meetings/') ? `Meeting ${id}` : `${id}${name ? ` ${name}` : ''}`}  ${file}`);
    for (const { entry: e, commits } of changes.filter((c) => c.file === file)) {
      lines.push(`  ${e.date}  ${short(e.commit)}  ${e.author}${e.pr !== null ? `  PR #${e.pr}` : ''}  ${e.title ?? e.subject}`);
      const what = changeLine(e);
      // A new file's every field is "added": the count says it, `panel history` and JSON list them.
      if (e.change === 'added') lines.push(`      file added with ${plural(e.fields.length, 'field value')}${e.bodyChanged ? ' and a summary' : ''} (panel history ${id} lists them)`);
      else {
        if (what) lines.push(`      ${what}`);
        for (const f of e.fields) lines.push(`      ${MARK[f.kind]} ${f.text}`);
        if (e.bodyChanged) lines.push('      summary text changed');
      }
      if (e.note) lines.push(`      note: ${e.note}`);
      const authors = [...new Set(commits.map((c) => c.author))];
      if (commits.length) lines.push(`      made in ${plural(commits.length, 'commit')} by ${authors.join(', ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A change as JSON: the main line is implied, so the lineage fields are left out. */
function withoutLineage(e: HistoryEntry) {
  const { mainline: _m, mergedIn: _g, ...rest } = e;
  return rest;
}
