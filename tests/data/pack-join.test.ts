/**
 * The pack's join takes each chunk as soon as it is printed, in whatever order the browser finishes them:
 * the joined PDF must not depend on that order (same bytes), and its pages, bookmarks and links must be in
 * pack order. Chunks made here with pdf-lib (each chunk's pages a width of their own, to tell them apart).
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { joinPack, PackJoin, type Chunk, type ChunkLayout } from '../../src/data/pack-join.js';

const HEIGHT = 841.92;

async function chunk(index: number, pages: number, id: string, linkTo: string | null): Promise<Chunk> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([500 + index, HEIGHT]);
    if (i === 0 && linkTo) {
      const annot = doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [10, 10, 100, 30], A: { S: 'URI', URI: PDFString.of(`http://127.0.0.1:1/pack/index.html#${linkTo}`) } });
      page.node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(annot)]));
    }
  }
  const layout: ChunkLayout = {
    pages,
    parts: [{ id, page: 0, y: 0, height: HEIGHT / 0.75 }],
    headings: [{ level: 1, text: `Part ${id}`, page: 0, y: 0, height: HEIGHT / 0.75 }],
  };
  return { pdf: await doc.save(), layout };
}

describe('PackJoin', () => {
  it('gives the same PDF whatever order the chunks arrive in, with pages, bookmarks and links in pack order', async () => {
    const chunks = [await chunk(0, 2, 'cover', 'c'), await chunk(1, 1, 'a', null), await chunk(2, 3, 'b', null), await chunk(3, 1, 'c', 'a')];
    const serial = await joinPack(chunks, { title: 'Pack' });
    for (const order of [[3, 1, 0, 2], [0, 1, 2, 3], [2, 3, 1, 0]]) {
      const join = await PackJoin.create(chunks.length);
      for (const i of order) await join.add(i, chunks[i]);
      expect(Buffer.from(await join.finish({ title: 'Pack' })).equals(Buffer.from(serial))).toBe(true);
    }
    const doc = await PDFDocument.load(serial);
    expect(doc.getPages().map((p) => p.getWidth())).toEqual([500, 500, 501, 502, 502, 502, 503]);
    expect(doc.getTitle()).toBe('Pack');
    // Bookmarks in pack order.
    const outlines = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    const titles: string[] = [];
    for (let item = outlines.lookupMaybe(PDFName.of('First'), PDFDict); item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      titles.push((item.lookup(PDFName.of('Title')) as unknown as { decodeText(): string }).decodeText());
    }
    expect(titles).toEqual(['Part cover', 'Part a', 'Part b', 'Part c']);
    // The cover's link points at part c's page (the 7th), the last chunk's at part a's (the 3rd).
    const destPage = (pageIndex: number) => {
      const annots = doc.getPages()[pageIndex].node.lookup(PDFName.of('Annots'), PDFArray);
      const dest = (annots.lookup(0, PDFDict) as PDFDict).lookup(PDFName.of('Dest'), PDFArray);
      return doc.getPages().findIndex((p) => p.ref === dest.get(0));
    };
    expect(destPage(0)).toBe(6);
    expect(destPage(6)).toBe(2);
  });

  it('refuses to finish with a chunk missing', async () => {
    const join = await PackJoin.create(2);
    await join.add(1, await chunk(1, 1, 'a', null));
    await expect(join.finish({ title: 'Pack' })).rejects.toThrow(/1 of 2 chunks missing/);
  });
});
