/**
 * `import 903 --update` over two yearly returns, by hand-made example where the multi-year invariants
 * (multi-year.test.ts) need a person in the loop: what a person wrote survives, a confirmed value is kept
 * and reported, the care start of a continuing period is kept and said so, a child who comes back after
 * permanence loses the old permanence, children missing from the return are named, ids that clash by letter
 * case or are Windows device names are refused. In process (runImport903), so each case is quick.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshFolders } from '../helpers.js';
import { refuseIds, runImport903 } from '../../src/cli/import903.js';
import { parseMarkdownFile } from '../../src/data/frontmatter.js';
import { recordWithHistory, readReturn } from '../../src/domain/ssda903.js';
import { parseCsv } from '../../src/data/ssda903.js';
import { caseSchema } from '../../src/domain/schema.js';

const dir = freshFolders('panel-903-update-');

const HEADER = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB';
const EPISODES = 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN';
const REVIEWS = 'CHILD,DOB,REVIEW,REVIEW_CODE';

/** A return folder from short rows: header `id,dob`; episodes `id,decom,rne,ls,place,dec,rec`; reviews `id,date`. */
function returnFolder(rows: { header: string[]; episodes: string[]; reviews?: string[] }): string {
  const d = dir('return');
  writeFileSync(path.join(d, 'header.csv'), [HEADER, ...rows.header.map((r) => { const [id, dob] = r.split(','); return `${id},1,${dob},WBRI,A1,,`; })].join('\n'));
  writeFileSync(path.join(d, 'episodes.csv'), [EPISODES, ...rows.episodes.map((r) => { const [id, decom, rne, ls, place, dec, rec] = r.split(','); return `${id},${decom},${rne},${ls},N1,${place},PR1,${dec},${rec},,,,1`; })].join('\n'));
  writeFileSync(path.join(d, 'reviews.csv'), [REVIEWS, ...(rows.reviews ?? []).map((r) => { const [id, date] = r.split(','); return `${id},01/01/2010,${date},PN1`; })].join('\n'));
  return d;
}

async function run(folder: string, root: string, asOf: string, update = true) {
  let out = '';
  const code = await runImport903(folder, { root, asOf, update }, { out: (s) => (out += s), err: process.stderr });
  return { code, out, last: out.trim().split('\n').at(-1)! };
}
const caseText = (root: string, id: string) => readFileSync(path.join(root, 'cases', `${id}.md`), 'utf8');
const caseOf = (root: string, id: string) => caseSchema.parse(parseMarkdownFile(caseText(root, id)).data);

// Child 1 came into care on 10/05/2016 (RNE S) and stayed; 2017-18 holds only the episodes open in it.
const YEAR1 = returnFolder({
  header: ['1,01/01/2010', '2,01/01/2011', '3,01/01/2012'],
  episodes: [
    '1,10/05/2016,S,V2,U1,01/09/2016,X1',
    '1,01/09/2016,L,C2,U1,,',
    '2,01/06/2016,S,C2,U4,,',
    '3,01/02/2017,S,C2,U1,20/03/2017,E11',
  ],
  reviews: ['1,30/05/2016', '1,20/11/2016', '2,20/06/2016'],
});
const YEAR2 = returnFolder({
  header: ['1,01/01/2010', '3,01/01/2012'],
  episodes: [
    '1,01/09/2016,L,C2,U1,02/10/2017,X1',
    '1,02/10/2017,P,C2,K2,,',
    '3,01/02/2018,S,C1,U3,,',
  ],
  reviews: ['1,15/05/2017', '1,10/11/2017', '3,20/02/2018'],
});

