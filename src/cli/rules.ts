/** `panel rules`: the rule registry as a table (the README's rule table is generated from it). */
import { DEFAULT_POLICY } from '../domain/policy.js';
import { RULES } from '../rules/index.js';

const APPLIES: Record<string, string> = {
  'looked-after': 'while looked after',
  tracked: 'until permanence is secured',
  secured: 'once permanence is secured',
  all: 'always',
};

export function rulesMarkdown(): string {
  const rows = [
    '| rule id | clock | level when overdue | applies | source |',
    '|---|---|---|---|---|',
    ...RULES.map((r) => `| \`${r.id}\` | ${r.clock} | ${DEFAULT_POLICY.levels[r.id as keyof typeof DEFAULT_POLICY.levels]} | ${APPLIES[r.applies]} | ${r.source.kind}: ${r.source.ref} |`),
    '| `schema` | The file can be read and matches the case format (fields, types, real dates). | error | always | CASE-FORMAT.md |',
  ];
  return `${rows.join('\n')}\n`;
}

export function rulesText(): string {
  return `${RULES.map((r) => `${r.id.padEnd(24)} ${r.title}\n${' '.repeat(25)}${r.clock}\n${' '.repeat(25)}${r.source.kind}: ${r.source.ref}`).join('\n')}\n`;
}

export function rulesJson(): string {
  return `${JSON.stringify(RULES.map(({ id, title, clock, source, applies }) => ({ id, title, clock, source, applies, level: DEFAULT_POLICY.levels[id as keyof typeof DEFAULT_POLICY.levels] })), null, 2)}\n`;
}
