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
  PDFFont,
  PDFHexString,
  PDFName,
  PDFContentStream,
  PDFContext,
  PDFNumber,
  PDFObject,
  PDFObjectParser,
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

/** A chunk's PDF as bytes: where each object's body is, and its catalog. */
interface ChunkFile {
  bytes: Uint8Array;
  /** Object number -> [start, end) of the object's body, between "N G obj" and "endobj", trimmed. */
  spans: Map<number, [number, number]>;
  root: number;
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
/** PDF delimiters: ( ) < > [ ] { } / % */
const isDelimiter = (c: number) => c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25;
const latin1 = (b: Uint8Array, start: number, end: number) => String.fromCharCode(...b.subarray(start, Math.min(end, start + 4096)));
/** `word` (ASCII) at `at` in the bytes. */
const at = (b: Uint8Array, i: number, word: string) => {
  for (let k = 0; k < word.length; k++) if (b[i + k] !== word.charCodeAt(k)) return false;
  return true;
};

/**
 * The objects of a PDF with one classic cross-reference table and no object streams (as Chromium's printer,
 * Skia, writes them), read from the table: null for any other layout (the caller has pdf-lib rewrite it).
 */
function readChunk(bytes: Uint8Array): ChunkFile | null {
  const tail = latin1(bytes, Math.max(0, bytes.length - 64), bytes.length);
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!m) return null;
  const xref = Number(m[1]);
  if (!at(bytes, xref, 'xref')) return null;
  let i = xref + 4;
  const skip = () => {
    while (i < bytes.length && isSpace(bytes[i])) i++;
  };
  /** A whole number at i (-1 if there is none), read without making strings: the table has thousands. */
  const int = (): number => {
    skip();
    let v = -1;
    for (let d = bytes[i] - 0x30; i < bytes.length && d >= 0 && d <= 9; d = bytes[++i] - 0x30) v = (v < 0 ? 0 : v * 10) + d;
    return v;
  };
  const offsets: [number, number][] = [];
  for (;;) {
    skip();
    if (at(bytes, i, 'trailer')) {
      i += 7;
      break;
    }
    const first = int();
    const count = int();
    if (first < 0 || count < 0) return null;
    for (let n = first, k = 0; k < count; k++, n++) {
      const offset = int();
      if (int() < 0) return null;
      skip();
      const kind = bytes[i++];
      if (kind === 0x6e) offsets.push([n, offset]);
      else if (kind !== 0x66) return null;
    }
  }
  const trailer = PDFObjectParser.forBytes(bytes.subarray(i, Math.min(bytes.length, i + 4096)), PDFContext.create()).parseObject();
  const root = trailer instanceof PDFDict ? trailer.get(N('Root')) : undefined;
  // An update on top of an earlier table (/Prev) is not read here.
  if (!(root instanceof PDFRef) || !(trailer instanceof PDFDict) || trailer.has(N('Prev'))) return null;
  offsets.sort((a, b) => a[1] - b[1]);
  const spans = new Map<number, [number, number]>();
  for (let k = 0; k < offsets.length; k++) {
    const [n, start] = offsets[k];
    const limit = k + 1 < offsets.length ? offsets[k + 1][1] : xref;
    let s = start;
    while (s < limit && !at(bytes, s, 'obj')) s++;
    let e = limit - 6;
    while (e > s && !at(bytes, e, 'endobj')) e--;
    if (s >= limit || e <= s) return null;
    s += 3;
    while (s < e && isSpace(bytes[s])) s++;
    while (e > s && isSpace(bytes[e - 1])) e--;
    spans.set(n, [s, e]);
  }
  return { bytes, spans, root: root.objectNumber };
}

/**
 * The references ("N G R") in an object's body, outside strings and stream data, as flat triples: the
 * offset of N, the end of G, and N. Also whether the object is a stream.
 */
