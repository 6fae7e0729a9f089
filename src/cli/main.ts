/** The `panel` command line: thin wiring of the loader and the rule engine. */
import { Command, CommanderError, Option } from 'commander';
import { stringify } from 'yaml';
import { PolicyError, loadPolicy } from '../data/policy.js';
import { readRecordedFacts } from '../data/recorded.js';
import { WouldOverwriteError } from '../data/write.js';
import { PRESETS, presetTable } from '../domain/policy.js';
import { FORMATS, runCheck } from './check.js';
import { registerHistoryCommands } from './history.js';
import { registerImportCommands } from './import903.js';
import { registerMeetingCommands } from './meetings.js';
import { registerPackCommand } from './pack.js';
import { runNewCase } from './new-case.js';
import { resolveRoot, UsageError } from './options.js';
import { rulesJson, rulesMarkdown, rulesText } from './rules.js';

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

function program(setExit: (code: number) => void): Command {
  const cli = new Command('panel')
    .description('Permanency Tracking Panel: check case files against statutory and local timescales')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  const root = () => new Option('--root <dir>', 'data root holding panel.yaml, cases/ and meetings/').default('.');

  cli
    .command('check')
    .description('validate every case file and read every timescale clock; exit 1 on any error-level finding')
    .addOption(root())
    .option('--as-of <date>', 'the date to read the clocks at, YYYY-MM-DD (default: today)')
    .option('--since <ref>', 'the pull-request gate: fail only on what changed since this git branch, tag or commit (standing overdue items are shown, not failed)')
    .addOption(new Option('--format <format>', 'output format (markdown: a GitHub job summary; issue: the daily run\'s issue body)').choices(FORMATS as unknown as string[]).default('text'))
    .option('--history', 'also read the git history: late notifications to the panel administrator and decisions added late to children\'s records')
    .action(async (o) => {
      let recorded = null;
      if (o.history) {
        const read = await readRecordedFacts(resolveRoot(o.root));
        recorded = read.recorded;
        for (const note of read.notes) process.stderr.write(`panel: --history: ${note}\n`);
      }
      setExit(runCheck({ root: o.root, asOf: o.asOf, format: o.format, since: o.since, recorded }));
    });

  cli
    .command('new <id>')
    .description('create cases/<id>.md from templates/case.md (never replaces an existing file without --force)')
    .addOption(root())
    .option('--name <name>', "the child's name")
    .option('--dob <date>', 'date of birth, YYYY-MM-DD')
    .option('--start <date>', 'date the child became looked after, YYYY-MM-DD')
    .option('--force', 'replace an existing file', false)
    .action((id, o) => setExit(runNewCase(id, o)));

  cli
    .command('rules')
    .description('list the timescale rules, their clocks written from the policy in force')
    .addOption(root())
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .action((o) => {
      const { policy, source } = loadPolicy(resolveRoot(o.root));
      process.stdout.write(o.format === 'markdown' ? rulesMarkdown(policy) : o.format === 'json' ? rulesJson(policy) : rulesText(policy, source));
      setExit(EXIT.ok);
    });

  cli
    .command('policy')
    .description('print the policy in force (panel.yaml over its preset over the defaults), or list the presets')
    .addOption(root())
    .option('--presets', 'list the named presets instead')
    .action((o) => {
      if (o.presets) process.stdout.write(presetsText());
      else {
        const { policy, source } = loadPolicy(resolveRoot(o.root));
        process.stdout.write(`# policy in force (from ${source})\n${stringify(policy)}`);
      }
      setExit(EXIT.ok);
    });
  registerMeetingCommands(cli, setExit);
  registerPackCommand(cli, setExit);
  registerImportCommands(cli, setExit);
  registerHistoryCommands(cli);
  return cli;
}

/** `panel policy --presets`: each preset, its seed, and every setting with its value and where it comes from. */
function presetsText(): string {
  const rows = presetTable();
  const width = Math.max(...rows.map((r) => r.setting.length));
  const vwidth = Math.max(...rows.map((r) => r.value.length));
  return `${PRESETS.map(
    (p) =>
      `${p.name}  (follows shared seed ${p.seed}; formerly "${p.formerly}")\n  ${p.description}\n${rows
        .filter((r) => r.preset === p.name)
        .map((r) => `    ${r.setting.padEnd(width)}  ${r.value.padEnd(vwidth)}  ${r.source}`)
        .join('\n')}`,
  ).join('\n\n')}\n`;
}

/** Runs the command line and returns the exit code (it never calls process.exit, so tests can call it). */
export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  try {
    await program((c) => (code = c)).parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; any other commander error is a usage error.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof UsageError || err instanceof WouldOverwriteError) {
      process.stderr.write(`panel: ${err.message}\n`);
      return EXIT.usage;
    }
    if (err instanceof PolicyError) {
      process.stderr.write(`panel: the policy file is invalid; nothing was checked.\n${err.problems.map((p) => `  ${err.file}:${p.line}  ${p.message}`).join('\n')}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}
