/**
 * Line numbers of front matter fields (FieldLines, via parseMarkdownFile.locate) and front matter syntax
 * errors. Every fixture is written as one array entry per file line, so entry N (counting from 1) is file
 * line N; file line 1 is the opening `---`. Expected numbers were counted by hand in the fixtures.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMarkdownFile } from '../../src/data/frontmatter.js';
import { loadCases } from '../../src/data/load.js';
import { FieldLines } from '../../src/data/outline.js';
import type { FieldPath } from '../../src/domain/problems.js';

const file = (lines: string[]) => lines.join('\n');
const at = (text: string) => {
  const parsed = parseMarkdownFile(text);
  return (...p: FieldPath) => parsed.locate(p);
};

// A realistic case file: comments, blank lines, a compact top-level sequence (`panel:` then `- date:` at
// the same indent), compact and indented nested sequences, block scalars whose lines look like keys,
// flow lists on one line and over several lines, quoted keys and values with ':' and '#'.
const CASE = [
  /*  1 */ '---',
  /*  2 */ '# FICTIONAL DEMO DATA: this child does not exist.',
  /*  3 */ 'id: C-1001                 # required',
  /*  4 */ 'name: "Tobi: the eldest #1"',
  /*  5 */ 'dob: 2017-04-22',
  /*  6 */ 'siblings: [C-1002, C-1003]  # both list each other',
  /*  7 */ '',
  /*  8 */ '# who works with the child',
  /*  9 */ "social_worker: 'Hannah Brooks: #team A'",
  /* 10 */ 'looked_after:',
  /* 11 */ '  start: 2026-06-15',
  /* 12 */ '  # placement changed in July',
  /* 13 */ '  legal_status: C1',
  /* 14 */ '  placement: U3',
  /* 15 */ '',
  /* 16 */ '  end: null',
  /* 17 */ 'reviews: [2026-07-09,',
  /* 18 */ '  2026-10-01,',
  /* 19 */ '  2027-01-05]',
  /* 20 */ 'plo:',
  /* 21 */ '  start: 2026-03-23',
  /* 22 */ '  end: 2026-06-15',
  /* 23 */ 'plan:',
  /* 24 */ '  route: special-guardianship',
  /* 25 */ '  agreed: 2026-10-01',
  /* 26 */ 'panel:',
  /* 27 */ '- date: 2026-04-07',
  /* 28 */ '  decision: |',
  /* 29 */ '    First discussion in PLO.',
  /* 30 */ '    route: adoption',
  /* 31 */ '    actions: none yet',
  /* 32 */ '',
  /* 33 */ '    owner: the aunt',
  /* 34 */ '  actions:',
  /* 35 */ '  - action: Complete viability assessment',
  /* 36 */ '    owner: Hannah Brooks',
  /* 37 */ '    due: 2026-04-21',
  /* 38 */ '    done: 2026-04-13',
  /* 39 */ '  - action: "Convene meeting: legal # planning"',
  /* 40 */ '    due: 2026-05-15',
  /* 41 */ '- date: 2026-05-01',
  /* 42 */ '  decision: >-',
  /* 43 */ '    Folded text;',
  /* 44 */ '    due: not a key',
  /* 45 */ '  actions:',
  /* 46 */ '    - action: Request Regulation 24 approval',
  /* 47 */ '      # owner to be confirmed',
  /* 48 */ '      due: 2026-06-15',
  /* 49 */ '      done: null',
  /* 50 */ '    - action: File sibling assessment',
  /* 51 */ '      due: 2026-06-19',
  /* 52 */ "'permanence':",
  /* 53 */ '  "secured": null',
  /* 54 */ '  route: null',
  /* 55 */ '---',
  /* 56 */ '> Fictional demo case: every name, date and detail is invented.',
];

