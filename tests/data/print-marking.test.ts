/**
 * The print stylesheet's marking is written from panel.yaml as a CSS string: whatever a council writes there
 * (quotes, a backslash, two lines) reads back as written and cannot end the string or the rule early.
 */
import { describe, expect, it } from 'vitest';
import { cssString, printMarkingCss } from '../../src/pages/print-marking.css.js';

describe('print-marking.css', () => {
  it('writes the marking into the top and the bottom margin box of every page', () => {
    const css = printMarkingCss('OFFICIAL-SENSITIVE');
    expect(css.match(/content: "OFFICIAL-SENSITIVE"/g)).toHaveLength(2);
    expect(css).toMatch(/@page \{[^]*@top-center \{[^}]*\}[^]*@bottom-center \{[^}]*\} \}/);
  });

  it('escapes quotes and backslashes and writes a line break as \\A', () => {
    expect(cssString('OFFICIAL "SENSITIVE"')).toBe('"OFFICIAL \\"SENSITIVE\\""');
    expect(cssString('A\\B')).toBe('"A\\\\B"');
    expect(cssString('OFFICIAL-SENSITIVE\nPERSONAL')).toBe('"OFFICIAL-SENSITIVE\\A PERSONAL"');
    // A closing brace or comment inside the string stays inside it.
    expect(printMarkingCss('x"} body { display: none } /*')).toContain('content: "x\\"} body { display: none } /*";');
  });
});
