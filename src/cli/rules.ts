/**
 * `panel rules`: the rule registry as a table, its clocks written from the policy in force (the README's
 * rule table is generated from it with the default policy).
 */
import { DEFAULT_POLICY, type Policy } from '../domain/policy.js';
import type { SourceKind } from '../domain/rule.js';
import { MEETING_RULES, RULES, SCHEMA_RULE } from '../rules/index.js';

const APPLIES: Record<string, string> = {
  'looked-after': 'while looked after',
  tracked: 'until permanence is secured',
  secured: 'once permanence is secured',
  all: 'always',
  meeting: 'each panel meeting',
};

export interface RuleRow {
  id: string;
  title: string;
  headline: string;
  clock: string;
  level: string;
  applies: string;
  source: { kind: SourceKind | 'format'; ref: string };
}

/** Every rule, case rules then meeting rules then the file check, with its clock under `policy`. */
export function ruleRows(policy: Policy = DEFAULT_POLICY): RuleRow[] {
  const level = (id: string) => policy.levels[id as keyof Policy['levels']];
  return [
    ...RULES.map((r) => ({ id: r.id, title: r.title, headline: r.headline, clock: r.clock(policy), level: level(r.id), applies: r.applies, source: r.source })),
    ...MEETING_RULES.map((r) => ({ id: r.id, title: r.title, headline: r.headline, clock: r.clock(policy), level: level(r.id), applies: 'meeting', source: r.source })),
    {
      ...SCHEMA_RULE,
      clock: 'The file can be read and matches the case format (fields, types, real dates).',
      level: 'error',
      applies: 'all',
      source: { kind: 'format', ref: 'docs/CASE-FORMAT.md' },
    },
  ];
}

const source = (r: RuleRow) => (r.source.kind === 'format' ? r.source.ref : `${r.source.kind}: ${r.source.ref}`);

export function rulesMarkdown(policy: Policy = DEFAULT_POLICY): string {
  const rows = [
    '| rule id | clock | level when overdue | applies | source |',
    '|---|---|---|---|---|',
    ...ruleRows(policy).map((r) => `| \`${r.id}\` | ${r.clock} | ${r.level} | ${APPLIES[r.applies]} | ${source(r)} |`),
  ];
  return `${rows.join('\n')}\n`;
}

export function rulesText(policy: Policy = DEFAULT_POLICY, policySource = 'the default policy'): string {
  const pad = ' '.repeat(25);
  const rules = ruleRows(policy).map((r) => `${r.id.padEnd(24)} ${r.title} (${r.level} when overdue; ${APPLIES[r.applies]})\n${pad}${r.clock.replace(/`/g, '')}\n${pad}${source(r)}`);
  return `Timescale rules under ${policySource}\n\n${rules.join('\n')}\n`;
}

export function rulesJson(policy: Policy = DEFAULT_POLICY): string {
  return `${JSON.stringify(ruleRows(policy).map(({ id, title, headline, clock, source, applies, level }) => ({ id, title, headline, clock, source, applies, level })), null, 2)}\n`;
}
