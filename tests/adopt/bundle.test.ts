/**
 * The compiled `panel` command (bin/build-cli.js): its calendar is the sources' calendar, and a build
 * older than its sources is rebuilt in a checkout and refused in an installed package (which is never
 * written to).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { englandAndWalesCalendar } from '../../src/domain/calendar.js';
import { REPO } from '../cli/run.js';

const temps: string[] = [];
const temp = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the compiled command', () => {
  it("reads bank holidays from its table (no date-holidays loaded), and gives the same as the sources, 1849-2151", async () => {
    const { bundleOptions } = await import(pathToFileURL(path.join(REPO, 'bin/build-cli.js')).href);
    const out = temp('panel-bundle-calendar-');
    // As in a package: its dependencies beside it (a year outside the table loads date-holidays from there).
    symlinkSync(path.join(REPO, 'node_modules'), path.join(out, 'node_modules'), 'dir');
    await build({
      ...bundleOptions(),
      stdin: { contents: "export { englandAndWalesCalendar } from './calendar.ts';", resolveDir: path.join(REPO, 'src/domain'), loader: 'ts' },
      outfile: path.join(out, 'calendar.mjs'),
    });
    const compiledText = readFileSync(path.join(out, 'calendar.mjs'), 'utf8');
    // The table (src/domain/bank-holidays.json) is in; date-holidays, its astronomical calendars and time zones are not.
    expect(compiledText).toContain('Boxing Day (substitute day)');
    expect(compiledText).not.toContain('Europe/London');
    expect(compiledText).not.toContain('astronomia');
    expect(compiledText).not.toContain('"Andorra"');
    const compiled = (await import(pathToFileURL(path.join(out, 'calendar.mjs')).href)).englandAndWalesCalendar();
    const sources = englandAndWalesCalendar();
    let holidays = 0;
    // Every year of the table, and a year either side of it (read from date-holidays itself, loaded then).
    for (let year = 1849; year <= 2151; year++) {
      expect(compiled.bankHolidays(year), String(year)).toEqual(sources.bankHolidays(year));
      holidays += sources.bankHolidays(year).length;
    }
    expect(holidays).toBeGreaterThan(303 * 7);
    // The corrections apply to the table as to the sources: 2002's Golden Jubilee, 1999's Millennium holiday.
    expect(compiled.isBankHoliday('2002-06-03')).toBe(true);
    expect(compiled.isBankHoliday('2002-05-27')).toBe(false);
    expect(compiled.isBankHoliday('1999-12-31')).toBe(true);
    // A boundary: the working day after Christmas 2026 (Fri 25, Mon 28 substitute for Boxing Day).
    expect(compiled.addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
  });

  /** A copy of the package: a checkout, or installed (npm always puts an installed package in node_modules/). */
  function copyPackage(checkout: boolean) {
    const dir = checkout ? temp('panel-bundle-copy-') : path.join(temp('panel-bundle-installed-'), 'node_modules', 'panel');
    mkdirSync(dir, { recursive: true });
    for (const f of ['bin', 'src', 'templates']) cpSync(path.join(REPO, f), path.join(dir, f), { recursive: true });
    for (const f of ['package.json', 'astro.config.mjs']) cpSync(path.join(REPO, f), path.join(dir, f));
    symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    return dir;
  }
  // Run in a data root (a command refuses a folder that is not one), the package's copy of bin/panel.js.
  const run = (dir: string, ...args: string[]) =>
    spawnSync(process.execPath, [path.join(dir, 'bin/panel.js'), ...args], { cwd: path.join(REPO, 'tests/fixtures/clean'), encoding: 'utf8' });
  const listing = (dir: string) =>
    readdirSync(path.join(dir, 'lib'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => `${path.relative(dir, e.parentPath)}/${e.name}:${readFileSync(path.join(e.parentPath, e.name), 'utf8').length}`)
      .sort();

  it('in a checkout, builds a missing build, rebuilds after a source changes, and only re-stamps after a touch', () => {
    const dir = copyPackage(true);
    const first = run(dir, 'rules', '--format', 'markdown');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('while looked after');
    const built = JSON.parse(readFileSync(path.join(dir, 'lib/stamp.json'), 'utf8'));
    expect(built.inputs.map((i: [string]) => i[0])).toContain('src/cli/rules.ts');

    // Touched, same content: the same build, its times refreshed.
    const rules = path.join(dir, 'src/cli/rules.ts');
    utimesSync(rules, new Date(), new Date(Date.now() + 5000));
    expect(run(dir, 'rules').status).toBe(0);
    const touched = JSON.parse(readFileSync(path.join(dir, 'lib/stamp.json'), 'utf8'));
    expect(touched.dir).toBe(built.dir);
    expect(touched.inputs).not.toEqual(built.inputs);

    // Changed, same size and an older time than the build's: still seen, by content.
    const text = readFileSync(rules, 'utf8');
    writeFileSync(rules, text.replace("'while looked after'", "'while LOOKED after'"));
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(rules, old, old);
    const second = run(dir, 'rules', '--format', 'markdown');
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('while LOOKED after');
    expect(JSON.parse(readFileSync(path.join(dir, 'lib/stamp.json'), 'utf8')).dir).not.toBe(built.dir);
  });

  it('in an installed package, runs a fresh build without writing, and refuses one whose sources changed', () => {
    // Packed the way `npm pack` does (prepack), then installed.
    const dir = copyPackage(false);
    const packed = spawnSync(process.execPath, [path.join(dir, 'bin/build-cli.js')], { cwd: dir, encoding: 'utf8' });
    expect(packed.status, packed.stderr).toBe(0);
    expect(run(dir, 'rules').status).toBe(0);
    const before = listing(dir);
    const rules = path.join(dir, 'src/cli/rules.ts');
    utimesSync(rules, new Date(), new Date(Date.now() + 5000));
    expect(run(dir, 'rules').status).toBe(0);
    expect(listing(dir)).toEqual(before);

    writeFileSync(rules, readFileSync(rules, 'utf8').replace("'while looked after'", "'while LOOKED after'"));
    const r = run(dir, 'rules');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('was changed after it was packed');
    expect(r.stdout).toBe('');
    expect(listing(dir)).toEqual(before);

    rmSync(path.join(dir, 'lib'), { recursive: true });
    const missing = run(dir, 'rules');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('has no compiled command');
  });
});