export function referencesIn(b: Uint8Array, start: number, end: number): { refs: number[]; stream: boolean } {
  const refs: number[] = [];
  // The last two whole numbers read (value and where), for "N G R"; -1: none.
  let n1 = -1;
  let s1 = 0;
  let n2 = -1;
  let s2 = 0;
  let e2 = 0;
  let i = start;
  while (i < end) {
    const c = b[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === 0x28) {
      // A string: nested brackets, backslash escapes.
      let depth = 1;
      i++;
      while (i < end && depth) {
        const d = b[i++];
        if (d === 0x5c) i++;
        else if (d === 0x28) depth++;
        else if (d === 0x29) depth--;
      }
    } else if (c === 0x3c) {
      if (b[i + 1] === 0x3c) i += 2;
      else {
        while (i < end && b[i] !== 0x3e) i++;
        i++;
      }
    } else if (c === 0x3e) i += b[i + 1] === 0x3e ? 2 : 1;
    else if (c === 0x25) {
      while (i < end && b[i] !== 0x0a && b[i] !== 0x0d) i++;
      continue;
    } else if (c === 0x2f || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d) {
      i++;
      if (c === 0x2f) while (i < end && !isSpace(b[i]) && !isDelimiter(b[i])) i++;
    } else {
      const s = i;
      let value = 0;
      let digits = true;
      for (; i < end && !isSpace(b[i]) && !isDelimiter(b[i]); i++) {
        const d = b[i] - 0x30;
        if (d < 0 || d > 9) digits = false;
        else value = value * 10 + d;
      }
      if (digits) {
        n1 = n2;
        s1 = s2;
        n2 = value;
        s2 = s;
        e2 = i;
        continue;
      }
      if (i - s === 1 && c === 0x52 && n1 >= 0) refs.push(s1, e2, n1);
      else if (i - s === 6 && at(b, s, 'stream')) return { refs, stream: true };
    }
    n1 = n2 = -1;
  }
  return { refs, stream: false };
}

const digits = (n: number) => (n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : n < 100000 ? 5 : String(n).length);

/** An object of a chunk written as its bytes were, with its references renumbered. */
class RawObject extends PDFObject {
  constructor(private readonly bytes: Uint8Array) {
    super();
  }
  clone(): RawObject {
    return this;
  }
  toString(): string {
    return Buffer.from(this.bytes).toString('latin1');
  }
  sizeInBytes(): number {
    return this.bytes.length;
  }
  copyBytesInto(buffer: Uint8Array, offset: number): number {
    buffer.set(this.bytes, offset);
    return this.bytes.length;
  }
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
  private readonly waiting = new Map<number, { file: ChunkFile; layout: ChunkLayout }>();
  private nextKey = 0;
  private copied = 0;
  private readonly documentRef: PDFRef;
  private readonly rootRef: PDFRef;

  private constructor(
    private readonly out: PDFDocument,
    private readonly count: number,
    private readonly font: PDFFont,
  ) {
    // Tags: one Document element holding every chunk's elements; parent tree keys renumbered.
    this.documentRef = out.context.nextRef();
    this.rootRef = out.context.nextRef();
  }

  static async create(count: number): Promise<PackJoin> {
    const out = await PDFDocument.create({ updateMetadata: false });
    // The page numbers' font, embedded now: reading its metrics takes a tenth of a second, while the browser
    // paginates rather than once the last chunk is in.
    return new PackJoin(out, count, await out.embedFont(StandardFonts.Helvetica));
  }

  /** The order chunks are copied in: 1, 2, ... then 0 (the front, with the contents page, is printed last). */
  static copyOrder(count: number): number[] {
    return [...Array.from({ length: Math.max(0, count - 1) }, (_, i) => i + 1), ...(count ? [0] : [])];
  }

  /**
   * A chunk, as soon as it is printed: its objects found now (whatever its turn), and moved in now if every
   * chunk before it in `copyOrder` has been.
   */
  async add(index: number, chunk: Chunk): Promise<void> {
    // A PDF in another layout (object streams, an update) is first rewritten by pdf-lib in the plain one.
    const file =
      readChunk(chunk.pdf) ??
      readChunk(await (await PDFDocument.load(chunk.pdf, { updateMetadata: false, parseSpeed: Infinity })).save({ useObjectStreams: false, objectsPerTick: Infinity }));
    if (!file) throw new Error(`pack join: chunk ${index + 1} is not a PDF that can be read`);
    this.waiting.set(index, { file, layout: chunk.layout });
    const order = PackJoin.copyOrder(this.count);
    for (let next = order[this.copied]; next !== undefined && this.waiting.has(next); next = order[this.copied]) {
      const c = this.waiting.get(next)!;
      this.waiting.delete(next);
      this.copy(next, c.file, c.layout);
      this.copied++;
    }
  }

