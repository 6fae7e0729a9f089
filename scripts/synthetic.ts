/**
 * Synthetic, obviously fictional case files for benchmarks and scale tests: deterministic (seeded), valid,
 * and varied enough to exercise every rule. Names are "Child 0001"-style so nobody mistakes them for real.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { plusDays } from '../src/domain/dates.js';
import { ROUTES } from '../src/domain/codes.js';

/** A small seeded random number generator (mulberry32): the same data on every run. */
export function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEAMS = ['Permanence Team North', 'Permanence Team South', 'Court & PLO Team', 'Children in Care Team'];
const WORKERS = ['Worker A', 'Worker B', 'Worker C', 'Worker D', 'Worker E', 'Worker F', 'Worker G', 'Worker H'];
const LEGAL = ['C1', 'C2', 'E1', 'V2'];
const PLACEMENTS = ['U4', 'U6', 'U1', 'U3', 'K2', 'A5', 'P1'];

export function syntheticCase(i: number, asOf = '2026-11-20', seed = 903): { id: string; text: string } {
  const rnd = prng(seed * 100_003 + i);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const id = `S-${String(i).padStart(5, '0')}`;
  const start = plusDays(asOf, -Math.floor(rnd() * 900) - 5);
  const dob = plusDays(start, -Math.floor(rnd() * 5000) - 30);
  // Mostly on time, with about one clock in ten slipping: the finding density of a real tracker.
  const slip = (onTime: number, spread: number, late: number) => onTime + Math.floor(rnd() * spread) + (rnd() < 0.1 ? late : 0);
  const reviews: string[] = [];
  for (let d = plusDays(start, slip(10, 14, 12)); d < asOf && reviews.length < 8; d = plusDays(d, reviews.length === 1 ? slip(75, 14, 20) : slip(150, 30, 30))) reviews.push(d);
  const panels: string[] = [];
  for (let d = plusDays(start, slip(7, 20, 14)); d < asOf && panels.length < 12; d = plusDays(d, slip(28, 28, 40))) panels.push(d);
  const route = pick(ROUTES);
  let contingency = pick(ROUTES);
  if (contingency === route) contingency = route === 'adoption' ? 'long-term-fostering' : 'adoption';
  const inProceedings = rnd() < 0.3;
  const lines = [
    '---',
    '# SYNTHETIC BENCHMARK DATA: not a real child.',
    `id: ${id}`,
    `name: Child ${String(i).padStart(5, '0')}`,
    `dob: ${dob}`,
    `team: ${pick(TEAMS)}`,
    'siblings: []',
    `social_worker: ${pick(WORKERS)}`,
    'looked_after:',
    `  start: ${start}`,
    `  legal_status: ${pick(LEGAL)}`,
    `  placement: ${pick(PLACEMENTS)}`,
    `reviews: [${reviews.join(', ')}]`,
    ...(inProceedings ? ['proceedings:', `  issued: ${plusDays(start, 3)}`, `  extensions: ${Math.floor(rnd() * 2)}`, '  concluded: null'] : []),
    'plan:',
    `  route: ${route}`,
    `  contingency: ${contingency}`,
    `  agreed: ${rnd() < 0.7 && reviews[1] ? reviews[1] : 'null'}`,
    'panel:',
    ...panels.flatMap((d) => [
      `  - date: ${d}`,
      '    decision: Plan reviewed; next steps agreed.',
      '    actions:',
      `      - action: Update the care plan`,
      `        owner: ${pick(WORKERS)}`,
      `        due: ${plusDays(d, 14)}`,
      `        done: ${rnd() < 0.9 ? plusDays(d, slip(3, 10, 10)) : 'null'}`,
    ]),
    '---',
    '## Background',
    '',
    'Synthetic benchmark text. '.repeat(20),
    '',
  ];
  // Actions done "in the future" would be data errors; keep every recorded event on or before asOf.
  const text = lines.join('\n').replace(/done: (\d{4}-\d{2}-\d{2})/g, (m, d) => (d > asOf ? 'done: null' : m));
  return { id, text };
}

/** Writes `n` synthetic cases into `<dir>/cases/` and returns the folder. */
export function writeSyntheticRoot(dir: string, n: number, asOf = '2026-11-20'): string {
  mkdirSync(path.join(dir, 'cases'), { recursive: true });
  mkdirSync(path.join(dir, 'meetings'), { recursive: true });
  for (let i = 1; i <= n; i++) {
    const { id, text } = syntheticCase(i, asOf);
    writeFileSync(path.join(dir, 'cases', `${id}.md`), text);
  }
  return dir;
}
