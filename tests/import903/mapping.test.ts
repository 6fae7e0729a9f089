/** The SSDA903 mapping, without disk: periods of care, reviews, permanence, and every unusable row reported with its line. */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/data/ssda903.js';
import { groupIssues, parseDmy, readReturn, type ReadOptions, type ReturnTables } from '../../src/domain/ssda903.js';

const HEADER = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB';
const EPISODES = 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN';
const REVIEWS = 'CHILD,DOB,REVIEW,REVIEW_CODE';

/** A return from short row lists: header rows `id,dob`, episodes `id,decom,rne,ls,place,dec,rec`, reviews `id,date`. */
function tables({ header = [], episodes = [], reviews = [] }: { header?: string[]; episodes?: string[]; reviews?: string[] }): ReturnTables {
  const csv = (file: string, head: string, rows: string[]) => parseCsv(file, [head, ...rows].join('\n')).table;
  return {
    header: csv('header.csv', HEADER, header.map((r) => { const [id, dob] = r.split(','); return `${id},1,${dob},WBRI,A123,,`; })),
    episodes: csv('episodes.csv', EPISODES, episodes.map((r) => { const [id, decom, rne, ls, place, dec, rec] = r.split(','); return `${id},${decom},${rne},${ls},N1,${place},PR1,${dec},${rec},,,,1`; })),
    reviews: csv('reviews.csv', REVIEWS, reviews.map((r) => { const [id, date] = r.split(','); return `${id},01/01/2010,${date},PN1`; })),
  };
}
const read = (t: Parameters<typeof tables>[0], options: ReadOptions = { asOf: '2018-03-31' }) => readReturn(tables(t), options);

describe('903 dates', () => {
  it('reads dd/mm/yyyy strictly: impossible days and other shapes are errors, never rolled over', () => {
    expect(parseDmy('29/02/2016')).toEqual({ date: '2016-02-29' });
    expect(parseDmy('31/02/2019')).toEqual({ error: '"31/02/2019" is not a real date (that day does not exist)' });
    expect(parseDmy('29/02/2019')).toHaveProperty('error');
    expect(parseDmy('00/01/2019')).toHaveProperty('error');
    expect(parseDmy('01/13/2019')).toHaveProperty('error');
    for (const shape of ['1/2/2019', '2019-02-01', '01/02/19', '01-02-2019', '01/02/2019 00:00']) {
      expect(parseDmy(shape)).toEqual({ error: `"${shape}" is not a date written dd/mm/yyyy` });
    }
  });
});

