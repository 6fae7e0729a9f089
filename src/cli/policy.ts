/** `panel policy`: the policy in force, or every preset with where each of its values comes from. */
import { stringify } from 'yaml';
import { loadPolicy } from '../data/policy.js';
import { PRESETS, presetTable } from '../domain/policy.js';

/** The policy in force at a data root (panel.yaml over its preset over the defaults), as YAML. */
export function policyText(root: string): string {
  const { policy, source } = loadPolicy(root);
  return `# policy in force (from ${source})\n${stringify(policy)}`;
}

/** `panel policy --presets`: each preset, its seed, and every setting with its value and where it comes from. */
export function presetsText(): string {
  const rows = presetTable();
  const width = Math.max(...rows.map((r) => r.setting.length));
  const vwidth = Math.max(...rows.map((r) => r.value.length));
  return `${PRESETS.map(
    (p) =>
      `${p.name}  (follows shared seed ${p.seed}; formerly "${p.formerly}")\n  ${p.description}\n${rows
        .filter((r) => r.preset === p.name)
        .map((r) => `    ${r.setting.padEnd(width)}  ${r.value.padEnd(vwidth)}  ${r.source}`)
        .join('\n')}`,
  ).join('\n\n')}\n`;
}
