import { describe, expect, it } from 'vitest';
import { textReport } from '../../src/cli/report.js';

describe('text report', () => {
  it('shows control characters from a file instead of sending them to the terminal', () => {
    const out = textReport({
      asOf: '2026-12-04',
      findings: [{ child: 'C-1', file: 'cases/C-1.md', rule: 'schema', status: 'invalid', level: 'error', due: null, message: 'name: found "\u001b[2Jx"', line: 3 }],
      names: new Map([['C-1', 'Evil\u001b]0;title\u0007Name']]),
      caseFiles: 1,
      invalidFiles: 1,
      policySource: 'default',
      rootFromCwd: '.',
      color: false,
    });
    expect(out).not.toMatch(/[\u001b\u0007]/);
    expect(out).toContain('Evil\\x1b]0;title\\x07Name');
    expect(out).toContain('name: found "\\x1b[2Jx"');
  });
});
