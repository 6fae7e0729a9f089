/** Output formats of `panel check`: text (a linter-style report), json (CASE-FORMAT.md), github (annotations). */
import path from 'node:path';
import { daysBetween, type IsoDate } from '../domain/dates.js';
import { compareSeverity, type Finding } from '../domain/findings.js';

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
}

/** The JSON of CASE-FORMAT.md, keys in the documented order. */
export function jsonReport({ asOf, findings }: Pick<ReportInput, 'asOf' | 'findings'>): string {
  const shaped = findings.map((f) => {
    const o: Finding = { child: f.child, file: f.file, rule: f.rule, status: f.status, level: f.level, due: f.due, message: f.message };
    if (f.line !== undefined) o.line = f.line;
    return o;
  });
  return `${JSON.stringify({ asOf, findings: shaped }, null, 2)}\n`;
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: one annotation per finding on the file and line. */
export function githubReport(input: ReportInput): string {
  const lines = input.findings.map((f) => {
    const file = path.posix.join(input.rootFromCwd.split(path.sep).join('/') || '.', f.file);
    const title = `${f.rule} (${f.status})${f.child ? ` ${f.child}` : ''}`;
    const props = [`file=${escapeProperty(file)}`, f.line ? `line=${f.line}` : '', `title=${escapeProperty(title)}`].filter(Boolean).join(',');
    return `::${f.level} ${props}::${escapeData(f.message)}`;
  });
  lines.push(summaryLine(input));
  return `${lines.join('\n')}\n`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function summaryLine({ findings, caseFiles, invalidFiles }: Pick<ReportInput, 'findings' | 'caseFiles' | 'invalidFiles'>): string {
  const count = (level: string) => findings.filter((f) => f.level === level).length;
  const children = new Set(findings.filter((f) => f.child && f.level !== 'notice').map((f) => f.child)).size;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning'), plural(count('notice'), 'notice')];
  const invalid = invalidFiles ? `; ${plural(invalidFiles, 'file')} could not be read` : '';
  const who = children === 1 ? '1 child needs' : `${children} children need`;
  return `${count('error') ? '✖' : '✔'} ${parts.join(', ')} in ${plural(caseFiles, 'case file')} (${who} attention${invalid})`;
}

/** Control characters from a file (e.g. terminal escape codes in a name) are shown, never obeyed. */
const visible = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

const ANSI = { red: '\x1b[31m', yellow: '\x1b[33m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

/** Grouped by child, worst child first; each finding with its line, level, status, rule and due date. */
export function textReport(input: ReportInput): string {
  const paint = (code: keyof typeof ANSI, s: string) => (input.color ? `${ANSI[code]}${s}${ANSI.reset}` : s);
  const groups = new Map<string, Finding[]>();
  for (const f of input.findings) {
    const list = groups.get(f.file);
    if (list) list.push(f);
    else groups.set(f.file, [f]);
  }
  for (const list of groups.values()) list.sort(compareSeverity);
  const worstOverdue = (list: Finding[]) =>
    Math.max(0, ...list.filter((f) => f.status === 'overdue' && f.due).map((f) => daysBetween(f.due as IsoDate, input.asOf)));
  const ordered = [...groups.entries()].sort(
    ([fa, a], [fb, b]) => compareSeverity(a[0], b[0]) || worstOverdue(b) - worstOverdue(a) || fa.localeCompare(fb),
  );

  const out: string[] = [paint('bold', `Permanency tracking check at ${input.asOf}`) + paint('dim', ` (policy: ${input.policySource})`), ''];
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
  if (!ordered.length) out.push('No findings: every clock is on track.', '');
  out.push(summaryLine(input));
  return `${out.join('\n')}\n`;
}
