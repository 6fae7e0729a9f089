/**
 * One measured run in a fresh process, so peak memory is this run's own. Modes:
 * - `parse`: read and parse every case file (front matter split + YAML), the floor any check must pay;
 * - `check`: what `panel check --format json` does: read, validate, run every rule, print (in one thread:
 *   worker threads would run the sources through tsx here);
 * - `since`: what `panel check --since HEAD~1 --format json` does: the same, plus the base read from git
 *   (one ls-tree, one cat-file --batch), loaded and checked in memory, and the two compared.
 * Prints one JSON line: { mode, ms, maxRssMb, findings, cpuMs } (cpuMs: user + system time of the whole
 * process, worker threads and module loading included).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluateDataRoot } from '../src/data/data-root.js';
import { parseMarkdownFile } from '../src/data/frontmatter.js';
import { jsonReport } from '../src/cli/report.js';
import { checkDataRoot } from '../src/data/check-run.js';
import { dataRootFromFiles } from '../src/data/data-root.js';
import { readGitBase } from '../src/data/git-base.js';
import { compareWithBase } from '../src/domain/gate.js';

const [mode, root, asOf = '2026-11-20'] = process.argv.slice(2);
const t0 = performance.now();
let findings = 0;
if (mode === 'parse') {
  const dir = path.join(root, 'cases');
  for (const name of readdirSync(dir).sort()) {
    const parsed = parseMarkdownFile(readFileSync(path.join(dir, name), 'utf8'));
    if (parsed.data) findings++;
  }
} else if (mode === 'since') {
  const result = await checkDataRoot(root, asOf, { workers: 0 });
  const base = readGitBase(root, 'HEAD~1');
  const before = evaluateDataRoot(dataRootFromFiles(root, base.files), asOf).findings;
  const gate = compareWithBase(before, result.findings, new Set(base.changed.map((c) => c.file)));
  findings = gate.caused.length + gate.standing.length;
  jsonReport({ ...result, gate: { ref: 'HEAD~1', commit: base.commit, changedFiles: base.changed.length, result: gate } }).length;
} else {
  // What `panel check` does, in one thread (here the workers would run the TypeScript sources through tsx,
  // a start-up the compiled command does not have; the whole-process figures include its worker threads).
  const result = await checkDataRoot(root, asOf, { workers: 0 });
  findings = result.findings.length;
  // Printing is part of the work; /dev/null-like sink keeps the terminal out of the timing.
  jsonReport(result).length;
}
const ms = performance.now() - t0;
// CPU time of the whole process, every thread (workers included): on a shared machine, less noisy than the wall time.
const { userCPUTime, systemCPUTime } = process.resourceUsage();
console.log(JSON.stringify({ mode, ms: Math.round(ms), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), findings, cpuMs: Math.round((userCPUTime + systemCPUTime) / 1000) }));