describe('periods of care', () => {
  it('chains episodes across every continuing RNE (L, P, T, B, U) while DECOM equals the previous DEC', () => {
    const r = read({
      header: ['1,01/01/2010'],
      episodes: [
        '1,01/02/2016,S,V2,U6,01/03/2016,X1',
        '1,01/03/2016,L,C1,U6,01/04/2016,X1',
        '1,01/04/2016,P,C1,U4,01/05/2016,X1',
        '1,01/05/2016,T,C1,U5,01/06/2016,X1',
        '1,01/06/2016,B,C2,K2,01/07/2016,X1',
        '1,01/07/2016,U,E1,A5,,',
      ],
    });
    const child = r.children.get('1')!;
    expect(child.inScope).toBe(true);
    expect(child.record).toMatchObject({ start: '2016-02-01', legalStatus: 'E1', placement: 'A5', end: null, reasonCeased: null, permanence: null });
    expect(child.record!.first.line).toBe(2);
    expect(child.notes).toEqual([]);
    expect(r.issues).toEqual([]);
  });

  it('starts a new period at RNE S, even on the day the last one ended', () => {
    const r = read({
      header: ['1,01/01/2010'],
      episodes: ['1,01/02/2016,S,V2,U6,01/03/2016,E4B', '1,01/03/2016,S,C1,U4,,'],
    });
    expect(r.children.get('1')!.record).toMatchObject({ start: '2016-03-01', legalStatus: 'C1', end: null });
  });

  it('breaks the chain at a gap: the period after it is new, and its start is flagged for a person to confirm', () => {
    const r = read({
      header: ['1,01/01/2010'],
      episodes: ['1,01/02/2016,S,V2,U6,01/03/2016,X1', '1,05/03/2016,P,C1,U4,,'],
    });
    const child = r.children.get('1')!;
    expect(child.record).toMatchObject({ start: '2016-03-05', end: null });
    expect(child.record!.first.rne).toBe('P');
    expect(child.notes).toEqual([
      expect.objectContaining({ file: 'episodes.csv', line: 3, kind: 'note', topic: 'care-start', message: expect.stringContaining('RNE P, not S') }),
    ]);
  });

  it('orders episodes by DECOM whatever their order in the file', () => {
    const r = read({
      header: ['1,01/01/2010'],
      episodes: ['1,01/03/2016,P,C2,U4,,', '1,01/02/2016,S,C1,U6,01/03/2016,X1'],
    });
    expect(r.children.get('1')!.record).toMatchObject({ start: '2016-02-01', legalStatus: 'C2', placement: 'U4' });
  });

  it('reads the history as at the as-of date: later episodes unknown, a later end not yet happened', () => {
    const t = {
      header: ['1,01/01/2010'],
      episodes: ['1,01/02/2016,S,C1,U6,01/03/2017,X1', '1,01/03/2017,L,C2,U6,01/06/2017,E11'],
    };
    expect(read(t, { asOf: '2017-01-01' }).children.get('1')!.record).toMatchObject({ legalStatus: 'C1', end: null, reasonCeased: null, permanence: null });
    const later = read(t, { asOf: '2017-06-01' }).children.get('1')!;
    expect(later.record).toMatchObject({ legalStatus: 'C2', end: '2017-06-01', reasonCeased: 'E11', permanence: { secured: '2017-06-01', route: 'adoption' } });
    expect(later.inScope).toBe(false); // left care on the as-of date: not looked after at it
    expect(read(t, { asOf: '2016-01-31' }).children.get('1')!.record).toBeNull();
  });

  it('maps each permanence reason to its route, and other reasons to none', () => {
    const routes: Record<string, string | null> = {
      E11: 'adoption', E12: 'adoption', E41: 'child-arrangements-order', E45: 'special-guardianship', E46: 'special-guardianship',
      E47: 'special-guardianship', E48: 'special-guardianship', E4A: 'return-home', E4B: null, E13: null, E2: null, E3: null, E17: null,
    };
    for (const [rec, route] of Object.entries(routes)) {
      const child = read({ header: ['1,01/01/2010'], episodes: [`1,01/02/2016,S,C2,U4,01/05/2017,${rec}`] }).children.get('1')!;
      expect(child.record!.reasonCeased).toBe(rec);
      expect(child.record!.permanence).toEqual(route ? { secured: '2017-05-01', route } : null);
    }
  });

  it('an ended episode with REC X1 and nothing after it: care ended, with no reason, and a note', () => {
    const child = read({ header: ['1,01/01/2010'], episodes: ['1,01/02/2016,S,C2,U4,01/05/2017,X1'] }).children.get('1')!;
    expect(child.record).toMatchObject({ end: '2017-05-01', reasonCeased: undefined, permanence: null });
    expect(child.notes[0]).toMatchObject({ line: 2, kind: 'note', message: expect.stringContaining('REC X1 (episode continues) but no later episode continues it') });
  });

  it('with a period, imports children looked after at any time within it', () => {
    const t = {
      header: ['1,01/01/2010', '2,01/01/2010', '3,01/01/2010'],
      episodes: ['1,01/02/2016,S,C2,U4,01/05/2017,E47', '2,01/02/2016,S,C2,U4,01/03/2017,E4A', '3,01/02/2018,S,C1,U4,,'],
    };
    const r = read(t, { asOf: '2018-03-31', period: { start: '2017-04-01', end: '2018-03-31' } });
    expect([...r.children.values()].filter((c) => c.inScope).map((c) => c.id)).toEqual(['1', '3']);
    expect(r.children.get('1')!.record!.permanence).toEqual({ secured: '2017-05-01', route: 'special-guardianship' });
    const atEnd = read(t, { asOf: '2018-03-31' });
    expect([...atEnd.children.values()].filter((c) => c.inScope).map((c) => c.id)).toEqual(['3']);
  });
});

