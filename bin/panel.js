#!/usr/bin/env node
// The `panel` command. Runs the TypeScript sources directly through tsx, so `npx panel` works right after
// `npm ci` with no build step.
import { register } from 'tsx/esm/api';

// `panel check | head` closes the pipe early: stop quietly, as other command-line tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
