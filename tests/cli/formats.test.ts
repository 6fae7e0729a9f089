/**
 * The CI formats of `panel check`: github annotations (errors, then warnings, then notices; what GitHub's
 * limit of 10 per kind hides is counted and still printed; workflow-command escaping), and markdown (a job
 * summary GitHub renders as a table, whatever a case file's text holds).
 */
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { codeCell, githubReport, issueReport, markdownCell, markdownReport, textReport, type ReportInput } from '../../src/cli/report.js';
import type { Finding } from '../../src/domain/findings.js';
import { FIXTURES, panel } from './run.js';

const finding = (over: Partial<Finding>): Finding => ({
  child: 'C-1',
  file: 'cases/C-1.md',
  rule: 'first-review',
  status: 'overdue',
  level: 'error',
  due: '2026-11-02',
  message: 'The first looked-after review was due.',
  line: 6,
  ...over,
});

const input = (findings: Finding[], over: Partial<ReportInput> = {}): ReportInput => ({
  asOf: '2026-12-04',
  findings,
  names: new Map(),
  caseFiles: findings.length,
  invalidFiles: 0,
  policySource: 'panel.yaml',
  rootFromCwd: 'data',
  color: false,
  ...over,
});

type Node = { type: string; children?: Node[]; value?: string };
const parse = (md: string) => unified().use(remarkParse).use(remarkGfm).parse(md) as Node;
const cellText = (n: Node): string => (n.value ?? '') + (n.children ?? []).map(cellText).join('');
const tables = (root: Node) => (root.children ?? []).filter((n) => n.type === 'table');
const rowsOf = (table: Node) => table.children!.map((row) => row.children!.map(cellText));

describe('--format github', () => {
  const many = [
    ...Array.from({ length: 3 }, (_, i) => finding({ child: `C-N${i}`, level: 'notice', status: 'late', rule: 'first-panel' })),
    ...Array.from({ length: 12 }, (_, i) => finding({ child: `C-W${i}`, level: 'warning', status: 'due-soon', rule: 'life-story', due: `2026-12-${10 + i}` })),
    ...Array.from({ length: 13 }, (_, i) => finding({ child: `C-E${i}`, due: `2026-10-${String(10 + i).padStart(2, '0')}` })),
  ];
  const out = githubReport(input(many)).trimEnd().split('\n');
  const kinds = out.filter((l) => l.startsWith('::')).map((l) => l.slice(2, l.indexOf(' ')));

  it('annotates errors first, then warnings, then notices, at most 10 of each (what GitHub shows per step)', () => {
    expect(kinds).toEqual([...Array(10).fill('error'), ...Array(10).fill('warning'), ...Array(3).fill('notice')]);
    // Worst first within a kind: the oldest due date (the most days overdue) is annotated.
    expect(out[0]).toContain('file=data/cases/C-1.md,line=6,title=C-E0 First looked-after review not held [first-review]::');
  });

  it('says how many more of each kind were not annotated, and still prints every one of them in the log', () => {
    const note = out.findIndex((l) => l.includes('not shown as annotations'));
    expect(out[note]).toBe('3 more errors, 2 more warnings not shown as annotations (GitHub shows 10 of each kind per step); all of them are listed here:');
    const rest = out.slice(note + 1, -1);
    expect(rest).toHaveLength(5);
    expect(rest.filter((l) => /C-1\.md:6 {2}error {2}overdue {2}first-review {2}due 2026-10-2[0-2]/.test(l))).toHaveLength(3);
    expect(rest.every((l) => !l.startsWith('::'))).toBe(true);
    expect(out.at(-1)).toMatch(/^✖ 13 errors, 12 warnings, 3 notices/);
  });

  it('escapes % and line breaks in the message and , : in properties, as workflow commands require', () => {
    const line = githubReport(
      input([finding({ file: 'cases/a,b:c%.md', child: 'C-1', message: '100% done\r\nthen ::error file=x::injected' })]),
    ).split('\n')[0];
    expect(line).toBe(
      '::error file=data/cases/a%2Cb%3Ac%25.md,line=6,title=C-1 First looked-after review not held [first-review]::100%25 done%0D%0Athen ::error file=x::injected',
    );
  });

  it('runs on real data: every annotation of the basic fixture, errors first', () => {
    const r = panel(['check', '--root', `${FIXTURES}/basic`, '--as-of', '2026-11-20', '--format', 'github']);
    const order = r.stdout.split('\n').filter((l) => l.startsWith('::')).map((l) => ['error', 'warning', 'notice'].indexOf(l.slice(2, l.indexOf(' '))));
    expect(order.length).toBeGreaterThan(3);
    expect([...order].sort()).toEqual(order);
  });
});

