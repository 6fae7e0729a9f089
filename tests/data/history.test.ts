import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMarkdownFile } from '../../src/data/frontmatter.js';
import { BlobReader, Comparer, LogParser, LOG_FORMAT, type Pending } from '../../src/data/history-git.js';
import { bodyHasText, changedFields, parseVersion } from '../../src/data/history-parse.js';
import { diffFrontMatter } from '../../src/domain/field-changes.js';
import {
  changesSince,
  isTrackedPath,
  lastMeetingBefore,
  NOTE_NEVER_COMMITTED,
  NOTE_NO_COMMITS,
  NOTE_NOT_A_REPO,
  NOTE_SHALLOW,
  NOTE_UNCOMMITTED,
  prNumber,
  readHistory,
  trailOf,
  type History,
  type HistoryEntry,
} from '../../src/data/history.js';
import { syntheticCase } from '../../scripts/synthetic.js';
import { buildStory, C1_V5, gitFixture, type GitFixture } from './git-fixture.js';

const REPO = path.resolve(__dirname, '../..');

/** An entry reduced to what the trail must say, in one line per field change. */
const brief = (e: HistoryEntry) => ({
  commit: e.commit,
  author: e.author,
  date: e.date,
  subject: e.subject,
  pr: e.pr,
  merge: e.merge,
  mainline: e.mainline,
  mergedIn: e.mergedIn,
  change: e.change,
  path: e.path,
  renamedFrom: e.renamedFrom,
  fields: e.fields.map((f) => f.text),
  bodyChanged: e.bodyChanged,
  note: e.note,
});