describe('import 903 --update across two yearly returns', () => {
  it('keeps the care start and every review of a continuing period, and says why', async () => {
    const root = dir('root');
    expect((await run(YEAR1, root, '2017-03-31')).code).toBe(0);
    expect(caseOf(root, '1').looked_after!.start).toBe('2016-05-10');
    const r = await run(YEAR2, root, '2018-03-31');
    const child = caseOf(root, '1');
    expect(child.looked_after).toMatchObject({ start: '2016-05-10', legal_status: 'C2', placement: 'K2', end: null });
    expect(child.reviews).toEqual(['2016-05-30', '2016-11-20', '2017-05-15', '2017-11-10']);
    expect(r.out).toContain("Care start kept from the case file: the return's first episode continues the period of care (1):");
    expect(r.out).toMatch(/cases\/1\.md +the return's first episode \(episodes\.csv line 2, 2016-09-01, RNE L\) continues the period of care the case file has from 2016-05-10: care start 2016-05-10 kept/);
    expect(caseText(root, '1')).not.toContain('confirm'); // the start is known (RNE S in the first year)
  });

  it('a child back in care after adoption broke down: a new period, the old permanence and reviews gone', async () => {
    const root = dir('root');
    await run(YEAR1, root, '2017-03-31');
    // Child 3 left care in the first year: not looked after at its end, so no file; make one as a person would have.
    await run(returnFolder({ header: ['3,01/01/2012'], episodes: ['3,01/02/2017,S,C2,U1,,'], reviews: ['3,10/02/2017'] }), root, '2017-02-28');
    await run(YEAR1, root, '2017-03-31');
    expect(caseOf(root, '3')).toMatchObject({ looked_after: { start: '2017-02-01', end: '2017-03-20', reason_ceased: 'E11' }, permanence: { secured: '2017-03-20', route: 'adoption' } });
    await run(YEAR2, root, '2018-03-31');
    const child = caseOf(root, '3');
    expect(child.looked_after).toMatchObject({ start: '2018-02-01', end: null, reason_ceased: null, legal_status: 'C1' });
    expect(child.permanence).toMatchObject({ secured: null, route: null });
    expect(child.reviews).toEqual(['2018-02-20']);
  });

  it('names the children with a case file who are not in the return, and the summary adds up', async () => {
    const root = dir('root');
    await run(YEAR1, root, '2017-03-31');
    const r = await run(YEAR2, root, '2018-03-31');
    expect(r.out).toContain('Children with a case file who are not in this return (1): their files are left as they are');
    expect(r.out).toMatch(/^ {2}cases\/2\.md +the file says looked after since 2016-06-01 with no end: check whether care ended$/m);
    expect(r.last).toBe('✔ 2 children in the return, 2 children looked after at 2018-03-31: 1 created, 1 updated, 0 unchanged, 0 skipped; 1 case file of children not in this return. 0 rows skipped, 0 used in part, 0 left out of the case files written.');
  });

  it('what a person wrote survives; a value they confirmed with a comment is kept and reported', async () => {
    const root = dir('root');
    await run(YEAR1, root, '2017-03-31');
    const file = path.join(root, 'cases', '1.md');
    const edited = caseText(root, '1')
      .replace(/^name: .*$/m, 'name: Amara Example   # as the family spell it')
      .replace('  placement: U1', '  placement: U2   # confirmed with the placements team, 3 Jan')
      .replace('## Background\n', '## Background\nA person wrote this.\n\n  Indented, kept.\n');
    writeFileSync(file, edited);
    const r = await run(YEAR2, root, '2018-03-31');
    const text = caseText(root, '1');
    expect(text).toContain('name: Amara Example   # as the family spell it');
    expect(text).toContain('  placement: U2   # confirmed with the placements team, 3 Jan');
    expect(text.slice(text.indexOf('## Background'))).toBe(edited.slice(edited.indexOf('## Background')));
    expect(r.out).toContain('Values a person confirmed, left unchanged where the return differs (1):');
    expect(r.out).toMatch(/cases\/1\.md +looked_after\.placement U2 kept \(a person's comment on its line: "confirmed with the placements team, 3 Jan"\); the return has K2/);
    expect(caseOf(root, '1').reviews).toEqual(['2016-05-30', '2016-11-20', '2017-05-15', '2017-11-10']); // the rest still updated
  });

  it('a later return with no RNE S for a child who already has a confirmed start keeps it', async () => {
    const root = dir('root');
    await run(YEAR2, root, '2018-03-31'); // first import: the return does not show when care began
    const text = caseText(root, '1');
    expect(text).toContain('  start: 2016-09-01 # first episode of this period in the return (RNE L), not its start (RNE S): confirm');
    writeFileSync(path.join(root, 'cases', '1.md'), text.replace(/ {2}start: 2016-09-01 # first episode.*$/m, '  start: 2016-05-10 # from the 2016 care plan'));
    await run(YEAR2, root, '2018-03-31');
    expect(caseOf(root, '1').looked_after!.start).toBe('2016-05-10');
  });
});

describe('recordWithHistory', () => {
  const read = (episodes: string[], asOf = '2018-03-31') => {
    const t = (file: string, head: string, rows: string[]) => parseCsv(file, [head, ...rows].join('\n')).table;
    const tables = {
      header: t('header.csv', 'CHILD,DOB', ['1,01/01/2010']),
      episodes: t('episodes.csv', 'CHILD,DECOM,RNE,LS,PLACE,DEC,REC', episodes),
      reviews: t('reviews.csv', 'CHILD,REVIEW', ['1,01/06/2017', '1,01/12/2017']),
    };
    return readReturn(tables, { asOf }).children.get('1')!;
  };
  it('continues a period whose first episode in the return is not RNE S and starts after the file\'s start', () => {
    const c = read(['1,01/09/2016,L,C2,U1,,']);
    const r = recordWithHistory(c, { start: '2015-01-01', end: null }, '2018-03-31');
    expect(r.record.start).toBe('2015-01-01');
    expect(r.record.reviews.map((x) => x.date)).toEqual(['2017-06-01', '2017-12-01']);
    expect(r.notes.some((n) => n.topic === 'care-start')).toBe(false);
    expect(r.continued).toContain('care start 2015-01-01 kept');
  });
  it('an end in the file on the first episode\'s DECOM is chained; an end before it is a new period', () => {
    expect(recordWithHistory(read(['1,01/09/2016,P,C2,U1,,']), { start: '2015-01-01', end: '2016-09-01' }, '2018-03-31').record.start).toBe('2015-01-01');
    const gap = recordWithHistory(read(['1,01/09/2016,P,C2,U1,,']), { start: '2015-01-01', end: '2016-08-31' }, '2018-03-31');
    expect([gap.record.start, gap.continued]).toEqual(['2016-09-01', null]);
  });
  it('an RNE S starts a new period whatever the file says; so does a period that ended earlier in the same return', () => {
    expect(recordWithHistory(read(['1,01/09/2016,S,C2,U1,,']), { start: '2015-01-01', end: null }, '2018-03-31').record.start).toBe('2016-09-01');
    const again = read(['1,01/09/2016,P,C2,U1,01/05/2017,E13', '1,01/07/2017,P,C2,U1,,']);
    expect(recordWithHistory(again, { start: '2015-01-01', end: null }, '2018-03-31').record.start).toBe('2017-07-01');
  });
  it('the return knowing an earlier date than the file wins', () => {
    expect(recordWithHistory(read(['1,01/09/2016,L,C2,U1,,']), { start: '2017-01-01', end: null }, '2018-03-31').record.start).toBe('2016-09-01');
  });
});

describe('ids the import refuses', () => {
  it('Windows device names and ids differing only in letter case (from the return or cases/)', () => {
    const refused = refuseIds(['CON', 'com1', 'Lpt9', 'AUXILIARY', 'A-1', 'a-1', 'B2', 'b2', 'C3', 'ok'], ['B2', 'c3']);
    expect([...refused.keys()].sort()).toEqual(['A-1', 'C3', 'CON', 'Lpt9', 'a-1', 'b2', 'com1']);
    expect(refused.get('CON')).toContain('Windows keeps for a device');
    expect(refused.get('b2')).toContain('differs only in letter case from cases/B2.md');
    expect(refused.get('A-1')).toContain('child a-1 in the return');
    expect(refused.has('B2')).toBe(false); // its exact file exists: it keeps it
  });
  it('through the import: refused children are named, get no file, and are counted as skipped', async () => {
    const root = dir('root');
    const folder = returnFolder({ header: ['NUL,01/01/2010', 'X-1,01/01/2010', 'x-1,01/01/2010', 'Y,01/01/2010'], episodes: ['NUL,01/09/2016,S,C2,U1,,', 'X-1,01/09/2016,S,C2,U1,,', 'x-1,01/09/2016,S,C2,U1,,', 'Y,01/09/2016,S,C2,U1,,'] });
    const r = await run(folder, root, '2018-03-31', false);
    expect(readdirSync(path.join(root, 'cases'))).toEqual(['Y.md']);
    expect(r.out).toContain('Children whose id cannot be a case file name (3):');
    expect(r.last).toContain('4 children in the return, 4 children looked after at 2018-03-31: 1 created, 0 updated, 0 unchanged, 3 skipped (3 with an id refused)');
  });
});
