/**
 * `panel import 903` starts with only what it uses: in the compiled command (bin/build-cli.js), the modules
 * loaded when the import runs (its chunk and everything that chunk imports statically) hold no case
 * loader, schema (zod), YAML library or progress bar. Those are loaded with import() when needed:
 * `triangulate` loads the case loader, `--update` the YAML library, a terminal the progress bar.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { REPO } from '../cli/run.js';

describe('the compiled import command', () => {
  it('loads no case loader, zod, YAML library or progress bar until it needs one', async () => {
    const { bundleOptions } = await import(pathToFileURL(path.join(REPO, 'bin/build-cli.js')).href);
    const result = await build({
      ...bundleOptions(),
      entryPoints: { panel: 'src/cli/main.ts' },
      splitting: true,
      outdir: path.join(REPO, 'lib/out'), // not written: write is false
      chunkNames: 'chunk-[hash]',
      metafile: true,
      write: false,
    });
    const outputs = (result.metafile as Metafile).outputs;
    const holding = (input: string) => Object.keys(outputs).find((o) => input in outputs[o].inputs);
    const start = holding('src/cli/import903.ts');
    expect(start).toBeDefined();
    // Everything loaded with the import's chunk: its static imports, and theirs.
    const loaded = new Set<string>();
    const stack = [start!];
    while (stack.length) {
      const o = stack.pop()!;
      if (loaded.has(o)) continue;
      loaded.add(o);
      for (const i of outputs[o].imports) if (i.kind === 'import-statement' && !i.external) stack.push(i.path);
    }
    const inputs = [...loaded].flatMap((o) => Object.keys(outputs[o].inputs));
    expect(inputs).toContain('src/domain/ssda903.ts');
    expect(inputs).toContain('src/domain/ssda903-case-file.ts');
    const unwanted = ['src/data/load.ts', 'src/domain/schema.ts', 'src/domain/ssda903-case-update.ts', 'node_modules/zod/', 'node_modules/yaml/', 'node_modules/js-yaml/', 'node_modules/cli-progress/'];
    expect(inputs.filter((i) => unwanted.some((u) => i.startsWith(u)))).toEqual([]);
    // ... and each is still in the command, loaded when needed.
    for (const later of ['src/data/load.ts', 'src/domain/ssda903-case-update.ts']) expect(holding(later)).toBeDefined();
  }, 60_000);
});
