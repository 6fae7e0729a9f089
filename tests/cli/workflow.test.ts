/**
 * The scaffolded workflow (templates/github/panel-check.yml), run as far as it can be without GitHub: its
 * YAML is parsed, each job's `run:` steps are run with bash as a runner would (`bash -eo pipefail`, the
 * job's and step's env with GitHub's expressions replaced by test values, `if: !cancelled() && ...`
 * steps still running after a failure) in a temporary council repository with an "origin" remote.
 * `npx panel` is this repository's bin/panel.js (linked as node_modules/.bin/panel, as `npm ci` would);
 * `gh` is a fake on the PATH that records its calls and keeps the issues in a JSON file. Not run here:
 * the `uses:` actions (their settings are checked) and `npm ci` (node_modules is linked). The build job's
 * `npx panel build` runs with this machine's Chromium in place of the runner's Google Chrome.
 *
 * The data is dated from today, because the daily job reads the clocks at today's date as it would on
 * GitHub: a child whose first review is 60 days late is red on any day of the year.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CHROMIUM_PATH } from '../../src/data/pack-pdf.js';
import { REPO } from './run.js';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  permissions: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
}
const workflow = parse(readFileSync(path.join(REPO, 'templates/github/panel-check.yml'), 'utf8')) as {
  on: Record<string, unknown> & { schedule: { cron: string }[] };
  permissions: Record<string, string>;
  concurrency: { group: string };
  jobs: Record<string, Job>;
};

const GITHUB = {
  'github.base_ref': 'main',
  'github.token': 'test-token',
  'github.repository': 'council/cases',
  'github.server_url': 'https://github.example',
  'github.run_id': '4242',
};
const expression = (s: string) =>
  s.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, e: string) => {
    if (!(e in GITHUB)) throw new Error(`the test has no value for \${{ ${e} }}`);
    return GITHUB[e as keyof typeof GITHUB];
  });

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
/** A looked-after child who entered care `ago` days ago and was at panel the next day; reviews as given. */
const child = (id: string, ago: number, reviews: number[] = []) => `---
id: ${id}
name: Fictional ${id}
dob: 2016-03-01
looked_after:
  start: ${day(-ago)}
  legal_status: C2
  placement: U4
reviews: [${reviews.map((r) => day(-ago + r)).join(', ')}]
panel:
  - date: ${day(-ago + 1)}
---
`;

let dir: string;
let repo: string;
let bin: string;
const run = (cmd: string, args: string[], cwd = repo) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: gitEnv });
const gitEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'Admin', GIT_COMMITTER_NAME: 'Admin', GIT_AUTHOR_EMAIL: 'a@example.org', GIT_COMMITTER_EMAIL: 'a@example.org' };
const write = (rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
  writeFileSync(path.join(repo, rel), text);
};
const commit = (message: string) => {
  run('git', ['add', '-A']);
  run('git', ['commit', '-q', '-m', message]);
};

