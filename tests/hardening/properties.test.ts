/**
 * Properties that must hold for any input, checked with fast-check over generated dates, children and
 * text: the calendar and the clocks, the engine's independence from file order, and the parsers' refusal
 * to throw whatever a person typed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/components/markdown.js';
import { parseMarkdownFile } from '../../src/data/frontmatter.js';
import { FieldLines } from '../../src/data/outline.js';
import { englandAndWalesCalendar } from '../../src/domain/calendar.js';
import { isoWeekday, plusDays } from '../../src/domain/dates.js';
import { addDuration } from '../../src/domain/duration.js';
import { evaluate, sortFindings } from '../../src/domain/engine.js';
import type { Finding } from '../../src/domain/findings.js';
import { DEFAULT_POLICY, PRESETS, mergePolicy } from '../../src/domain/policy.js';
import { reviewsInCare } from '../../src/domain/rule.js';
import { caseSchema, type Child } from '../../src/domain/schema.js';

const calendar = englandAndWalesCalendar();
const RUNS = { numRuns: 300 };

/** A calendar day between 1995 and 2045. */
const day = (from = '1995-01-01', span = 50 * 366) => fc.integer({ min: 0, max: span }).map((n) => plusDays(from, n));

describe('calendar', () => {
  it('adding N working days lands on a working day (never a weekend or bank holiday), after the start', () => {
    fc.assert(
      fc.property(day(), fc.integer({ min: 1, max: 400 }), (start, n) => {
        const due = calendar.addWorkingDays(start, n);
        expect(due > start).toBe(true);
        expect(isoWeekday(due)).toBeLessThanOrEqual(5);
        expect(calendar.isBankHoliday(due)).toBe(false);
        expect(calendar.isWorkingDay(due)).toBe(true);
      }),
      RUNS,
    );
  });

  it('counts exactly N working days, and subtracting them from a working day goes back to it', () => {
    fc.assert(
      fc.property(day(), fc.integer({ min: 0, max: 60 }), (start, n) => {
        const due = calendar.addWorkingDays(start, n);
        let count = 0;
        for (let d = plusDays(start, 1); d <= due; d = plusDays(d, 1)) if (calendar.isWorkingDay(d)) count++;
        expect(count).toBe(n);
        if (calendar.isWorkingDay(start)) expect(calendar.subtractWorkingDays(due, n)).toBe(start);
      }),
      { numRuns: 150 },
    );
  });

  it('a due date is never before its start, for every kind of period', () => {
    const period = fc.oneof(
      fc.integer({ min: 0, max: 400 }).map((n) => ({ days: n })),
      fc.integer({ min: 0, max: 104 }).map((n) => ({ weeks: n })),
      fc.integer({ min: 0, max: 36 }).map((n) => ({ months: n })),
      fc.integer({ min: 0, max: 260 }).map((n) => ({ working_days: n })),
    );
    fc.assert(
      fc.property(day(), period, (start, p) => {
        expect(addDuration(start, p, calendar) >= start).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

// ---- generated children: a small pool of ids, so duplicates and siblings happen ------------------------

const IDS = ['C-1', 'C-2', 'C-3', 'C-4'];
const sortedUnique = (xs: string[]) => [...new Set(xs)].sort();
const maybe = <T,>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 2 });

const childArb: fc.Arbitrary<Child> = fc
  .record({
    id: fc.constantFrom(...IDS),
    dob: day('2008-01-01', 12 * 366),
    siblings: fc.subarray(IDS, { maxLength: 2 }),
    start: maybe(day('2024-01-01', 3 * 366)),
    end: maybe(day('2024-06-01', 3 * 366)),
    reviews: fc.array(day('2024-01-01', 3 * 366), { maxLength: 6 }),
    unsortedReviews: fc.boolean(),
    plo: maybe(fc.record({ start: day('2024-01-01', 3 * 366), end: maybe(day('2024-03-01', 3 * 366)) })),
    proceedings: maybe(fc.record({ issued: day('2024-01-01', 3 * 366), extensions: fc.integer({ min: 0, max: 3 }), concluded: maybe(day('2024-06-01', 3 * 366)) })),
    agreed: maybe(day('2024-01-01', 3 * 366)),
    secured: maybe(day('2025-01-01', 2 * 366)),
    lifeStory: fc.boolean(),
    panel: fc.array(
      fc.record({
        date: day('2024-01-01', 3 * 366),
        actions: fc.array(fc.record({ due: day('2024-01-01', 3 * 366), done: maybe(day('2024-01-01', 3 * 366)) }), { maxLength: 3 }),
      }),
      { maxLength: 4 },
    ),
  })
  .map((r) =>
    caseSchema.parse({
      id: r.id,
      name: `Child ${r.id}`,
      dob: r.dob,
      siblings: r.siblings,
      looked_after: r.start ? { start: r.start, end: r.end && r.end > r.start ? r.end : null, placement: 'U4' } : null,
      reviews: r.unsortedReviews ? r.reviews : sortedUnique(r.reviews),
      plo: r.plo,
      proceedings: r.proceedings,
      plan: r.agreed ? { route: 'adoption', contingency: 'long-term-fostering', agreed: r.agreed } : null,
      permanence: r.secured ? { secured: r.secured, route: 'adoption', life_story_complete: r.lifeStory } : null,
      panel: r.panel
        .sort((a, b) => a.date.localeCompare(b.date))
        .map((p) => ({ date: p.date, decision: 'Decision.', actions: p.actions.map((a) => ({ action: 'Act', due: a.due, done: a.done })) })),
    }),
  );

const asOfArb = day('2024-06-01', 3 * 366);
const policyArb = fc.constantFrom(DEFAULT_POLICY, ...PRESETS.map((p) => mergePolicy(DEFAULT_POLICY, p.values)));
const refs = (children: Child[]) => children.map((child, i) => ({ file: `cases/${i}-${child.id}.md`, child, locate: () => i + 1 }));

/** The earliest date a rule's due date may fall on: the event its clock runs from. */
function clockStart(f: Finding, c: Child): string | null {
  const la = c.looked_after?.start;
  const plo = c.plo?.start;
  switch (f.rule) {
    case 'first-review':
    case 'plan-by-second-review':
      return la ?? null;
    case 'second-review':
    case 'review-interval':
      // Runs from a review held in this period of care (listed in any order: data-consistency reports that).
      return [...reviewsInCare(c)].sort()[0] ?? null;
    case 'proceedings-26-weeks':
      return c.proceedings?.issued ?? null;
    case 'plo-duration':
      return plo ?? null;
    case 'first-panel':
      return [la, plo].filter((d): d is string => !!d).sort()[0] ?? null;
    case 'panel-cadence':
      return c.panel.at(-1)?.date ?? null;
    case 'life-story':
      return c.permanence?.secured ?? null;
    case 'plan-confirmed':
      return reviewsInCare(c)[1] ?? null;
    case 'booking':
      return reviewsInCare(c)[0] ?? null;
    case 'fgc-referral':
      return [la, plo].filter((d): d is string => !!d).sort()[0] ?? null;
    case 'adoption-placed':
      return la ?? null;
    case 'adoption-match':
      return c.adoption?.placement_order ?? null;
    case 'adoption-register':
      return c.adoption?.agency_decision ?? null;
    default:
      return null;
  }
}

describe('rules', () => {
  it('no clock is ever due before the event it runs from, under the default policy and every preset', () => {
    fc.assert(
      fc.property(childArb, asOfArb, policyArb, (c, asOf, policy) => {
        const findings = evaluate(refs([{ ...c, id: 'C-1', siblings: [] }]), { asOf, policy, calendar });
        for (const f of findings) {
          if (!f.due) continue;
          if (f.rule === 'action-overdue') {
            expect(c.panel.flatMap((p) => p.actions.map((a) => a.due))).toContain(f.due);
            continue;
          }
          const start = clockStart(f, c);
          expect(start, `${f.rule} due ${f.due} has a start`).not.toBeNull();
          expect(f.due >= start!, `${f.rule}: due ${f.due} before its start ${start}`).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('give the same findings whatever order the case files come in', () => {
    fc.assert(
      fc.property(fc.array(childArb, { minLength: 1, maxLength: 6 }), asOfArb, policyArb, fc.func(fc.integer()), (children, asOf, policy, key) => {
        const cases = refs(children);
        const shuffled = cases.map((c, i) => ({ c, k: key(i) })).sort((a, b) => a.k - b.k).map((x) => x.c);
        const ctx = { asOf, policy, calendar };
        expect(sortFindings(evaluate(shuffled, ctx))).toEqual(sortFindings(evaluate(cases, ctx)));
        expect(sortFindings(evaluate([...cases].reverse(), ctx))).toEqual(sortFindings(evaluate(cases, ctx)));
      }),
      RUNS,
    );
  });
});

// ---- text as people (and attackers) type it --------------------------------------------------------------

const YAMLISH = ['---', '\n', '\r\n', '\t', '  ', '- ', ': ', 'id', 'panel', 'date', '[', ']', '{', '}', ',', '"', "'", '#', '|', '>', '&a', '*a', '!!js/function', '<<', '?', '\uFEFF', '2026-02-30', '31/12/2026', 'null', '~', '...', '%YAML 1.2', '\u0000', '\uFFFD', 'é'];
const yamlishText = fc.array(fc.oneof(fc.constantFrom(...YAMLISH), fc.string({ maxLength: 6 })), { maxLength: 60 }).map((xs) => xs.join(''));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), yamlishText, yamlishText.map((t) => `---\n${t}`), yamlishText.map((t) => `---\n${t}\n---\n${t}`));

describe('parsers never throw', () => {
  it('parseMarkdownFile on arbitrary text, and locating any field in it', () => {
    fc.assert(
      fc.property(anyText, fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.nat(5)), { maxLength: 4 }), (text, path) => {
        const parsed = parseMarkdownFile(text);
        expect(Array.isArray(parsed.syntax)).toBe(true);
        for (const s of parsed.syntax) expect(s.line).toBeGreaterThanOrEqual(1);
        expect(parsed.locate(path)).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
  });

  it('FieldLines on arbitrary front matter text', () => {
    fc.assert(
      fc.property(anyText, fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.nat(5)), { maxLength: 4 }), fc.integer({ min: 1, max: 9 }), (text, path, fallback) => {
        const line = new FieldLines(text, 1).lineOf(path, fallback);
        expect(Number.isInteger(line)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

const HOSTILE = [
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<svg onload=alert(1)>', '<iframe src="javascript:alert(1)">', '[a](javascript:alert(1))',
  '[a](JaVaScRiPt:alert(1))', '[a](data:text/html,x)', '![i](https://evil.example/p.png)', '[a](//evil.example)', '<a href="https://evil.example">',
  '[r][x]', '\n\n[x]: javascript:alert(1)\n', '<https://evil.example>', '`', '*', '\n', '\n\n', '> ', '- ', '    ', '<', '>', '"', "'", '&#106;', '&lt;',
];
const hostileText = fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 5 })), { maxLength: 30 }).map((xs) => xs.join(''));

describe('markdown rendering', () => {
  it('never throws, and never yields a script, an event attribute, an image, a frame or a link off the page', () => {
    fc.assert(
      fc.property(hostileText, (md) => {
        const html = renderMarkdown(md);
        const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
        for (const tag of tags) {
          expect(tag).not.toMatch(/^<(script|img|iframe|svg|object|embed|style|link|meta|base|form)\b/i);
          expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
          expect(tag).not.toMatch(/\ssrc\s*=/i);
          const href = /\shref="([^"]*)"/.exec(tag)?.[1];
          if (href !== undefined) expect(href).toMatch(/^(#|mailto:)/);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
