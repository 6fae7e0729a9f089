/**
 * The dashboard's counts by permanence plan, worked out here from the demo's case files: a route counts only
 * children whose plan is AGREED (plan.agreed on or before the as-of date); every tracked child without one is
 * under "No plan agreed yet", whatever route is proposed. The counts add up to the children tracked, each
 * links to the tracker showing exactly that many, and every child the escalation page lists for panels with
 * no plan agreed is one of them. Before, a proposed route counted as if agreed ("Adoption 4" held Poppy,
 * whose plan is not yet agreed; "No plan agreed yet: 4" of 9).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROUTE_LABELS } from '../../src/domain/codes.js';
import { REPO } from '../cli/run.js';
import { HAVE_CHROMIUM, servedSite } from './harness.js';

const run = HAVE_CHROMIUM || !!process.env.CI;
const AS_OF = '2026-11-30';

interface CaseFront { id: string; name: string; plan?: { route?: string | null; agreed?: string | null } | null; permanence?: { secured?: string | null } | null }
const cases: CaseFront[] = readdirSync(path.join(REPO, 'cases'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => parse(readFileSync(path.join(REPO, 'cases', f), 'utf8').split(/^---\s*$/m)[1]) as CaseFront);
const tracked = cases.filter((c) => !c.permanence?.secured);
const agreedRoute = (c: CaseFront) => (c.plan?.agreed && String(c.plan.agreed) <= AS_OF ? c.plan.route ?? null : null);
const label = (route: string) => ROUTE_LABELS[route as keyof typeof ROUTE_LABELS];
const expected = new Map<string, string[]>();
for (const c of tracked) {
  const key = agreedRoute(c) ? label(agreedRoute(c)!) : 'No plan agreed yet';
  expected.set(key, [...(expected.get(key) ?? []), c.id]);
}
const noPlan = tracked.filter((c) => !agreedRoute(c));

describe.runIf(run)('dashboard: children by agreed permanence plan', () => {
  const site = servedSite(REPO, AS_OF);
  let page: Page;

  beforeAll(() => {
    page = site.page;
  });

  const table = () => page.locator('table', { has: page.locator('caption', { hasText: 'By agreed permanence plan' }) });

  it('counts each route by agreed plans only, and every child without an agreed plan under "No plan agreed yet"; the counts add up', async () => {
    // The demo has children whose route is proposed but not agreed (Poppy Barker, C-1023, for adoption).
    expect(noPlan.some((c) => c.plan?.route)).toBe(true);
    await page.goto(`${site.url}/`);
    const rows = await table().locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ key: (tr as HTMLTableRowElement).cells[0].querySelector('a')!.textContent!.trim(), count: Number((tr as HTMLTableRowElement).cells[1].textContent) })),
    );
    expect(Object.fromEntries(rows.map((r) => [r.key, r.count]))).toEqual(Object.fromEntries([...expected].map(([k, ids]) => [k, ids.length])));
    expect(rows.reduce((n, r) => n + r.count, 0)).toBe(tracked.length);
    await expect(page.locator('main').textContent()).resolves.toContain(`${tracked.length} children tracked until permanence is secured`);
    // The routes proposed for the children without an agreed plan, said plainly beside the count.
    const hint = (await table().getByTestId('proposed').textContent())!;
    const proposed = new Map<string, number>();
    for (const c of noPlan) if (c.plan?.route) proposed.set(label(c.plan.route).toLowerCase(), (proposed.get(label(c.plan.route).toLowerCase()) ?? 0) + 1);
    for (const [route, n] of proposed) expect(hint).toContain(`${route} ${n}`);
    expect(hint).toContain(`none proposed ${noPlan.filter((c) => !c.plan?.route).length}`);
  });

  it('each count links to the tracker filtered to exactly those children', async () => {
    await page.goto(`${site.url}/`);
    const links = await table().locator('tbody a').evaluateAll((as) => as.map((a) => ({ key: a.textContent!.trim(), href: a.getAttribute('href')! })));
    expect(links.length).toBe(expected.size);
    for (const { key, href } of links) {
      await page.goto(new URL(href, `${site.url}/`).href);
      const shown = await page.locator('#tracker tbody tr:not([hidden])').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.id!));
      expect(shown.sort(), key).toEqual([...expected.get(key)!].sort());
    }
  });

  it('the tracker says a proposed route is not yet agreed', async () => {
    await page.goto(`${site.url}/tracker/`);
    const proposedIds = await page.locator('#tracker tbody tr', { has: page.getByTestId('plan-proposed') }).evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.id!));
    expect(proposedIds.sort()).toEqual(noPlan.filter((c) => c.plan?.route).map((c) => c.id).sort());
  });

  it('every child escalated for panels with no plan agreed is counted under "No plan agreed yet"', async () => {
    await page.goto(`${site.url}/escalation/`);
    const noPlanRows = await page
      .locator('[data-testid="escalation-table"] tbody tr', { hasText: 'with no permanence plan agreed' })
      .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.id!));
    expect(noPlanRows.length).toBeGreaterThan(0);
    const without = new Set(noPlan.map((c) => c.id));
    for (const id of noPlanRows) expect(without.has(id), id).toBe(true);
  });
});