const FAKE_GH = `#!/usr/bin/env node
// A stand-in for the GitHub CLI: records each call, keeps issues in $GH_STATE.
const fs = require('node:fs');
const args = process.argv.slice(2);
const state = fs.existsSync(process.env.GH_STATE) ? JSON.parse(fs.readFileSync(process.env.GH_STATE, 'utf8')) : { issues: [], labels: [] };
fs.appendFileSync(process.env.GH_LOG, JSON.stringify({ args, token: process.env.GH_TOKEN, repo: process.env.GH_REPO }) + '\\n');
const opt = (name) => { const i = args.indexOf(name); return i < 0 ? undefined : args[i + 1]; };
const save = () => fs.writeFileSync(process.env.GH_STATE, JSON.stringify(state));
const [group, verb] = args;
if (group === 'label' && verb === 'create') { if (!state.labels.includes(args[2])) state.labels.push(args[2]); save(); }
else if (group === 'issue' && verb === 'list') {
  const found = state.issues.filter((i) => i.state === opt('--state') && i.labels.includes(opt('--label')));
  if (opt('--jq') !== '.[0].number // empty' || opt('--json') !== 'number') { console.error('fake gh: unexpected list'); process.exit(3); }
  if (found.length) console.log(found[0].number);
} else if (group === 'issue' && verb === 'create') {
  if (!state.labels.includes(opt('--label'))) { console.error('could not add label: not found'); process.exit(1); }
  const number = state.issues.length + 1;
  state.issues.push({ number, state: 'open', title: opt('--title'), labels: [opt('--label')], body: fs.readFileSync(opt('--body-file'), 'utf8'), comments: [] });
  save();
  console.log('https://github.example/council/cases/issues/' + number);
} else if (group === 'issue' && (verb === 'edit' || verb === 'close')) {
  const issue = state.issues.find((i) => i.number === Number(args[2]));
  if (!issue) { console.error('no such issue'); process.exit(1); }
  if (verb === 'edit') issue.body = fs.readFileSync(opt('--body-file'), 'utf8');
  else { issue.state = 'closed'; issue.comments.push(opt('--comment')); }
  save();
} else { console.error('fake gh: unexpected call ' + args.join(' ')); process.exit(2); }
`;

interface StepResult {
  name: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a job's `run:` steps as the runner would; returns each step's result and the job's summary file. */
function runJob(name: string, override: Record<string, string> = {}): { steps: StepResult[]; failed: boolean; summary: string } {
  const job = workflow.jobs[name];
  const temp = mkdtempSync(path.join(dir, `runner-${name}-`));
  const summaryFile = path.join(temp, 'summary.md');
  writeFileSync(summaryFile, '');
  const results: StepResult[] = [];
  let failed = false;
  for (const step of job.steps) {
    if (!step.run) continue;
    if (step.run.startsWith('npm ci')) continue; // node_modules is linked below
    if (step.id === 'build' && !override.RUN_BUILD) continue; // run by the build job's own test only
    // Steps without `if:` stop at the first failure; `!cancelled() && steps.install...` ones go on.
    if (failed && !(step.if ?? '').includes('!cancelled()')) continue;
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      PATH: `${bin}:${process.env.PATH}`,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: temp,
      CI: 'true',
      NO_COLOR: '1',
      GH_STATE: path.join(dir, 'gh-state.json'),
      GH_LOG: path.join(dir, 'gh-calls.jsonl'),
      npm_config_update_notifier: 'false',
    };
    for (const [k, v] of Object.entries({ ...job.env, ...step.env })) env[k] = expression(String(v));
    Object.assign(env, override);
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', expression(step.run)], { cwd: repo, env, encoding: 'utf8' });
    results.push({ name: step.name ?? step.run, code: r.status, stdout: r.stdout, stderr: r.stderr });
    if (r.status !== 0) failed = true;
  }
  return { steps: results, failed, summary: readFileSync(summaryFile, 'utf8') };
}