describe('FieldLines through parseMarkdownFile: a realistic case file', () => {
  const text = file(CASE);
  const parsed = parseMarkdownFile(text);
  const line = at(text);

  it('the fixture is valid YAML and reads as intended', () => {
    expect(parsed.syntax).toEqual([]);
    const d = parsed.data as Record<string, any>;
    expect(d.name).toBe('Tobi: the eldest #1');
    expect(d.social_worker).toBe('Hannah Brooks: #team A');
    expect(d.reviews).toEqual(['2026-07-09', '2026-10-01', '2027-01-05']);
    expect(d.panel).toHaveLength(2);
    expect(d.panel[0].decision).toBe('First discussion in PLO.\nroute: adoption\nactions: none yet\n\nowner: the aunt\n');
    expect(d.panel[0].actions).toHaveLength(2);
    expect(d.panel[1].decision).toBe('Folded text; due: not a key');
    expect(d.panel[1].actions[1].due).toBe('2026-06-19');
    expect(d.permanence).toEqual({ secured: null, route: null });
    expect(parsed.body.trimStart().startsWith('> Fictional demo case')).toBe(true);
  });

  it('top-level scalars, after comments and with trailing comments', () => {
    expect(line('id')).toBe(3);
    expect(line('name')).toBe(4);
    expect(line('dob')).toBe(5);
    expect(line('social_worker')).toBe(9);
  });

  it('nested block fields, across comment and blank lines', () => {
    expect(line('looked_after')).toBe(10);
    expect(line('looked_after', 'start')).toBe(11);
    expect(line('looked_after', 'legal_status')).toBe(13);
    expect(line('looked_after', 'placement')).toBe(14);
    expect(line('looked_after', 'end')).toBe(16);
    expect(line('plo', 'start')).toBe(21);
    expect(line('plo', 'end')).toBe(22);
    expect(line('plan', 'route')).toBe(24);
    expect(line('plan', 'agreed')).toBe(25);
  });

  it('a flow list on one line, with a trailing comment', () => {
    expect(line('siblings')).toBe(6);
    expect(line('siblings', 0)).toBe(6);
    expect(line('siblings', 1)).toBe(6);
  });

  it('a flow list spread over several lines: each item on its own line', () => {
    expect(line('reviews')).toBe(17);
    expect(line('reviews', 0)).toBe(17);
    expect(line('reviews', 1)).toBe(18);
    expect(line('reviews', 2)).toBe(19);
  });

  it('a compact sequence (`panel:` then `- date:` at the same indent)', () => {
    expect(line('panel')).toBe(26);
    expect(line('panel', 0)).toBe(27);
    expect(line('panel', 0, 'date')).toBe(27);
    expect(line('panel', 0, 'decision')).toBe(28);
    expect(line('panel', 1)).toBe(41);
    expect(line('panel', 1, 'date')).toBe(41);
    expect(line('panel', 1, 'decision')).toBe(42);
  });

  it('actions nested in panel items, compact and indented', () => {
    expect(line('panel', 0, 'actions')).toBe(34);
    expect(line('panel', 0, 'actions', 0)).toBe(35);
    expect(line('panel', 0, 'actions', 0, 'action')).toBe(35);
    expect(line('panel', 0, 'actions', 0, 'owner')).toBe(36);
    expect(line('panel', 0, 'actions', 0, 'due')).toBe(37);
    expect(line('panel', 0, 'actions', 0, 'done')).toBe(38);
    expect(line('panel', 0, 'actions', 1, 'action')).toBe(39);
    expect(line('panel', 0, 'actions', 1, 'due')).toBe(40);
    expect(line('panel', 1, 'actions')).toBe(45);
    expect(line('panel', 1, 'actions', 0)).toBe(46);
    expect(line('panel', 1, 'actions', 0, 'action')).toBe(46);
    expect(line('panel', 1, 'actions', 0, 'due')).toBe(48);
    expect(line('panel', 1, 'actions', 0, 'done')).toBe(49);
    expect(line('panel', 1, 'actions', 1, 'action')).toBe(50);
    expect(line('panel', 1, 'actions', 1, 'due')).toBe(51);
  });

  it('lines inside block scalars that look like keys are not fields', () => {
    // panel.0.decision holds "route:", "actions:" and "owner:" lines; panel.1.decision a "due:" line.
    expect(line('panel', 0, 'route')).toBe(27); // falls back to panel.0, not line 30
    expect(line('panel', 0, 'owner')).toBe(27); // not line 33 (after a blank line inside the scalar)
    expect(line('panel', 0, 'actions')).toBe(34); // not line 31
    expect(line('panel', 1, 'due')).toBe(41); // not line 44
  });

  it('quoted keys', () => {
    expect(line('permanence')).toBe(52);
    expect(line('permanence', 'secured')).toBe(53);
    expect(line('permanence', 'route')).toBe(54);
  });

  it('a missing path falls back to the nearest recorded parent', () => {
    expect(line('plan', 'contingency')).toBe(23);
    expect(line('looked_after', 'reason_ceased')).toBe(10);
    expect(line('panel', 0, 'actions', 1, 'done')).toBe(39);
    expect(line('panel', 1, 'actions', 0, 'owner')).toBe(46); // only a comment names it
    expect(line('panel', 0, 'actions', 5, 'due')).toBe(34);
    expect(line('panel', 7, 'date')).toBe(26);
    expect(line('siblings', 2)).toBe(6);
    expect(line('reviews', 3)).toBe(17);
  });

  it('a path with no recorded parent falls back to the first field line (after the leading comment)', () => {
    expect(line('fgc', 'held')).toBe(3);
    expect(line('proceedings')).toBe(3);
  });
});

