/**
 * How the pack is cut into chunks (pack-pdf.ts planChunks): every part exactly once, in pack order, shared
 * out evenly by bytes between as few chunks as keep every worker busy, cover to contents in the first when
 * there is one chunk per worker, else a chunk of its own (the next the smaller by its share); and the
 * switches the pack's browser starts with.
 */
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHUNK_BYTES, packChromiumArgs, partSizes, planChunks, playwrightDisabledFeatures } from '../../src/data/pack-pdf.js';

/** Parts in order from the chunks: each index once, none missing, none out of order. */
const flatten = (chunks: [number, number][]) => chunks.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i));
const bytes = (sizes: number[], [a, b]: [number, number]) => sizes.slice(a, b + 1).reduce((x, y) => x + y, 0);

describe('planChunks', () => {
  it('keeps every part once, in pack order, cover to contents in the first chunk', () => {
    for (const parts of [5, 6, 25, 66, 256]) {
      const sizes = Array.from({ length: parts }, (_, i) => (i === 1 ? 26_000 : i === 3 ? 23_000 : 5_000 + ((i * 7919) % 3_000)));
      for (const workers of [1, 2, 3, 4, 8, 64]) {
        const chunks = planChunks(sizes, workers);
        expect(chunks[0][0]).toBe(0);
        // Cover to contents alone when there are more chunks than workers, else with the first chunk.
        if (chunks.length > workers + 1 || (chunks.length === workers + 1 && chunks[0][1] === 2)) expect(chunks[0]).toEqual([0, 2]);
        else expect(chunks.length).toBeLessThanOrEqual(workers);
        expect(flatten(chunks)).toEqual(Array.from({ length: parts }, (_, i) => i));
        expect(chunks.every(([a, b]) => a <= b)).toBe(true);
      }
    }
  });

  it('one chunk of the rest per worker while chunks stay under the size limit, more (a multiple of the workers) past it', () => {
    // One per worker: cover to contents with the first.
    const small = Array.from({ length: 66 }, () => 7_000);
    expect(planChunks(small, 2)).toHaveLength(2);
    expect(planChunks(small, 2)[0][0]).toBe(0);
    expect(planChunks(small, 4)).toHaveLength(4);
    // More: cover to contents a chunk of its own.
    const large = Array.from({ length: 256 }, () => 7_500);
    const rest = 253 * 7_500;
    const chunks = planChunks(large, 2);
    expect(chunks[0]).toEqual([0, 2]);
    expect(chunks.length - 1).toBe(2 * Math.ceil(rest / (CHUNK_BYTES * 2)));
    // Never more chunks than parts.
    expect(planChunks(Array.from({ length: 6 }, () => 1_000), 8)).toHaveLength(3);
  });

  it('shares the pack out evenly, the front counted in the first chunk', () => {
    const sizes = [1_000, 26_000, 10_000, ...Array.from({ length: 63 }, () => 7_000)];
    const [first, second] = planChunks(sizes, 2);
    const share = sizes.reduce((a, b) => a + b, 0) / 2;
    expect(Math.abs(bytes(sizes, first) - share)).toBeLessThanOrEqual(7_000);
    expect(bytes(sizes, first) + bytes(sizes, second)).toBe(2 * share);
    // With a front of its own, the first chunk after it is the smaller by the front's share.
    const [front, a, b] = planChunks(sizes, 1);
    expect(front).toEqual([0, 2]);
    expect(bytes(sizes, a)).toBeLessThan(bytes(sizes, b));
  });

  it('a short pack is one chunk; parts per chunk can be given', () => {
    expect(planChunks([100, 200, 300], 2)).toEqual([[0, 2]]);
    expect(planChunks([100, 200, 300, 400], 2)).toEqual([[0, 3]]);
    expect(planChunks([], 2)).toEqual([]);
    expect(planChunks(Array.from({ length: 10 }, () => 1), 2, 3)).toEqual([[0, 2], [3, 5], [6, 8], [9, 9]]);
  });

  it('measures each part of a print page up to the next part or the end of the body', () => {
    const html = '<html><body><div class="pack-strings"></div><section class="pack-part" id="a">aa</section> <section class="pack-part pack-cover" id="b">b</section></body></html>';
    const sizes = partSizes(html);
    expect(sizes).toHaveLength(2);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(html.lastIndexOf('</body>') - html.indexOf('<section'));
  });
});

describe('the pack browser switches', () => {
  it("repeat Playwright's own features turned off (Chromium takes the last --disable-features only) and add the pack's", () => {
    const defaults = playwrightDisabledFeatures();
    // The installed playwright-core's list is read (it holds the features that would call other hosts at start-up).
    expect(defaults).not.toBeNull();
    expect(defaults).toEqual(expect.arrayContaining(['MediaRouter', 'OptimizationHints', 'AimEnabled', 'PreconnectToSearch']));
    const args = packChromiumArgs();
    expect(args.slice(0, CHROMIUM_ARGS.length)).toEqual(CHROMIUM_ARGS);
    const off = args.filter((a) => a.startsWith('--disable-features='));
    expect(off).toHaveLength(1);
    expect(off[0].slice('--disable-features='.length).split(',')).toEqual([...defaults!, 'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup']);
  });
});
