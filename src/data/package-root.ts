/**
 * The folder panel itself is installed in (this repository, or node_modules/panel in a council's data
 * repository): found by walking up from this module, so it is right both from the TypeScript sources
 * (src/data/) and from the compiled command (lib/build-.../). Read-only: nothing is ever written there.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'astro.config.mjs'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`panel: cannot find the folder panel is installed in, above ${from}`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

/** The tool's own version, from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The tool's own package name, from its package.json. */
export function packageName(): string {
  return (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string }).name;
}
