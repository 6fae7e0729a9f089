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
  PDFContentStream,
  PDFContext,
  PDFNumber,
  PDFPage,
  PDFPageLeaf,
  PDFRef,
  PDFStream,
  PDFString,
  StandardFonts,
  beginMarkedContent,
  degrees,
  drawLinesOfText,
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
  private readonly waiting = new Map<number, { src: PDFDocument; layout: ChunkLayout }>();
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

  /**
   * A chunk, as soon as it is printed: parsed now (whatever its turn), and moved in now if every chunk
   * before it in `copyOrder` has been.
   */
  async add(index: number, chunk: Chunk): Promise<void> {
    // Parsed in one go: pdf-lib otherwise yields to the event loop every 100 objects.
    const src = await PDFDocument.load(chunk.pdf, { updateMetadata: false, parseSpeed: Infinity });
    this.waiting.set(index, { src, layout: chunk.layout });
    const order = PackJoin.copyOrder(this.count);
    for (let next = order[this.copied]; next !== undefined && this.waiting.has(next); next = order[this.copied]) {
      const c = this.waiting.get(next)!;
      this.waiting.delete(next);
      this.copy(next, c.src, c.layout);
      this.copied++;
    }
  }

  /**
   * A chunk's pages, with everything they use, and its tags, moved into the joined PDF: the objects pdf-lib
   * parsed are renumbered and handed over as they are, not copied (pdf-lib's PDFObjectCopier clones every
   * object, and the tags of a pack are tens of thousands of small ones). The chunk's page tree, catalog and
   * structure tree root stay behind; its Document element becomes the joined one.
   */
  private copy(index: number, src: PDFDocument, layout: ChunkLayout): void {
    const ctx = this.out.context;
    const srcCtx = src.context;
    const structRoot = src.catalog.lookupMaybe(N('StructTreeRoot'), PDFDict);
    const keyBase = this.nextKey;
    const srcPages = src.getPages();

    // Where each object of the chunk goes: a new number, or the joined Document element for the chunk's own.
    const moved = new Map<PDFRef, PDFRef>();
    const docElem = structRoot?.get(N('K'));
    const docElems = docElem instanceof PDFRef ? [docElem] : docElem instanceof PDFArray ? docElem.asArray().filter((r): r is PDFRef => r instanceof PDFRef) : [];
    for (const ref of docElems) moved.set(ref, this.documentRef);
    for (const page of srcPages) {
      const leaf = page.node;
      // What a page inherits from the chunk's page tree is set on the page itself, and it leaves that tree.
      for (const name of PDFPageLeaf.InheritableEntries) {
        const key = N(name);
        const value = leaf.getInheritableAttribute(key);
        if (!leaf.get(key) && value) leaf.set(key, value);
      }
      leaf.delete(N('Parent'));
    }
    // The objects given a new number but not yet moved, as pairs laid flat (object, then its new reference):
    // one array for the tens of thousands of a pack's tags, not an array per object.
    const pending: (PDFObject | PDFRef)[] = [];
    const target = (ref: PDFRef): PDFRef => {
      let to = moved.get(ref);
      if (!to) {
        to = ctx.nextRef();
        moved.set(ref, to);
        const obj = srcCtx.lookup(ref);
        if (obj) pending.push(obj, to);
      }
      return to;
    };
    // Every reference in an object (and in the direct objects inside it) renumbered, in place.
    const renumber = (obj: PDFObject): void => {
      if (obj instanceof PDFDict) {
        (obj as unknown as { context: PDFContext }).context = ctx;
        for (const [key, value] of obj.entries()) {
          if (value instanceof PDFRef) obj.set(key, target(value));
          else if (value instanceof PDFDict || value instanceof PDFArray || value instanceof PDFStream) renumber(value);
        }
      } else if (obj instanceof PDFArray) {
        (obj as unknown as { context: PDFContext }).context = ctx;
        for (let i = 0; i < obj.size(); i++) {
          const value = obj.get(i);
          if (value instanceof PDFRef) obj.set(i, target(value));
          else if (value instanceof PDFDict || value instanceof PDFArray || value instanceof PDFStream) renumber(value);
        }
      } else if (obj instanceof PDFStream) renumber(obj.dict);
    };
    const move = (): void => {
      while (pending.length) {
        const to = pending.pop() as PDFRef;
        const obj = pending.pop() as PDFObject;
        renumber(obj);
        ctx.assign(to, obj);
      }
    };

    const refs = srcPages.map((page) => target(page.ref));
    move();
    const lookupName = (d: PDFObject | undefined): string | null => {
      if (d instanceof PDFName) return d.decodeText();
      if (d instanceof PDFString || d instanceof PDFHexString) return d.decodeText();
      return null;
    };
    const heights: number[] = [];
    for (const ref of refs) {
      const leaf = ctx.lookup(ref) as PDFPageLeaf;
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
    this.layouts[index] = layout;
    // px (CSS, as measured) to points: the printed page is the CSS page.
    const firstHeight = heights[0] ?? 841.92;
    this.scales[index] = layout.parts[0]?.height ? firstHeight / layout.parts[0].height : 0.75;

    const kidsOut: PDFObject[] = [];
    this.documentKids[index] = kidsOut;
    if (structRoot) {
      // The children of the chunk's Document element go under the joined one (their parent renumbered to it).
      for (const ref of docElems) {
        const elem = srcCtx.lookup(ref);
        if (!(elem instanceof PDFDict)) continue;
        const k = elem.get(N('K'));
        const list = k instanceof PDFArray ? k.asArray() : k ? [k] : [];
        for (const item of list) {
          const out = item instanceof PDFRef ? target(item) : item;
          if (!(item instanceof PDFRef)) renumber(item);
          move();
          const el = out instanceof PDFRef ? ctx.lookup(out) : out;
          if (el instanceof PDFDict && el.has(N('S'))) el.set(N('P'), this.documentRef);
          kidsOut.push(out);
        }
      }
      const parentTree = structRoot.lookupMaybe(N('ParentTree'), PDFDict);
      let maxKey = -1;
      const collect = (node: PDFDict) => {
        const pairs = node.lookupMaybe(N('Nums'), PDFArray);
        if (pairs) {
          for (let i = 0; i + 1 < pairs.size(); i += 2) {
            const key = (pairs.lookup(i) as PDFNumber).asNumber();
            const value = pairs.get(i + 1);
            if (value instanceof PDFRef) this.nums.push([key + keyBase, target(value)]);
            else {
              renumber(value);
              this.nums.push([key + keyBase, value]);
            }
            maxKey = Math.max(maxKey, key);
          }
        }
        for (const kid of node.lookupMaybe(N('Kids'), PDFArray)?.asArray() ?? []) collect(srcCtx.lookup(kid) as PDFDict);
      };
      if (parentTree) collect(parentTree);
      move();
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

    // "Page N of M" in the bottom right margin, where the marking is on the left: what page.drawText writes,
    // in a stream of its own on each page, left uncompressed (a few dozen bytes; compressing 161 of them with
    // pdf-lib's deflate took a tenth of a second and much garbage collection).
    const font = await out.embedFont(StandardFonts.Helvetica);
    const size = 8;
    const color = rgb(0.043, 0.047, 0.047);
    out.getPages().forEach((page, i) => {
      const label = `Page ${i + 1} of ${total}`;
      const { width } = page.getSize();
      const key = page.node.newFontDictionary(font.name, font.ref);
      const text = drawLinesOfText([font.encodeText(label)], {
        color,
        font: key,
        size,
        rotate: degrees(0),
        xSkew: degrees(0),
        ySkew: degrees(0),
        x: width - 45.35 - font.widthOfTextAtSize(label, size),
        y: 28,
        lineHeight: size,
      });
      page.node.addContentStream(ctx.register(PDFContentStream.of(ctx.obj({}), [beginMarkedContent('Artifact'), ...text, endMarkedContent()], false)));
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
