/** `panel pack`: the PDF meeting pack for a meeting (full, or redacted for wider circulation). */
import type { Command } from 'commander';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dateOption, resolveAsOf, resolveRoot, UsageError } from './options.js';

export function registerPackCommand(cli: Command, setExit: (code: number) => void): void {
  cli
    .command('pack')
    .description('write the PDF meeting pack for a meeting (default: the next one)')
    .option('--root <dir>', 'data root holding panel.yaml, cases/ and meetings/', '.')
    .option('--date <date>', 'the meeting date (default: the next meeting on or after --as-of)')
    .option('--as-of <date>', 'the date the clocks are read at (default: today)')
    .option('--redact', 'initials instead of names, no dates of birth, no case notes', false)
    .option('--out <dir>', 'folder to write the PDF into', '.')
    .action(async (o) => {
      // Loaded here, not at start-up: the browser driver is heavy and only this command needs it.
      const { buildSite } = await import('../data/build-site.js');
      const { ChromiumMissingError } = await import('../data/pack-pdf.js');
      const date = dateOption('--date', o.date);
      const root = resolveRoot(o.root);
      const out = resolveRoot(o.out);
      const asOf = resolveAsOf(o.asOf);
      const dist = mkdtempSync(path.join(tmpdir(), 'panel-pack-'));
      try {
        const result = await buildSite({ root, asOf, dist, packDate: date, pdf: true, quiet: true });
        if (!result.packDate) throw new UsageError('no meeting is scheduled in the next four months: give --date');
        const pdf = result.packs[o.redact ? 1 : 0];
        const target = path.join(out, path.basename(pdf.out));
        copyFileSync(pdf.out, target);
        process.stdout.write(`Wrote ${path.relative(process.cwd(), target) || target} (${pdf.pages} pages, clocks as of ${asOf}).\n`);
        setExit(0);
      } catch (err) {
        if (err instanceof ChromiumMissingError) {
          process.stderr.write(`panel: ${err.message}\n`);
          setExit(1);
        } else throw err;
      } finally {
        rmSync(dist, { recursive: true, force: true });
      }
    });
}
