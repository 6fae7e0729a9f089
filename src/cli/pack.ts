/** `panel pack`: the PDF meeting pack for a meeting (full, or redacted for wider circulation). */
import type { Command } from 'commander';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dateOption, resolveAsOf, resolveRoot, UsageError } from './options.js';

/** The --out folder: made when missing; a clear usage error when something else is in the way. */
export function outFolder(out: string): string {
  const abs = path.resolve(out);
  let stat;
  try {
    stat = lstatSync(abs, { throwIfNoEntry: false });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`--out ${out}: ${code === 'ENOTDIR' ? 'a file is in the way of the folder' : (err as Error).message}`);
  }
  if (stat && !stat.isDirectory()) {
    // A link to a folder is a folder a person chose; a link to anything else, or a file, is not.
    let target;
    try {
      target = stat.isSymbolicLink() ? statSync(abs) : null;
    } catch {
      target = null;
    }
    if (!target?.isDirectory()) throw new UsageError(`--out ${out}: ${stat.isSymbolicLink() ? 'a link that does not lead to a folder' : 'a file, not a folder'}; give a folder to write the PDF into`);
    return abs;
  }
  if (!stat) {
    try {
      mkdirSync(abs, { recursive: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is in the way of the folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (err as Error).message;
      throw new UsageError(`--out ${out}: the folder could not be made (${why})`);
    }
  }
  return abs;
}

/** The PDF's path; refused before any work when it exists (without --force) or is a folder. */
function targetFile(dir: string, name: string, force: boolean): string {
  const target = path.join(dir, name);
  const stat = lstatSync(target, { throwIfNoEntry: false });
  if (stat?.isDirectory()) throw new UsageError(`${target} is a folder; the PDF was not written (remove it or give another --out)`);
  if (stat && !force) throw new UsageError(`${target} already exists; it was left unchanged (use --force to replace it)`);
  return target;
}

export function registerPackCommand(cli: Command, setExit: (code: number) => void): void {
  cli
    .command('pack')
    .description('write the PDF meeting pack for a meeting (default: the next one)')
    .option('--root <dir>', 'data root holding panel.yaml, cases/ and meetings/', '.')
    .option('--date <date>', 'the meeting date (default: the next meeting on or after --as-of)')
    .option('--as-of <date>', 'the date the clocks are read at (default: today)')
    .option('--redact', 'initials instead of names, age in years, no dates of birth, no case notes', false)
    .option('--out <dir>', 'folder to write the PDF into (made if missing)', '.')
    .option('--force', 'replace the PDF if it already exists', false)
    .action(async (o) => {
      // Loaded here, not at start-up: the browser driver is heavy and only this command needs it.
      const { buildPack } = await import('../data/pack-build.js');
      const { ChromiumMissingError } = await import('../data/pack-pdf.js');
      const { readDataRoot } = await import('../data/data-root.js');
      const { nextMeeting } = await import('../domain/tracker.js');
      const { writeFileSafely } = await import('../data/write.js');
      const date = dateOption('--date', o.date);
      const root = resolveRoot(o.root);
      const asOf = resolveAsOf(o.asOf);
      const meeting = date ?? (() => {
        const data = readDataRoot(root);
        return nextMeeting(data.policy, data.calendar, asOf);
      })();
      if (!meeting) throw new UsageError('no meeting is scheduled in the next four months: give --date');
      const out = outFolder(o.out);
      const target = targetFile(out, `pack-${meeting}${o.redact ? '-redacted' : ''}.pdf`, o.force);
      const bar = await progressBar();
      const dist = mkdtempSync(path.join(tmpdir(), 'panel-pack-'));
      try {
        bar?.start('writing the pack page');
        // Only the pack's print page, straight from the model: no site build (data/pack-build.ts).
        const result = await buildPack({
          root,
          asOf,
          dist,
          packDate: meeting,
          variants: [o.redact ? 'redacted' : 'full'],
          onProgress: (done, total) => bar?.update(done, total, 'paginating and printing'),
        });
        bar?.stop();
        const [pdf] = result.packs;
        writeFileSafely(target, readFileSync(pdf.out), { force: o.force });
        process.stdout.write(`Wrote ${path.relative(process.cwd(), target) || target} (${pdf.pages} pages, clocks as of ${asOf}).\n`);
        setExit(0);
      } catch (err) {
        bar?.stop();
        if (err instanceof ChromiumMissingError) {
          process.stderr.write(`panel: ${err.message}\n`);
          setExit(1);
        } else throw err;
      } finally {
        rmSync(dist, { recursive: true, force: true });
      }
    });
}

/** A progress bar on a terminal; nothing when the output goes to a file or a pipe. */
async function progressBar() {
  if (!process.stdout.isTTY) return null;
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar({ format: 'Pack [{bar}] {value}/{total} {stage}', hideCursor: true, clearOnComplete: true, stream: process.stdout }, Presets.shades_classic);
  let started = false;
  return {
    start(stage: string) {
      bar.start(1, 0, { stage });
      started = true;
    },
    update(done: number, total: number, stage: string) {
      if (!started) return;
      bar.setTotal(total);
      bar.update(done, { stage });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
