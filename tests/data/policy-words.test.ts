/**
 * panel.yaml mistakes in plain words, with the line and the field: a setting that should be a block (levels,
 * timescales) given a word or a list, and a quote left open; never zod's or the YAML parser's own wording.
 */
import { describe, expect, it } from 'vitest';
import { PolicyError, policyFromText } from '../../src/data/policy.js';

function problems(text: string): { line: number; message: string }[] {
  try {
    policyFromText(text);
  } catch (err) {
    if (err instanceof PolicyError) return err.problems;
    throw err;
  }
  throw new Error('the policy was accepted');
}

describe('panel.yaml mistakes in plain words', () => {
  it('levels: error, and timescales: [], say a block was expected', () => {
    expect(problems('council: Anytown\nlevels: error\n')).toEqual([{ line: 2, message: 'levels: expected a block of fields (indented lines of name: value under it), found "error"' }]);
    expect(problems('council: Anytown\ntimescales: []\n')).toEqual([{ line: 2, message: 'timescales: expected a block of fields (indented lines of name: value under it), found a list of 0 items' }]);
    for (const p of [...problems('levels: error\n'), ...problems('timescales: []\n')]) expect(p.message).not.toMatch(/Invalid input|received/);
  });

  it('a quote left open is named on its own line, with the field and the closed value', () => {
    const [p] = problems('council: "Anytown\npanel_name: PTP\n');
    expect(p).toMatchObject({ line: 1, message: 'YAML syntax: the value of council opens a quote (") that is not closed on its line: end the value with " on the same line, for example council: "Anytown"' });
    expect(p.message).not.toMatch(/Missing closing|indentation/);
    // A single quote, with a doubled '' inside it, on the second line.
    expect(problems("council: Anytown\npanel_name: 'Ann''s panel\n")[0]).toMatchObject({ line: 2, message: expect.stringContaining("the value of panel_name opens a quote (') that is not closed on its line") });
  });
});