const ghState = () => JSON.parse(readFileSync(path.join(dir, 'gh-state.json'), 'utf8')) as { issues: { number: number; state: string; title: string; body: string; comments: string[] }[] };
const ghCalls = () =>
  existsSync(path.join(dir, 'gh-calls.jsonl'))
    ? readFileSync(path.join(dir, 'gh-calls.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { args: string[]; token: string; repo: string })
    : [];
type Node = { type: string; children?: Node[]; value?: string };
const tablesIn = (md: string) => ((unified().use(remarkParse).use(remarkGfm).parse(md) as Node).children ?? []).filter((n) => n.type === 'table');

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'panel-workflow-'));
  repo = path.join(dir, 'council-cases');
  bin = path.join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'gh'), FAKE_GH);
  chmodSync(path.join(bin, 'gh'), 0o755);
  mkdirSync(repo);
  run('git', ['init', '-q', '-b', 'main']);
  write('.gitignore', 'node_modules/\ndist/\n');
  // `npm ci` would install the tool as a dependency; here its bin is linked as npm links it.
  mkdirSync(path.join(repo, 'node_modules/.bin'), { recursive: true });
  symlinkSync(path.join(REPO, 'bin/panel.js'), path.join(repo, 'node_modules/.bin/panel'));
  write('package.json', JSON.stringify({ name: 'council-cases', private: true }, null, 2));
  write('.github/workflows/panel-check.yml', readFileSync(path.join(REPO, 'templates/github/panel-check.yml'), 'utf8'));
  write('cases/C-1.md', child('C-1', 60)); // first review 60 days ago + 20 working days: overdue
  write('cases/C-2.md', child('C-2', 50, [7])); // on track
  write('cases/C-3.md', child('C-3', 40, [7])); // on track
  commit('Case files');
  run('git', ['init', '-q', '--bare', path.join(dir, 'origin.git')]);
  run('git', ['remote', 'add', 'origin', path.join(dir, 'origin.git')]);
  run('git', ['push', '-q', 'origin', 'main']);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the workflow template', () => {
  it('pins Node 22 and the current major actions, asks each job for the least permission, and runs one at a time', () => {
    expect(workflow.permissions).toEqual({});
    expect(workflow.jobs.gate.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs.daily.permissions).toEqual({ contents: 'read', issues: 'write' });
    expect(workflow.jobs.build.permissions).toEqual({ contents: 'read' });
    expect(workflow.concurrency.group).toContain('${{ github.ref }}');
    expect(workflow.on.schedule[0].cron).toMatch(/^\d+ \d+ \* \* 1-5$/);
    const uses = Object.values(workflow.jobs).flatMap((j) => j.steps.map((s) => s.uses).filter(Boolean));
    expect(new Set(uses)).toEqual(new Set(['actions/checkout@v7', 'actions/setup-node@v7', 'actions/upload-artifact@v7']));
    for (const job of Object.values(workflow.jobs)) {
      expect(job.steps.find((s) => s.uses?.startsWith('actions/setup-node'))?.with).toMatchObject({ 'node-version': 22 });
    }
  });

  it('builds the site and packs into a short-lived artifact, never a public place', () => {
    const steps = workflow.jobs.build.steps;
    expect(steps.find((s) => s.id === 'build')?.run).toBe('npx panel build');
    expect(steps.find((s) => s.uses === 'actions/upload-artifact@v7')?.with).toMatchObject({ path: 'dist/', 'retention-days': 7 });
    const all = JSON.stringify(workflow);
    expect(all).not.toMatch(/pages|deploy|gh-pages|release/i);
  });
});

describe('the pull-request job, run in a temporary repository', () => {
  it('passes a pull request that records the overdue review, with a summary table, and fails one with a misspelt field', () => {
    run('git', ['checkout', '-q', '-b', 'record-review', 'main']);
    write('cases/C-1.md', child('C-1', 60, [10]));
    commit('Record C-1 first review (late)');
    const good = runJob('gate');
    expect(good.steps.map((s) => [s.name, s.code])).toEqual([
      ['Fetch the target branch', 0],
      ['Check what this pull request changes', 0],
      ['Summary', 0],
    ]);
    expect(good.failed).toBe(false);
    expect(good.summary).toContain('## Panel check of this change: nothing made worse');

    run('git', ['checkout', '-q', '-b', 'misspelt', 'main']);
    write('cases/C-2.md', child('C-2', 50, [7]).replace('placement:', 'plcement:'));
    commit('Typo');
    const bad = runJob('gate');
    expect(bad.failed).toBe(true);
    const check = bad.steps.find((s) => s.name === 'Check what this pull request changes')!;
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/^::error file=cases\/C-2\.md,line=8,title=C-2 .*\[schema\]::.*plcement/m);
    // The summary still runs after the failure, and is a table of what the change caused.
    expect(bad.steps.find((s) => s.name === 'Summary')?.code).toBe(0);
    expect(tablesIn(bad.summary).length).toBeGreaterThan(0);
    expect(bad.summary).toContain('### Caused by this change');
    run('git', ['checkout', '-q', 'main']);
  }, 600_000);
});

