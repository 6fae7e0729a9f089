import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReadme } from '../scripts/readme-rules.js';
import { RULES } from '../src/rules/index.js';
import { REPO } from './cli/run.js';

describe('README', () => {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  it('has the rule and preset tables generated from the registry (run npm run readme when this fails)', () => {
    expect(renderReadme(readme)).toBe(readme);
  });
  it('lists every rule id and gives the two commands and the test command', () => {
    for (const rule of RULES) expect(readme).toContain(`| \`${rule.id}\` |`);
    expect(readme).toContain('npm ci && npm run build');
    expect(readme).toContain('npm test');
  });
});