describe('reviews', () => {
  it('keeps the reviews of the current period up to the as-of date, once each, and reports the others with their lines', () => {
    const child = read({
      header: ['1,01/01/2010'],
      episodes: ['1,01/02/2015,S,C1,U6,01/03/2015,E4A', '1,01/02/2016,S,C2,U4,,'],
      reviews: ['1,15/02/2015', '1,20/02/2016', '1,20/05/2016', '1,20/05/2016', '1,01/04/2018', '1,10/01/2016'],
    }).children.get('1')!;
    expect(child.record!.reviews).toEqual([{ date: '2016-02-20', line: 3 }, { date: '2016-05-20', line: 4 }]);
    expect(child.notes.map((n) => [n.line, n.kind, n.message])).toEqual([
      [2, 'not-imported', 'review 2015-02-15 is before care started on 2016-02-01 (an earlier period of care, or a wrong date)'],
      [7, 'not-imported', 'review 2016-01-10 is before care started on 2016-02-01 (an earlier period of care, or a wrong date)'],
      [5, 'not-imported', 'review 2016-05-20 is listed twice (also at line 4); it is recorded once'],
      [6, 'not-imported', 'review 2018-04-01 is after the as-of date 2018-03-31: a review is recorded once held'],
    ]);
  });

  it('drops a review after care ended', () => {
    const child = read({ header: ['1,01/01/2010'], episodes: ['1,01/02/2016,S,C2,U4,01/05/2017,E41'], reviews: ['1,02/05/2017', '1,01/05/2017'] }).children.get('1')!;
    expect(child.record!.reviews.map((r) => r.date)).toEqual(['2017-05-01']);
    expect(child.notes).toEqual([expect.objectContaining({ line: 2, message: 'review 2017-05-02 is after care ended on 2017-05-01' })]);
  });
});