describe('the daily job, three mornings, run in a temporary repository', () => {
  it('opens one issue on the first red morning, updates it the next, and closes it when green', () => {
    // Morning 1: C-1 is overdue.
    const first = runJob('daily');
    expect(first.failed).toBe(true);
    expect(first.steps.map((s) => [s.name, s.code])).toEqual([
      ['Check every timescale (fails while any is overdue)', 1],
      ['Summary', 0],
      ['Keep one issue listing the overdue children', 0],
    ]);
    expect(first.summary).toMatch(/^## Panel check at .*: 1 error/);
    expect(tablesIn(first.summary)).toHaveLength(1);
    let issues = ghState().issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ number: 1, state: 'open', title: 'Children with an overdue timescale' });
    expect(issues[0].body).toContain('<!-- panel-check: overdue children -->');
    expect(issues[0].body).toContain('| C-1 |');
    expect(issues[0].body).toContain('(https://github.example/council/cases/actions/runs/4242)');
    expect(issues[0].body).not.toContain('Fictional'); // ids only: an issue reaches people's email
    expect(tablesIn(issues[0].body)).toHaveLength(1);
    expect(ghCalls().every((c) => c.token === 'test-token' && c.repo === 'council/cases')).toBe(true);

    // Morning 2: C-3's review date was deleted by mistake: still red, the same issue now lists both.
    write('cases/C-3.md', child('C-3', 40));
    commit('C-3 review date removed');
    const second = runJob('daily');
    expect(second.failed).toBe(true);
    issues = ghState().issues;
    expect(issues).toHaveLength(1);
    expect(issues[0].state).toBe('open');
    expect(issues[0].body).toContain('| C-1 |');
    expect(issues[0].body).toContain('| C-3 |');

    // Morning 3: both reviews recorded: green, the issue is closed with a comment.
    write('cases/C-1.md', child('C-1', 60, [10]));
    write('cases/C-3.md', child('C-3', 40, [7]));
    commit('Reviews recorded');
    const third = runJob('daily');
    expect(third.failed).toBe(false);
    expect(third.summary).toMatch(/^## Panel check at .*: every clock on track/);
    issues = ghState().issues;
    expect(issues).toHaveLength(1);
    expect(issues[0].state).toBe('closed');
    expect(issues[0].comments[0]).toContain('Every timescale is on track');

    const verbs = ghCalls().map((c) => c.args.slice(0, 2).join(' '));
    expect(verbs).toEqual(['issue list', 'label create', 'issue create', 'issue list', 'issue edit', 'issue list', 'issue close']);
  }, 600_000);
});

describe.runIf(existsSync(CHROMIUM_PATH) || !!process.env.CI)('the build job, run in a temporary repository', () => {
  it('builds the site and the packs into dist/, the folder the artifact uploads, which git ignores', () => {
    const build = runJob('build', { RUN_BUILD: '1', PANEL_CHROMIUM: CHROMIUM_PATH });
    const step = build.steps.find((s) => s.name === 'npx panel build')!;
    expect(step, JSON.stringify(build.steps)).toBeDefined();
    expect(step.code, step.stderr).toBe(0);
    expect(existsSync(path.join(repo, 'dist/index.html'))).toBe(true);
    expect(readdirSync(path.join(repo, 'dist'), { recursive: true }).some((f) => String(f).endsWith('.pdf'))).toBe(true);
    expect(run('git', ['status', '--porcelain', '--ignored', 'dist'])).toMatch(/^!! dist\//m);
  }, 900_000);
});
