/**
 * Output formats of `panel check`: text (a linter-style report), json (CASE-FORMAT.md), github (workflow
 * annotations) and markdown (a GitHub job summary). With `--since`, each says which findings the change
 * caused (they fail the check) and which were already there before it (context, never failing).
 */
import path from 'node:path';
import { daysBetween, shortDate, type IsoDate } from '../domain/dates.js';
import { compareSeverity, type Finding } from '../domain/findings.js';
import { showBidi } from '../domain/redact.js';
import type { GateResult } from '../domain/gate.js';
import { headline, headlineBesideStatus } from '../rules/index.js';
import { plural } from '../domain/plural.js';

export interface ReportInput {
  asOf: IsoDate;
  findings: Finding[];
  /** Child names by id, for the text report's headings. */
  names: ReadonlyMap<string, string>;
  caseFiles: number;
  invalidFiles: number;
  policySource: string;
  /** Where the data root is, relative to the working directory (GitHub annotations need repository paths). */
  rootFromCwd: string;
  color: boolean;
  /** With `--since`: the comparison with the base of the change. */
  gate?: GateReport;
}

export interface GateReport {
  ref: string;
  /** The commit compared with. */
  commit: string;
  /** How many files under the data root the change touched. */
  changedFiles: number;
  result: GateResult;
}

const STATUS_WORDS: Record<Finding['status'], string> = { overdue: 'Overdue', 'due-soon': 'Due soon', late: 'Done late', invalid: 'Needs correcting' };

const daysOverdue = (f: Finding, asOf: IsoDate) => (f.status === 'overdue' && f.due ? daysBetween(f.due, asOf) : null);

/** Worst first: level, status, the oldest due date (the most days overdue), then file and line. */
const worstFirst = (a: Finding, b: Finding) => compareSeverity(a, b) || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0);

/** The JSON of CASE-FORMAT.md, keys in the documented order. */
export function jsonReport({ asOf, findings, gate }: Pick<ReportInput, 'asOf' | 'findings' | 'gate'>): string {
  // The key list says which keys are written and in what order, at every level (a finding's own extra keys
  // are left out, an absent line is not written): the findings are written as they are, not copied first.
  if (!gate) return `${JSON.stringify({ asOf, findings }, JSON_KEYS, 2)}\n`;
  const since = { ref: gate.ref, base: gate.commit, changedFiles: gate.changedFiles, caused: gate.result.caused, standing: gate.result.standing };
  return `${JSON.stringify({ asOf, findings, since }, JSON_KEYS, 2)}\n`;
}

/** Every key of the JSON report, in the documented order (a finding's: child, file, rule, status, level, due, message, line). */
const JSON_KEYS = ['asOf', 'findings', 'child', 'file', 'rule', 'status', 'level', 'due', 'message', 'line', 'since', 'ref', 'base', 'changedFiles', 'caused', 'standing'];

/** Workflow-command escaping (as @actions/core does it): the message, then a property's value. */
export const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub shows at most this many annotations of each kind (error, warning, notice) per step, 50 per job. */
export const ANNOTATIONS_PER_KIND = 10;

const LEVELS = ['error', 'warning', 'notice'] as const;

/**
 * GitHub Actions workflow commands: one annotation per finding on its file and line, errors first, then
 * warnings, then notices, worst first within each, because GitHub keeps only the first 10 of each kind per
 * step. Past that, findings are printed as plain log lines, with a line saying how many were not annotated.
 * With `--since`, only what the change caused and what is in the files it touched are annotated; the
 * findings that were already there are listed in a folded log group, as context.
 */