describe('--format markdown (a GitHub job summary)', () => {
  const hostile = finding({
    child: 'C-7',
    file: 'cases/evil | <script>alert(1)</script>\n# heading @someone [x](http://e.example) *b*.md',
    message: 'never shown',
  });
  const list = [
    finding({ child: 'C-2', rule: 'life-story', level: 'warning', status: 'due-soon', due: '2026-12-20', line: 9 }),
    finding({ child: 'C-3', rule: 'panel-cadence', due: '2026-11-07', line: 77 }),
    finding({ child: 'C-4', rule: 'proceedings-26-weeks', due: '2026-10-26', line: 19 }),
    finding({ child: null, file: 'meetings/2026-12-04.md', rule: 'agenda-agreed', level: 'warning', status: 'due-soon', due: '2026-11-27', line: undefined }),
    hostile,
  ];
  const md = markdownReport(input(list, { caseFiles: 4 }));
  const tree = parse(md);

  it('is a heading, the counts, and one table that remark parses, worst first, with plain words and dates', () => {
    expect(tree.children![0]).toMatchObject({ type: 'heading', depth: 2 });
    expect(cellText(tree.children![0])).toBe('Panel check at 4 Dec 2026: 3 errors');
    expect(cellText(tree.children![1])).toMatch(/^3 errors, 2 warnings, 0 notices in 4 case files; 4 children need attention\./);
    const [table] = tables(tree);
    expect(tables(tree)).toHaveLength(1);
    const rows = rowsOf(table);
    expect(rows[0]).toEqual(['Child', 'File', 'What', 'Status', 'Due', 'Days overdue']);
    expect(rows[1]).toEqual(['C-4', 'cases/C-1.md:19', 'Care proceedings past their deadline', 'Overdue (error)', '26 Oct 2026', '39']);
    expect(rows[2]).toEqual(['C-7', expect.any(String), 'First looked-after review not held', 'Overdue (error)', '2 Nov 2026', '32']);
    expect(rows[3]).toEqual(['C-3', 'cases/C-1.md:77', 'Too long since the last panel discussion', 'Overdue (error)', '7 Nov 2026', '27']);
    expect(rows.slice(4).map((r) => r[0])).toEqual(['Meeting', 'C-2']);
    expect(rows[4][4]).toBe('27 Nov 2026');
    expect(rows.every((r) => r.length === 6)).toBe(true);
  });

  it('keeps text from a file inside its cell: no pipe, line break, HTML, link, heading or mention escapes it', () => {
    const [table] = tables(tree);
    const cell = table.children![2].children![1];
    expect(cellText(cell)).toBe('cases/evil | <script>alert(1)</script> # heading @someone [x](http://e.example) *b*.md:6');
    const kinds = new Set<string>();
    const walk = (n: Node) => (kinds.add(n.type), n.children?.forEach(walk));
    walk(tree);
    expect([...kinds].filter((k) => ['html', 'link', 'emphasis', 'strong'].includes(k))).toEqual([]);
    // The path is one code span: shown as written, never read as markup.
    expect(cell.children!.map((n) => n.type)).toEqual(['inlineCode']);
    expect(markdownCell('a|b\nc')).toBe('a\\|b c');
    expect(codeCell('a`b|c')).toBe('``a`b\\|c``');
    expect(cellText(tables(parse(`| x |\n| --- |\n| ${codeCell('`x` | y')} |\n`))[0].children![1])).toBe('`x` | y');
  });

  it('says so in words when there is nothing to report', () => {
    const empty = markdownReport(input([]));
    expect(empty).toContain('## Panel check at 4 Dec 2026: every clock on track');
    expect(empty).toContain('No findings: every clock is on track.');
  });

  it('--format markdown from the command line on the basic fixture parses into a table', () => {
    const r = panel(['check', '--root', `${FIXTURES}/basic`, '--as-of', '2026-11-20', '--format', 'markdown']);
    expect(r.code).toBe(1);
    expect(tables(parse(r.stdout))).toHaveLength(1);
    expect(r.stdout).not.toContain('Ada Fixture'); // ids only: a summary can be copied into notifications
  });
});

describe('--format text in a job summary', () => {
  it('would run together into one paragraph as markdown (which is why the summary uses --format markdown)', () => {
    const text = textReport(input([finding({}), finding({ child: 'C-2', file: 'cases/C-2.md' })]));
    const paragraphs = (parse(text).children ?? []).filter((n) => n.type === 'paragraph');
    // Each child's lines (heading, finding, message) collapse into one paragraph each: not a table or list.
    expect(paragraphs.length).toBeLessThan(text.trim().split('\n').length);
    expect(tables(parse(text))).toHaveLength(0);
  });
});

describe('--format issue (the daily run keeps one issue)', () => {
  it('lists the error-level findings with a marker the workflow finds the issue by; says when all is on track', () => {
    const body = issueReport(input([finding({}), finding({ child: 'C-2', level: 'warning', rule: 'life-story' })]));
    expect(body.startsWith('<!-- panel-check: overdue children -->\n')).toBe(true);
    const rows = rowsOf(tables(parse(body))[0]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['C-1']);
    expect(issueReport(input([]))).toContain('Every clock is on track at 4 Dec 2026');
  });
});
