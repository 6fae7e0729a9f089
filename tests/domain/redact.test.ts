import { describe, expect, it } from 'vitest';
import { initials, redactor } from '../../src/domain/redact.js';

describe('redaction', () => {
  it('initials of a name, hyphenated parts included', () => {
    expect(initials('Amelia Hart')).toBe('A.H.');
    expect(initials('Mary-Jane Smith')).toBe('M.J.S.');
  });

  it('replaces each part of every name, in any case, whole words only, joining adjacent initials', () => {
    const hide = redactor(['Amelia Hart', 'Jack Sutherland', 'Ann Li']);
    expect(hide('Amelia Hart met Jack; HART said amelia. Li stays with Ann.')).toBe('A.H. met J.; H. said A.. L. stays with A..');
    expect(hide('Sutherlands and Hartley are other words')).toBe('Sutherlands and Hartley are other words');
  });

  it('leaves text alone when there is nothing to redact, and copes with names holding punctuation', () => {
    expect(redactor([])('Amelia Hart')).toBe('Amelia Hart');
    expect(redactor(["D'Arcy (Jo)"])("D'Arcy (Jo) was here")).toBe('D. (J.) was here');
  });
});
