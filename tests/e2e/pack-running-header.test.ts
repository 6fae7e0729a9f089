/**
 * The running header with a long panel name (a council names its panel in panel.yaml): the name wraps
 * between its words and the meeting's date stays whole on one line, in the full and the redacted pack; the
 * redacted pack says so at the foot of every page. Built by `panel pack` as a council runs it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticRoot } from '../../scripts/synthetic.js';
import { panel } from '../cli/run.js';
import { HAVE_CHROMIUM } from './harness.js';
import { pagesOf, pdftotext } from './pdf-read.js';

const run = HAVE_CHROMIUM || !!process.env.CI;
const LONG_NAME = 'Permanence Planning, Tracking and Review Panel for Children in Care';

describe.runIf(run)('running header with a long panel name', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'panel-pack-header-'));
  const root = path.join(work, 'council');
  const out = path.join(work, 'out');
  let full: string[];
  let redacted: string[];

  beforeAll(() => {
    expect(panel(['init', root, '--council', 'Royal Borough of Somewhere-upon-Thames']).code).toBe(0);
    const yaml = path.join(root, 'panel.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^panel_name: .*$/m, `panel_name: "${LONG_NAME}"`));
    // Two generated children, written into the council's cases/ and meetings/ beside panel.yaml.
    writeSyntheticRoot(root, 2);
    for (const redact of [[], ['--redact']]) {
      const r = panel(['pack', '--root', root, '--as-of', '2027-06-01', '--out', out, ...redact]);
      expect(r.code, r.stderr).toBe(0);
    }
    full = pagesOf(pdftotext(path.join(out, 'pack-2027-06-04.pdf')));
    redacted = pagesOf(pdftotext(path.join(out, 'pack-2027-06-04-redacted.pdf')));
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('wraps the name between words and keeps the date whole, on every page but the cover', () => {
    for (const pack of [full, redacted]) {
      expect(pack.length).toBeGreaterThan(4);
      pack.slice(1).forEach((text, i) => {
        const top = text.split('\n').filter((l) => l.trim()).slice(0, 4).join('\n');
        // No line ends inside the date, and the date is there in one piece ("4 Jun 2027", no-break spaces).
        expect(top, `page ${i + 2}`).toMatch(/4\s+Jun\s+2027/);
        expect(top, `page ${i + 2}`).not.toMatch(/4\s+Jun\s*\n|4\s*\n\s*Jun/);
        expect(top.replace(/\s+/g, ' '), `page ${i + 2}`).toContain('Permanence Planning, Tracking and Review Panel');
      });
    }
  });

  it('says "Redacted copy" at the foot of every redacted page, and only there', () => {
    redacted.forEach((text, i) => expect(text.split('\n').filter((l) => l.trim()).at(-1), `page ${i + 1}`).toMatch(/^OFFICIAL-SENSITIVE\s+Redacted copy\s+Page \d+ of \d+$/));
    for (const text of full) expect(text).not.toContain('Redacted copy');
  });
});
