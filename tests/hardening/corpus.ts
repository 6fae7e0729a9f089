/**
 * The hardening corpus (tests/fixtures/hardening): bad case and meeting files, a few good ones, and one
 * valid case full of hostile markup. What cannot be committed is made at test time in a temporary copy:
 * a symbolic link to a file outside the data root, and the huge files.
 */
import { cpSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIXTURES } from '../cli/run.js';

export const CORPUS = path.join(FIXTURES, 'hardening');
export const AS_OF = '2026-11-20';
/** Written in the file the symbolic link points at: it must never appear in any output. */
export const OUTSIDE_SECRET = 'SECRET-FROM-OUTSIDE-THE-ROOT';

/** A temporary copy of the corpus with `cases/outside.md` linking to a case file outside the root. */
export function corpusCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'panel-hardening-'));
  const root = path.join(dir, 'root');
  cpSync(CORPUS, root, { recursive: true });
  const outside = path.join(dir, 'outside.md');
  writeFileSync(outside, `---\nid: H-9001\nname: ${OUTSIDE_SECRET}\ndob: 2015-01-01\n---\n${OUTSIDE_SECRET}\n`);
  symlinkSync(outside, path.join(root, 'cases', 'outside.md'));
  return root;
}

/** Valid files: read, checked and built like any other. */
export const GOOD = ['cases/H-0001.md', 'cases/H-0002.md', 'cases/H-0003.md', 'cases/H-0004.md', 'meetings/2026-10-02.md', 'meetings/2026-12-04.md'];

/** Every bad file with its one finding: rule, line, and what the message must say. */
export const BAD: Record<string, { rule: 'schema' | 'data-consistency'; line: number; child?: string | null; says: (string | RegExp)[] }> = {
  'cases/empty.md': { rule: 'schema', line: 1, child: null, says: ['the file is empty'] },
  'cases/no-front-matter.md': { rule: 'schema', line: 1, child: null, says: ['no front matter', 'starts with a line "---"'] },
  'cases/unclosed-front-matter.md': { rule: 'schema', line: 5, child: 'H-1003', says: ['never closed', 'add a line "---" after its last field'] },
  'cases/bad-opening.md': { rule: 'schema', line: 1, child: 'H-1018', says: ['the first line must be "---" on its own, found "---yaml"'] },
  'cases/yaml-syntax.md': { rule: 'schema', line: 6, child: 'H-1004', says: ['YAML syntax', 'not closed on its line'] },
  'cases/tabs.md': { rule: 'schema', line: 7, child: 'H-1005', says: ['YAML syntax', 'indent with spaces, not tabs'] },
  'cases/duplicate-key.md': { rule: 'schema', line: 6, child: 'H-1006', says: ['duplicated mapping key: the field "', 'appears twice in the same block; keep one'] },
  'cases/wrong-types.md': {
    rule: 'schema',
    line: 4,
    child: 'H-1007',
    says: [
      'name: expected the child\'s name (text), found number 42 (and 4 more: ',
      'siblings line 6: expected a list of child ids, e.g. [C-1002], found "H-0001"',
      'reviews line 7: expected a list of review dates',
      'proceedings.extensions line 10: expected a whole number of 8-week extensions (0 or more), found "two"',
      'permanence.life_story_complete line 12: expected true or false, found "yes")',
    ],
  },
  'cases/impossible-date.md': { rule: 'schema', line: 5, says: ['dob: expected a real calendar date (that day does not exist), found "2026-02-29"'] },
  'cases/ambiguous-date.md': { rule: 'schema', line: 7, says: ['looked_after.start: expected a date written YYYY-MM-DD, found "31/12/2025"', 'if you meant day 31 month 12, write 2025-12-31'] },
  'cases/vague-date.md': { rule: 'schema', line: 8, says: ['plan.agreed: expected a date written YYYY-MM-DD, found "next week"'] },
  'cases/unknown-route.md': { rule: 'schema', line: 7, says: ['plan.route: expected a route: one of return-home', 'found "adopton" (did you mean "adoption"?)'] },
  'cases/unknown-code.md': { rule: 'schema', line: 8, says: ['looked_after.placement: expected an SSDA903 placement type code', 'found "Z9" (did you mean "Z1"?)'] },
  'cases/path-like-id.md': { rule: 'schema', line: 3, child: null, says: ['id: expected an id of letters, digits, "-" or "_"', 'found "../x"'] },
  'cases/non-utf8.md': { rule: 'schema', line: 4, child: null, says: ['not UTF-8', 'line 4 has the byte 0xEB', 'save the file as UTF-8'] },
  'cases/utf16.md': { rule: 'schema', line: 1, child: null, says: ['UTF-16', 'save it as UTF-8'] },
  'cases/list-front-matter.md': { rule: 'schema', line: 2, child: null, says: ['the front matter must be a block of fields'] },
  'cases/missing-fields.md': {
    rule: 'schema',
    line: 3,
    child: 'H-1017',
    says: ['name: expected the child\'s name (text), found nothing (the field is missing) (and 2 more: dob line 3', 'socail_worker line 4: an unknown field "socail_worker" (did you mean "social_worker"?)'],
  },
  'cases/outside.md': { rule: 'schema', line: 1, child: null, says: ['symbolic link to a place outside the data root', 'it was not read'] },
  'cases/H-2001.md': { rule: 'data-consistency', line: 8, child: 'H-2001', says: ['FGC 2026-12-10 is in the future (after 2026-11-20)'] },
  'cases/H-2002.md': { rule: 'data-consistency', line: 8, child: 'H-2002', says: ['PLO end 2026-07-01 is before PLO start 2026-08-01'] },
  'cases/H-2003.md': { rule: 'data-consistency', line: 3, child: 'H-2003', says: ['id H-2003 is also used by cases/H-2003-copy.md'] },
  'cases/H-2003-copy.md': { rule: 'data-consistency', line: 3, child: 'H-2003', says: ['id H-2003 does not match the file name H-2003-copy.md and is also used by cases/H-2003.md'] },
  'cases/id-mismatch.md': { rule: 'data-consistency', line: 3, child: 'H-2004', says: ['id H-2004 does not match the file name id-mismatch.md'] },
  'meetings/2026-11-06.md': { rule: 'schema', line: 6, child: null, says: ['minutes_published: expected a real calendar date (that day does not exist), found "2026-11-31"'] },
};
