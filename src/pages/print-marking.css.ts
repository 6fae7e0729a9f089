/**
 * The print stylesheet that carries the protective marking from panel.yaml at the top and the foot of EVERY
 * printed page of the site (Ctrl+P in the browser; the PDF pack has its own, pack.css with Paged.js). The
 * marking is written into @page margin boxes, which Chromium and Edge print on each page in the page's
 * margin, so it never covers the page's content; a stylesheet cannot read the marking from the page, so it
 * is written here from the policy, once per build. Served from this site (the Content-Security-Policy allows
 * only its own styles).
 */
import type { APIRoute } from 'astro';
import { siteModelReady } from '../data/site';

/** A CSS string: quotes and backslashes escaped, a line break as \A (panel.yaml may hold any text). */
export function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\A ')}"`;
}

export function printMarkingCss(marking: string): string {
  const box = `content: ${cssString(marking)}; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; font-size: 10pt; font-weight: 700; letter-spacing: 0.05em; color: #000; border: 1px solid #000; padding: 1mm 4mm; white-space: pre;`;
  return [
    '/* The protective marking at the top and the foot of every printed page (see print-marking.css.ts). */',
    `@page { margin: 16mm 12mm; @top-center { ${box} margin: 5mm 0 2mm; } @bottom-center { ${box} margin: 2mm 0 5mm; } }`,
    '@page tracker { margin: 16mm 10mm; }',
    '',
  ].join('\n');
}

export const GET: APIRoute = async () => {
  const model = await siteModelReady();
  return new Response(printMarkingCss(model.data.policy.marking), { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
};
