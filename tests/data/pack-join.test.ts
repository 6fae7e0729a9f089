/**
 * The pack's join takes each chunk as soon as it is printed, in whatever order the browser finishes them:
 * the joined PDF must not depend on that order (same bytes), and its pages, bookmarks and links must be in
 * pack order. Chunks made here with pdf-lib (each chunk's pages a width of their own, to tell them apart).
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { joinPack, PackJoin, referencesIn, type Chunk, type ChunkLayout } from '../../src/data/pack-join.js';

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

/**
 * A tagged chunk as Chromium prints one: pages with content, a structure tree (Document, then a P per page
 * with its marked content, a Link with its annotation), a parent tree, and texts that look like references.
 */
async function taggedChunk(index: number, pages: number, objectStreams: boolean): Promise<Chunk> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const ctx = doc.context;
  const rootRef = ctx.nextRef();
  const documentRef = ctx.nextRef();
  const kids: PDFRef[] = [];
  const nums: PDFObject[] = [];
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([500, HEIGHT]);
    const content = ctx.register(ctx.flateStream(`/P <</MCID 0>> BDC BT /F1 12 Tf 72 700 Td (chunk ${index} page ${i} 3 0 R) Tj ET EMC`));
    page.node.set(PDFName.of('Contents'), content);
    page.node.set(PDFName.of('StructParents'), PDFNumber.of(2 * i));
    const p = ctx.register(ctx.obj({ Type: 'StructElem', S: 'P', P: documentRef, Pg: page.ref, K: [0], Alt: PDFString.of(`text (with 9 0 R) and \\) ${index}.${i}`) }));
    kids.push(p);
    nums.push(PDFNumber.of(2 * i), ctx.obj([p]));
    const annot = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Link', Rect: [10, 10, 100, 30], StructParent: 2 * i + 1, Dest: PDFName.of(i ? 'a' : 'b') }));
    page.node.set(PDFName.of('Annots'), ctx.obj([annot]));
    const link = ctx.register(ctx.obj({ Type: 'StructElem', S: 'Link', P: documentRef, Pg: page.ref, K: [ctx.obj({ Type: 'OBJR', Obj: annot, Pg: page.ref })] }));
    kids.push(link);
    nums.push(PDFNumber.of(2 * i + 1), link);
  }
  ctx.assign(documentRef, ctx.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: kids }));
  ctx.assign(rootRef, ctx.obj({ Type: 'StructTreeRoot', K: documentRef, ParentTree: ctx.register(ctx.obj({ Nums: nums })), ParentTreeNextKey: 2 * pages }));
  doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  const layout: ChunkLayout = { pages, parts: [{ id: index ? 'a' : 'b', page: 0, y: 0, height: HEIGHT / 0.75 }], headings: [] };
  return { pdf: await doc.save({ useObjectStreams: objectStreams }), layout };
}

/** What a reader gets from a joined PDF's tags: each element, its parent, page, contents and text; the parent tree. */
async function tagsOf(pdf: Uint8Array) {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pages = doc.getPages().map((p) => p.ref);
  const pageOf = (o: PDFObject | undefined) => (o instanceof PDFRef ? pages.indexOf(o) : null);
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  const documentRef = root.get(PDFName.of('K')) as PDFRef;
  const elements = doc.context.lookup(documentRef, PDFDict).lookup(PDFName.of('K'), PDFArray).asArray().map((ref) => {
    const el = doc.context.lookup(ref, PDFDict);
    const objr = el.lookup(PDFName.of('K'), PDFArray).lookup(0);
    return {
      s: (el.get(PDFName.of('S')) as PDFName).decodeText(),
      parentIsDocument: el.get(PDFName.of('P')) === documentRef,
      page: pageOf(el.get(PDFName.of('Pg'))),
      alt: (el.lookupMaybe(PDFName.of('Alt'), PDFString) ?? null)?.decodeText() ?? null,
      annotOnPage: objr instanceof PDFDict ? pageOf(objr.get(PDFName.of('Pg'))) : null,
    };
  });
  const nums = root.lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray);
  const parentTree: [number, number][] = [];
  const elementRefs = doc.context.lookup(documentRef, PDFDict).lookup(PDFName.of('K'), PDFArray).asArray();
  for (let i = 0; i < nums.size(); i += 2) {
    const value = nums.get(i + 1);
    const el = value instanceof PDFRef ? value : (nums.lookup(i + 1, PDFArray).get(0) as PDFRef);
    parentTree.push([(nums.get(i) as PDFNumber).asNumber(), elementRefs.indexOf(el)]);
  }
  const keys = doc.getPages().map((p) => [
    (p.node.get(PDFName.of('StructParents')) as PDFNumber).asNumber(),
    (doc.context.lookup(p.node.lookup(PDFName.of('Annots'), PDFArray).get(0), PDFDict).get(PDFName.of('StructParent')) as PDFNumber).asNumber(),
  ]);
  return { elements, parentTree, keys, next: (root.get(PDFName.of('ParentTreeNextKey')) as PDFNumber).asNumber() };
}

describe('PackJoin, tags', () => {
  it("moves each chunk's tags under one Document, renumbered, reading Chromium's layout and any other alike", async () => {
    const plain = [await taggedChunk(0, 2, false), await taggedChunk(1, 3, false)];
    const tags = await tagsOf(await joinPack(plain, { title: 'Pack' }));
    // Every element under the joined Document, on its page, its text as written (however much it looks like a reference).
    expect(tags.elements).toHaveLength(10);
    expect(tags.elements.every((e) => e.parentIsDocument)).toBe(true);
    expect(tags.elements.map((e) => e.page)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(tags.elements.filter((e) => e.s === 'Link').map((e) => e.annotOnPage)).toEqual([0, 1, 2, 3, 4]);
    expect(tags.elements[6].alt).toBe('text (with 9 0 R) and ) 1.1');
    // The parent tree's keys follow on from one chunk to the next (in the order chunks are copied: the
    // first, printed last, after the others), each page's and link's key leading to its own element.
    expect(tags.keys.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    const parentOf = new Map(tags.parentTree);
    tags.keys.forEach(([page, link], i) => {
      expect(parentOf.get(page)).toBe(2 * i);
      expect(parentOf.get(link)).toBe(2 * i + 1);
    });
    expect(tags.next).toBe(10);
    // The same chunks written with object streams (not Chromium's layout) give the same tags.
    const streams = [await taggedChunk(0, 2, true), await taggedChunk(1, 3, true)];
    expect(await tagsOf(await joinPack(streams, { title: 'Pack' }))).toEqual(tags);
  });

  it('finds references outside strings, names and stream data', () => {
    const text = '<</A 1 0 R /B [2 0 R 3 0 R] /S (a 4 0 R \\) 5 0 R (6 0 R)) /H <4142> /R 7 0 R /N 1.5 0 R /M /8 0 R % 9 0 R\n/L 10 0 R>>\nstream\n11 0 R\nendstream';
    const bytes = new TextEncoder().encode(text);
    const { refs, stream } = referencesIn(bytes, 0, bytes.length);
    expect(stream).toBe(true);
    const found = [];
    for (let k = 0; k < refs.length; k += 3) found.push([refs[k + 2], text.slice(refs[k], refs[k + 1])]);
    expect(found).toEqual([[1, '1 0'], [2, '2 0'], [3, '3 0'], [7, '7 0'], [10, '10 0']]);
  });
});
