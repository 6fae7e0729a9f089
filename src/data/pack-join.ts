/**
 * Joins the meeting pack's chunks (each a PDF printed by Chromium from a few parts of the pack, paginated
 * by Paged.js in parallel) into one PDF with pdf-lib, keeping what a single print would have:
 * - every page, in order, with its content, fonts and links;
 * - the tags (tagged PDF): each chunk's structure tree is copied under one Document element, with the
 *   parent tree renumbered so every page's and link's structure keys stay unique;
 * - links between parts of the pack (contents, agenda) pointed at the page the part landed on in the
 *   joined PDF; a link that leads out of the pack is dropped (the PDF refers to no other host);
 * - bookmarks (the outline) from the pack's h1 and h2 headings, nested;
 * - "Page N of M" on every page, written here because only the joined PDF knows N and M, marked as an
 *   artifact (pagination, not content) for screen readers;
 * - the title, the language and "display the title".
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFObjectCopier,
  PDFPage,
  PDFPageLeaf,
  PDFRef,
  PDFString,
  StandardFonts,
  beginMarkedContent,
  endMarkedContent,
  rgb,
  type PDFObject,
} from 'pdf-lib';

/** Where things landed in a chunk, as measured in the browser (CSS px from the top of each page). */
export interface ChunkLayout {
  pages: number;
  parts: { id: string; page: number; y: number; height: number }[];
  headings: { level: 1 | 2; text: string; page: number; y: number; height: number }[];
}

export interface Chunk {
  pdf: Uint8Array;
  layout: ChunkLayout;
}

export interface JoinOptions {
  title: string;
  lang?: string;
}

interface Target {
  page: number;
  /** PDF user space: points from the bottom of the page. */
  top: number;
}

const N = (s: string) => PDFName.of(s);

/** The global page number of the first page of each chunk, and the total. */
export function pageOffsets(layouts: readonly Pick<ChunkLayout, 'pages'>[]): { offsets: number[]; total: number } {
  const offsets: number[] = [];
  let total = 0;
  for (const l of layouts) {
    offsets.push(total);
    total += l.pages;
  }
  return { offsets, total };
}

/** The page (1-based) each part of the pack starts on, by id: for the contents page. */
export function partPages(layouts: readonly ChunkLayout[]): Map<string, number> {
  const { offsets } = pageOffsets(layouts);
  const out = new Map<string, number>();
  layouts.forEach((l, i) => l.parts.forEach((p) => out.set(p.id, offsets[i] + p.page + 1)));
  return out;
}

function fragmentOf(dict: PDFDict, lookupName: (n: PDFObject | undefined) => string | null): string | null {
  const dest = dict.get(N('Dest'));
  const fromDest = lookupName(dest);
  if (fromDest !== null) return fromDest;
  const action = dict.lookupMaybe(N('A'), PDFDict);
  const uri = action?.lookup(N('URI'));
  if (uri instanceof PDFString || uri instanceof PDFHexString) {
    const hash = uri.decodeText().split('#')[1];
    return hash ? decodeURIComponent(hash) : '';
  }
  return action ? '' : null;
}

/**
 * A join built as the chunks arrive: each chunk's pages, tags and links are copied as soon as it is printed
 * (while the browser still works on the others), in a fixed order (`copyOrder`: the chunks after the first
 * in pack order, then the first, which is printed last), so the same chunks always give the same PDF; the
 * pages, the tags and the bookmarks are put in pack order when the join is finished.
 */
export class PackJoin {
  private readonly pageRefs: PDFRef[][] = [];
  private readonly pageHeights: number[][] = [];
  private readonly scales: number[] = [];
  private readonly layouts: ChunkLayout[] = [];
  private readonly documentKids: PDFObject[][] = [];
  private readonly nums: [number, PDFObject][] = [];
  private readonly links: { annot: PDFDict; target: string | null }[] = [];
  private readonly waiting = new Map<number, Chunk>();
  private nextKey = 0;
  private copied = 0;
  private readonly documentRef: PDFRef;
  private readonly rootRef: PDFRef;

  private constructor(
    private readonly out: PDFDocument,
    private readonly count: number,
  ) {
    // Tags: one Document element holding every chunk's elements; parent tree keys renumbered.
    this.documentRef = out.context.nextRef();
    this.rootRef = out.context.nextRef();
  }

  static async create(count: number): Promise<PackJoin> {
    return new PackJoin(await PDFDocument.create({ updateMetadata: false }), count);
  }

  /** The order chunks are copied in: 1, 2, ... then 0 (the front, with the contents page, is printed last). */
  static copyOrder(count: number): number[] {
    return [...Array.from({ length: Math.max(0, count - 1) }, (_, i) => i + 1), ...(count ? [0] : [])];
  }

