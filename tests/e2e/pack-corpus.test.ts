/**
 * `panel pack` on the pack corpus (tests/e2e/pack-corpus.ts), as a person runs it: the redacted pack into
 * an --out folder that does not exist yet, then the full pack beside it. Read back with pdftotext: the
 * redacted pack shows no name in any form people write it, no date of birth in any format, no case note;
 * the full pack loses no word of a very long action or case note over page breaks, wraps a long unbroken
 * line, and shows text meant to escape into CSS, and bidirectional controls, as text. And the writer's
 * refusals, which need no browser.
 */
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { panel } from '../cli/run.js';
import { HAVE_CHROMIUM } from './harness.js';
import { AS_OF, CHILDREN, dobForms, LONG_ACTION, LONG_NOTE, MEETING, NAME_FORMS, packCorpus, UNBROKEN } from './pack-corpus.js';
import { headerOf, pagesOf, pdftotext } from './pdf-read.js';

const run = HAVE_CHROMIUM || !!process.env.CI;

describe('panel pack --out: the writer', () => {
  let root: string;
  let work: string;
  beforeAll(() => {
    root = packCorpus();
    work = mkdtempSync(path.join(tmpdir(), 'panel-pack-out-'));
  });
  const pack = (...args: string[]) => panel(['pack', '--root', root, '--as-of', AS_OF, ...args]);

  it('never replaces an existing PDF without --force, and never writes through a link', () => {
    const out = path.join(work, 'existing');
    mkdirSync(out);
    writeFileSync(path.join(out, `pack-${MEETING}.pdf`), 'old pack');
    const r = pack('--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`pack-${MEETING}.pdf already exists; it was left unchanged (use --force to replace it)`);
    expect(readFileSync(path.join(out, `pack-${MEETING}.pdf`), 'utf8')).toBe('old pack');
    const secret = path.join(work, 'secret.txt');
    writeFileSync(secret, 'not a pack');
    symlinkSync(secret, path.join(out, `pack-${MEETING}-redacted.pdf`));
    const l = pack('--out', out, '--redact');
    expect(l.code).toBe(2);
    expect(l.stderr).toContain('already exists');
    expect(readFileSync(secret, 'utf8')).toBe('not a pack');
    expect(readlinkSync(path.join(out, `pack-${MEETING}-redacted.pdf`))).toBe(secret);
  });

  it('a file where the --out folder should be, or in the way of making it: a clear message naming --out, no stack trace', () => {
    const file = path.join(work, 'a-file');
    writeFileSync(file, 'x');
    for (const out of [file, path.join(file, 'below')]) {
      const r = pack('--out', out);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^panel: --out /);
      expect(r.stderr).not.toContain('--root');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('panel check shows bidirectional controls from a file instead of obeying them', () => {
    const r = panel(['check', '--root', root, '--as-of', AS_OF]);
    expect(r.stdout).toContain('⟨U+202E⟩gnp.exe');
    expect(r.stdout).not.toContain('\u202E');
  });

  it('a folder where the PDF should be: a clear message', () => {
    const out = path.join(work, 'folder-in-the-way');
    mkdirSync(path.join(out, `pack-${MEETING}.pdf`), { recursive: true });
    const r = pack('--out', out, '--force');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a folder');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe.runIf(run)('panel pack on the pack corpus', () => {
  let out: string;
  let full: string[];
  let redacted: string[];
  let written: string;

  beforeAll(() => {
    const root = packCorpus();
    out = path.join(mkdtempSync(path.join(tmpdir(), 'panel-pack-corpus-out-')), 'not', 'yet', 'made');
    const r1 = panel(['pack', '--root', root, '--as-of', AS_OF, '--redact', '--out', out]);
    if (r1.code !== 0) throw new Error(`panel pack --redact failed: ${r1.stdout}\n${r1.stderr}`);
    written = r1.stdout;
    const r2 = panel(['pack', '--root', root, '--as-of', AS_OF, '--out', out]);
    if (r2.code !== 0) throw new Error(`panel pack failed: ${r2.stdout}\n${r2.stderr}`);
    redacted = pagesOf(pdftotext(path.join(out, `pack-${MEETING}-redacted.pdf`)));
    full = pagesOf(pdftotext(path.join(out, `pack-${MEETING}.pdf`)));
  }, 600_000);

  it('makes the missing --out folder, writes only the pack asked for, and says so (no progress bar when not on a terminal)', () => {
    expect(lstatSync(out).isDirectory()).toBe(true);
    expect(written).toMatch(/^Wrote .*pack-2026-12-04-redacted\.pdf \(\d+ pages, clocks as of 2026-11-22\)\.\n$/);
    expect(written).not.toContain('\r');
  });

  it('the redacted pack shows no name in any form: possessives, apostrophes, accents, parts, the former name', () => {
    const text = redacted.join('\n').normalize('NFC');
    for (const form of NAME_FORMS) expect(text, form).not.toMatch(new RegExp(`(^|[^\\p{L}])${form.normalize('NFC').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\p{L}]|$)`, 'iu'));
    for (const c of CHILDREN) expect(text).toContain(`(${c.id})`);
    expect(text).toContain('Z.O.S. (P-0001)');
    expect(text).toContain('A.M.C.F. (P-0002)');
  });

  it('the redacted pack shows no date of birth in any format, current or corrected', () => {
    const text = redacted.join('\n');
    for (const c of CHILDREN) for (const dob of [c.dob, c.formerDob].filter(Boolean) as string[]) for (const form of dobForms(dob)) expect(text, form).not.toContain(form);
    // The change is said without its values.
    expect(text).toMatch(/Date of birth corrected/);
    expect(text).toMatch(/Name changed/);
  });

  it('the redacted pack has no case notes', () => {
    const text = redacted.join('\n');
    for (const w of [LONG_NOTE[0], LONG_NOTE.at(-1)!, 'First notes', 'sisters', 'Notes about']) expect(text).not.toContain(w);
    expect(text).not.toContain('Summary for panel');
  });

  it('loses no word of a very long action or case note over page breaks (both packs for the action)', () => {
    const all = full.join('\n');
    const missingNote = LONG_NOTE.filter((w) => !all.includes(w));
    const missingAction = LONG_ACTION.filter((w) => !all.includes(w));
    expect(missingNote).toEqual([]);
    expect(missingAction).toEqual([]);
    expect(LONG_ACTION.filter((w) => !redacted.join('\n').includes(w))).toEqual([]);
    // The note runs over several pages.
    expect(full.filter((p) => p.includes('noteword')).length).toBeGreaterThan(2);
  });

  it('wraps a long unbroken line instead of clipping it', () => {
    const flat = full.join('').replace(/\s+/g, '');
    expect(flat).toContain(UNBROKEN);
  });

  it('shows text meant to escape into CSS, in the running header too, as text; bidi controls visibly', () => {
    const eve = full.findIndex((p) => /^\s*3\. Eve /m.test(p) && !/^\s*Contents\s*$/m.test(p));
    expect(eve).toBeGreaterThan(0);
    const header = headerOf(full[eve]);
    expect(header).toContain('Eve "\\"; }');
    expect(header).toContain('⟨U+202E⟩');
    expect(full.join('\n')).not.toContain('\u202E');
    expect(full.join('\n')).toContain('⟨U+202E⟩desrever⟨U+202C⟩');
    // Every page still has its marking and number: nothing broke the page styles.
    full.forEach((p, i) => {
      expect(p).toContain(`Page ${i + 1} of ${full.length}`);
      expect(p.match(/OFFICIAL-SENSITIVE/g)!.length).toBeGreaterThanOrEqual(2);
    });
  });
});
