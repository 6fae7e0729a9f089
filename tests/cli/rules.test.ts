/** `panel rules`: the clocks are written from the policy in force, `--root` works, every rule is listed. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleRows } from '../../src/cli/rules.js';
import { DEFAULT_POLICY, mergePolicy, presetNamed, PRESETS } from '../../src/domain/policy.js';
import { headline, MEETING_RULES, RULES } from '../../src/rules/index.js';
import { panel } from './run.js';

function rootWith(policyYaml: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'panel-rules-'));
  writeFileSync(path.join(root, 'panel.yaml'), policyYaml);
  return root;
}

describe('panel rules', () => {
  it('writes the default clocks with no panel.yaml, and lists agenda-agreed, minutes-due and schema', () => {
    // A data root with case files but no panel.yaml: the default policy.
    const root = mkdtempSync(path.join(tmpdir(), 'panel-rules-'));
    mkdirSync(path.join(root, 'cases'));
    const r = panel(['rules', '--root', root]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('under default');
    expect(r.stdout).toContain('open past 3 months: warning; past 6 months: error');
    expect(r.stdout).toContain('First panel discussion within 28 days of entering care or PLO');
    for (const id of ['agenda-agreed', 'minutes-due', 'schema']) expect(r.stdout).toMatch(new RegExp(`^${id} `, 'm'));
  });

  it('writes the clocks of a preset and of the council\'s own values (--root from another folder)', () => {
    const root = rootWith('preset: north-somerset\ncouncil: Anytown\npanel_name: PTP\nmarking: OFFICIAL-SENSITIVE\ntimescales:\n  plo_warning: { weeks: 12 }\n  plo_limit: { weeks: 16 }\n  cadence_limit: { months: 4 }\n  agenda_agreed: { working_days: 3 }\nlevels:\n  plo-duration: warning\n');
    const r = panel(['rules', '--root', root], tmpdir());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('open past 12 weeks: warning; past 16 weeks: warning');
    expect(r.stdout).toContain('at the next available panel');
    expect(r.stdout).not.toContain('within 28 days of entering care');
    expect(r.stdout).toContain('over 2 months ago: warning; over 4 months: error');
    expect(r.stdout).toContain('at least 3 working days before the meeting');
    const json = JSON.parse(panel(['rules', '--root', root, '--format', 'json']).stdout);
    expect(json.find((x: { id: string }) => x.id === 'plo-duration')).toMatchObject({ level: 'warning', headline: 'Pre-proceedings open too long' });
    const md = panel(['rules', '--root', root, '--format', 'markdown']).stdout;
    expect(md).toContain('| `minutes-due` |');
  });

  it('a six-to-eight-week first panel reads as two steps; every preset gives a sentence for every rule', () => {
    const policy = mergePolicy(DEFAULT_POLICY, presetNamed('permanence-guidance-note')!.values);
    const first = ruleRows(policy).find((r) => r.id === 'first-panel')!;
    expect(first.clock).toBe('First `panel` discussion more than 6 weeks after entering care or PLO, whichever came first: warning; more than 8 weeks: error.');
    for (const preset of PRESETS) {
      const rows = ruleRows(mergePolicy(DEFAULT_POLICY, preset.values));
      expect(rows.map((r) => r.id)).toEqual([...RULES, ...MEETING_RULES].map((r) => r.id).concat('schema'));
      for (const r of rows) expect(r.clock).not.toMatch(/undefined|NaN|\[object/);
    }
  });

  it('an invalid panel.yaml is a usage error, as for every other command', () => {
    const r = panel(['rules', '--root', rootWith('preset: nope\n')]);
    expect(r.code).toBe(2);
  });
});

describe('headline(): a rule in plain words', () => {
  it('says what is wrong, not the rule id, and says due soon or met late in the rule\'s own words', () => {
    expect(headline('plo-duration')).toBe('Pre-proceedings open too long');
    expect(headline('plo-duration', 'due-soon')).toBe('Pre-proceedings due to end soon');
    expect(headline('first-review', 'late')).toBe('First looked-after review held late');
    expect(headline('first-review')).toBe('First looked-after review not held');
    expect(headline('schema', 'invalid')).toBe('Case file cannot be read');
    for (const r of [...RULES, ...MEETING_RULES]) expect(headline(r.id)).not.toContain(r.id);
  });
});
