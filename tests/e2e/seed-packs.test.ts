/**
 * The PDF pack for each seed panel's data root (tests/fixtures/<preset>/), built once per fixture through
 * the real `panel pack` and read back with pdftotext: the meeting date the preset's schedule gives, and the
 * numbers the seed sets that a member reads in the pack (papers due, reasons to present, the IRO invited).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, panel } from '../cli/run.js';
import { HAVE_CHROMIUM } from './harness.js';

const run = HAVE_CHROMIUM || !!process.env.CI;
const SEEDS = [
  { preset: 'first-friday-tracking', asOf: '2026-11-30', pack: 'pack-2026-12-04.pdf' },
  { preset: 'north-somerset', asOf: '2026-11-27', pack: 'pack-2026-12-04.pdf' },
  { preset: 'central-bedfordshire', asOf: '2027-03-01', pack: 'pack-2027-03-05.pdf' },
  { preset: 'permanence-guidance-note', asOf: '2027-03-01', pack: 'pack-2027-03-05.pdf' },
  { preset: 'aspire-fortnightly', asOf: '2027-03-01', pack: 'pack-2027-03-02.pdf' },
];

describe.runIf(run)('the pack for each seed panel', () => {
  const text = new Map<string, string>();
  beforeAll(() => {
    for (const s of SEEDS) {
      const out = mkdtempSync(path.join(tmpdir(), `panel-seed-pack-${s.preset}-`));
      const r = panel(['pack', '--root', path.join(FIXTURES, s.preset), '--as-of', s.asOf, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(readdirSync(out)).toEqual([s.pack]);
      text.set(s.preset, execFileSync('pdftotext', ['-layout', path.join(out, s.pack), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '));
    }
  }, 1_800_000);

  // The cover gives the meeting's date as members read dates: Friday 4 December 2026 is the first Friday.
  it('000: the first Friday of December', () => expect(text.get('first-friday-tracking')).toContain('Date 4 Dec 2026'));
  it('001: the next available panel brings the child new to care on 27 November', () => {
    expect(text.get('north-somerset')).toContain('Date 4 Dec 2026');
    expect(text.get('north-somerset')).toContain('new to care on 27 Nov 2026');
  });
  it('002: papers due a week before (26 Feb 2027), the court care plan, disruption minutes missing, the disruption meeting\'s reason', () => {
    const t = text.get('central-bedfordshire')!;
    expect(t).toContain('Papers (due 26 Feb 2027)');
    expect(t).toContain('Local authority court care plan 26 Feb 2027');
    expect(t).toContain('Disruption meeting minutes not received');
    expect(t).toContain('disruption meeting held on 10 Feb 2027');
  });
  it('003: plan confirmation and the 6-8 week first panel read in the findings', () => {
    const t = text.get('permanence-guidance-note')!;
    expect(t).toContain('due on 28 Feb 2027 (6 months after the second review on 31 Aug 2026)');
    expect(t).toContain('due on 28 Feb 2027 (the limit of 8 weeks after entering care on 3 Jan 2027)');
  });
  it('004: Tuesday 2 March, papers 3 days before moved to Friday 26 Feb, the IFA match and Staying Put', () => {
    const t = text.get('aspire-fortnightly')!;
    // Tuesday 2 March 2027: the fortnightly Tuesday.
    expect(t).toContain('Date 2 Mar 2027');
    expect(t).toContain('Papers (due 26 Feb 2027)');
    expect(t).toContain('Matching report not received');
    expect(t).toContain('Staying Put arrangement awaiting approval');
  });
});