describe('rows that cannot be used', () => {
  it('reports each bad row with its file, line and reason, and imports the rest', () => {
    const r = read({
      header: ['1,01/01/2010', '2,31/02/2011', 'bad id,01/01/2010', '1,02/02/2010', '5,01/01/2017'],
      episodes: [
        '1,01/02/2016,S,C1,U6,01/03/2016,X1', // line 2: good
        '1,01/03/2016,P,C2,U4,,',              // line 3: good, open
        '1,01/04/2016,P,C2,U5,,',              // line 4: overlaps line 3 (still open)
        '9,01/02/2016,S,C1,U6,,',              // line 5: child not in header
        '1,31/02/2019,P,C2,U4,,',              // line 6: impossible date
        '2,01/02/2016,S,C1,U6,,',              // line 7: child whose header row was unusable
        '1,01/02/2016,Q,C1,U6,,',              // line 8: unknown RNE
        '5,01/02/2016,S,C1,U6,,',              // line 9: DECOM before the DOB
        '1,01/02/2016,S,C1,U6,01/01/2016,E8',  // line 10: DEC before DECOM
        ',01/02/2016,S,C1,U6,,',               // line 11: no child
      ],
      reviews: ['1,30/02/2016', '7,01/03/2016', '1,'],
    });
    const rows = r.issues.map((i) => `${i.file}:${i.line} ${i.kind}: ${i.message}`);
    expect(rows).toEqual([
      'header.csv:3 skipped: DOB "31/02/2011" is not a real date (that day does not exist): the child cannot be imported without a date of birth',
      'header.csv:4 skipped: CHILD "bad id" cannot be a case id (letters, digits, "-" and "_" only, at most 64)',
      'header.csv:5 skipped: CHILD 1 appears again (first at line 2); this row is not used',
      'episodes.csv:4 skipped: the episode starting 01/04/2016 overlaps the episode at line 3 (from 01/03/2016, with no DEC (still open)); a child has one episode at a time: correct DEC of one or remove the other',
      'episodes.csv:5 skipped: CHILD 9 is not in header.csv: the return has no date of birth for this child',
      'episodes.csv:6 skipped: DECOM "31/02/2019" is not a real date (that day does not exist)',
      'episodes.csv:7 skipped: its header row (header.csv line 3) was not usable',
      'episodes.csv:8 skipped: RNE "Q" is not an SSDA903 reason for new episode code (expected one of S, L, P, T, B, U): without it the period of care cannot be followed',
      'episodes.csv:9 skipped: DECOM 01/02/2016 is before the date of birth 01/01/2017 (header.csv line 6)',
      'episodes.csv:10 skipped: DEC 01/01/2016 is before DECOM 01/02/2016: the episode ends before it starts',
      'episodes.csv:11 skipped: CHILD is blank: the row names no child',
      'reviews.csv:2 skipped: REVIEW "30/02/2016" is not a real date (that day does not exist)',
      'reviews.csv:3 skipped: CHILD 7 is not in header.csv: the return has no date of birth for this child',
      'reviews.csv:4 skipped: REVIEW is blank: the row has no review date',
    ]);
    expect(r.children.get('1')!.record).toMatchObject({ start: '2016-02-01', legalStatus: 'C2', placement: 'U4', end: null });
    expect([...r.children.keys()]).toEqual(['1', '5']);
  });

  it('uses an episode with an unknown code for its dates only, and leaves that field to a person', () => {
    const r = read({ header: ['1,01/01/2010'], episodes: ['1,01/02/2016,S,C1,U6,01/03/2016,X1', '1,01/03/2016,P,ZZ,U9,,'] });
    expect(r.issues.map((i) => `${i.line} ${i.kind}: ${i.message}`)).toEqual([
      '3 partly-used: LS "ZZ" is not an SSDA903 legal status code: the episode\'s dates are used, its legal status is not',
      '3 partly-used: PLACE "U9" is not an SSDA903 placement type code: the episode\'s dates are used, its placement type is not',
    ]);
    // The earlier episode's codes are not carried forward: the latest episode's values are unknown.
    expect(r.children.get('1')!.record).toMatchObject({ start: '2016-02-01', legalStatus: undefined, placement: undefined });
  });

  it('reads a REC without a DEC as an open episode, and says so', () => {
    const r = read({ header: ['1,01/01/2010'], episodes: ['1,01/02/2016,S,C1,U6,,E11'] });
    expect(r.issues[0]).toMatchObject({ line: 2, kind: 'partly-used', message: expect.stringContaining('REC E11 says the episode ceased but DEC is blank') });
    expect(r.children.get('1')!.record).toMatchObject({ end: null, permanence: null });
    expect(r.children.get('1')!.inScope).toBe(true);
  });

  it('reports an overlap that starts before the previous episode ended', () => {
    const r = read({ header: ['1,01/01/2010'], episodes: ['1,01/02/2016,S,C1,U6,01/06/2016,X1', '1,01/05/2016,P,C2,U4,,', '1,01/06/2016,P,C2,U5,,'] });
    expect(r.issues).toEqual([expect.objectContaining({ line: 3, kind: 'skipped', message: expect.stringContaining('overlaps the episode at line 2 (01/02/2016 to 01/06/2016)') })]);
    expect(r.children.get('1')!.record).toMatchObject({ start: '2016-02-01', placement: 'U5' });
  });
});

describe('groupIssues', () => {
  it('puts one child\'s review rows left out for the same reason on one line, naming every line and date', () => {
    const child = read({
      header: ['1,01/01/2010'],
      episodes: ['1,01/02/2016,S,C2,U4,,'],
      reviews: ['1,01/05/2018', '1,01/06/2018', '1,01/01/2016', '1,01/07/2018'],
    }).children.get('1')!;
    expect(groupIssues(child.notes).map((n) => [n.line, n.lines, n.message])).toEqual([
      [4, undefined, 'review 2016-01-01 is before care started on 2016-02-01 (an earlier period of care, or a wrong date)'],
      [2, [2, 3, 5], '3 reviews after the as-of date 2018-03-31: 2018-05-01, 2018-06-01, 2018-07-01'],
    ]);
  });
});
