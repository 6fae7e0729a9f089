/** The silent YAML mistakes ("#" or "&" that would drop part of a value) are reported on their own lines, among lines that hold "#" and "&" harmlessly. */
import { describe, expect, it } from 'vitest';
import { parseMarkdownFile } from '../../src/data/frontmatter.js';

describe('silent mistakes: each on its line', () => {
  it('finds every mistake line among comments, quoted values and a body', () => {
    const text = [
      '---', // 1
      '# a comment: # and & here', // 2
      'id: C-1', // 3
      'team: North #2', // 4
      'name: "A & B # C"', // 5
      '', // 6
      'social_worker: &anchor Smith', // 7
      '  # indented comment &', // 8
      'looked_after:', // 9
      '  placement: U4 #bad', // 10
      '---', // 11
      'Body with # and & not read.',
    ].join('\n');
    const parsed = parseMarkdownFile(text);
    expect(parsed.mistakes.map((m) => m.line)).toEqual([4, 7, 10]);
    expect(parsed.mistakes[0].message).toMatch(/team.*"#2" starts a comment/);
    expect(parsed.mistakes[1].message).toMatch(/social_worker starts with an ampersand/);
    expect(parsed.mistakes[2].message).toMatch(/placement.*"#bad" starts a comment/);
  });

  it('a mistake on the last line, with no line end', () => {
    expect(parseMarkdownFile('---\nid: C-1\nteam: A #b\n---').mistakes.map((m) => m.line)).toEqual([3]);
    expect(parseMarkdownFile('---\n---\n').mistakes).toEqual([]);
  });
});