describe('FieldLines: other shapes', () => {
  it('block sequences of scalars, indented and compact', () => {
    const text = file([
      /*  1 */ '---',
      /*  2 */ 'id: C-1',
      /*  3 */ 'siblings:',
      /*  4 */ '  - C-1002',
      /*  5 */ '  # a comment between items',
      /*  6 */ '  - C-1003',
      /*  7 */ 'reviews:',
      /*  8 */ '- 2026-01-01',
      /*  9 */ '',
      /* 10 */ '- 2026-02-01',
      /* 11 */ 'dob: 2015-01-01',
      /* 12 */ '---',
    ]);
    expect(parseMarkdownFile(text).syntax).toEqual([]);
    const line = at(text);
    expect(line('siblings')).toBe(3);
    expect(line('siblings', 0)).toBe(4);
    expect(line('siblings', 1)).toBe(6);
    expect(line('reviews', 0)).toBe(8);
    expect(line('reviews', 1)).toBe(10);
    expect(line('dob')).toBe(11);
  });

  it('flow lists: empty, opened on the key line with items below, and closed on its own line', () => {
    const text = file([
      /*  1 */ '---',
      /*  2 */ 'id: C-1',
      /*  3 */ 'siblings: []',
      /*  4 */ 'reviews: [',
      /*  5 */ '  2026-01-01,',
      /*  6 */ '  2026-02-01, 2026-03-01',
      /*  7 */ ']',
      /*  8 */ 'dob: 2015-01-01',
      /*  9 */ '---',
    ]);
    const parsed = parseMarkdownFile(text);
    expect(parsed.syntax).toEqual([]);
    expect((parsed.data as Record<string, unknown>).reviews).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    const line = at(text);
    expect(line('siblings')).toBe(3);
    expect(line('siblings', 0)).toBe(3);
    expect(line('reviews')).toBe(4);
    expect(line('reviews', 0)).toBe(5);
    expect(line('reviews', 1)).toBe(6);
    expect(line('reviews', 2)).toBe(6);
    expect(line('dob')).toBe(8);
  });

  it('a block scalar at the top level, with lines that look like top-level keys when indented', () => {
    const text = file([
      /*  1 */ '---',
      /*  2 */ 'id: C-1',
      /*  3 */ 'summary: |',
      /*  4 */ '  dob: 1999-01-01',
      /*  5 */ '  - date: 2020-01-01',
      /*  6 */ 'dob: 2015-01-01',
      /*  7 */ '---',
    ]);
    expect(parseMarkdownFile(text).syntax).toEqual([]);
    const line = at(text);
    expect(line('summary')).toBe(3);
    expect(line('dob')).toBe(6);
  });

  it('a quoted key containing ":" and "#"', () => {
    const text = file([
      /*  1 */ '---',
      /*  2 */ 'id: C-1',
      /*  3 */ '"team: court # PLO": yes',
      /*  4 */ "'a: b':",
      /*  5 */ '  "c # d": 1',
      /*  6 */ 'dob: 2015-01-01',
      /*  7 */ '---',
    ]);
    const parsed = parseMarkdownFile(text);
    expect(parsed.syntax).toEqual([]);
    expect(Object.keys(parsed.data as object)).toEqual(['id', 'team: court # PLO', 'a: b', 'dob']);
    const line = at(text);
    expect(line('team: court # PLO')).toBe(3);
    expect(line('a: b')).toBe(4);
    expect(line('a: b', 'c # d')).toBe(5);
    expect(line('dob')).toBe(6);
  });

  it('a flow mapping on one line (as templates/case.md suggests): its fields are on that line', () => {
    const text = file([
      /* 1 */ '---',
      /* 2 */ 'id: C-1',
      /* 3 */ 'plo: { start: 2026-01-01, end: null }',
      /* 4 */ 'dob: 2015-01-01',
      /* 5 */ '---',
    ]);
    expect(parseMarkdownFile(text).syntax).toEqual([]);
    const line = at(text);
    expect(line('plo')).toBe(3);
    expect(line('plo', 'start')).toBe(3);
    expect(line('plo', 'end')).toBe(3);
    expect(line('dob')).toBe(4);
  });

  it('a flow mapping spread over two lines: fields on the second line', () => {
    const text = file([
      /* 1 */ '---',
      /* 2 */ 'id: C-1',
      /* 3 */ 'proceedings: { issued: 2026-05-01, extensions: 0,',
      /* 4 */ '  final_hearing: 2026-10-30, concluded: null }',
      /* 5 */ 'dob: 2015-01-01',
      /* 6 */ '---',
    ]);
    expect(parseMarkdownFile(text).syntax).toEqual([]);
    const line = at(text);
    expect(line('proceedings', 'issued')).toBe(3);
    expect(line('dob')).toBe(5);
    expect(line('proceedings', 'final_hearing')).toBe(4);
    expect(line('proceedings', 'concluded')).toBe(4);
  });

  it('a flow list over several lines with a quoted item holding ","', () => {
    const text = file([
      /* 1 */ '---',
      /* 2 */ 'date: 2026-11-06',
      /* 3 */ 'attendees: ["Reed, Tom", Fiona Gallagher,',
      /* 4 */ '  Rashid Karim]',
      /* 5 */ 'apologies: [Bernadette Lowe,',
      /* 6 */ '  "Cole, Jane"]',
      /* 7 */ '---',
    ]);
    const parsed = parseMarkdownFile(text);
    expect(parsed.syntax).toEqual([]);
    expect((parsed.data as Record<string, unknown>).attendees).toEqual(['Reed, Tom', 'Fiona Gallagher', 'Rashid Karim']);
    const line = at(text);
    expect(line('attendees', 0)).toBe(3);
    expect(line('attendees', 1)).toBe(3);
    expect(line('apologies', 0)).toBe(5);
    expect(line('attendees', 2)).toBe(4);
    expect(line('apologies', 1)).toBe(6);
  });

  it('a sequence item with the dash on its own line', () => {
    const text = file([
      /* 1 */ '---',
      /* 2 */ 'id: C-1',
      /* 3 */ 'panel:',
      /* 4 */ '  -',
      /* 5 */ '    date: 2026-01-02',
      /* 6 */ '    decision: Endorsed',
      /* 7 */ '---',
    ]);
    expect(parseMarkdownFile(text).syntax).toEqual([]);
    const line = at(text);
    expect(line('panel', 0)).toBe(4);
    expect(line('panel', 0, 'date')).toBe(5);
    expect(line('panel', 0, 'decision')).toBe(6);
  });

  it('FieldLines on its own: firstLine offsets every line, and the fallback is used when nothing matches', () => {
    const lines = new FieldLines(['id: C-1', 'plo:', '  start: 2026-01-01'].join('\n'), 10);
    expect(lines.lineOf(['id'], 99)).toBe(10);
    expect(lines.lineOf(['plo', 'start'], 99)).toBe(12);
    expect(lines.lineOf(['plo', 'end'], 99)).toBe(11);
    expect(lines.lineOf(['nothing'], 99)).toBe(99);
    expect(lines.lineOf([], 99)).toBe(99);
  });

  it('plain keys read without the pattern: letters, digits, _ and -; a tab after the colon; a comment as the whole value opens a block; `key:#x` is no field', () => {
    const lines = new FieldLines(
      [
        'Case_ref-2: A1', //           10
        'plan:\t# the plan', //        11
        '  route:\tadoption', //       12
        'notes:#not-a-comment', //     13
        'panel: # list below', //      14
        '  - date: 2026-01-02', //     15
        '    actions: [] # none', //   16
        'end: "x"', //                 17
      ].join('\n'),
      10,
    );
    expect(lines.lineOf(['Case_ref-2'], 99)).toBe(10);
    expect(lines.lineOf(['plan', 'route'], 99)).toBe(12);
    expect(lines.lineOf(['notes'], 99)).toBe(99);
    expect(lines.lineOf(['panel', 0, 'date'], 99)).toBe(15);
    expect(lines.lineOf(['panel', 0, 'actions'], 99)).toBe(16);
    expect(lines.lineOf(['end'], 99)).toBe(17);
  });
});