  /** A chunk, as soon as it is printed: copied now if every chunk before it in `copyOrder` has been. */
  async add(index: number, chunk: Chunk): Promise<void> {
    this.waiting.set(index, chunk);
    const order = PackJoin.copyOrder(this.count);
    for (let next = order[this.copied]; next !== undefined && this.waiting.has(next); next = order[this.copied]) {
      const c = this.waiting.get(next)!;
      this.waiting.delete(next);
      await this.copy(next, c);
      this.copied++;
    }
  }

  private async copy(index: number, chunk: Chunk): Promise<void> {
    const ctx = this.out.context;
    // Parsed and written in one go: pdf-lib otherwise yields to the event loop every 100 objects.
    const src = await PDFDocument.load(chunk.pdf, { updateMetadata: false, parseSpeed: Infinity });
    const copier = PDFObjectCopier.for(src.context, ctx);
    const structRoot = src.catalog.lookupMaybe(N('StructTreeRoot'), PDFDict);
    const keyBase = this.nextKey;
    const lookupName = (d: PDFObject | undefined): string | null => {
      if (d instanceof PDFName) return d.decodeText();
      if (d instanceof PDFString || d instanceof PDFHexString) return d.decodeText();
      return null;
    };
    const refs: PDFRef[] = [];
    const heights: number[] = [];
    const srcPages = src.getPages();
    for (const page of srcPages) {
      // (Copied without a parent: the page tree is made, in pack order, when the join is finished.)
      const ref = copier.copy(page.ref) as PDFRef;
      const leaf = ctx.lookup(ref) as PDFPageLeaf;
      refs.push(ref);
      heights.push(PDFPage.of(leaf, ref, this.out).getSize().height);
      const key = leaf.lookupMaybe(N('StructParents'), PDFNumber);
      if (key) leaf.set(N('StructParents'), PDFNumber.of(key.asNumber() + keyBase));
      for (const annotRef of leaf.lookupMaybe(N('Annots'), PDFArray)?.asArray() ?? []) {
        const annot = ctx.lookup(annotRef);
        if (!(annot instanceof PDFDict)) continue;
        const sp = annot.lookupMaybe(N('StructParent'), PDFNumber);
        if (sp) annot.set(N('StructParent'), PDFNumber.of(sp.asNumber() + keyBase));
        if (annot.lookup(N('Subtype')) === N('Link')) this.links.push({ annot, target: fragmentOf(annot, lookupName) });
      }
    }
    this.pageRefs[index] = refs;
    this.pageHeights[index] = heights;
    this.layouts[index] = chunk.layout;
    // px (CSS, as measured) to points: the printed page is the CSS page.
    const firstHeight = srcPages[0]?.getSize().height ?? 841.92;
    this.scales[index] = chunk.layout.parts[0]?.height ? firstHeight / chunk.layout.parts[0].height : 0.75;

    const kidsOut: PDFObject[] = [];
    this.documentKids[index] = kidsOut;
    if (structRoot) {
      const docElem = structRoot.lookup(N('K'));
      const kids = docElem instanceof PDFDict ? [docElem] : docElem instanceof PDFArray ? docElem.asArray().map((r) => src.context.lookup(r)) : [];
      for (const kid of kids) {
        if (!(kid instanceof PDFDict)) continue;
        // Each chunk's Document element: its children move under the joined Document element.
        kid.delete(N('P'));
        const k = kid.get(N('K'));
        const list = k instanceof PDFArray ? k.asArray() : k ? [k] : [];
        for (const item of list) {
          const copied = copier.copy(item);
          const elem = copied instanceof PDFRef ? ctx.lookup(copied) : copied;
          if (elem instanceof PDFDict && elem.has(N('S'))) elem.set(N('P'), this.documentRef);
          kidsOut.push(copied);
        }
      }
      const parentTree = structRoot.lookupMaybe(N('ParentTree'), PDFDict);
      let maxKey = -1;
      const collect = (node: PDFDict) => {
        const pairs = node.lookupMaybe(N('Nums'), PDFArray);
        if (pairs) {
          for (let i = 0; i + 1 < pairs.size(); i += 2) {
            const key = (pairs.lookup(i) as PDFNumber).asNumber();
            this.nums.push([key + keyBase, copier.copy(pairs.get(i + 1))]);
            maxKey = Math.max(maxKey, key);
          }
        }
        for (const kid of node.lookupMaybe(N('Kids'), PDFArray)?.asArray() ?? []) collect(src.context.lookup(kid) as PDFDict);
      };
      if (parentTree) collect(parentTree);
      const next = structRoot.lookupMaybe(N('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? 0;
      this.nextKey = keyBase + Math.max(next, maxKey + 1);
    }
  }

  /** Every chunk added: the joined PDF. */
  async finish(opts: JoinOptions): Promise<Uint8Array> {
    if (this.copied !== this.count) throw new Error(`pack join: ${this.count - this.copied} of ${this.count} chunks missing`);
    const { out, layouts, nums, links, documentRef, rootRef } = this;
    const ctx = out.context;
    const { offsets, total } = pageOffsets(layouts);
    const pageRefs = this.pageRefs.flat();
    const pageHeights = this.pageHeights.flat();
    const scales = this.scales;
    for (const ref of pageRefs) out.addPage(PDFPage.of(ctx.lookup(ref) as PDFPageLeaf, ref, out));
    const documentKids = this.documentKids.flat();
    const chunks = layouts.map((layout) => ({ layout }));

    // Where each part and heading landed in the joined PDF.
    const targets = new Map<string, Target>();
    chunks.forEach((c, i) =>
      c.layout.parts.forEach((p) => targets.set(p.id, { page: offsets[i] + p.page, top: pageHeights[offsets[i] + p.page] - p.y * scales[i] })),
    );
    const dest = (t: Target) => ctx.obj([pageRefs[t.page], N('XYZ'), null, Math.max(0, Math.round(t.top)), null]);

    for (const { annot, target } of links) {
      annot.delete(N('A'));
      annot.delete(N('Dest'));
      const t = target ? targets.get(target) : undefined;
      if (t) annot.set(N('Dest'), dest(t));
    }

    // The structure tree.
    ctx.assign(documentRef, ctx.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: documentKids }));
    nums.sort((a, b) => a[0] - b[0]);
    const parentTree = ctx.obj({ Nums: nums.flat() });
    ctx.assign(rootRef, ctx.obj({ Type: 'StructTreeRoot', K: documentRef, ParentTree: ctx.register(parentTree), ParentTreeNextKey: this.nextKey }));
    out.catalog.set(N('StructTreeRoot'), rootRef);
    out.catalog.set(N('MarkInfo'), ctx.obj({ Marked: true }));

    // Bookmarks: h1 at the top level, h2 under the h1 before it.
    const headings = chunks.flatMap((c, i) => c.layout.headings.map((h) => ({ ...h, at: { page: offsets[i] + h.page, top: pageHeights[offsets[i] + h.page] - h.y * scales[i] } })));
    if (headings.length) {
      const outlinesRef = ctx.nextRef();
      type Node = { ref: PDFRef; dict: PDFDict; kids: Node[] };
      const top: Node[] = [];
      for (const h of headings) {
        if (!h.text) continue;
        const ref = ctx.nextRef();
        const dict = ctx.obj({ Title: PDFHexString.fromText(h.text), Dest: dest(h.at) });
        const node: Node = { ref, dict, kids: [] };
        if (h.level === 2 && top.length) top.at(-1)!.kids.push(node);
        else top.push(node);
      }
      const link = (list: Node[], parent: PDFRef) => {
        list.forEach((n, i) => {
          n.dict.set(N('Parent'), parent);
          if (i > 0) n.dict.set(N('Prev'), list[i - 1].ref);
          if (i < list.length - 1) n.dict.set(N('Next'), list[i + 1].ref);
          if (n.kids.length) {
            n.dict.set(N('First'), n.kids[0].ref);
            n.dict.set(N('Last'), n.kids.at(-1)!.ref);
            // Negative: closed at first, so the list of children reads at a glance.
            n.dict.set(N('Count'), PDFNumber.of(-n.kids.length));
            link(n.kids, n.ref);
          }
          ctx.assign(n.ref, n.dict);
        });
      };
      link(top, outlinesRef);
      ctx.assign(outlinesRef, ctx.obj({ Type: 'Outlines', First: top[0].ref, Last: top.at(-1)!.ref, Count: top.length }));
      out.catalog.set(N('Outlines'), outlinesRef);
    }

    // "Page N of M" in the bottom right margin, where the marking is on the left.
    const font = await out.embedFont(StandardFonts.Helvetica);
    const size = 8;
    out.getPages().forEach((page, i) => {
      const label = `Page ${i + 1} of ${total}`;
      const { width } = page.getSize();
      page.pushOperators(beginMarkedContent('Artifact'));
      page.drawText(label, { x: width - 45.35 - font.widthOfTextAtSize(label, size), y: 28, size, font, color: rgb(0.043, 0.047, 0.047) });
      page.pushOperators(endMarkedContent());
    });

    out.setTitle(opts.title, { showInWindowTitleBar: true });
    out.setLanguage(opts.lang ?? 'en');
    out.setProducer('Panel (Paged.js in Chromium, joined with pdf-lib)');
    out.setCreator('Panel');
    // Without object streams: much faster to write, a little larger.
    return out.save({ useObjectStreams: false, objectsPerTick: Infinity });
  }
}

/** Joins the chunks, in pack order, into one PDF. */
export async function joinPack(chunks: readonly Chunk[], opts: JoinOptions): Promise<Uint8Array> {
  const join = await PackJoin.create(chunks.length);
  for (const [i, chunk] of chunks.entries()) await join.add(i, chunk);
  return join.finish(opts);
}