export function githubReport(input: ReportInput): string {
  const repoPath = (f: Finding) => path.posix.join(input.rootFromCwd.split(path.sep).join('/') || '.', f.file);
  // With --since, a standing error in a touched file is a notice on the diff: the reviewer sees it, it does not fail.
  const annotated = input.gate
    ? [...input.gate.result.caused, ...input.gate.result.touched, ...input.gate.result.standingTouched.map((f) => ({ ...f, level: 'notice' as const, standing: true }))]
    : input.findings;
  const lines: string[] = [];
  const overflow: string[] = [];
  const more: Record<string, number> = { error: 0, warning: 0, notice: 0 };
  for (const level of LEVELS) {
    const list = annotated.filter((f) => f.level === level).sort(worstFirst);
    for (const [i, f] of list.entries()) {
      if (i < ANNOTATIONS_PER_KIND) {
        const standing = 'standing' in f ? `${STANDING_NOTE}: ` : '';
        const title = `${f.child ? `${f.child} ` : ''}${standing}${headline(f.rule, f.status)} [${f.rule}]`;
        const props = [`file=${escapeProperty(repoPath(f))}`, f.line ? `line=${f.line}` : '', `title=${escapeProperty(title)}`].filter(Boolean).join(',');
        lines.push(`::${f.level} ${props}::${escapeData(f.message)}`);
      } else {
        more[level]++;
        overflow.push(logLine(f, repoPath(f)));
      }
    }
  }
  if (overflow.length) {
    const counts = LEVELS.filter((l) => more[l]).map((l) => plural(more[l], l === 'error' ? 'more error' : l === 'warning' ? 'more warning' : 'more notice'));
    lines.push(`${counts.join(', ')} not shown as annotations (GitHub shows ${ANNOTATIONS_PER_KIND} of each kind per step); all of them are listed here:`);
    append(lines, overflow);
  }
  if (input.gate?.result.standing.length) {
    const standing = [...input.gate.result.standing].sort(worstFirst);
    lines.push(`::group::${STANDING_HEADING} (${standing.length})`);
    append(lines, standing.map((f) => logLine(f, repoPath(f))));
    lines.push('::endgroup::');
  }
  lines.push(input.gate ? gateSummaryLine(input) : summaryLine(input));
  return `${lines.join('\n')}\n`;
}

/** A finding as one plain log line (never a workflow command: a case file's text cannot start one). */
function logLine(f: Finding, file: string): string {
  const text = `${file}${f.line ? `:${f.line}` : ''}  ${f.level}  ${f.status}  ${f.rule}${f.due ? `  due ${f.due}` : ''}  ${f.message}`;
  return `  ${visible(text)}`;
}

const STANDING_NOTE = 'already overdue before this change, not caused by it';
export const CAUSED_HEADING = 'Caused by this change (these fail the check)';
export const STANDING_HEADING = 'Already overdue before this change, not caused by it (context: these do not fail the check)';
export const TOUCHED_HEADING = 'Warnings and notices in the files this change touched';

/** The last line with `--since`: what fails, and what is only context. */
export function gateSummaryLine(input: Pick<ReportInput, 'gate'>): string {
  const { result, ref, changedFiles } = input.gate!;
  const caused = result.caused.length;
  const parts = [
    caused ? `${plural(caused, 'error')} caused by this change` : 'nothing made worse by this change',
    `${result.standing.length} already there before it (not caused by it)`,
    `${plural(result.touched.length, 'warning or notice', 'warnings or notices')} in the changed files`,
  ];
  if (result.elsewhere) parts.push(`${result.elsewhere} elsewhere not listed`);
  return `${caused ? '✖' : '✔'} ${parts.join('; ')} (${plural(changedFiles, 'file')} changed since ${ref})`;
}


export function summaryLine({ findings, caseFiles, invalidFiles }: Pick<ReportInput, 'findings' | 'caseFiles' | 'invalidFiles'>): string {
  const count = (level: string) => findings.filter((f) => f.level === level).length;
  const children = new Set(findings.filter((f) => f.child && f.level !== 'notice').map((f) => f.child)).size;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning'), plural(count('notice'), 'notice')];
  const invalid = invalidFiles ? `; ${plural(invalidFiles, 'file')} could not be read` : '';
  const who = children === 1 ? '1 child needs' : `${children} children need`;
  return `${count('error') ? '✖' : '✔'} ${parts.join(', ')} in ${plural(caseFiles, 'case file')} (${who} attention${invalid})`;
}

/** Control characters from a file (e.g. terminal escape codes in a name) are shown, never obeyed. */
const visible = (s: string) => showBidi(s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));

