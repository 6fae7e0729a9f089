#!/usr/bin/env node
// The `panel` command. Runs the compiled JavaScript in lib/ (never compiles TypeScript at start-up). In the
// repository, a build that is missing or older than its sources is rebuilt first (esbuild, well under a
// second), so `npx panel` works right after `npm ci`. In an installed package the build ships in the tarball;
// if its sources were changed after packing, panel says so and stops, and writes nothing there.
import module from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { currentBuild, PACKAGE_ROOT } from './build-cli.js';

// `panel check | head` closes the pipe early: stop quietly, as other command-line tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

// Node 22 and later keep compiled code in the system's temporary folder between runs (never in the package).
module.enableCompileCache?.();

// An installed package (npm always puts one in a node_modules folder) is never written to; a checkout of
// the repository (a clone, or a copy of one) may have its build refreshed.
const checkout = !PACKAGE_ROOT.split(path.sep).includes('node_modules');
let entry = currentBuild(undefined, { refresh: checkout });
if (!entry) {
  if (!checkout) {
    const { readStamp } = await import('./build-cli.js');
    process.stderr.write(
      readStamp()
        ? `panel: the installed package at ${PACKAGE_ROOT} was changed after it was packed (its compiled command no longer matches its sources). Reinstall it.\n`
        : `panel: the installed package at ${PACKAGE_ROOT} has no compiled command (lib/). Install panel from a tarball made by \`npm pack\` (see the README), not from a copy of its repository.\n`,
    );
    process.exit(2);
  }
  const { buildCli } = await import('./build-cli.js');
  entry = await buildCli({ quiet: !process.env.PANEL_VERBOSE_BUILD });
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
