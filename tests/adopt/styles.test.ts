/**
 * The site's compiled stylesheet (src/styles/precompile.mjs): kept with the package in lib/styles/ (packed
 * into the tarball; built by the first site build in a checkout), never written into an installed package,
 * whose builds keep it in the data root's cache folder instead when the package's does not match.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { precompiledStyles, stylesKey } from '../../src/styles/precompile.mjs';

const temp = mkdtempSync(path.join(tmpdir(), 'panel-styles-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const nodeModules = path.resolve(path.dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), '..');
const END = '\n/* panel: end of compiled app.scss */\n';
const name = () => `app-${stylesKey()}.css`;
let n = 0;
const fresh = () => {
  const dir = path.join(temp, String(n++));
  mkdirSync(dir);
  return { packageDir: path.join(dir, 'lib', 'styles'), cacheRoot: path.join(dir, 'root', '.panel-cache') };
};

describe('the compiled stylesheet', () => {
  it("uses the package's own when it is whole, compiling nothing (Sass could not even find GOV.UK Frontend here)", async () => {
    const { packageDir, cacheRoot } = fresh();
    mkdirSync(packageDir, { recursive: true });
    writeFileSync(path.join(packageDir, name()), `body { color: red }${END}`);
    expect(await precompiledStyles(cacheRoot, path.join(temp, 'nowhere'), { packageDir, writePackage: true })).toBe(path.join(packageDir, name()));
    expect(existsSync(cacheRoot)).toBe(false);
  });

  it('in a checkout: compiles into the package once, replacing a cut file and older stylesheets; the data root is not written', async () => {
    const { packageDir, cacheRoot } = fresh();
    mkdirSync(packageDir, { recursive: true });
    writeFileSync(path.join(packageDir, name()), 'body { color: re'); // cut short: no end marker
    writeFileSync(path.join(packageDir, 'app-0123456789abcdef.css'), `old${END}`);
    const file = await precompiledStyles(cacheRoot, nodeModules, { packageDir, writePackage: true });
    expect(file).toBe(path.join(packageDir, name()));
    const css = readFileSync(file!, 'utf8');
    expect(css).toContain('.govuk-header');
    expect(css.endsWith(END)).toBe(true);
    expect(readdirSync(packageDir)).toEqual([name()]);
    expect(existsSync(cacheRoot)).toBe(false);
  }, 60_000);

  it('with no cache folder and a package it may not write: nothing is written, and Vite is left to compile (null)', async () => {
    const { packageDir } = fresh();
    expect(await precompiledStyles(null, nodeModules, { packageDir, writePackage: false })).toBeNull();
    expect(existsSync(packageDir)).toBe(false);
  }, 60_000);

  it("in an installed package: never writes into it; compiles into the data root's cache folder, git-ignored, and reuses it", async () => {
    const { packageDir, cacheRoot } = fresh();
    const file = await precompiledStyles(cacheRoot, nodeModules, { packageDir, writePackage: false });
    expect(file).toBe(path.join(cacheRoot, 'styles', name()));
    expect(existsSync(packageDir)).toBe(false);
    expect(readFileSync(path.join(cacheRoot, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    // The next build reuses it (no compile: GOV.UK Frontend cannot be found).
    expect(await precompiledStyles(cacheRoot, path.join(temp, 'nowhere'), { packageDir, writePackage: false })).toBe(file);
  }, 60_000);
});
