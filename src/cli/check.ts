/** `panel check`: the CI gate. Exit 0 with no error-level finding, 1 with any, 2 for usage/policy errors. */
import path from 'node:path';
import { evaluateDataRoot, readDataRoot } from '../data/data-root.js';
import { githubReport, jsonReport, textReport } from './report.js';
import { resolveAsOf, resolveRoot, UsageError, useColor } from './options.js';

export const FORMATS = ['text', 'json', 'github'] as const;

export interface CheckOptions {
  root?: string;
  asOf?: string;
  format?: string;
}

export function runCheck(opts: CheckOptions, out: NodeJS.WriteStream = process.stdout): number {
  const format = opts.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format: expected one of ${FORMATS.join(', ')}, found "${format}"`);
  const root = resolveRoot(opts.root);
  const asOf = resolveAsOf(opts.asOf);
  const data = readDataRoot(root);
  const { findings } = evaluateDataRoot(data, asOf);
  const input = {
    asOf,
    findings,
    names: new Map(data.cases.filter((c) => c.value).map((c) => [c.value!.id, c.value!.name])),
    caseFiles: data.cases.length,
    invalidFiles: new Set(findings.filter((f) => f.rule === 'schema').map((f) => f.file)).size,
    policySource: data.policySource,
    rootFromCwd: path.relative(process.cwd(), root),
    color: useColor(out),
  };
  out.write(format === 'json' ? jsonReport(input) : format === 'github' ? githubReport(input) : textReport(input));
  return findings.some((f) => f.level === 'error') ? 1 : 0;
}