describe('readHistory on a repository with branches, a merge, a rename and a deletion', () => {
  let f: GitFixture;
  let h: Record<string, string>;
  let history: History;

  beforeAll(async () => {
    f = gitFixture();
    h = buildStory(f);
    history = await readHistory(f.root);
  });
  afterAll(() => f.remove());

  it('reads every case and meeting file of the data root, and nothing outside it', () => {
    expect(history.available).toBe(true);
    expect(history.shallow).toBe(false);
    expect(history.notes).toEqual([]);
    expect(history.head).toBe(h.restore);
    expect(history.trails.map((t) => t.file).sort()).toEqual(['cases/C-1.md', 'cases/C-20.md', 'meetings/2026-03-06.md']);
  });

  it("gives C-1's trail exactly: squash-merged PR, branch commits under the PR merge, deletion and re-addition", () => {
    const trail = trailOf(history, 'cases/C-1.md')!;
    expect(trail.deleted).toBe(false);
    expect(trail.notes).toEqual([]);
    const base = { mergedIn: null, merge: false, mainline: true, pr: null, path: 'cases/C-1.md', renamedFrom: null, note: null };
    expect(trail.entries.map(brief)).toEqual([
      {
        ...base,
        commit: h.restore,
        author: 'Alice Admin',
        date: '2026-03-06',
        subject: 'Restore C-1: permanence secured; minutes of 6 March',
        change: 'added',
        fields: [
          'id added C-1',
          'name added "Ada Example"',
          'dob added 2018-04-02',
          'became looked after 2026-01-05',
          'looked_after.legal_status added C2',
          'review added 2026-01-30',
          'permanence secured 2026-03-06',
          'permanence.route added adoption',
          'plan.route added adoption',
          'panel discussion added 2026-02-06',
        ],
        bodyChanged: true,
        note: `added back: deleted on 2026-03-05 in ${h.delete.slice(0, 12)}`,
      },
      { ...base, commit: h.delete, author: 'Alice Admin', date: '2026-03-05', subject: 'Remove C-1 by mistake', change: 'deleted', fields: [], bodyChanged: false },
      {
        ...base,
        commit: h.merge,
        author: 'Tom Merger',
        date: '2026-02-15',
        subject: 'Merge pull request #7 from org/plan',
        pr: 7,
        merge: true,
        change: 'modified',
        fields: ['plan.route changed from return-home to adoption', 'panel discussion added 2026-02-06'],
        bodyChanged: false,
      },
      {
        ...base,
        commit: h.done,
        author: 'Priya Shah',
        date: '2026-02-12',
        subject: 'Referral made',
        pr: 7,
        mainline: false,
        mergedIn: h.merge,
        change: 'modified',
        fields: ['action "Refer to RAA" marked done 2026-02-11'],
        bodyChanged: false,
      },
      {
        ...base,
        commit: h.plan,
        author: 'Priya Shah',
        date: '2026-02-10',
        subject: 'Adoption plan endorsed at panel',
        pr: 7,
        mainline: false,
        mergedIn: h.merge,
        change: 'modified',
        fields: ['plan.route changed from return-home to adoption', 'panel discussion added 2026-02-06'],
        bodyChanged: false,
      },
      {
        ...base,
        commit: h.review,
        author: 'Bob Reviewer',
        date: '2026-02-01',
        subject: 'Record first review (#3)',
        pr: 3,
        change: 'modified',
        fields: ['looked_after.legal_status changed from C1 to C2', 'review added 2026-01-30'],
        bodyChanged: false,
      },
      {
        ...base,
        commit: h.add,
        author: 'Alice Admin',
        date: '2026-01-05',
        subject: 'Add C-1 and C-2',
        change: 'added',
        fields: ['id added C-1', 'name added "Ada Example"', 'dob added 2018-04-02', 'became looked after 2026-01-05', 'looked_after.legal_status added C1', 'plan.route added return-home'],
        bodyChanged: true,
      },
    ]);
  });

  it('keeps the PR title of a merge and the structured values of each change', () => {
    const merge = trailOf(history, 'cases/C-1.md')!.entries.find((e) => e.commit === h.merge)!;
    expect(merge.title).toBe('Adoption plan for C-1');
    expect(merge.time).toBe('2026-02-15T10:00:00+00:00');
    expect(merge.fields[0]).toEqual({ field: 'plan.route', kind: 'changed', from: 'return-home', to: 'adoption', text: 'plan.route changed from return-home to adoption' });
    const done = trailOf(history, 'cases/C-1.md')!.entries.find((e) => e.commit === h.done)!;
    expect(done.fields).toEqual([
      { field: 'panel[2026-02-06].actions["Refer to RAA"].done', kind: 'added', from: null, to: '2026-02-11', text: 'action "Refer to RAA" marked done 2026-02-11' },
    ]);
  });

  it('follows a rename (git mv with an edit), so the trail survives under the old path too', () => {
    const trail = trailOf(history, 'cases/C-20.md')!;
    expect(trailOf(history, 'cases/C-2.md')).toBe(trail);
    expect(trail.paths).toEqual(['cases/C-2.md', 'cases/C-20.md']);
    expect(trail.entries.map((e) => [e.commit, e.change, e.path, e.renamedFrom, e.fields.map((x) => x.text), e.bodyChanged])).toEqual([
      [h.rename, 'renamed', 'cases/C-20.md', 'cases/C-2.md', ['id changed from C-2 to C-20'], false],
      // A change to the summary only: no field changed, the body did.
      [h.summary, 'modified', 'cases/C-2.md', null, [], true],
      [h.add, 'added', 'cases/C-2.md', null, ['id added C-2', 'name added "Ben Example"', 'dob added 2016-09-12'], true],
    ]);
  });

  it('reads only the files asked for, following renames, with the same trail as a full read', async () => {
    const only = await readHistory(f.root, { files: ['cases/C-20.md'] });
    expect(only.trails.map((t) => t.file)).toEqual(['cases/C-20.md']);
    expect(only.trails[0]).toEqual(trailOf(history, 'cases/C-20.md'));
    const c1 = await readHistory(f.root, { files: ['cases/C-1.md'] });
    expect(c1.trails).toEqual([trailOf(history, 'cases/C-1.md')]);
  });

  it('reads meeting files too', () => {
    const trail = trailOf(history, 'meetings/2026-03-06.md')!;
    expect(trail.entries.map((e) => e.fields.map((x) => x.text))).toEqual([['date added 2026-03-06', 'chair added "Jo Chair"', 'agenda item added C-1', 'agenda item added C-20']]);
  });

  it('lists main-line changes since a date once each, the merge carrying its branch commits', () => {
    const since = changesSince(history, '2026-02-11');
    expect(since.map((c) => [c.file, c.entry.commit, c.commits.map((b) => b.commit)])).toEqual([
      ['cases/C-1.md', h.restore, []],
      ['meetings/2026-03-06.md', h.restore, []],
      ['cases/C-1.md', h.delete, []],
      ['cases/C-20.md', h.rename, []],
      ['cases/C-1.md', h.merge, [h.done, h.plan]],
      ['cases/C-20.md', h.summary, []],
    ]);
    expect(changesSince(history, '2026-03-07')).toEqual([]);
  });

  it('notes uncommitted changes and files never committed', async () => {
    const g = gitFixture();
    try {
      buildStory(g);
      g.write('panel-data/cases/C-20.md', readFileSync(path.join(g.root, 'cases/C-20.md'), 'utf8').replace('Ben Example', 'Ben Changed'));
      g.write('panel-data/cases/C-3.md', '---\nid: C-3\n---\n');
      g.write('panel-data/cases/README.md', 'not a case file\n');
      const hist = await readHistory(g.root);
      expect(trailOf(hist, 'cases/C-20.md')!.notes).toEqual([NOTE_UNCOMMITTED]);
      expect(trailOf(hist, 'cases/C-3.md')).toMatchObject({ entries: [], notes: [NOTE_NEVER_COMMITTED] });
      expect(trailOf(hist, 'cases/README.md')).toBeUndefined();
      expect(trailOf(hist, 'cases/C-1.md')!.notes).toEqual([]);
    } finally {
      g.remove();
    }
  });

  it('says the history is incomplete in a shallow clone, and marks where the copy starts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'panel-shallow-'));
    try {
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${f.repo}`, dir], { stdio: 'ignore' });
      const hist = await readHistory(path.join(dir, 'panel-data'));
      expect(hist.available).toBe(true);
      expect(hist.shallow).toBe(true);
      expect(hist.notes).toEqual([NOTE_SHALLOW]);
      const trail = trailOf(hist, 'cases/C-1.md')!;
      expect(trail.notes).toEqual([NOTE_SHALLOW]);
      expect(trail.entries.map((e) => [e.commit, e.change, e.note])).toEqual([[h.restore, 'added', 'first seen in this shallow clone: the file may be older']]);
      expect(trail.entries[0].fields.map((x) => x.text)).toContain('permanence secured 2026-03-06');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says there is no history for a folder that is not a git repository, or a repository with no commits', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'panel-nogit-'));
    try {
      mkdirSync(path.join(dir, 'cases'));
      writeFileSync(path.join(dir, 'cases/C-1.md'), C1_V5);
      expect(await readHistory(dir)).toEqual({ available: false, shallow: false, head: null, notes: [NOTE_NOT_A_REPO], trails: [] });
      execFileSync('git', ['init', '-q'], { cwd: dir });
      expect((await readHistory(dir)).notes).toEqual([NOTE_NO_COMMITS]);
      expect((await readHistory(path.join(dir, 'no-such-folder'))).available).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the demo data of this repository without error', async () => {
    const hist = await readHistory(REPO);
    const trail = trailOf(hist, 'cases/C-1001.md');
    if (hist.shallow) expect(hist.notes).toContain(NOTE_SHALLOW);
    expect(trail?.entries.length).toBeGreaterThan(0);
  });
});

describe('the git streams', () => {
  it('parses the log the same however its output is cut into chunks', () => {
    const f = gitFixture();
    try {
      buildStory(f);
      const out = execFileSync('git', ['log', '-z', '--raw', '--no-abbrev', '-M', '--root', '--diff-merges=first-parent', '--date-order', `--format=${LOG_FORMAT}`], { cwd: f.repo, encoding: 'utf8' });
      const keep = (p: string) => p.startsWith('panel-data/');
      const whole = new LogParser(keep);
      whole.push(out);
      const expected = whole.end();
      expect(expected).toHaveLength(9);
      expect(expected.find((c) => c.subject.startsWith('Merge pull request #7'))!.parents).toHaveLength(2);
      for (const size of [1, 7, 64]) {
        const seen: string[] = [];
        const cut = new LogParser(keep, (c, change) => seen.push(`${c.hash} ${change.to}`));
        for (let i = 0; i < out.length; i += size) cut.push(out.slice(i, i + size));
        expect(cut.end()).toEqual(expected);
        expect(seen).toEqual(expected.flatMap((c) => c.changes.map((change) => `${c.hash} ${change.to}`)));
      }
    } finally {
      f.remove();
    }
  });

  it('reads blobs of any size in request order, including one that is missing', async () => {
    const f = gitFixture();
    try {
      const big = `---\nid: C-9\n---\n${'A long summary line.\n'.repeat(20_000)}`;
      f.write('panel-data/cases/C-9.md', big);
      f.write('panel-data/cases/C-8.md', C1_V5);
      f.git(['add', '-A']);
      f.git(['commit', '-q', '-m', 'two files']);
      const id = (rel: string) => f.git(['rev-parse', `HEAD:panel-data/${rel}`]).trim();
      const ids = [id('cases/C-8.md'), id('cases/C-9.md'), '0123456789012345678901234567890123456789', id('cases/C-8.md')];
      const got: [string, string | null][] = [];
      const reader = new BlobReader(f.repo, (blob, bytes) => got.push([blob, bytes && bytes.toString()]));
      for (const x of ids) reader.request(x);
      expect(await reader.end()).toBeNull();
      expect(got).toEqual([[ids[0], C1_V5], [ids[1], big], [ids[2], null], [ids[3], C1_V5]]);
    } finally {
      f.remove();
    }
  });
});

describe('comparing versions', () => {
  it('gives each pair asked the diff of the two whole versions: repeated pairs, one newer version with two older ones, versions let go and read again', () => {
    // Versions by id: five files, each a chain of versions; ids as the Comparer sees them, text by id.
    const texts = new Map<string, string>();
    const text = (file: number, step: number) => {
      const body = step % 3 ? `Notes ${step % 2}.\n` : '';
      return `---\nid: C-${file}\nstep: ${step}\nreviews: [${Array.from({ length: step % 4 }, (_, i) => `2026-0${i + 1}-01`).join(', ')}]\n---\n${body}`;
    };
    const id = (file: number, step: number) => {
      const key = `${file}-${step}`;
      if (!texts.has(key)) texts.set(key, text(file, step));
      return key;
    };
    const asked: string[] = [];
    const comparer = new Comparer();
    comparer.reader = { request: (blob: string) => asked.push(blob) } as unknown as BlobReader;
    // The reader answers in the order asked, a batch at a time, as cat-file does.
    const answer = () => {
      for (const blob of asked.splice(0)) comparer.receive(blob, Buffer.from(texts.get(blob)!));
    };
    const wanted: [string | null, string, Pending][] = [];
    const want = (before: string | null, after: string, path?: string) => {
      const p = comparer.want(before, after, path);
      wanted.push([before, after, p]);
      return p;
    };
    // Newest first, as the log: each file's changes, then its addition.
    for (let file = 0; file < 5; file++) {
      for (let step = 6; step > 0; step--) want(id(file, step - 1), id(file, step), `cases/C-${file}.md`);
      want(null, id(file, 0), `cases/C-${file}.md`);
      answer();
    }
    // The same pair again (a merge and its branch commit): the same comparison, nothing read again.
    const again = want(id(0, 2), id(0, 3), 'cases/C-0.md');
    expect(again).toBe(wanted.find(([b, a]) => b === id(0, 2) && a === id(0, 3))![2]);
    expect(asked).toEqual([]);
    // One newer version with another older one (the same content reached from another file's version).
    want(id(1, 4), id(0, 3));
    want(null, id(2, 5));
    answer();
    // Enough other versions that the first ones are let go from the recent versions, then asked again.
    for (let file = 5; file < 5 + 2300; file++) {
      want(id(file, 0), id(file, 1));
      if (file % 100 === 0) answer();
    }
    answer();
    want(id(0, 1), id(3, 5));
    want(id(4, 0), id(0, 6));
    // Let go long ago (only the version each path expects next is kept): read from git again.
    expect(asked).toEqual([id(3, 5), id(0, 1), id(0, 6)]);
    answer();
    expect(comparer.made).toBe(new Set(wanted.map(([b, a]) => `${b}>${a}`)).size);
    const whole = (blob: string) => parseMarkdownFile(texts.get(blob)!);
    for (const [before, after, pending] of wanted) {
      const b = before ? whole(before) : null;
      const a = whole(after);
      expect(pending.result, `${before} > ${after}`).toEqual({
        fields: diffFrontMatter(b?.data, a.data),
        bodyChanged: b ? b.body !== a.body : /\S/.test(a.body),
        unreadable: null,
      });
    }
  });
});

describe('helpers', () => {
  it('reads pull request numbers from merge, squash and Azure DevOps messages', () => {
    expect(prNumber('Merge pull request #12 from council/plan-update')).toBe(12);
    expect(prNumber('Record review and plan (#45)')).toBe(45);
    expect(prNumber('Merged PR 301: Update C-1001')).toBe(301);
    expect(prNumber('Merge branch main into plan')).toBeNull();
    expect(prNumber('Fix #12 typo')).toBeNull();
  });

  it('tracks the files the loader reads', () => {
    expect(isTrackedPath('cases/C-1.md')).toBe(true);
    expect(isTrackedPath('meetings/2026-03-06.md')).toBe(true);
    expect(isTrackedPath('cases/README.md')).toBe(false);
    expect(isTrackedPath('cases/.draft.md')).toBe(false);
    expect(isTrackedPath('cases/old/C-1.md')).toBe(false);
    expect(isTrackedPath('templates/case.md')).toBe(false);
  });

  it('finds the last meeting strictly before today', () => {
    const files = ['meetings/2026-10-02.md', 'meetings/2026-11-06.md', 'meetings/2026-12-04.md', 'meetings/notes.md', 'meetings/2026-11-07-draft.md'];
    expect(lastMeetingBefore(files, '2026-11-20')).toBe('2026-11-06');
    expect(lastMeetingBefore(files, '2026-11-06')).toBe('2026-10-02');
    expect(lastMeetingBefore(files, '2026-01-01')).toBeNull();
    // Shaped like a date, but none: never "since" (the changes page could not print it).
    expect(lastMeetingBefore(['meetings/2026-02-01.md', 'meetings/2026-02-30.md'], '2026-03-01')).toBe('2026-02-01');
  });
});

describe('parseVersion reads every version as parseMarkdownFile does', () => {
  const same = (text: string, neighbour?: string) => {
    const slow = parseMarkdownFile(text);
    for (const fast of [parseVersion(text), parseVersion(text, neighbour === undefined ? undefined : parseVersion(neighbour))]) {
      expect(fast.data).toEqual(slow.data);
      expect(fast.body.toString()).toBe(slow.body);
      expect(fast.problem === null).toBe(slow.syntax.length === 0 && slow.hasFrontMatter);
    }
  };

  it('on the demo cases and meetings, the fixtures and synthetic cases', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const d of readdirSync(dir, { withFileTypes: true })) {
        if (d.isDirectory()) walk(path.join(dir, d.name));
        else if (d.name.endsWith('.md')) files.push(path.join(dir, d.name));
      }
    };
    for (const dir of ['cases', 'meetings', 'tests/fixtures', 'templates']) walk(path.join(REPO, dir));
    expect(files.length).toBeGreaterThan(40);
    const texts = files.map((file) => readFileSync(file, 'utf8'));
    // Each read alone, and next to another file's version (most pieces differ, some are the same).
    texts.forEach((text, i) => same(text, texts[(i + 1) % texts.length]));
    for (let i = 0; i < 200; i++) same(syntheticCase(i).text, syntheticCase(i + 1).text);
  });

  it('on shapes that must not be cut apart: anchors, flow maps, odd indentation, duplicates, no front matter', () => {
    const cases = [
      '---\nid: C-1\nplan: &p\n  route: adoption\npermanence: *p\n---\nbody',
      '---\nid: C-1\nplan: {route: adoption,\n  agreed: 2026-01-01}\n---\n',
      '---\nid: C-1\npanel:\n- date: 2026-01-01\n  decision: x\n- date: 2026-02-01\n---\n',
      '---\nid: C-1\npanel:\n  - date: 2026-01-01\n actions: []\n---\n',
      '---\nid: C-1\nid: C-2\n---\n',
      '---\n# comment\nid: C-1   # trailing\nreviews:   # held\n  - 2026-01-01\n\n  - 2026-02-01\n---\n\n\nbody',
      '---\nid: C-1\ndecision: "a: b"\nlist:\n  - |\n    block\n    text\n  - >\n    folded\n---\n',
      '---\r\nid: C-1\r\n---\r\nbody',
      '---\nid: [unclosed\n---\n',
      'no front matter',
      '---\n---\nbody',
      '---\n  id: C-1\n---\n',
      '---\n__proto__: x\n---\n',
      '---\nid: C-1\n---',
    ];
    cases.forEach((text, i) => same(text, cases[(i + 1) % cases.length]));
  });

  it('refuses a front matter the loader refuses because its closing line is not exactly "---"', () => {
    const good = '---\nid: C-1\nname: Ada\n---\nbody\n';
    for (const close of ['----', '-----', '---x', '--- # end', '---\t-']) {
      const text = good.replace('\n---\nbody', `\n${close}\nbody`);
      expect(parseMarkdownFile(text).syntax.length, close).toBe(1);
      same(text, good);
      expect(parseVersion(text).problem, close).toMatch(/^YAML syntax: /);
    }
    // Trailing spaces after the three dashes are allowed by both.
    same('---\nid: C-1\n---  \nbody\n', good);
  });

  it('reads a block scalar that keeps its final line breaks ("|+") as the last field as the loader does', () => {
    const good = '---\nid: C-1\nnotes: |\n  kept\n---\nbody\n';
    for (const text of ['---\nid: C-1\nnotes: |+\n  kept\n\n---\nbody\n', '---\nid: C-1\nnotes: >+\n  kept\n---\nbody\n', '---\nid: C-1\nnotes: |2+\n   kept\n\n\n---\nbody\n', '---\nid: C-1\nnotes: |+ # kept\n  kept\n\nname: Ada\n---\nbody\n']) {
      same(text, good);
      same(good, text);
    }
  });

  it("reads git's bytes as the text they decode to: a body with invalid UTF-8, a body of white space only", () => {
    const head = Buffer.from('---\nid: C-1\nname: Ada\n---\n');
    const bad = Buffer.concat([head, Buffer.from([0x41, 0xc3, 0x0a, 0xff, 0x42, 0x0a])]);
    const fast = parseVersion(bad);
    expect(fast.problem).toBeNull();
    expect(fast.body.equals(Buffer.from(parseMarkdownFile(bad.toString()).body))).toBe(true);
    // Read through the fallback (a carriage return), the same body compares equal.
    const slow = parseVersion(Buffer.concat([Buffer.from('---\r\nid: C-1\r\nname: Ada\r\n---\r\n'), bad.subarray(head.length)]));
    expect(slow.body.equals(fast.body)).toBe(true);
    for (const [body, text] of [['', false], [' \n\t\n', false], ['\u00a0\u2003\n', false], ['x', true], ['  \u00e9', true], ['\n\u00a0.', true]] as const) {
      expect(bodyHasText(Buffer.from(body)), JSON.stringify(body)).toBe(text);
      expect(/\S/.test(body)).toBe(text);
    }
  });

  it('reads a version next to its neighbour: changed pieces parsed, the rest taken as they are', () => {
    const v1 = syntheticCase(3).text;
    const v2 = v1.replace(/(panel:\n {2}- date: )(\S+)/, '$1$2').replace('plan:', 'fgc:\n  held: 2026-01-01\nplan:').replace(/  - date: [\s\S]*?(?=  - date:)/, '');
    const v3 = v2.replace(/done: null/, 'done: 2026-11-01');
    for (const [a, b] of [[v1, v2], [v2, v3], [v3, v1], [v2, v1]]) same(b, a);
    // A field that is the neighbour's with more lines after it (an indented line, a comment, a blank line),
    // or with fewer: found to its real end, not taken as the neighbour's.
    const shapes = [
      '---\nid: C-1\nplan:\n  route: adoption\nname: Ada\n---\nbody',
      '---\nid: C-1\nplan:\n  route: adoption\n  agreed: 2026-01-01\nname: Ada\n---\nbody',
      '---\nid: C-1\nplan:\n  route: adoption\n# a note\nname: Ada\n---\nbody',
      '---\nid: C-1\nplan:\n  route: adoption\n\nname: Ada\n---\nbody',
      '---\nid: C-1\nplan:\n  route: adoption\n',
      '---\nid: C-1\nplan:\n  route: adoption\n---\n',
      '---\nid: C-1\npanel:\n  - date: 2026-01-01\n  - date: 2026-02-01\n    decision: x\nname: Ada\n---\n',
      '---\nid: C-1\npanel:\n  - date: 2026-01-01\n  - date: 2026-02-01\nname: Ada\n---\n',
      '---\nname: Ada\nid: C-1\npanel:\n  - date: 2026-02-01\n  - date: 2026-01-01\n---\n',
    ];
    for (const a of shapes) for (const b of shapes) same(b, a);
    const p1 = parseVersion(v1);
    const p2 = parseVersion(v1.replace('Synthetic benchmark text.', 'Changed.'), p1);
    expect((p2.data as { panel: unknown }).panel).toBe((p1.data as { panel: unknown }).panel);
    expect(p2.body.equals(p1.body)).toBe(false);
    // A body the same as the neighbour's is the neighbour's bytes, not a copy.
    const p3 = parseVersion(v1.replace('plan:', 'fgc:\n  held: 2026-01-01\nplan:'), p1);
    expect(p3.body).toBe(p1.body);
  });

  it("compares only the fields whose text changed, with the whole front matters' field changes", () => {
    const edits: ((t: string) => string)[] = [
      (t) => t.replace('plan:', 'fgc:\n  held: 2026-01-01\nplan:'),
      (t) => t.replace(/^name: .*$/m, 'name: Someone Else'),
      (t) => t.replace(/^fgc:\n {2}held: 2026-01-01\n/m, ''),
      (t) => `${t}\nMore text.\n`,
      (t) => t.replace(/^(id: .*)$/m, '$1 # a comment'),
      // Panel discussions added, changed, repeated at one date, without a date, reordered, removed.
      (t) => t.replace(/^panel:\n/m, 'panel:\n  - date: 2027-01-01\n    decision: New\n'),
      (t) => t.replace(/^panel:\n/m, 'panel:\n  - date: 2027-02-01\n    decision: Second\n'),
      (t) => t.replace(/done: (\d{4}-\d{2}-\d{2})\n(?![\s\S]*done: \d)/, 'done: null\n'),
      (t) => t.replace(/^panel:\n/m, 'panel:\n  - date: 2027-01-01\n    decision: Again\n'),
      (t) => t.replace(/^panel:\n {2}- date: 2027-01-01\n {4}decision: Again\n/m, 'panel:\n'),
      (t) => t.replace(/^( {2}- date: 2027-02-01\n {4}decision: Second\n)/m, '$1  - decision: Undated\n'),
      (t) => t.replace(/^ {2}- decision: Undated\n/m, ''),
      (t) => t.replace(/^panel:\n( {2}- date: 2027-02-01\n {4}decision: Second\n)([\s\S]*?)\n---/m, 'panel:\n$2\n$1---'),
      (t) => t.replace(/decision: New/, 'decision: Newer'),
      (t) => t.replace(/ {2}- date: 2026-\d\d-\d\d\n[\s\S]*?(?= {2}- date:)/, ''),
    ];
    const chain = [syntheticCase(3).text];
    for (const edit of edits) chain.push(edit(chain.at(-1)!));
    // Every edit changed the text and left front matter that reads.
    for (let i = 1; i < chain.length; i++) {
      expect(chain[i], `edit ${i}`).not.toBe(chain[i - 1]);
      expect(parseVersion(chain[i]).problem, `edit ${i}`).toBeNull();
    }
    const pairs: [string, string][] = [];
    for (let i = 1; i < chain.length; i++) pairs.push([chain[i - 1], chain[i]]);
    for (let i = 0; i < 60; i++) pairs.push([syntheticCase(i).text, syntheticCase(i + 1).text]);
    let compared = 0;
    for (const [first, second] of pairs) {
      const older = parseVersion(first);
      // Read next to each other (shared pieces and discussions), and each alone (equal texts, different objects).
      for (const newer of [parseVersion(second, older), parseVersion(second)]) {
        for (const [a, b] of [[older, newer], [newer, older]]) {
          const changed = changedFields(a, b);
          expect(changed).not.toBeNull();
          compared++;
          expect(diffFrontMatter(changed!.before, changed!.after)).toEqual(diffFrontMatter(a.data, b.data));
        }
      }
    }
    expect(compared).toBe(pairs.length * 4);
  });

});
