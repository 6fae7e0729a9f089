/**
 * Each page made to open from disk (file://) as it is built: its root-relative links made relative to the
 * page and any bidirectional control in it shown, not obeyed (src/data/relativise.ts, domain/redact.ts), on
 * the page's HTML before Astro writes it, instead of reading and writing every file again after the build.
 * Only pages written as <path>/index.html (every page of this site: trailing slashes, directory format); any
 * other HTML file is left to buildSite's pass over the output (relativiseSite).
 */
import type { MiddlewareHandler } from 'astro';
import { relativiseHtml } from './data/relativise';
import { showBidi } from './domain/redact';

export const onRequest: MiddlewareHandler = async (context, next) => {
  const response = await next();
  const { pathname } = context.url;
  if (!pathname.endsWith('/') || !(response.headers.get('content-type') ?? '').startsWith('text/html')) return response;
  // The page's folder in the output, as relativiseSite names it: '' for the home page.
  const dir = pathname.slice(1, -1);
  return new Response(showBidi(relativiseHtml(await response.text(), dir)), { status: response.status, statusText: response.statusText, headers: response.headers });
};
