/**
 * What buildSite computes beside the Astro build and hands to it (src/data/site-beside.ts) is exactly what the
 * build would compute itself, after the trip through JSON, and is only ever used for the same data root and date.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/components/markdown.js';
import { readableCases, readDataRoot } from '../../src/data/data-root.js';
import { PACKAGE_ROOT } from '../../src/data/package-root.js';
import { agendaOf, computeBeside, notesOf, readBesideFile, readingsOf, receivedData, sendableData, themesOf, type BesideKind } from '../../src/data/site-beside.js';
import { mustFix } from '../../src/domain/partial.js';
import { buildSiteModel } from '../../src/data/site.js';
import { writeSyntheticRoot } from '../../scripts/synthetic.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'panel-site-beside-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const synthetic = writeSyntheticRoot(path.join(tmp, 'synthetic'), 150);
const fixture = path.join(PACKAGE_ROOT, 'tests', 'fixtures', 'hardening');

describe('work done beside the site build', () => {
  for (const [name, root, asOf] of [
    ['the demo', PACKAGE_ROOT, '2026-12-04'],
    ['150 generated cases', synthetic, '2026-11-20'],
    ['the hardening fixture (invalid files)', fixture, '2026-11-20'],
  ] as const) {
    it(`sends what the build computes itself, in the order the pages need it: ${name}`, async () => {
      const dir = mkdtempSync(path.join(tmp, 'sent-'));
      const sent: [BesideKind, string][] = [];
      await computeBeside(root, asOf, dir, (kind, file) => sent.push([kind, file]));
      expect(sent.map(([kind]) => kind)).toEqual(['data', 'readings', 'agenda', 'notes', 'themes']);
      const file = (kind: BesideKind) => sent.find(([k]) => k === kind)![1];
      const data = readDataRoot(root);
      expect(readBesideFile<'readings'>(file('readings'), root, asOf)).toStrictEqual(readingsOf(data, asOf));
      // The data root as read, received: the same files, each invalid file's child marked as it was, and the
      // engine reading it as it reads the files themselves (its lines from the files' own line lookups).
      const received = receivedData(readBesideFile<'data'>(file('data'), root, asOf)!);
      const plain = (d: typeof data) => ({ ...d, calendar: null, cases: d.cases.map(({ locate: _, ...c }) => c), meetings: d.meetings.map(({ locate: _, ...m }) => m) });
      expect(plain(received)).toStrictEqual(plain(data));
      expect(received.cases.map((c) => c.readable && mustFix(c.readable))).toStrictEqual(data.cases.map((c) => c.readable && mustFix(c.readable)));
      expect(received.cases.map((c) => c.value === c.readable)).toStrictEqual(data.cases.map((c) => c.value === c.readable));
      expect(readingsOf(received, asOf)).toStrictEqual(readingsOf(data, asOf));
      expect(received.cases.map((c) => c.locate(['id']))).toStrictEqual(data.cases.map((c) => c.locate(['id'])));
      if (root === fixture) expect(received.cases.filter((c) => c.readable && mustFix(c.readable)).length).toBeGreaterThan(5);
      expect(readBesideFile<'notes'>(file('notes'), root, asOf)).toStrictEqual(readableCases(data).map((c) => [c.readable.id, renderMarkdown(c.body)]));
      expect(readBesideFile<'themes'>(file('themes'), root, asOf)).toStrictEqual(themesOf(data, asOf));
      const agenda = readBesideFile<'agenda'>(file('agenda'), root, asOf);
      expect(agenda).toStrictEqual(agendaOf(data, asOf));
      expect(agenda!.agenda.date).toBe(agenda!.date);
      // The model built from the readings sent is the model built alone (what the pages read of it, beside the
      // files read again, whose line lookups are functions of each read).
      const pick = ({ findings, clocks, rows, invalid, nextMeeting, bodies, byId }: ReturnType<typeof buildSiteModel>) => ({ findings, clocks, rows, invalid, nextMeeting, bodies, byId });
      const alone = pick(buildSiteModel(root, asOf));
      expect(pick(buildSiteModel(root, asOf, readBesideFile<'readings'>(file('readings'), root, asOf)))).toStrictEqual(alone);
      expect(pick(buildSiteModel(root, asOf, readBesideFile<'readings'>(file('readings'), root, asOf), received))).toStrictEqual(alone);
      expect(pick(buildSiteModel(root, asOf, null, receivedData(sendableData(readDataRoot(root)))))).toStrictEqual(alone);
      expect(alone.rows.length).toBeGreaterThan(0);
      expect(new Map(notesOf(data)).size).toBe(alone.bodies.size);
    });
  }

  it('is not used for another data root or date, nor from a file that is missing or cut', async () => {
    const dir = mkdtempSync(path.join(tmp, 'sent-'));
    const sent = new Map<BesideKind, string>();
    await computeBeside(synthetic, '2026-11-20', dir, (kind, file) => sent.set(kind, file));
    const themes = sent.get('themes')!;
    expect(readBesideFile(themes, synthetic, '2026-11-20')).not.toBeNull();
    expect(readBesideFile(themes, PACKAGE_ROOT, '2026-11-20')).toBeNull();
    expect(readBesideFile(themes, synthetic, '2026-11-21')).toBeNull();
    expect(readBesideFile(null, synthetic, '2026-11-20')).toBeNull();
    expect(readBesideFile(path.join(dir, 'nothing.json'), synthetic, '2026-11-20')).toBeNull();
    const cut = path.join(dir, 'cut.json');
    (await import('node:fs')).writeFileSync(cut, readFileSync(themes, 'utf8').slice(0, 200));
    expect(readBesideFile(cut, synthetic, '2026-11-20')).toBeNull();
  });

  it('sends nothing for a data root that cannot be read (the build reports it)', async () => {
    const sent: string[] = [];
    await computeBeside(path.join(PACKAGE_ROOT, 'tests', 'fixtures', 'bad-policy'), '2026-11-20', mkdtempSync(path.join(tmp, 'sent-')), (kind) => sent.push(kind));
    expect(sent).toEqual([]);
  });
});