const ANSI = { red: '\x1b[31m', yellow: '\x1b[33m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

/** Grouped by child, worst child first; each finding with its line, level, status, rule and due date. */
export function textReport(input: ReportInput): string {
  const paint = (code: keyof typeof ANSI, s: string) => (input.color ? `${ANSI[code]}${s}${ANSI.reset}` : s);
  const out: string[] = [paint('bold', `Permanency tracking check at ${input.asOf}`) + paint('dim', ` (policy: ${input.policySource})`), ''];
  if (input.gate) {
    const { ref, commit, result } = input.gate;
    out.push(`Compared with ${visible(ref)} (commit ${commit.slice(0, 12)}) at the same date: a change fails only on what it makes worse.`, '');
    const section = (heading: string, list: Finding[], empty?: string) => {
      if (!list.length && !empty) return;
      out.push(paint('bold', `${heading}:`), '');
      if (list.length) for (const l of groupedLines(list, input, paint)) out.push(l);
      else out.push(`  ${empty}`, '');
    };
    section(CAUSED_HEADING, result.caused, 'Nothing: no new error, and every file the change touched is valid.');
    section(TOUCHED_HEADING, result.touched);
    section(STANDING_HEADING, result.standing);
    out.push(gateSummaryLine(input));
    return `${out.join('\n')}\n`;
  }
  for (const l of groupedLines(input.findings, input, paint)) out.push(l);
  if (!input.findings.length) out.push('No findings: every clock is on track.', '');
  out.push(summaryLine(input));
  return `${out.join('\n')}\n`;
}

function groupedLines(findings: Finding[], input: ReportInput, paint: (code: keyof typeof ANSI, s: string) => string): string[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = groups.get(f.file);
    if (list) list.push(f);
    else groups.set(f.file, [f]);
  }
  for (const list of groups.values()) list.sort(compareSeverity);
  const worstOverdue = (list: Finding[]) =>
    list.reduce((most, f) => (f.status === 'overdue' && f.due ? Math.max(most, daysBetween(f.due, input.asOf)) : most), 0);
  const ordered = [...groups.entries()].sort(
    ([fa, a], [fb, b]) => compareSeverity(a[0], b[0]) || worstOverdue(b) - worstOverdue(a) || fa.localeCompare(fb),
  );
  const out: string[] = [];
  for (const [file, list] of ordered) {
    const id = list[0].child;
    const name = id ? input.names.get(id) : undefined;
    out.push(id ? paint('bold', visible(`${id}${name ? ` ${name}` : ''}`)) + paint('dim', `  ${visible(file)}`) : paint('bold', visible(file)));
    for (const f of list) {
      const level = f.level === 'error' ? paint('red', 'error  ') : f.level === 'warning' ? paint('yellow', 'warning') : paint('dim', 'notice ');
      const due = f.due ? `due ${f.due}` : '';
      const line = `${f.line ?? ''}`.padStart(4);
      out.push(`  ${paint('dim', line)}  ${level}  ${f.status.padEnd(8)}  ${f.rule.padEnd(22)} ${paint('dim', due)}`);
      out.push(`        ${visible(f.message)}`);
    }
    out.push('');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Markdown: a GitHub job summary ($GITHUB_STEP_SUMMARY). Plain text would run together into one paragraph
// there, so this format is for summaries and issues. It names children by id only, never by name: a
// summary or an issue can be copied into notifications, and a case file's text never reaches it except a
// file path, which is escaped.

/**
 * Text for a GFM table cell: never a line break or a pipe (which would end the cell or the table), never
 * HTML (GitHub renders some), and no markdown syntax (links, emphasis, mentions, issue references).
 */
export function markdownCell(s: string): string {
  return s
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~$]/g, (c) => `\\${c}`)
    .replace(/@/g, '&#64;')
    .trim();
}

/**
 * A file path as a code span in a table cell: nothing in it is markdown, HTML, a link or a mention, and
 * GitHub's autolinking of bare addresses does not apply. Only a pipe still needs its backslash (GFM splits
 * table rows before reading code spans), and the backtick fence is longer than any run of backticks inside.
 */