describe('line endings and byte order mark', () => {
  const LINES = [
    /* 1 */ '---',
    /* 2 */ 'id: C-1',
    /* 3 */ 'looked_after:',
    /* 4 */ '  start: 2026-06-15',
    /* 5 */ 'panel:',
    /* 6 */ '  - date: 2026-07-03',
    /* 7 */ '    decision: "Endorsed: plan"',
    /* 8 */ '---',
    /* 9 */ 'Body',
  ];
  const check = (text: string) => {
    const parsed = parseMarkdownFile(text);
    expect(parsed.hasFrontMatter).toBe(true);
    expect(parsed.syntax).toEqual([]);
    expect(parsed.data).toEqual({ id: 'C-1', looked_after: { start: '2026-06-15' }, panel: [{ date: '2026-07-03', decision: 'Endorsed: plan' }] });
    expect(parsed.locate(['id'])).toBe(2);
    expect(parsed.locate(['looked_after', 'start'])).toBe(4);
    expect(parsed.locate(['panel', 0, 'date'])).toBe(6);
    expect(parsed.locate(['panel', 0, 'decision'])).toBe(7);
    expect(parsed.body.trim()).toBe('Body');
  };
  it('LF', () => check(LINES.join('\n')));
  it('CRLF: same lines, no stray "\\r" in values', () => check(LINES.join('\r\n')));
  it('a UTF-8 byte order mark before the opening ---', () => check('\uFEFF' + LINES.join('\n')));
  it('BOM and CRLF together', () => check('\uFEFF' + LINES.join('\r\n')));
});

