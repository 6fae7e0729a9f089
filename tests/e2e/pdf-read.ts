/** Reading a built PDF as a person's tools would: pdftotext per page, pdfinfo, and its bookmarks and links (pdf-lib). */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';

export const pdftotext = (file: string, layout = true) => execFileSync('pdftotext', [...(layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
export const pagesOf = (text: string) => text.split('\f').slice(0, -1);
export const pdfinfo = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });

export interface Bookmark {
  title: string;
  /** 0-based page index. */
  page: number;
  kids: Bookmark[];
}

const text = (o: unknown) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : '');

export async function bookmarksOf(file: string): Promise<Bookmark[]> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const pages = doc.getPages().map((p) => p.ref.toString());
  const pageOf = (dest: unknown) => (dest instanceof PDFArray && dest.get(0) instanceof PDFRef ? pages.indexOf(dest.get(0).toString()) : -1);
  const walk = (first: PDFDict | undefined): Bookmark[] => {
    const out: Bookmark[] = [];
    for (let node = first; node; node = node.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      out.push({ title: text(node.lookup(PDFName.of('Title'))), page: pageOf(node.lookup(PDFName.of('Dest'))), kids: walk(node.lookupMaybe(PDFName.of('First'), PDFDict)) });
    }
    return out;
  };
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  return walk(outlines?.lookupMaybe(PDFName.of('First'), PDFDict));
}

/** Every link annotation: the page it is on and the page it leads to (-1: nowhere), or its URI. */
export async function linksOf(file: string): Promise<{ from: number; to: number; uri: string | null }[]> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const refs = doc.getPages().map((p) => p.ref.toString());
  const out: { from: number; to: number; uri: string | null }[] = [];
  doc.getPages().forEach((page, from) => {
    for (const ref of page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? []) {
      const annot = doc.context.lookup(ref);
      if (!(annot instanceof PDFDict) || annot.lookup(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
      const dest = annot.lookup(PDFName.of('Dest'));
      const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
      out.push({ from, to: dest instanceof PDFArray && dest.get(0) instanceof PDFRef ? refs.indexOf(dest.get(0).toString()) : -1, uri: action ? text(action.lookup(PDFName.of('URI'))) : null });
    }
  });
  return out;
}

/** The structure tree's element types, in order (a tagged PDF has one). */
export async function structureOf(file: string): Promise<string[]> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const out: string[] = [];
  const walk = (o: unknown, depth: number) => {
    const node = o instanceof PDFRef ? doc.context.lookup(o) : o;
    if (depth > 50) return;
    if (node instanceof PDFArray) node.asArray().forEach((k) => walk(k, depth + 1));
    else if (node instanceof PDFDict && node.has(PDFName.of('S'))) {
      out.push((node.lookup(PDFName.of('S')) as PDFName).decodeText());
      walk(node.get(PDFName.of('K')), depth + 1);
    }
  };
  if (root) walk(root.get(PDFName.of('K')), 0);
  return out;
}

/** The first lines of a page (pdftotext -layout): where the running header is. */
export const headerOf = (page: string) => page.split('\n').filter((l) => l.trim()).slice(0, 3).join(' ');
