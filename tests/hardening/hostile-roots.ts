/**
 * Hostile data roots made at test time (what cannot be committed: pipes, loops, odd names, bombs), and a
 * runner for the real `panel` command that asserts it ended (no hang) and printed no stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { REPO } from '../cli/run.js';

export const AS_OF = '2026-11-20';

const made: string[] = [];
/** Removes every root made by `makeRoot` (call from afterAll). */
export const cleanRoots = () => made.forEach((d) => rmSync(d, { recursive: true, force: true }));

/** A fresh data root with these files (relative path → text or bytes); folders are made as needed. */
export function makeRoot(files: Record<string, string | Buffer> = {}, { cases = true } = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), 'panel-hostile-'));
  made.push(root);
  if (cases) mkdirSync(path.join(root, 'cases'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  return root;
}

/** A valid looked-after child (FICTIONAL), with extra front matter lines as written. */
export const validCase = (id: string, extra: string[] = []) =>
  ['---', `id: ${id}`, 'name: Ada Example', 'dob: 2016-04-01', 'looked_after:', '  start: 2026-09-01', '  legal_status: C2', ...extra, '---', 'Summary for panel.', ''].join('\n');

/** An alias bomb: ten levels of nine aliases each (9^10 values written out). */
export function aliasBomb(key = 'lol'): string {
  let text = `${key}0: &${key}0 [1, 2, 3, 4, 5, 6, 7, 8, 9]\n`;
  for (let i = 1; i < 10; i++) text += `${key}${i}: &${key}${i} [${Array(9).fill(`*${key}${i - 1}`).join(', ')}]\n`;
  return text;
}

/**
 * Runs `panel <args>` and asserts what every hostile input must give: an end within the time limit (a
 * generous bound: this machine is shared), an exit code of 0, 1 or 2, and no stack trace.
 */
export function panelEnds(args: string[], { timeout = 60_000, cwd = REPO }: { timeout?: number; cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin/panel.js'), ...args], { cwd, encoding: 'utf8', timeout, env: { ...process.env, NO_COLOR: '1' } });
  expect(r.error, `panel ${args.join(' ')} did not end within ${timeout} ms`).toBeUndefined();
  expect(r.signal, 'killed').toBeNull();
  expect([0, 1, 2]).toContain(r.status);
  expect(r.stderr, 'a stack trace').not.toMatch(/^\s+at .+[(:]\d+/m);
  expect(r.stdout, 'a stack trace').not.toMatch(/^\s+at .+[(:]\d+/m);
  return { code: r.status as number, stdout: r.stdout, stderr: r.stderr };
}