  /**
   * A chunk's pages, with everything they use, and its tags, copied into the joined PDF. Most objects
   * (content streams, fonts, the tens of thousands of a pack's tags) are written as the chunk's bytes with
   * their references renumbered, never parsed into objects; pdf-lib reads only the few the join reads or
   * changes: the catalog, the page tree and pages, their links, the structure tree's root, its Document
   * element and the Document's children, and the parent tree. The chunk's page tree, catalog and structure
   * tree root stay behind; its Document element becomes the joined one.
   */
  private copy(index: number, file: ChunkFile, layout: ChunkLayout): void {
    const ctx = this.out.context;
    const { bytes, spans } = file;
    // Objects read by pdf-lib, by their number in the chunk (their references still the chunk's numbers
    // until they are moved: never looked up through the joined PDF's context before that).
    const parsed = new Map<number, PDFObject>();
    const parse = (ref: PDFRef): PDFObject | undefined => {
      let obj = parsed.get(ref.objectNumber);
      if (!obj) {
        const span = spans.get(ref.objectNumber);
        if (!span) return undefined;
        obj = PDFObjectParser.forBytes(bytes.subarray(span[0], span[1]), ctx).parseObject();
        parsed.set(ref.objectNumber, obj);
      }
      return obj;
    };
    const look = (o: PDFObject | undefined): PDFObject | undefined => (o instanceof PDFRef ? parse(o) : o);
    const catalog = look(PDFRef.of(file.root));
    if (!(catalog instanceof PDFDict)) throw new Error(`pack join: chunk ${index + 1} has no catalog`);
    const structRoot = look(catalog.get(N('StructTreeRoot')));

    // The pages in order, each given what it inherits from the page tree (which stays behind).
    const srcPages: { ref: PDFRef; leaf: PDFPageLeaf }[] = [];
    const walk = (ref: PDFObject | undefined, inherited: Map<string, PDFObject>, depth: number) => {
      const node = ref instanceof PDFRef ? parse(ref) : undefined;
      if (!(node instanceof PDFDict) || depth > 64) return;
      const kids = look(node.get(N('Kids')));
      if (node instanceof PDFPageLeaf || !(kids instanceof PDFArray)) {
        if (!(node instanceof PDFPageLeaf)) return;
        for (const [key, value] of inherited) if (!node.get(N(key))) node.set(N(key), value);
        node.delete(N('Parent'));
        srcPages.push({ ref: ref as PDFRef, leaf: node });
        return;
      }
      const next = new Map(inherited);
      for (const name of PDFPageLeaf.InheritableEntries) {
        const value = node.get(N(name));
        if (value) next.set(name, value);
      }
      for (const kid of kids.asArray()) walk(kid, next, depth + 1);
    };
    walk(catalog.get(N('Pages')), new Map(), 0);
    // What the join and pdf-lib look up in a page, read now (a page's contents, resources, fonts, links).
    for (const { leaf } of srcPages) {
      const contents = leaf.get(N('Contents'));
      if (contents instanceof PDFRef) {
        const span = spans.get(contents.objectNumber);
        if (span && referencesIn(bytes, span[0], span[1]).stream) leaf.set(N('Contents'), ctx.obj([contents]));
        else look(contents);
      }
      for (const name of ['MediaBox', 'CropBox', 'Rotate', 'StructParents']) look(leaf.get(N(name)));
      const resources = look(leaf.get(N('Resources')));
      if (resources instanceof PDFDict) for (const name of ['Font', 'XObject', 'ExtGState']) look(resources.get(N(name)));
      const annots = look(leaf.get(N('Annots')));
      if (annots instanceof PDFArray) {
        for (const a of annots.asArray()) {
          const annot = look(a);
          if (!(annot instanceof PDFDict)) continue;
          for (const name of ['Subtype', 'StructParent', 'Dest']) look(annot.get(N(name)));
          const action = look(annot.get(N('A')));
          if (action instanceof PDFDict) look(action.get(N('URI')));
        }
      }
    }

    // Where each object of the chunk goes: a new number, or the joined Document element for the chunk's own.
    const moved = new Map<number, PDFRef>();
    const docElem = structRoot instanceof PDFDict ? structRoot.get(N('K')) : undefined;
    const docElems = docElem instanceof PDFRef ? [docElem] : docElem instanceof PDFArray ? docElem.asArray().filter((r): r is PDFRef => r instanceof PDFRef) : [];
    for (const ref of docElems) moved.set(ref.objectNumber, this.documentRef);
    // The objects given a new number but not yet moved, as pairs laid flat (number in the chunk, then the
    // new reference): one array for the tens of thousands of a pack's tags, not an array per object.
    const pending: (number | PDFRef)[] = [];
    const targetOf = (n: number): PDFRef => {
      let to = moved.get(n);
      if (!to) {
        to = ctx.nextRef();
        moved.set(n, to);
        if (spans.has(n)) pending.push(n, to);
      }
      return to;
    };
    const target = (ref: PDFRef): PDFRef => targetOf(ref.objectNumber);
    // Every reference in an object read by pdf-lib (and in the direct objects inside it) renumbered, in place,
    // once (an object a page inherits may be shared).
    const renumbered = new WeakSet<PDFObject>();
    const renumber = (obj: PDFObject): void => {
      if (renumbered.has(obj)) return;
      renumbered.add(obj);
      if (obj instanceof PDFDict) {
        for (const [key, value] of obj.entries()) {
          if (value instanceof PDFRef) obj.set(key, target(value));
          else if (value instanceof PDFDict || value instanceof PDFArray || value instanceof PDFStream) renumber(value);
        }
      } else if (obj instanceof PDFArray) {
        for (let i = 0; i < obj.size(); i++) {
          const value = obj.get(i);
          if (value instanceof PDFRef) obj.set(i, target(value));
          else if (value instanceof PDFDict || value instanceof PDFArray || value instanceof PDFStream) renumber(value);
        }
      } else if (obj instanceof PDFStream) renumber(obj.dict);
    };
    // An object pdf-lib did not read: its bytes, each reference's number replaced by the new one ("N 0").
    const raw = (n: number): RawObject => {
      const [start, end] = spans.get(n)!;
      const { refs } = referencesIn(bytes, start, end);
      if (!refs.length) return new RawObject(bytes.subarray(start, end));
      const numbers: number[] = [];
      let size = end - start;
      for (let k = 0; k < refs.length; k += 3) {
        const to = targetOf(refs[k + 2]).objectNumber;
        numbers.push(to);
        size += digits(to) + 2 - (refs[k + 1] - refs[k]);
      }
      const out = new Uint8Array(size);
      let o = 0;
      let from = start;
      for (let k = 0, r = 0; k < refs.length; k += 3, r++) {
        out.set(bytes.subarray(from, refs[k]), o);
        o += refs[k] - from;
        const to = numbers[r];
        for (let d = digits(to) - 1, v = to; d >= 0; d--, v = Math.floor(v / 10)) out[o + d] = 0x30 + (v % 10);
        o += digits(to);
        out[o++] = 0x20;
        out[o++] = 0x30;
        from = refs[k + 1];
      }
      out.set(bytes.subarray(from, end), o);
      return new RawObject(out);
    };
    const move = (): void => {
      while (pending.length) {
        const to = pending.pop() as PDFRef;
        const n = pending.pop() as number;
        const obj = parsed.get(n);
        if (obj) {
          renumber(obj);
          ctx.assign(to, obj);
        } else ctx.assign(to, raw(n));
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
    const keyBase = this.nextKey;
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
    if (structRoot instanceof PDFDict) {
      // The children of the chunk's Document element go under the joined one (their parent renumbered to it).
      for (const ref of docElems) {
        const elem = parse(ref);
        if (!(elem instanceof PDFDict)) continue;
        const k = look(elem.get(N('K')));
        const list = k instanceof PDFArray ? k.asArray() : k ? [elem.get(N('K'))!] : [];
        for (const item of list) {
          // Read by pdf-lib, to be given the joined Document as its parent (again, if it was moved already).
          if (item instanceof PDFRef && !parsed.has(item.objectNumber)) {
            const obj = parse(item);
            const already = moved.get(item.objectNumber);
            if (obj && already && already !== this.documentRef) {
              renumber(obj);
              ctx.assign(already, obj);
            }
          }
          const out = item instanceof PDFRef ? target(item) : item;
          if (!(item instanceof PDFRef)) renumber(item);
          move();
          const el = out instanceof PDFRef ? ctx.lookup(out) : out;
          if (el instanceof PDFDict && el.has(N('S'))) el.set(N('P'), this.documentRef);
          kidsOut.push(out);
        }
      }
      let maxKey = -1;
      const collect = (node: PDFObject | undefined, depth: number) => {
        if (!(node instanceof PDFDict) || depth > 64) return;
        const pairs = look(node.get(N('Nums')));
        if (pairs instanceof PDFArray) {
          for (let i = 0; i + 1 < pairs.size(); i += 2) {
            const key = look(pairs.get(i));
            if (!(key instanceof PDFNumber)) continue;
            const value = pairs.get(i + 1);
            if (value instanceof PDFRef) this.nums.push([key.asNumber() + keyBase, target(value)]);
            else {
              renumber(value);
              this.nums.push([key.asNumber() + keyBase, value]);
            }
            maxKey = Math.max(maxKey, key.asNumber());
          }
        }
        const kids = look(node.get(N('Kids')));
        if (kids instanceof PDFArray) for (const kid of kids.asArray()) collect(look(kid), depth + 1);
      };
      collect(look(structRoot.get(N('ParentTree'))), 0);
      move();
      const next = look(structRoot.get(N('ParentTreeNextKey')));
      this.nextKey = keyBase + Math.max(next instanceof PDFNumber ? next.asNumber() : 0, maxKey + 1);
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
    const { font } = this;
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
