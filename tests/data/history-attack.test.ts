/**
 * The audit trail on odd histories, each a small repository built for the case: what readHistory gives
 * must be what git says happened, whichever way it is read (all files, only some, with or without the
 * cache).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheFile, readHistoryCache } from '../../src/data/history-cache.js';
import { packHistory } from '../../src/data/pack-history.js';
import { runHistory } from '../../src/cli/history.js';
import { parseVersion } from '../../src/data/history-parse.js';
import { changesSince, NOTE_NEVER_COMMITTED, NOTE_SHALLOW, readHistory, trailOf, type HistoryEntry } from '../../src/data/history.js';
import { at, buildStory, gitFixture, type GitFixture } from './git-fixture.js';

const caseFile = (name: string, worker: string) =>
  `---\nid: C-1\nname: ${name}\ndob: 2018-04-02\nlegal_status: C1\nreviews: [2026-01-01, 2026-02-01]\nteam: North\nsocial_worker: ${worker}\n---\nA body long enough for git to see a rename.\nLine two of the body.\nLine three of the body.\n`;

const line = (e: HistoryEntry) => [e.author, e.change, e.path, e.fields.map((x) => x.text), e.note];

describe('the audit trail of one file read alone (`panel history`)', () => {
  let f: GitFixture;
  afterEach(() => f.remove());

  it('gives the field changes of branch commits made to the old path after the file was renamed on the main line', async () => {
    f = gitFixture();
    const { commit } = f;
    f.write('panel-data/cases/C-1.md', caseFile('Ann', 'Sam'));
    commit('Add C-1', at('Alice', '2026-01-01'));
    f.git(['checkout', '-q', '-b', 'side']);
    f.git(['checkout', '-q', 'main']);
    f.git(['mv', 'panel-data/cases/C-1.md', 'panel-data/cases/C-10.md']);
    commit('Rename C-1 to C-10', at('Bob', '2026-01-02'));
    // On a branch made before the rename, two edits of the old path, dated after it.
    f.git(['checkout', '-q', 'side']);
    f.write('panel-data/cases/C-1.md', caseFile('Annie', 'Sam'));
    commit('Name corrected', at('Sid', '2026-01-05'));
    f.write('panel-data/cases/C-1.md', caseFile('Annie', 'Sal'));
    commit('New social worker', at('Sid', '2026-01-06'));
    f.git(['checkout', '-q', 'main']);
    f.git(['merge', '-q', '--no-ff', 'side', '-m', 'Merge pull request #3 from org/side'], at('Merger', '2026-01-07'));

    const full = trailOf(await readHistory(f.root, { cache: false }), 'cases/C-10.md')!;
    expect(full.entries.map(line)).toEqual([
      ['Merger', 'modified', 'cases/C-10.md', ['name changed from Ann to Annie', 'social_worker changed from Sam to Sal'], null],
      ['Sid', 'modified', 'cases/C-1.md', ['social_worker changed from Sam to Sal'], null],
      ['Sid', 'modified', 'cases/C-1.md', ['name changed from Ann to Annie'], null],
      ['Bob', 'renamed', 'cases/C-10.md', [], null],
      ['Alice', 'added', 'cases/C-1.md', ['id added C-1', 'name added Ann', 'dob added 2018-04-02', 'legal_status added C1', 'review added 2026-01-01', 'review added 2026-02-01', 'team added North', 'social_worker added Sam'], null],
    ]);
    for (const cache of [false, true]) {
      const only = await readHistory(f.root, { cache, files: ['cases/C-10.md'] });
      expect(only.notes).toEqual([]);
      expect(trailOf(only, 'cases/C-10.md')).toEqual(full);
    }
  });

  it('gives the field changes of a branch that renamed the file otherwise (both renames merged, one kept)', async () => {
    f = gitFixture();
    const { commit } = f;
    f.write('panel-data/cases/C-1.md', caseFile('Ann', 'Sam'));
    commit('Add C-1', at('Alice', '2026-01-01'));
    f.git(['checkout', '-q', '-b', 'side']);
    f.git(['mv', 'panel-data/cases/C-1.md', 'panel-data/cases/C-7.md']);
    commit('Renamed to C-7', at('Sid', '2026-01-02'));
    f.write('panel-data/cases/C-7.md', caseFile('Annie', 'Sam'));
    commit('Name corrected', at('Sid', '2026-01-03'));
    f.git(['checkout', '-q', 'main']);
    f.git(['mv', 'panel-data/cases/C-1.md', 'panel-data/cases/C-10.md']);
    commit('Renamed to C-10', at('Bob', '2026-01-04'));
    // Both renames meet: the merge keeps C-10, with the branch's correction.
    try {
      f.git(['merge', '-q', '--no-ff', 'side', '-m', 'Merge pull request #4 from org/side'], at('Merger', '2026-01-05'));
    } catch {
      // rename/rename: resolved by hand
    }
    f.git(['rm', '-q', '--cached', '--ignore-unmatch', 'panel-data/cases/C-1.md', 'panel-data/cases/C-7.md']);
    rmSync(path.join(f.root, 'cases/C-7.md'), { force: true });
    f.write('panel-data/cases/C-10.md', caseFile('Annie', 'Sal'));
    commit('Merge pull request #4 from org/side', at('Merger', '2026-01-05'));

    const full = trailOf(await readHistory(f.root, { cache: false }), 'cases/C-10.md')!;
    expect(full.entries.find((e) => e.author === 'Sid' && e.path === 'cases/C-7.md' && e.change === 'modified')?.fields.map((x) => x.text)).toEqual(['name changed from Ann to Annie']);
    for (const cache of [false, true]) expect(trailOf(await readHistory(f.root, { cache, files: ['cases/C-10.md'] }), 'cases/C-10.md')).toEqual(full);
  });
});

describe('the pack\'s "What changed since the last panel" in a shallow clone (CI checks out 1 or 50 commits)', () => {
  let f: GitFixture;
  let dir: string;
  afterEach(() => {
    f.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never says the oldest commit of the copy added the case files: the changes since are unknown there, and the note says why', async () => {
    f = gitFixture();
    const h = buildStory(f);
    dir = mkdtempSync(path.join(tmpdir(), 'panel-shallow-pack-'));
    const clone = (depth: number) => {
      rmSync(dir, { recursive: true, force: true });
      execFileSync('git', ['clone', '-q', '--depth', String(depth), `file://${f.repo}`, dir], { stdio: 'ignore' });
      return readHistory(path.join(dir, 'panel-data'));
    };
    // One commit (6 March, which added C-1 back and the meeting, and did not touch C-20): nothing since
    // 1 March can be told, for any file.
    let pack = await packHistory('2026-03-01', clone(1));
    expect(pack.note).toBe(NOTE_SHALLOW);
    for (const file of ['cases/C-1.md', 'cases/C-20.md', 'meetings/2026-03-06.md']) expect(pack.get(file), file).toBeUndefined();

    // Three commits reach back to 1 March (the rename): what changed since 2 March is known, and is
    // what the full history says.
    const full = await packHistory('2026-03-02', readHistory(f.root));
    pack = await packHistory('2026-03-02', clone(3));
    expect(pack.note).toBe(NOTE_SHALLOW);
    for (const file of ['cases/C-1.md', 'cases/C-20.md', 'meetings/2026-03-06.md']) expect(pack.get(file), file).toEqual(full.get(file));
    expect(pack.get('cases/C-1.md')).toEqual([{ date: '2026-03-06', author: 'Alice Admin', added: true, fields: [], bodyChanged: true, pr: null }]);
    expect(h.restore).toBeTruthy();
    // Since 1 March, the day of the copy's oldest commit: not known for the files it holds.
    pack = await packHistory('2026-03-01', clone(3));
    expect(pack.get('cases/C-20.md')).toBeUndefined();
  }, 60_000);
});

describe('commits whose dates git cannot print', () => {
  let f: GitFixture;
  afterEach(() => f.remove());

  it('takes the committer date when the author date cannot be read (before 1970, past year 9999), and says so; never an invalid date', async () => {
    f = gitFixture();
    // git fast-import takes raw dates that git log then cannot print (it prints "%aI" itself).
    const stream = [
      ['-86400 +0000', '1767520800 +0000', 'Ann'],
      ['999999999999 +0000', '1767607200 +0100', 'Anne'],
      ['1767700000 +0000', '1767700000 +0000', 'Annie'],
    ]
      .map(([author, committer, name], i) => {
        const text = `---\nid: C-1\nname: ${name}\n---\nBody.\n`;
        return `commit refs/heads/main\nauthor Old Importer <i@example.invalid> ${author}\ncommitter Importer <i@example.invalid> ${committer}\ndata 9\nimport ${i}\nM 100644 inline panel-data/cases/C-1.md\ndata ${Buffer.byteLength(text)}\n${text}\n`;
      })
      .join('');
    execFileSync('git', ['fast-import', '--quiet', '--date-format=raw'], { cwd: f.repo, input: stream });
    f.git(['checkout', '-q', '-f', 'main']);
    for (const cache of [false, true, true]) {
      const trail = trailOf(await readHistory(f.root, { cache }), 'cases/C-1.md')!;
      expect(trail.entries.map((e) => [e.date, e.time, e.note, e.fields.map((x) => x.text)])).toEqual([
        ['2026-01-06', '2026-01-06T11:46:40+00:00', null, ['name changed from Anne to Annie']],
        ['2026-01-05', '2026-01-05T11:00:00+01:00', 'the author date could not be read from git: the commit date is shown', ['name changed from Ann to Anne']],
        ['2026-01-04', '2026-01-04T10:00:00+00:00', 'the author date could not be read from git: the commit date is shown', ['id added C-1', 'name added Ann']],
      ]);
    }
  });
});

describe('a case file moved out of cases/ and back', () => {
  let f: GitFixture;
  afterEach(() => f.remove());

  it('keeps both facts on its return: where it came back from, and when it had left', async () => {
    f = gitFixture();
    const { commit } = f;
    f.write('panel-data/cases/C-1.md', caseFile('Ann', 'Sam'));
    commit('Add C-1', at('Alice', '2026-01-01'));
    f.git(['mv', 'panel-data/cases/C-1.md', 'panel-data/archive-C-1.md']);
    commit('Archive C-1', at('Bob', '2026-01-02'));
    f.git(['mv', 'panel-data/archive-C-1.md', 'panel-data/cases/C-1.md']);
    commit('C-1 back in care', at('Carol', '2026-01-03'));
    const trail = trailOf(await readHistory(f.root, { cache: false }), 'cases/C-1.md')!;
    expect(trail.entries.map((e) => [e.author, e.change, e.note])).toEqual([
      ['Carol', 'added', `moved here from panel-data/archive-C-1.md; added back: deleted on 2026-01-02 in ${trail.entries[1].commit.slice(0, 12)}`],
      ['Bob', 'deleted', 'moved to panel-data/archive-C-1.md (outside cases/ and meetings/)'],
      ['Alice', 'added', null],
    ]);
  });
});

describe('the note of a version that cannot be read', () => {
  it('says "YAML syntax" once, whether or not the loader\'s message already starts with it', () => {
    const colon = parseVersion('---\nid: C-1\nname: Anne: bad\n---\nBody.\n').problem!;
    expect(colon).toMatch(/^YAML syntax: the value of name contains a colon followed by a space/);
    expect(colon).not.toMatch(/YAML syntax: YAML syntax/);
    expect(parseVersion('---\nid: C-1\nreviews: [2026-01-01\n---\nBody.\n').problem).toMatch(/^YAML syntax: (?!YAML syntax)/);
  });
});

describe('a cache written by another version of Panel', () => {
  let f: GitFixture;
  afterEach(() => f.remove());

  it('is not trusted for its comparisons when this version compares versions differently (a field change worded anew, a note corrected)', async () => {
    f = gitFixture();
    buildStory(f);
    await readHistory(f.root);
    // The same cache as an older Panel would have left it: same format, but comparisons it made otherwise.
    const bytes = readFileSync(cacheFile(f.root));
    const onDisk = deserialize(bytes.subarray(40)) as { comparisons: [unknown[][], boolean, string | null][]; fingerprint?: unknown };
    for (const comparison of onDisk.comparisons) for (const field of comparison[0]) field[4] = `old wording: ${field[4] as string}`;
    onDisk.fingerprint = 'comparisons of an older Panel';
    const payload = serialize(onDisk);
    writeFileSync(cacheFile(f.root), Buffer.concat([bytes.subarray(0, 8), createHash('sha256').update(payload).digest(), payload]));

    expect(readHistoryCache(f.root, 'panel-data/')).toBeNull();
    const cached = await readHistory(f.root);
    expect(JSON.stringify(cached)).not.toContain('old wording');
    expect(cached).toEqual(await readHistory(f.root, { cache: false }));
  });
});

describe('names mapped by .mailmap', () => {
  let f: GitFixture;
  afterEach(() => f.remove());

  it('are the same with the cache as without it when .mailmap changes', async () => {
    f = gitFixture();
    const { commit } = f;
    f.write('panel-data/cases/C-1.md', caseFile('Ann', 'Sam'));
    commit('Add C-1', at('Jon Smiht', '2026-01-01'));
    f.write('panel-data/cases/C-1.md', caseFile('Anne', 'Sam'));
    commit('Name corrected', at('Jon Smiht', '2026-01-02'));
    const authors = async (cache: boolean) => trailOf(await readHistory(f.root, { cache }), 'cases/C-1.md')!.entries.map((e) => e.author);
    expect(await authors(true)).toEqual(['Jon Smiht', 'Jon Smiht']);
    // The misspelt name is mapped, first in the working tree, then committed.
    f.write('.mailmap', 'Jon Smith <panel@example.org> Jon Smiht <panel@example.org>\n');
    expect(await authors(false)).toEqual(['Jon Smith', 'Jon Smith']);
    expect(await authors(true)).toEqual(['Jon Smith', 'Jon Smith']);
    commit('Map a misspelt name', at('Admin', '2026-01-03'));
    expect(await authors(true)).toEqual(['Jon Smith', 'Jon Smith']);
    f.write('.mailmap', 'John Smith <panel@example.org> Jon Smiht <panel@example.org>\n');
    expect(await authors(true)).toEqual(await authors(false));
    expect(await authors(true)).toEqual(['John Smith', 'John Smith']);
  });
});

describe("the user's git settings", () => {
  let f: GitFixture;
  afterEach(() => f.remove());

  it('do not change the trail of a data root in a folder of the repository: diff.relative', async () => {
    f = gitFixture();
    buildStory(f);
    const plain = await readHistory(f.root, { cache: false });
    expect(plain.trails.length).toBe(3);
    f.git(['config', 'diff.relative', 'true']);
    expect(await readHistory(f.root, { cache: false })).toEqual(plain);
    expect(await readHistory(f.root, { files: ['cases/C-20.md'] })).toEqual({ ...plain, trails: [trailOf(plain, 'cases/C-20.md')] });
  });

  it('do not change the trail: log.showSignature with a signed commit, i18n.logOutputEncoding', async () => {
    f = gitFixture();
    buildStory(f);
    // A commit signed (as GitHub signs the merges made on its site) by a non-ASCII name: made as git would
    // write it, with an SSH signature git reports on without any other program.
    f.write('panel-data/cases/C-20.md', readFileSync(path.join(f.root, 'cases/C-20.md'), 'utf8').replace('Ben Example', 'Ben Signed'));
    f.git(['add', '-A']);
    const tree = f.git(['write-tree']).trim();
    const parent = f.git(['rev-parse', 'HEAD']).trim();
    const object = `tree ${tree}\nparent ${parent}\nauthor Zoë Ñúñez <z@example.invalid> 1773064800 +0000\ncommitter GitHub <noreply@example.invalid> 1773064800 +0000\ngpgsig -----BEGIN SSH SIGNATURE-----\n U1NIU0lHAAAAAQ==\n -----END SSH SIGNATURE-----\n\nMerge the name of C-20 (#12)\n`;
    const signed = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: f.repo, input: object, encoding: 'utf8' }).trim();
    f.git(['reset', '-q', '--soft', signed]);
    const plain = await readHistory(f.root, { cache: false });
    const c20 = trailOf(plain, 'cases/C-20.md')!.entries;
    expect([c20[0].commit, c20[0].author, c20[0].date, c20[0].fields.map((x) => x.text)]).toEqual([signed, 'Zoë Ñúñez', '2026-03-09', ['name changed from "Ben Example" to "Ben Signed"']]);
    f.git(['config', 'log.showSignature', 'true']);
    f.git(['config', 'i18n.logOutputEncoding', 'ISO-8859-1']);
    expect(await readHistory(f.root, { cache: false })).toEqual(plain);
  });
});

describe('a change written before the last panel and merged after it (rebase and merge keeps the author date)', () => {
  let f: GitFixture;
  afterEach(() => f.remove());

  it('is a change since the panel: in changesSince and in the pack, shown with the date it was written', async () => {
    f = gitFixture();
    const commit = (message: string, author: { name: string; date: string }, committed = author.date) => {
      f.git(['add', '-A'], author);
      execFileSync('git', ['commit', '-q', '-m', message], { cwd: f.repo, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: 'a@example.invalid', GIT_AUTHOR_DATE: author.date, GIT_COMMITTER_NAME: 'GitHub', GIT_COMMITTER_EMAIL: 'noreply@example.invalid', GIT_COMMITTER_DATE: committed } });
    };
    f.write('panel-data/cases/C-1.md', caseFile('Ann', 'Sam'));
    commit('Add C-1', at('Alice', '2026-02-01'));
    // Written on 1 March, rebased onto main and merged on 10 March; the panel met on 5 March.
    f.write('panel-data/cases/C-1.md', caseFile('Ann', 'Sue'));
    commit('New social worker', at('Priya', '2026-03-01'), '2026-03-10T16:00:00+00:00');
    const history = await readHistory(f.root, { cache: false });
    const since = changesSince(history, '2026-03-05');
    expect(since.map((c) => [c.entry.author, c.entry.date, c.entry.committed, c.entry.fields.map((x) => x.text)])).toEqual([
      ['Priya', '2026-03-01', '2026-03-10T16:00:00+00:00', ['social_worker changed from Sam to Sue']],
    ]);
    const pack = await packHistory('2026-03-05', Promise.resolve(history));
    expect(pack.get('cases/C-1.md')).toEqual([{ date: '2026-03-01', author: 'Priya', added: false, fields: since[0].entry.fields, bodyChanged: false, pr: null }]);
    expect(changesSince(history, '2026-03-11')).toEqual([]);
  });
});

describe('a version missing from the copy of the repository (an object lost, then fetched again)', () => {
  let f: GitFixture;
  afterEach(() => f.remove());

  it('is said to be missing, with no body change claimed, and is not kept as such in the cache', async () => {
    f = gitFixture();
    const { commit } = f;
    f.write('panel-data/cases/C-1.md', caseFile('Ann', 'Sam'));
    commit('Add C-1', at('Alice', '2026-01-01'));
    f.write('panel-data/cases/C-1.md', caseFile('Anne', 'Sam'));
    commit('Name corrected', at('Bob', '2026-01-02'));
    const blob = f.git(['rev-parse', 'HEAD~1:panel-data/cases/C-1.md']).trim();
    const loose = path.join(f.repo, '.git', 'objects', blob.slice(0, 2), blob.slice(2));
    const bytes = readFileSync(loose);
    rmSync(loose);
    const trail = async (cache: boolean) => trailOf(await readHistory(f.root, { cache }), 'cases/C-1.md')!.entries.map((e) => [e.author, e.fields.map((x) => x.text), e.bodyChanged, e.note]);
    const missing = 'this version is not in this copy of the repository';
    expect(await trail(true)).toEqual([
      ['Bob', [], false, `front matter not readable at the previous version (${missing}): field changes not shown`],
      ['Alice', [], false, `front matter not readable at this version (${missing}): field changes not shown`],
    ]);
    writeFileSync(loose, bytes);
    expect(await trail(true)).toEqual(await trail(false));
    expect((await trail(true))[0]).toEqual(['Bob', ['name changed from Ann to Anne'], false, null]);
  });
});

describe('`panel history <id>` for a child whose file is not named after its id', () => {
  let f: GitFixture;
  afterEach(() => f.remove());

  it("gives the trail of the child's own file, not of another child's deleted file that had the id's name", async () => {
    f = gitFixture();
    const { commit } = f;
    f.write('panel-data/cases/C-5.md', caseFile('Zed Other', 'Sam').replace('id: C-1', 'id: C-5'));
    commit('Add Zed', at('Alice', '2026-01-01'));
    f.git(['rm', '-q', 'panel-data/cases/C-5.md']);
    commit('Zed left', at('Alice', '2026-01-02'));
    f.write('panel-data/cases/smith.md', caseFile('Sam Smith', 'Sam').replace('id: C-1', 'id: C-5'));
    commit('Add Sam', at('Bob', '2026-01-03'));
    const out = JSON.parse(await runHistory('C-5', { root: f.root, format: 'json' }));
    expect(out.file).toBe('cases/smith.md');
    expect(out.entries.map((e: HistoryEntry) => [e.author, e.path])).toEqual([['Bob', 'cases/smith.md']]);
    expect(JSON.stringify(out)).not.toContain('Zed');
  });
});

describe('a case file renamed in the working copy (git mv), not yet committed', () => {
  let f: GitFixture;
  afterEach(() => f.remove());

  it('keeps its trail under its new name, with a note, instead of "no history"', async () => {
    f = gitFixture();
    buildStory(f);
    f.git(['mv', 'panel-data/cases/C-20.md', 'panel-data/cases/C-21.md']);
    const hist = await readHistory(f.root, { cache: false });
    const trail = trailOf(hist, 'cases/C-21.md')!;
    expect(trail.entries.map((e) => e.subject)).toContain('Correct the id of C-2 to C-20');
    expect(trail.notes).toEqual(['renamed to cases/C-21.md in the working copy, not yet committed']);
    expect(hist.trails.filter((t) => t.notes.includes(NOTE_NEVER_COMMITTED))).toEqual([]);
  });
});

describe('`panel history` of a file renamed in the working copy', () => {
  let f: GitFixture;
  afterEach(() => f.remove());

  it('gives its trail with its field changes', async () => {
    f = gitFixture();
    buildStory(f);
    const before = JSON.parse(await runHistory('C-20', { root: f.root, format: 'json' }));
    f.git(['mv', 'panel-data/cases/C-20.md', 'panel-data/cases/C-21.md']);
    const after = JSON.parse(await runHistory('C-21', { root: f.root, format: 'json' }));
    expect(after.entries).toEqual(before.entries);
    expect(after.notes).toEqual(['renamed to cases/C-21.md in the working copy, not yet committed']);
  });
});
