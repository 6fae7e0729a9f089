/**
 * A case file that cannot be read at all (empty, binary) keeps its child on the tracker, but nothing is said
 * of the child that was not read: never "On track", "Every clock is on track", "Not looked after" or "No
 * proceedings". The most serious item says the file must be fixed, a field whose value could not be read
 * says so, and the findings lead with the file's problem: on the tracker row, the child page's words and
 * the pack's section for the child.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateDataRoot, readDataRoot } from '../../src/data/data-root.js';
import { trackerRows } from '../../src/data/site.js';
import { writePackPages } from '../../src/data/pack-build.js';
import { legalStatusGroup, legalStatusLabel, nothingOpenText } from '../../src/domain/tracker.js';

const AS_OF = '2026-11-20';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A FICTIONAL child not looked after, in PLO with no proceedings, first panel due soon (so on the agenda). */
const VALID = ['---', 'id: C-1', 'name: Ada Example', 'dob: 2016-04-01', 'plo:', '  start: 2026-11-10', '---', 'Summary.', ''].join('\n');
const BROKEN: Record<string, string | Buffer> = {
  empty: '',
  binary: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe, 0x00, 0x01]),
};

function rootWith(broken: string | Buffer): string {
  const root = mkdtempSync(path.join(tmpdir(), 'panel-unreadable-'));
  dirs.push(root);
  mkdirSync(path.join(root, 'cases'));
  writeFileSync(path.join(root, 'cases', 'C-1.md'), VALID);
  writeFileSync(path.join(root, 'cases', 'C-3031.md'), broken);
  return root;
}

const NOT_READ_ITEM = 'Not read: the file must be fixed';
const NOT_READ_FIELD = 'Not read (the file must be fixed)';

describe.each(Object.entries(BROKEN))('a case file that cannot be read at all (%s), beside a valid one', (_, broken) => {
  const root = rootWith(broken);
  const data = readDataRoot(root);
  const { findings } = evaluateDataRoot(data, AS_OF);
  const { rows } = trackerRows(data, AS_OF, findings);
  const row = rows.find((r) => r.id === 'C-3031')!;
  const valid = rows.find((r) => r.id === 'C-1')!;

  it('tracker row: red, must fix, and its most serious item says it was not read (never "On track")', () => {
    expect(row).toMatchObject({ rag: 'red', file: 'cases/C-3031.md' });
    expect(row.mustFix?.unreadable.length).toBeGreaterThan(0);
    expect(row.open).toEqual([]);
    expect(nothingOpenText(row)).toBe(NOT_READ_ITEM);
    // Its legal status is not read, not "Not looked after" (the tracker, the dashboard's groups).
    expect(legalStatusLabel(row)).toBe(NOT_READ_FIELD);
    expect(legalStatusGroup(row)).toBe(NOT_READ_FIELD);
    // The valid child beside it is unchanged.
    expect(nothingOpenText(valid)).toBe('On track');
    expect(legalStatusLabel(valid)).toBe('Not looked after (PLO or proceedings)');
  });

  it("child page: the findings lead with the file's problem, even though `panel check` cannot name the child", () => {
    // (The check's finding has child null: the id was only taken from the file name.)
    expect(findings.find((f) => f.file === 'cases/C-3031.md')).toMatchObject({ rule: 'schema', child: null });
    expect(row.findings[0]).toMatchObject({ rule: 'schema', file: 'cases/C-3031.md', status: 'invalid' });
    expect(row.findings[0].message).toContain('No clock of this child can be read until the file is fixed');
    expect(valid.findings.map((f) => f.rule)).toEqual(['first-panel']);
  });

  it("pack: the child's section says what was not read, and its findings lead with the file's problem", async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'panel-unreadable-pack-'));
    dirs.push(dist);
    const { routes } = await writePackPages({ root, asOf: AS_OF, dist, variants: ['full'] });
    const html = readFileSync(path.join(dist, routes.full!), 'utf8');
    const sections = html.split('<section class="pack-part pack-child"');
    const section = sections.find((s) => s.startsWith(' id="child-C-3031"'))!;
    expect(section).toBeDefined();
    expect(section).toContain(`<dt>Legal status</dt><dd>${NOT_READ_FIELD}</dd>`);
    expect(section).toContain(`<dt>Looked after</dt><dd>${NOT_READ_FIELD}</dd>`);
    expect(section).toContain(`<dt>PLO / proceedings</dt><dd>${NOT_READ_FIELD}</dd>`);
    expect(section).toContain(`<dt>Siblings</dt><dd>${NOT_READ_FIELD}</dd>`);
    expect(section).toContain('Panel discussions: not read (the file must be fixed).');
    for (const made_up of ['Every clock is on track', 'Not looked after', 'No proceedings', 'On track', 'None tracked', 'not yet agreed', 'Not yet discussed at panel']) expect(section).not.toContain(made_up);
    // Nor in the pack's summary tracker: its plan agreed and last panel are not read, not "Not yet" / "Never".
    const summaryRow = html.slice(html.indexOf('<span class="muted">C-3031</span>'));
    expect(summaryRow.slice(0, summaryRow.indexOf('</tr>'))).toMatch(/<td>Not read<\/td> <td>Not read<\/td>/);
    const findingsPart = section.slice(section.indexOf('<h2>Findings</h2>'));
    const first = findingsPart.slice(findingsPart.indexOf('<li>'), findingsPart.indexOf('</li>'));
    expect(first).toContain('No clock of this child can be read until the file is fixed');
    // The valid child's section still says what is true of it.
    const good = sections.find((s) => s.startsWith(' id="child-C-1"'))!;
    expect(good).toContain('<dt>Legal status</dt><dd>Not looked after</dd>');
    expect(good).toContain('<dt>PLO / proceedings</dt><dd>PLO from 10 Nov 2026. No proceedings</dd>');
    expect(good).toContain('<dt>Siblings</dt><dd>None tracked</dd>');
    expect(good).toContain('not yet agreed');
    expect(good).toContain('Not yet discussed at panel.');
  }, 120_000);
});
