/**
 * Makes the built site open from disk (file://) as well as from a server: every root-relative link
 * (`/children/C-1001/`) becomes relative to its page (`../../children/C-1001/index.html`).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { showBidi } from '../domain/redact.js';

const ATTR = /\b(href|src|action)="(\/(?!\/)[^"]*)"/g;

export function relativiseHtml(html: string, pageDir: string): string {
  return html.replace(ATTR, (_, attr: string, url: string) => {
    const cut = url.search(/[?#]/);
    const pathname = cut < 0 ? url : url.slice(0, cut);
    const rest = cut < 0 ? '' : url.slice(cut);
    let target = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
    target = path.posix.relative(pageDir, target.slice(1)) || 'index.html';
    return `${attr}="${target}${rest}"`;
  });
}

/**
 * A page built as <pathname>index.html made to open from disk, its bidirectional controls shown, not obeyed
 * (src/middleware.ts as each page is built; the child pages' worker, src/data/site-pages.ts).
 */
export function pageOpensFromDisk(html: string, pathname: string): string {
  // The page's folder in the output, as relativiseSite names it: '' for the home page.
  return showBidi(relativiseHtml(html, pathname.slice(1, -1)));
}

/**
 * Makes every page of a built site open from disk; returns how many pages there are. `indexPagesDone`: the
 * build already did so for each <path>/index.html (src/middleware.ts), which are then only counted.
 */
export function relativiseSite(dist: string, { indexPagesDone = false }: { indexPagesDone?: boolean } = {}): number {
  let pages = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(abs);
      else if (indexPagesDone && entry.name === 'index.html') pages++;
      else if (entry.name.endsWith('.html')) {
        const rel = path.relative(dist, path.dirname(abs)).split(path.sep).join('/');
        // Bidirectional controls only ever come from a file's text (the templates hold none): shown, never obeyed.
        writeFileSync(abs, showBidi(relativiseHtml(readFileSync(abs, 'utf8'), rel)));
        pages++;
      }
    }
  };
  walk(dist);
  return pages;
}
