/**
 * The `panel` command line: thin wiring of the loader and the rule engine. Each command's code is loaded
 * only when that command runs (import()), so `panel rules` does not load the case loader, the calendar
 * data or the site builder: the compiled command starts in a blink.
 */
import { Command, CommanderError, Option } from 'commander';
import { packageVersion } from '../data/package-root.js';
import { WouldOverwriteError } from '../data/write.js';
import { resolveRoot, UsageError } from './options.js';

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

type SetExit = (code: number) => void;
type Registrar = (cli: Command, setExit: SetExit) => Promise<void>;

const root = () => new Option('--root <dir>', 'data root holding panel.yaml, cases/ and meetings/').default('.');

const registerCheck: Registrar = async (cli, setExit) => {
  const { FORMATS, runCheck } = await import('./check.js');
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
        const { readRecordedFacts } = await import('../data/recorded.js');
        const read = await readRecordedFacts(resolveRoot(o.root));
        recorded = read.recorded;
        for (const note of read.notes) process.stderr.write(`panel: --history: ${note}\n`);
      }
      setExit(await runCheck({ root: o.root, asOf: o.asOf, format: o.format, since: o.since, recorded }));
    });
};

const registerNew: Registrar = async (cli, setExit) => {
  cli
    .command('new <id>')
    .description("create cases/<id>.md from the data root's templates/case.md, or the built-in one (never replaces an existing file without --force)")
    .addOption(root())
    .option('--name <name>', "the child's name")
    .option('--dob <date>', 'date of birth, YYYY-MM-DD')
    .option('--start <date>', 'date the child became looked after, YYYY-MM-DD')
    .option('--force', 'replace an existing file', false)
    .action(async (id, o) => {
      const { runNewCase } = await import('./new-case.js');
      setExit(runNewCase(id, o));
    });
};

const registerRules: Registrar = async (cli, setExit) => {
  cli
    .command('rules')
    .description('list the timescale rules, their clocks written from the policy in force')
    .addOption(root())
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .action(async (o) => {
      const [{ loadPolicy }, { rulesJson, rulesMarkdown, rulesText }] = await Promise.all([import('../data/policy.js'), import('./rules.js')]);
      const { policy, source } = loadPolicy(resolveRoot(o.root));
      process.stdout.write(o.format === 'markdown' ? rulesMarkdown(policy) : o.format === 'json' ? rulesJson(policy) : rulesText(policy, source));
      setExit(EXIT.ok);
    });
};

const registerPolicy: Registrar = async (cli, setExit) => {
  cli
    .command('policy')
    .description('print the policy in force (panel.yaml over its preset over the defaults), or list the presets')
    .addOption(root())
    .option('--presets', 'list the named presets instead')
    .action(async (o) => {
      const { policyText, presetsText } = await import('./policy.js');
      process.stdout.write(o.presets ? presetsText() : policyText(resolveRoot(o.root)));
      setExit(EXIT.ok);
    });
};

const registerInit: Registrar = async (cli, setExit) => {
  cli
    .command('init [dir]')
    .description("scaffold a council's data repository: panel.yaml from a preset, cases/, meetings/, templates/case.md, .gitignore, package.json, the CI workflow and a README (never replaces a file)")
    .option('--preset <name>', 'the preset panel.yaml starts from (see `panel policy --presets`; default: the default policy)')
    .option('--council <name>', "the council's name")
    .action(async (dir, o) => {
      const { runInit } = await import('./init.js');
      setExit(runInit(dir, { preset: o.preset, council: o.council }));
    });
};

