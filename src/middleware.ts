/**
 * Each page made to open from disk (file://) as it is built: its root-relative links made relative to the
 * page and any bidirectional control in it shown, not obeyed (src/data/relativise.ts, domain/redact.ts), on
 * the page's HTML before Astro writes it, instead of reading and writing every file again after the build.
 * Only pages written as <path>/index.html (every page of this site: trailing slashes, directory format); any
 * other HTML file is left to buildSite's pass over the output (relativiseSite). A child page may be rendered,
 * made to open from disk and written by the build's second thread instead (src/data/site-pages.ts).
 */
import type { MiddlewareHandler } from 'astro';
import { pageOpensFromDisk } from './data/relativise';
import { childPagesPrepare, childPageWrittenBeside, ownChildPage, writePage } from './data/site-pages';

export const onRequest: MiddlewareHandler = async (context, next) => {
  childPagesPrepare();
  const child = context.routePattern === '/children/[id]' ? context.params.id : undefined;
  // Written already, by the build's second thread: an empty response, which Astro does not write.
  if (child && (await childPageWrittenBeside(child))) return new Response(null);
  const response = await next();
  const { pathname } = context.url;
  if (!pathname.endsWith('/') || !(response.headers.get('content-type') ?? '').startsWith('text/html')) return response;
  const html = pageOpensFromDisk(await response.text(), pathname);
  if (child) ownChildPage(child, html);
  // Written here, synchronously (src/data/site-pages.ts): an empty response, which Astro does not write.
  if (response.status === 200 && writePage(pathname, html)) return new Response(null);
  return new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
};