describe('front matter syntax errors', () => {
  it('a duplicate key: reported on the line of the duplicate', () => {
    const parsed = parseMarkdownFile(
      file([
        /* 1 */ '---',
        /* 2 */ 'id: C-1',
        /* 3 */ 'name: A',
        /* 4 */ 'dob: 2015-01-01',
        /* 5 */ 'name: B',
        /* 6 */ '---',
      ]),
    );
    expect(parsed.syntax).toHaveLength(1);
    expect(parsed.syntax[0].line).toBe(5);
    expect(parsed.syntax[0].message).toContain('the field "name" appears twice in the same block; keep one');
  });

  it('a duplicate key nested in a panel action: the line of the duplicate', () => {
    const parsed = parseMarkdownFile(
      file([
        /* 1 */ '---',
        /* 2 */ 'id: C-1',
        /* 3 */ 'panel:',
        /* 4 */ '  - date: 2026-07-03',
        /* 5 */ '    actions:',
        /* 6 */ '      - action: A',
        /* 7 */ '        due: 2026-07-17',
        /* 8 */ '        due: 2026-07-24',
        /* 9 */ '---',
      ]),
    );
    expect(parsed.syntax.map((s) => s.line)).toEqual([8]);
    expect(parsed.syntax[0].message).toContain('duplicated mapping key');
  });

  it('tab indentation: reported on the tabbed line', () => {
    const parsed = parseMarkdownFile(
      file([
        /* 1 */ '---',
        /* 2 */ 'id: C-1',
        /* 3 */ 'looked_after:',
        /* 4 */ '\tstart: 2026-06-15',
        /* 5 */ '---',
      ]),
    );
    expect(parsed.syntax).toHaveLength(1);
    expect(parsed.syntax[0].line).toBe(4);
    expect(parsed.syntax[0].message).toContain('indent with spaces, not tabs');
  });

  it('no front matter: no data, no syntax problem, every field located on line 1', () => {
    const parsed = parseMarkdownFile('id: C-1\nname: A\n');
    expect(parsed.hasFrontMatter).toBe(false);
    expect(parsed.data).toBeUndefined();
    expect(parsed.syntax).toEqual([]);
    expect(parsed.locate(['name'])).toBe(1);
  });

  it('empty front matter: front matter present, no fields, no syntax problem', () => {
    const parsed = parseMarkdownFile('---\n---\nBody\n');
    expect(parsed.hasFrontMatter).toBe(true);
    expect(parsed.data ?? null).toBeNull();
    expect(parsed.syntax).toEqual([]);
    expect(parsed.body.trim()).toBe('Body');
  });
});

