/**
 * The loader validates with zod's compiled fast path (z.compile) once a schema has been used COMPILE_AFTER
 * times (data/load.ts validatorFor). A compiled schema must answer exactly as the runtime one: the same
 * success, the same data (defaults, trimmed text, key order), the same issues for invalid input (zod hands
 * invalid input back to the runtime). A wrong success would let a bad date through silently, so the two are
 * compared on every case and meeting file the project holds, generated cases, and each of those cases with
 * every field, in turn, replaced by values of the wrong kind, bad dates, out-of-range dates and unknown keys.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseMarkdownFile } from '../../src/data/frontmatter.js';
import { COMPILE_AFTER, validatorFor } from '../../src/data/load.js';
import { caseSchema, meetingSchema } from '../../src/domain/schema.js';
import { writeSyntheticRoot } from '../../scripts/synthetic.js';

const REPO = path.resolve(__dirname, '../..');
const temp = mkdtempSync(path.join(tmpdir(), 'panel-schema-compiled-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Every front matter under `folder` (cases/ or meetings/) of the demo, every fixture and a generated root. */
function frontMatters(folder: 'cases' | 'meetings'): { file: string; data: unknown }[] {
  const roots = [REPO, ...readdirSync(path.join(REPO, 'tests/fixtures')).map((d) => path.join(REPO, 'tests/fixtures', d)), writeSyntheticRoot(path.join(temp, folder), 120)];
  const out: { file: string; data: unknown }[] = [];
  for (const root of roots) {
    const dir = path.join(root, folder);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const file = path.join(dir, name);
      if (!name.endsWith('.md') || !statSync(file).isFile()) continue;
      const parsed = parseMarkdownFile(readFileSync(file, 'utf8'));
      if (parsed.data && typeof parsed.data === 'object') out.push({ file: path.relative(REPO, file), data: parsed.data });
    }
  }
  return out;
}

/** What a validation says, in a form two answers can be compared by. */
function answer(schema: z.ZodType, data: unknown) {
  const r = schema.safeParse(structuredClone(data));
  return r.success ? { success: true, data: r.data, order: JSON.stringify(r.data) } : { success: false, issues: r.error.issues.map((i) => ({ ...i })) };
}

/** Every path to a value inside `data` (objects and lists, any depth). */
function paths(data: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (data === null || typeof data !== 'object') return [];
  const keys: (string | number)[] = Array.isArray(data) ? data.map((_, i) => i) : Object.keys(data);
  return keys.flatMap((k) => [[...at, k], ...paths((data as Record<string | number, unknown>)[k], [...at, k])]);
}

function replaced(data: unknown, at: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(data) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of at.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  if (value === DELETE) delete cur[at.at(-1)!];
  else cur[at.at(-1)!] = value;
  return copy;
}

const DELETE = Symbol('delete');
const WRONG = [DELETE, null, 12, 1.5, -3, true, 'x', '  ', ' padded ', '', '2026-02-29', '2024-02-29', '2026-04-31', '2026-12-31', '1899-12-31', '2999-01-01', '2026-1-5', [], ['x'], [null], {}, { unknown: 1 }];

describe('zod compiled schemas answer exactly as the runtime ones', () => {
  for (const [name, schema, folder] of [['case', caseSchema, 'cases'], ['meeting', meetingSchema, 'meetings']] as const) {
    it(`${name} files as they are`, () => {
      const compiled = z.compile(schema);
      expect(compiled).not.toBe(schema); // zod compiled it (it hands a schema it cannot compile back unchanged)
      const files = frontMatters(folder);
      expect(files.length).toBeGreaterThan(folder === 'cases' ? 150 : 5);
      const differ = files.filter((f) => !isDeepStrictEqual(answer(compiled, f.data), answer(schema, f.data))).map((f) => f.file);
      expect(differ).toEqual([]);
      // Both kinds are among them.
      const outcomes = new Set(files.map((f) => answer(schema, f.data).success));
      expect(outcomes.has(true)).toBe(true);
    });

    it(`${name} files with each field replaced by wrong values, and an unknown field added`, () => {
      const compiled = z.compile(schema);
      // Files chosen so that together they hold every field path the files hold (a list item counts once).
      const general = (p: (string | number)[]) => p.map((k) => (typeof k === 'number' ? '#' : k)).join('.');
      const covered = new Set<string>();
      const samples = frontMatters(folder)
        .map((f) => ({ ...f, shape: new Set(paths(f.data).map(general)) }))
        .sort((a, b) => b.shape.size - a.shape.size)
        .filter((f) => {
          const adds = [...f.shape].some((k) => !covered.has(k));
          f.shape.forEach((k) => covered.add(k));
          return adds;
        });
      let compared = 0;
      let invalid = 0;
      const differ: string[] = [];
      for (const f of samples) {
        // Each field path once per file (the first list item stands for the others).
        const once = new Map(paths(f.data).map((p) => [general(p), p]));
        const variants = [...[...once.values()].flatMap((p) => WRONG.map((v) => ({ p: p.join('.'), data: replaced(f.data, p, v) }))), { p: 'extra', data: { ...(f.data as object), colour: 'blue' } }];
        for (const v of variants) {
          const a = answer(compiled, v.data);
          const b = answer(schema, v.data);
          compared++;
          if (!b.success) invalid++;
          if (!isDeepStrictEqual(a, b)) differ.push(`${f.file} ${v.p}`);
        }
      }
      expect(differ.slice(0, 10)).toEqual([]);
      expect(compared).toBeGreaterThan(500);
      expect(invalid).toBeGreaterThan(compared / 4);
    });
  }

  it('the loader validates at the runtime until a schema has been used COMPILE_AFTER times, then with its compiled clone', () => {
    const schema = z.strictObject({ due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });
    const used = Array.from({ length: COMPILE_AFTER + 2 }, () => validatorFor(schema));
    expect(used.slice(0, COMPILE_AFTER - 1).every((s) => s === schema)).toBe(true);
    const fast = used.at(-1)!;
    expect(fast).not.toBe(schema);
    expect(used.at(-2)).toBe(fast);
    expect(fast.safeParse({ due: '2026-12-04' })).toEqual(schema.safeParse({ due: '2026-12-04' }));
    expect(fast.safeParse({ due: '4 Dec 2026' }).error?.issues).toEqual(schema.safeParse({ due: '4 Dec 2026' }).error?.issues);
  });
});
