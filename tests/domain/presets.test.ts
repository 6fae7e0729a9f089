/** The seed presets (issue 13): every value traced to its seed, no invented numbers, old names migrated. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, mergePolicy, policySchema, presetNamed, PRESETS, presetTable, TRACED_SETTINGS } from '../../src/domain/policy.js';
import { panel } from '../cli/run.js';

const policyOf = (name: string) => policySchema.parse(mergePolicy(DEFAULT_POLICY, presetNamed(name)!.values));

describe('presets follow their seeds', () => {
  it('one preset per seed document, named for its panel, not a number', () => {
    expect(PRESETS.map((p) => p.seed.slice(0, 3))).toEqual(['000', '001', '002', '003', '004']);
    for (const p of PRESETS) expect(p.name).not.toMatch(/\d{3}/);
  });
  it('every value a preset sets is traced to a section of its seed (or marked default)', () => {
    for (const p of PRESETS) for (const t of p.traced) expect(t.basis.kind === 'seed' ? t.basis.section.length : 1, `${p.name} ${t.setting}`).toBeGreaterThan(0);
  });
  it('the table lists every traced setting of every preset, each with a source', () => {
    const rows = presetTable();
    expect(rows).toHaveLength(PRESETS.length * TRACED_SETTINGS.length);
    for (const r of rows) expect(r.source).toMatch(/^(\d{3}_[0-9a-f]{16}\.txt |statutory: |guidance: |default: )/);
    const row = (preset: string, setting: string) => rows.find((r) => r.preset === preset && r.setting === setting)!;
    expect(row('central-bedfordshire', 'timescales.papers_due')).toEqual({ preset: 'central-bedfordshire', setting: 'timescales.papers_due', value: '7 days', source: '002_27a9f32f04a40ca7.txt s8' });
    expect(row('aspire-fortnightly', 'timescales.papers_due').value).toBe('3 days');
    expect(row('aspire-fortnightly', 'timescales.cadence_limit').source).toMatch(/^default/);
    expect(row('north-somerset', 'timescales.plo_limit').source).toMatch(/^default/);
    expect(row('first-friday-tracking', 'timescales.first_review').source).toMatch(/^statutory/);
  });
  it('no preset carries the numbers no seed sets (PLO 12/16 weeks, monthly cadence, 6 weeks alone)', () => {
    for (const p of PRESETS) {
      const t = policyOf(p.name).timescales;
      expect(t.plo_warning, p.name).toEqual({ months: 3 });
      expect(t.plo_limit, p.name).toEqual({ months: 6 });
      expect(t.cadence_warning, p.name).toEqual({ months: 2 });
      expect(t.cadence_limit, p.name).toEqual({ months: 3 });
    }
    expect(policyOf('permanence-guidance-note').timescales).toMatchObject({ first_panel_warning: { weeks: 6 }, first_panel: { weeks: 8 }, plan_confirmed: { months: 6 } });
    expect(policyOf('north-somerset').timescales).toMatchObject({ first_panel_at_next_meeting: true, agenda_agreed: { working_days: 5 } });
    expect(policyOf('aspire-fortnightly')).toMatchObject({ schedule: { kind: 'fortnightly' }, timescales: { first_panel: { weeks: 4 }, papers_due: { days: 3 }, minutes_published: { working_days: 3 } } });
    expect(policyOf('central-bedfordshire')).toMatchObject({ timescales: { booking_between_reviews: true, papers_due: { days: 7 } }, papers_expected: ['court-care-plan', 'ppm-minutes', 'care-plan', 'disruption-minutes'] });
    expect(policyOf('first-friday-tracking')).toMatchObject({ schedule: { kind: 'monthly', nth: 1, weekday: 'friday' }, timescales: { minutes_published: { working_days: 3 } } });
  });
  it('the default policy is still CASE-FORMAT.md\'s', () => {
    expect(DEFAULT_POLICY.timescales).toMatchObject({ first_panel: { days: 28 }, cadence_warning: { months: 2 }, cadence_limit: { months: 3 }, plo_warning: { months: 3 }, plo_limit: { months: 6 } });
  });
});

describe('panel.yaml naming a renamed preset', () => {
  const root = (preset: string) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'panel-preset-'));
    mkdirSync(path.join(dir, 'cases'));
    writeFileSync(path.join(dir, 'panel.yaml'), `council: Test\npanel_name: Test\nmarking: OFFICIAL-SENSITIVE\npreset: ${preset}\n`);
    return dir;
  };
  it('exits 2 and names the old and new name, the seed and the line', () => {
    const r = panel(['check', '--root', root('fortnightly'), '--as-of', '2026-12-04']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('panel.yaml:4');
    expect(r.stderr).toContain('"fortnightly" was renamed "aspire-fortnightly"');
    expect(r.stderr).toContain('004_7865bcd93e761c9a.txt');
  });
  it('every former name has its migration', () => {
    for (const p of PRESETS) {
      const r = panel(['policy', '--root', root(p.formerly)]);
      expect(r.code, p.formerly).toBe(2);
      expect(r.stderr).toContain(`"${p.formerly}" was renamed "${p.name}"`);
    }
  });
  it('the new name is accepted', () => expect(panel(['policy', '--root', root('north-somerset')]).code).toBe(0));
  it('panel policy --presets prints each preset with its seed and the source of every setting', () => {
    const r = panel(['policy', '--presets']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('central-bedfordshire  (follows shared seed 002_27a9f32f04a40ca7.txt; formerly "every-other-month")');
    expect(r.stdout).toMatch(/timescales\.papers_due\s+3 days\s+004_7865bcd93e761c9a\.txt s4/);
  });
});