const registerBuild: Registrar = async (cli, setExit) => {
  cli
    .command('build')
    .description('build the tracker site and the PDF packs of the next meeting (output: <root>/dist)')
    .addOption(root())
    .option('--out <dir>', 'output folder, emptied and rebuilt (default: <root>/dist)')
    .option('--as-of <date>', 'the date to read the clocks at, YYYY-MM-DD (default: today)')
    .option('--pack-date <date>', 'the meeting whose packs to build (default: the next meeting)')
    .option('--no-pack', 'build the site only, not the PDF packs')
    .option('--quiet', "show only errors from the site's build", false)
    .action(async (o) => {
      const { runBuild } = await import('./build.js');
      setExit(await runBuild({ root: o.root, out: o.out, asOf: o.asOf, packDate: o.packDate, pack: o.pack, quiet: o.quiet }));
    });
};

const fromModule =
  (load: () => Promise<Record<string, unknown>>, name: string): Registrar =>
  async (cli, setExit) =>
    (((await load()) as Record<string, (cli: Command, setExit: SetExit) => void>)[name])(cli, setExit);

/** Every command, in the order `panel --help` lists them, with the first word(s) that select it. */
const COMMANDS: { names: string[]; register: Registrar }[] = [
  { names: ['check'], register: registerCheck },
  { names: ['new'], register: registerNew },
  { names: ['rules'], register: registerRules },
  { names: ['policy'], register: registerPolicy },
  { names: ['schedule', 'agenda', 'minutes', 'escalation'], register: fromModule(() => import('./meetings.js'), 'registerMeetingCommands') },
  { names: ['init'], register: registerInit },
  { names: ['build'], register: registerBuild },
  { names: ['pack'], register: fromModule(() => import('./pack.js'), 'registerPackCommand') },
  { names: ['import', 'triangulate'], register: fromModule(() => import('./import903.js'), 'registerImportCommands') },
  { names: ['history', 'changes'], register: fromModule(() => import('./history.js'), 'registerHistoryCommands') },
];

/**
 * The program with the command the arguments name (or every command, for help, a mistyped name, or a
 * name this table does not know yet, so a command is never unreachable, only slower to start).
 */
async function program(argv: string[], setExit: SetExit): Promise<Command> {
  const cli = new Command('panel')
    .description('Permanency Tracking Panel: check case files against statutory and local timescales')
    .version(packageVersion(), '-V, --version', 'print the version of panel')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  const first = argv[0];
  const named = COMMANDS.filter((c) => c.names.includes(first ?? ''));
  for (const c of named.length === 1 ? named : COMMANDS) await c.register(cli, setExit);
  return cli;
}

/** Runs the command line and returns the exit code (it never calls process.exit, so tests can call it). */
export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  try {
    await (await program(argv, (c) => (code = c))).parseAsync(argv, { from: 'user' });
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
    const { PolicyError } = await import('../data/policy.js');
    if (err instanceof PolicyError) {
      process.stderr.write(`panel: the policy file is invalid; nothing was checked.\n${err.problems.map((p) => `  ${err.file}:${p.line}  ${p.message}`).join('\n')}\n`);
      return EXIT.usage;
    }
    const { WriteError } = await import('../data/write.js');
    if (err instanceof WriteError) {
      process.stderr.write(`panel: ${err.message}\n`);
      return EXIT.usage;
    }
    // Never a stack trace for a person: what went wrong in one line (PANEL_DEBUG=1 shows where).
    const e = err as NodeJS.ErrnoException;
    const where = e?.path ? `${e.path}: ` : '';
    const plain =
      e?.code === 'ENOTDIR' ? 'a file is where a folder should be'
      : e?.code === 'EISDIR' ? 'a folder is where a file should be'
      : e?.code === 'EACCES' || e?.code === 'EPERM' ? 'permission denied'
      : e?.code === 'ENOENT' ? 'no such file or folder'
      : e?.code === 'ELOOP' ? 'a symbolic link leads round in a loop'
      : e instanceof RangeError && /call stack/i.test(e.message) ? 'the input is nested too deeply to read'
      : (e?.message ?? String(err));
    process.stderr.write(`panel: ${where}${plain}${e?.code ? '' : ' (an unexpected error: please report it with the command you ran)'}\n`);
    if (process.env.PANEL_DEBUG) process.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
    return EXIT.usage;
  }
}