export function codeCell(s: string): string {
  const text = s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\|/g, '\\|');
  const fence = '`'.repeat((text.match(/`+/g) ?? []).reduce((most, r) => Math.max(most, r.length), 0) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function findingsTable(list: Finding[], input: Pick<ReportInput, 'asOf'>): string[] {
  const rows = [...list].sort((a, b) => worstFirst(a, b) || (daysOverdue(b, input.asOf) ?? -1) - (daysOverdue(a, input.asOf) ?? -1));
  return [
    '| Child | File | What | Status | Due | Days overdue |',
    '| --- | --- | --- | --- | --- | ---: |',
    ...rows.map((f) => {
      const who = f.child ?? (f.file.startsWith('meetings/') ? 'Meeting' : '');
      const cells = [
        markdownCell(who),
        codeCell(`${f.file}${f.line ? `:${f.line}` : ''}`),
        markdownCell(headlineBesideStatus(f.rule, f.status)),
        markdownCell(`${STATUS_WORDS[f.status]} (${f.level})`),
        f.due ? shortDate(f.due) : '',
        `${daysOverdue(f, input.asOf) ?? ''}`,
      ];
      return `| ${cells.join(' | ')} |`;
    }),
    '',
  ];
}

const countsLine = (findings: Finding[]) => {
  const count = (level: string) => findings.filter((f) => f.level === level).length;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('notice'), 'notice')}`;
};

/** A job summary GitHub renders: a heading, the counts, and the findings as a table, worst first. */
export function markdownReport(input: ReportInput): string {
  const out: string[] = [];
  if (input.gate) {
    const { ref, commit, result } = input.gate;
    const caused = result.caused.length;
    out.push(`## Panel check of this change: ${caused ? `${plural(caused, 'new error')}` : 'nothing made worse'}`, '');
    out.push(`Compared with ${markdownCell(ref)} (commit ${commit.slice(0, 12)}) at ${shortDate(input.asOf)}. ${markdownCell(gateSummaryLine(input).slice(2))}.`, '');
    out.push(`### ${CAUSED_HEADING}`, '');
    for (const l of caused ? findingsTable(result.caused, input) : ['Nothing: no new error, and every file the change touched is valid.', '']) out.push(l);
    if (result.touched.length) append(out, [`### ${TOUCHED_HEADING}`, '', ...findingsTable(result.touched, input)]);
    if (result.standing.length) append(out, [`### ${STANDING_HEADING}`, '', ...findingsTable(result.standing, input)]);
    return `${out.join('\n')}\n`;
  }
  const errors = input.findings.filter((f) => f.level === 'error').length;
  out.push(`## Panel check at ${shortDate(input.asOf)}: ${errors ? plural(errors, 'error') : 'every clock on track'}`, '');
  const children = new Set(input.findings.filter((f) => f.child && f.level !== 'notice').map((f) => f.child)).size;
  const invalid = input.invalidFiles ? `, ${plural(input.invalidFiles, 'file')} could not be read` : '';
  out.push(`${countsLine(input.findings)} in ${plural(input.caseFiles, 'case file')}; ${plural(children, 'child', 'children')} need${children === 1 ? 's' : ''} attention${invalid}. Policy: ${markdownCell(input.policySource)}.`, '');
  if (input.findings.length) for (const l of findingsTable(input.findings, input)) out.push(l);
  else out.push('No findings: every clock is on track.', '');
  return `${out.join('\n')}\n`;
}

/** Marks the one issue the daily run keeps open, so the workflow finds it again. */
export const ISSUE_MARKER = '<!-- panel-check: overdue children -->';

/**
 * The body of the one issue the scheduled run keeps open while any error-level finding stands: every such
 * finding in a table, worst first, by child id only (an issue's text reaches people's email).
 */
export function issueReport(input: ReportInput): string {
  const errors = input.findings.filter((f) => f.level === 'error');
  const children = new Set(errors.map((f) => f.child ?? f.file)).size;
  const out = [ISSUE_MARKER, ''];
  if (!errors.length) {
    out.push(`Every clock is on track at ${shortDate(input.asOf)}: no error-level finding in ${plural(input.caseFiles, 'case file')}.`, '');
    return `${out.join('\n')}\n`;
  }
  out.push(
    `At ${shortDate(input.asOf)}, ${plural(children, 'child or file', 'children or files')} ${children === 1 ? 'has' : 'have'} ${plural(errors.length, 'error-level finding')}: a statutory or local timescale overdue, or a case file that cannot be read.`,
    '',
    'The daily Panel check keeps this issue: it updates it each weekday morning while anything is overdue, and closes it when every clock is on track. Record the review, plan or decision in the child\'s case file (a pull request) to clear a row.',
    '',
    ...findingsTable(errors, input),
  );
  return `${out.join('\n')}\n`;
}

/** Adds every line to `out` one by one: `push(...lines)` overflows the stack with a few hundred thousand findings. */
function append(out: string[], lines: readonly string[]): void {
  for (const l of lines) out.push(l);
}