describe('the loader reports these on the right lines', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'panel-outline-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, 'cases'));
  const write = (name: string, lines: string[]) => writeFileSync(path.join(root, 'cases', name), lines.join('\n'));
  write('C-2001.md', [
    /*  1 */ '---',
    /*  2 */ '# FICTIONAL',
    /*  3 */ 'id: C-2001',
    /*  4 */ 'name: A',
    /*  5 */ 'dob: 2015-01-01',
    /*  6 */ 'panel:',
    /*  7 */ '- date: 2026-07-03',
    /*  8 */ '  decision: |',
    /*  9 */ '    due: 2026-02-30',
    /* 10 */ '  actions:',
    /* 11 */ '  - action: A',
    /* 12 */ '    due: 2026-02-30',
    /* 13 */ '---',
  ]);
  write('C-2002.md', ['---', '---', 'Body']);
  write('C-2003.md', ['---', 'id: C-2003', 'name: A', 'dob: 2015-01-01', 'name: B', '---']);
  write('C-2004.md', ['No front matter here.']);
  const loaded = new Map(loadCases(root).map((c) => [c.file, c.problems.map((p) => ({ line: p.line, message: p.message }))]));

  it('an impossible date in a compact nested action: its own line', () => {
    const problems = loaded.get('cases/C-2001.md')!;
    expect(problems.map((p) => p.line)).toEqual([12]);
    expect(problems[0].message).toContain('2026-02-30');
  });
  it('empty front matter: line 2', () => {
    expect(loaded.get('cases/C-2002.md')!.map((p) => p.line)).toEqual([2]);
  });
  it('duplicate key: the line of the duplicate', () => {
    expect(loaded.get('cases/C-2003.md')!.map((p) => p.line)).toEqual([5]);
  });
  it('no front matter: line 1', () => {
    expect(loaded.get('cases/C-2004.md')!).toEqual([{ line: 1, message: expect.stringContaining('no front matter') }]);
  });
});

describe('lines are read only as far as a lookup needs: the same answers in any order', () => {
  it('every field of every demo and fixture case file, looked up first to last, last to first, and each alone', () => {
    const dirs = [path.join(__dirname, '../../cases'), path.join(__dirname, '../fixtures/hardening/cases'), path.join(__dirname, '../fixtures/basic/cases')];
    let compared = 0;
    for (const dir of dirs) {
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
        const text = readFileSync(path.join(dir, name), 'utf8').replace(/\r\n?/g, '\n');
        const end = text.indexOf('\n---', 3);
        if (!text.startsWith('---\n') || end < 0) continue;
        const raw = text.slice(3, end);
        const parsed = parseMarkdownFile(text);
        const paths: (string | number)[][] = [['no-such-field'], ['panel', 99, 'date']];
        const collect = (v: unknown, pre: (string | number)[]) => {
          if (pre.length) paths.push(pre);
          if (Array.isArray(v)) v.forEach((x, i) => collect(x, [...pre, i]));
          else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) collect(x, [...pre, k]);
        };
        collect(parsed.data, []);
        const alone = paths.map((p) => new FieldLines(raw, 1).lineOf(p, 0));
        const forward = new FieldLines(raw, 1);
        const backward = new FieldLines(raw, 1);
        expect(paths.map((p) => forward.lineOf(p, 0)), name).toEqual(alone);
        expect([...paths].reverse().map((p) => backward.lineOf(p, 0)).reverse(), name).toEqual(alone);
        compared += paths.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
