/**
 * What the loader refuses, or reads, on disk: things that are hard to commit (named pipes, sparse huge
 * files, symbolic links, folders named like files) made at test time; and the renderer's handling of
 * links, images and raw HTML, by example (properties.test.ts holds the general guarantee).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/components/markdown.js';
import { loadCases, MAX_FILE_BYTES } from '../../src/data/load.js';

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));
function root(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'panel-loader-'));
  temps.push(dir);
  mkdirSync(path.join(dir, 'cases'));
  return dir;
}
const CASE = (id: string) => `---\nid: ${id}\nname: Test ${id}\ndob: 2015-01-01\n---\nBody of ${id}.\n`;
const only = (dir: string) => Object.fromEntries(loadCases(dir).map((c) => [c.file, c.problems.map((p) => `${p.line}: ${p.message}`)]));

describe('the loader on what is on disk', () => {
  it('refuses a named pipe without blocking, and a folder named like a case file, and reads the rest', () => {
    const dir = root();
    execFileSync('mkfifo', [path.join(dir, 'cases', 'pipe.md')]);
    mkdirSync(path.join(dir, 'cases', 'folder.md'));
    writeFileSync(path.join(dir, 'cases', 'C-1.md'), CASE('C-1'));
    expect(only(dir)).toEqual({
      'cases/C-1.md': [],
      'cases/folder.md': ['1: cases/folder.md is not a regular file (it is a folder); only case files belong here'],
      'cases/pipe.md': ['1: cases/pipe.md is not a regular file (it is a special file); only case files belong here'],
    });
  });

  it(`refuses a file over ${MAX_FILE_BYTES / 1024 / 1024} MB without reading it into memory`, () => {
    const dir = root();
    const file = path.join(dir, 'cases', 'C-2.md');
    writeFileSync(file, CASE('C-2'));
    truncateSync(file, MAX_FILE_BYTES + 1); // sparse: no disk used
    expect(only(dir)['cases/C-2.md']).toEqual([`1: the file is 64 MB, over the 64 MB a case or meeting file may be; it was not read: move attachments out of the file`]);
  });

  it('reads a symbolic link to a file inside the root; refuses a cases folder that is a link out of the root', () => {
    const dir = root();
    mkdirSync(path.join(dir, 'archive'));
    writeFileSync(path.join(dir, 'archive', 'C-3.md'), CASE('C-3'));
    symlinkSync(path.join(dir, 'archive', 'C-3.md'), path.join(dir, 'cases', 'C-3.md'));
    expect(loadCases(dir)[0].value?.name).toBe('Test C-3');

    const outside = root();
    writeFileSync(path.join(outside, 'cases', 'C-4.md'), CASE('C-4'));
    const linked = mkdtempSync(path.join(tmpdir(), 'panel-loader-'));
    temps.push(linked);
    symlinkSync(path.join(outside, 'cases'), path.join(linked, 'cases'));
    expect(only(linked)['cases/C-4.md'][0]).toMatch(/^1: the file is reached through a symbolic link to a place outside the data root/);
  });

  it('skips hidden files (temporary files of a writer) and README.md', () => {
    const dir = root();
    writeFileSync(path.join(dir, 'cases', '.C-5.md.123.abcd0123.tmp'), 'half a fi');
    writeFileSync(path.join(dir, 'cases', '.C-5.md'), 'hidden');
    writeFileSync(path.join(dir, 'cases', 'README.md'), '# About these files');
    writeFileSync(path.join(dir, 'cases', 'C-5.md'), CASE('C-5'));
    expect(Object.keys(only(dir))).toEqual(['cases/C-5.md']);
  });

  it('reads CRLF with a byte order mark, and a real U+FFFD character, as valid UTF-8', () => {
    const dir = root();
    writeFileSync(path.join(dir, 'cases', 'C-6.md'), `\uFEFF${CASE('C-6').replace('Body', 'Body \uFFFD').replace(/\n/g, '\r\n')}`);
    const [c] = loadCases(dir);
    expect(c.problems).toEqual([]);
    expect(c.body).toBe('Body \uFFFD of C-6.\n');
  });

  it('names the line of the first byte that is not UTF-8, including a sequence cut off at the end', () => {
    const dir = root();
    writeFileSync(path.join(dir, 'cases', 'C-7.md'), Buffer.concat([Buffer.from(CASE('C-7')), Buffer.from([0xe2, 0x82])]));
    writeFileSync(path.join(dir, 'cases', 'C-8.md'), Buffer.concat([Buffer.from('---\nid: C-8\n'), Buffer.from([0xc0, 0xaf]), Buffer.from('\n---\n')]));
    const found = only(dir);
    expect(found['cases/C-7.md']).toEqual([expect.stringMatching(/^7: the file is not UTF-8 text: line 7 has the byte 0xE2/)]);
    expect(found['cases/C-8.md']).toEqual([expect.stringMatching(/^3: the file is not UTF-8 text: line 3 has the byte 0xC0/)]);
  });
});

describe('case notes rendered', () => {
  it('shows raw HTML as code, never as markup, and keeps the text around it', () => {
    expect(renderMarkdown('Mum said <she> would come.')).toBe('<p>Mum said <code>&#x3C;she></code> would come.</p>');
    expect(renderMarkdown('<div onclick="x()">\nA paragraph swallowed by an HTML block\n</div>')).toBe(
      '<pre><code>&#x3C;div onclick="x()">\nA paragraph swallowed by an HTML block\n&#x3C;/div>\n</code></pre>',
    );
  });

  it('keeps links within the page and mailto; shows web addresses as text; drops other schemes', () => {
    expect(renderMarkdown('[top](#summary) [email](mailto:sw@example.org)')).toBe('<p><a href="#summary">top</a> <a href="mailto:sw@example.org">email</a></p>');
    expect(renderMarkdown('[plan](https://example.org/plan) <https://example.org/x>')).toBe('<p>plan (https://example.org/plan) https://example.org/x</p>');
    expect(renderMarkdown('[a](javascript:alert(1)) [b](//example.org) [c](data:text/html,x) [d][r]\n\n[r]: vbscript:x')).toBe(
      '<p>a (link removed) b (link removed) c (link removed) d (link removed)</p>',
    );
  });

  it('never loads an image: the alt text is shown', () => {
    expect(renderMarkdown('![family photo](https://example.org/p.jpg) ![](x.png)')).toBe('<p>[image not shown: family photo] [image not shown]</p>');
  });

  it('keeps ordinary markdown: headings, lists, emphasis, tables of text, quotes', () => {
    expect(renderMarkdown('## Health\n\n- **Dental** check *booked*\n\n> Wishes: to stay')).toBe(
      '<h2>Health</h2>\n<ul>\n<li><strong>Dental</strong> check <em>booked</em></li>\n</ul>\n<blockquote>\n<p>Wishes: to stay</p>\n</blockquote>',
    );
  });
});
