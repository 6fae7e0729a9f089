/**
 * `panel check`: the CI gate. Exit 0 with no error-level finding, 1 with any, 2 for usage/policy errors.
 * With `--since <ref>` (the pull-request gate): exit 1 only on what the change makes worse (domain/gate.ts),
 * the base read from git in memory (data/git-base.ts) and checked by the same loader and rules at the same date.
 */
import path from 'node:path';
import { checkDataRoot } from '../data/check-run.js';
import { dataRootFromFiles, evaluateDataRoot, type DataRoot } from '../data/data-root.js';
import { GitBaseError, readGitBase } from '../data/git-base.js';
import { PolicyError } from '../data/policy.js';
import type { IsoDate } from '../domain/dates.js';
import type { Finding } from '../domain/findings.js';
import type { RecordedFacts } from '../domain/recorded.js';
import { compareWithBase } from '../domain/gate.js';
import { githubReport, issueReport, jsonReport, markdownReport, textReport, type GateReport } from './report.js';
import { resolveAsOf, resolveRoot, UsageError, useColor } from './options.js';

export const FORMATS = ['text', 'json', 'github', 'markdown', 'issue'] as const;

export interface CheckOptions {
  root?: string;
  asOf?: string;
  format?: string;
  /** A git branch, tag or commit: fail only on what changed since it. */
  since?: string;
  /** From the audit trail (`--history`): when each value reached the tracker. */
  recorded?: RecordedFacts | null;
}

export async function runCheck(opts: CheckOptions, out: NodeJS.WriteStream = process.stdout): Promise<number> {
  const format = opts.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format: expected one of ${FORMATS.join(', ')}, found "${format}"`);
  if (format === 'issue' && opts.since !== undefined) throw new UsageError('--format issue lists every overdue child for the daily run; it does not take --since');
  const root = resolveRoot(opts.root);
  const asOf = resolveAsOf(opts.asOf);
  // The case files are checked in worker threads when there are many (data/check-run.ts): the same findings.
  const data = await checkDataRoot(root, asOf, { recorded: opts.recorded ?? null });
  const { findings } = data;
  const gate = opts.since === undefined ? undefined : compareWithSince(root, opts.since, asOf, data, findings, opts.recorded ?? null);
  const input = {
    asOf,
    findings,
    names: data.names,
    caseFiles: data.caseFiles,
    invalidFiles: new Set(findings.filter((f) => f.rule === 'schema' && f.level === 'error').map((f) => f.file)).size,
    policySource: data.policySource,
    rootFromCwd: path.relative(process.cwd(), root),
    color: useColor(out),
    gate,
  };
  const report = { json: jsonReport, github: githubReport, markdown: markdownReport, issue: issueReport, text: textReport }[format as (typeof FORMATS)[number]];
  out.write(report(input));
  if (gate) return gate.result.caused.length ? 1 : 0;
  return findings.some((f) => f.level === 'error') ? 1 : 0;
}

/** The base of the change read from git, evaluated at the same date, and compared with today's findings. */
function compareWithSince(root: string, ref: string, asOf: IsoDate, data: Pick<DataRoot, 'policy' | 'policySource'>, findings: Finding[], recorded: RecordedFacts | null): GateReport {
  let base;
  try {
    base = readGitBase(root, ref);
  } catch (err) {
    if (err instanceof GitBaseError) throw new UsageError(err.message);
    throw err;
  }
  let baseData: DataRoot;
  try {
    baseData = dataRootFromFiles(root, base.files);
  } catch (err) {
    if (!(err instanceof PolicyError)) throw err;
    // The base's own panel.yaml was invalid: read its files with today's policy.
    baseData = { ...dataRootFromFiles(root, base.files.filter((f) => f.file !== 'panel.yaml')), policy: data.policy, policySource: data.policySource };
  }
  // With --history, the base is read with the same audit trail, so the history's clocks are compared like for like.
  const before = evaluateDataRoot(baseData, asOf, { recorded }).findings;
  const touched = new Set(base.changed.filter((c) => c.status !== 'D').map((c) => c.file));
  return { ref, commit: base.commit, changedFiles: base.changed.length, result: compareWithBase(before, findings, touched) };
}
