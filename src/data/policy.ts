/** Reads `panel.yaml`: defaults, then the named preset, then the council's values, validated by zod. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { DEFAULT_POLICY, mergePolicy, policySchema, presetFormerlyNamed, presetNamed, PRESETS, type Policy } from '../domain/policy.js';
import { didYouMean, problemMessage, problemsFromZod, valueAt, type FieldPath } from '../domain/problems.js';

export class PolicyError extends Error {
  constructor(
    readonly file: string,
    readonly problems: { line: number; message: string }[],
  ) {
    super(`${file}: ${problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`);
  }
}

export interface LoadedPolicy {
  policy: Policy;
  /** `panel.yaml`, or `default` when the data root has none. */
  source: string;
}

export const POLICY_FILE = 'panel.yaml';

export function loadPolicy(root: string): LoadedPolicy {
  const abs = path.join(root, POLICY_FILE);
  return policyFromText(existsSync(abs) ? readFileSync(abs, 'utf8') : null);
}

/** The policy from the text of a `panel.yaml` (null: the data root has none), e.g. one read from a git commit. */
export function policyFromText(text: string | null): LoadedPolicy {
  if (text === null) return { policy: DEFAULT_POLICY, source: 'default' };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, schema: 'core' });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  if (doc.errors.length) {
    throw new PolicyError(POLICY_FILE, doc.errors.map((e) => ({ line: lineOf(e.pos[0]), message: `YAML syntax: ${e.message.split('\n')[0]}` })));
  }
  const own = (doc.toJS() ?? {}) as Record<string, unknown>;
  if (typeof own !== 'object' || Array.isArray(own)) throw new PolicyError(POLICY_FILE, [{ line: 1, message: 'expected a block of settings' }]);
  const lineAt = (p: FieldPath) => {
    for (let n = p.length; n > 0; n--) {
      const node = doc.getIn(p.slice(0, n), true) as { range?: [number] } | undefined;
      if (node?.range) return lineOf(node.range[0]);
    }
    return 1;
  };
  let merged: unknown = DEFAULT_POLICY;
  if (own.preset !== undefined) {
    const preset = typeof own.preset === 'string' ? presetNamed(own.preset) : undefined;
    const renamed = typeof own.preset === 'string' && !preset ? presetFormerlyNamed(own.preset) : undefined;
    if (renamed) {
      // Refused rather than mapped: the renamed preset follows its seed as written, so some of its numbers
      // changed. A council must read them (`panel policy --presets`) before its clocks move.
      throw new PolicyError(POLICY_FILE, [
        {
          line: lineAt(['preset']),
          message: `preset: "${own.preset}" was renamed "${renamed.name}", and its values now follow ${renamed.seed} as written. Write \`preset: ${renamed.name}\`, then compare \`panel policy --presets\` with your panel's terms of reference and set in panel.yaml any value that differs.`,
        },
      ]);
    }
    if (!preset) {
      const guess = typeof own.preset === 'string' ? didYouMean(own.preset, PRESETS.map((p) => p.name)) : undefined;
      throw new PolicyError(POLICY_FILE, [
        { line: lineAt(['preset']), message: `preset: expected one of ${PRESETS.map((p) => p.name).join(', ')}, found ${JSON.stringify(own.preset)}${guess ? ` (did you mean "${guess}"?)` : ''}` },
      ]);
    }
    merged = mergePolicy(merged, preset.values);
  }
  merged = mergePolicy(merged, own);
  const result = policySchema.safeParse(merged);
  if (!result.success) {
    throw new PolicyError(
      POLICY_FILE,
      problemsFromZod(result.error, merged, policySchema).map((p) => ({
        line: lineAt(p.path),
        message: problemMessage(valueAt(own, p.path) === undefined && !p.atKey ? { ...p, found: `${p.found} (from the defaults or preset)` } : p),
      })),
    );
  }
  return { policy: result.data, source: POLICY_FILE };
}
