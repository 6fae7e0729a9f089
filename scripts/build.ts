/**
 * `npm run build`: the tracker site from the data root (PANEL_ROOT, default here) at PANEL_AS_OF
 * (default today), made to open from disk, then the PDF packs of the next meeting (PANEL_PACK_DATE to
 * choose another; PANEL_NO_PACK=1 to skip). Findings do not stop the build: a site full of overdue items
 * is exactly what the panel needs. Without Chromium the site is still built and the reason is printed.
 */
import path from 'node:path';
import { buildSite, REPO } from '../src/data/build-site.js';
import { ChromiumMissingError } from '../src/data/pack-pdf.js';
import { isIsoDate, todayIso } from '../src/domain/dates.js';

const root = path.resolve(process.env.PANEL_ROOT ?? REPO);
const asOf = process.env.PANEL_AS_OF ?? todayIso(new Date());
const packDate = process.env.PANEL_PACK_DATE;
for (const [name, value] of [['PANEL_AS_OF', asOf], ['PANEL_PACK_DATE', packDate]] as const) {
  if (value !== undefined && !isIsoDate(value)) {
    console.error(`${name}: expected a date written YYYY-MM-DD, found "${value}"`);
    process.exit(2);
  }
}
const dist = path.resolve(process.env.PANEL_DIST ?? path.join(REPO, 'dist'));
const rel = (p: string) => path.relative(process.cwd(), p) || p;
try {
  const result = await buildSite({ root, asOf, dist, packDate, pdf: !process.env.PANEL_NO_PACK, quiet: !!process.env.PANEL_BUILD_QUIET });
  console.log(`Site: ${result.pages} pages in ${rel(dist)} (${result.siteMs} ms), clocks as of ${asOf}. Open ${rel(path.join(dist, 'index.html'))} or serve the folder.`);
  for (const p of result.packs) console.log(`Pack: ${rel(p.out)} (${p.pages} pages, ${p.ms} ms)`);
} catch (err) {
  if (err instanceof ChromiumMissingError) {
    console.error(`The site was built, but not the PDF pack.\n${err.message}`);
  } else throw err;
}
