/**
 * `panel init [dir] [--preset <name>] [--council "<name>"]`: a council's own data repository, with the tool
 * as a pinned dependency. panel.yaml is written from the preset (or the defaults) with every setting and, above
 * each, what it means and where its value comes from (the preset's traced sources in src/domain/policy.ts).
 * Nothing that exists is ever replaced: if any file init would write is there, it lists them and writes
 * nothing. The one exception is package.json, which `npm init` or `npm install` may have made already: init
 * then only adds what is missing (the check and build scripts, the panel dependency, "private": true).
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Document, isMap, isPair, isScalar, isSeq, type Pair, type YAMLMap } from 'yaml';
import { PACKAGE_ROOT, packageName, packageVersion } from '../data/package-root.js';
import { writeFileSafely } from '../data/write.js';
import { DEFAULT_POLICY, mergePolicy, presetFormerlyNamed, presetNamed, presetTable, PRESETS, TRACED_SETTINGS, type Policy, type Preset } from '../domain/policy.js';
import { MEETING_RULES, RULES } from '../rules/index.js';
import { UsageError } from './options.js';

export interface InitOptions {
  preset?: string;
  council?: string;
}

/** What each setting of panel.yaml means, by its path. A setting missing here still gets its source line. */
const MEANING: Record<string, string> = {
  council: 'The council, as it appears on every page of the site and the pack.',
  panel_name: "The panel's name, as it appears on the site and the pack.",
  marking: 'The protective marking printed at the top and bottom of every page.',
  schedule: 'When the panel meets: panel check, the agenda and the packs follow these dates.',
  'schedule.kind': 'monthly (nth weekday of the month), fortnightly (from a first date) or dates (a list).',
  'schedule.time': 'The start time printed on the agenda and the pack.',
  'schedule.venue': 'Where the panel meets, printed on the agenda and the pack.',
  'schedule.chairs': 'Who chairs the panel (roles or names), printed on the agenda.',
  'schedule.bank_holiday': 'When a meeting falls on a bank holiday: next-working-day, previous-working-day or skip.',
  warning_window_days: 'How many days before a due date a clock shows as due soon (amber).',
  due_soon_level: 'How serious a due-soon clock is reported: error, warning or notice.',
  minutes_per_item: "Minutes given to each child on the agenda, for the agenda's estimated times.",
  timescales: 'How long each step may take. Write a period as days, weeks, months or working_days (bank holidays in England and Wales excluded).',
  'timescales.first_review': "The child's first looked-after review, from the day they became looked after.",
  'timescales.second_review': 'The second looked-after review, from the first.',
  'timescales.review_interval': 'Each later looked-after review, from the one before.',
  'timescales.proceedings': 'Care proceedings concluded, from the day they were issued.',
  'timescales.proceedings_extension': 'Each extension the court grants to the proceedings.',
  'timescales.plo_warning': 'Pre-proceedings (PLO) open this long: a warning that it is running long.',
  'timescales.plo_limit': 'Pre-proceedings (PLO) open this long: overdue.',
  'timescales.first_panel': 'The first discussion at panel, from entering care or PLO.',
  'timescales.first_panel_warning': 'An earlier warning for the first discussion at panel (null: none).',
  'timescales.first_panel_at_next_meeting': 'true: the first discussion is due at the next panel after entering care or PLO, not after a fixed period.',
  'timescales.cadence_warning': 'Time since the last discussion at panel after which the child is due again.',
  'timescales.cadence_limit': 'Time since the last discussion at panel after which it is overdue.',
  'timescales.life_story': 'Life story work, from permanence being secured.',
  'timescales.later_life_letter': 'After adoption, the later life letter to the adopters, from the adoption order (the ceremony date is not recorded).',
  'timescales.agenda_agreed': 'The agenda agreed this long before the meeting.',
  'timescales.papers_due': "Each child's papers sent this long before the meeting.",
  'timescales.minutes_published': 'The minutes and actions published this long after the meeting.',
  'timescales.plan_confirmed': 'The permanence plan confirmed this long after the second review (null: not tracked).',
  'timescales.fgc_referral': 'A family group conference referred this long after entering care or PLO (null: not tracked).',
  'timescales.booking_between_reviews': 'true: each looked-after child is booked onto a panel between the first and the second review.',
  'timescales.adoption_placed': 'Adoption: entering care to moving in with the adopters.',
  'timescales.adoption_match': "Adoption: the placement order to the agency's match decision.",
  'timescales.adoption_register': 'Adoption: referral to the adoption register after the agency decision, where no local match is pursued.',
  'timescales.notification': 'The panel administrator told of a child entering care, PLO or proceedings (or a court outcome).',
  'timescales.minutes_recorded': "Each child's decision and actions added to the child's record after the meeting.",
  papers_expected: 'The papers each child on the agenda is expected to have before the meeting (empty: none tracked).',
  levels: 'How serious each rule is when its clock is overdue: error (red, fails panel check), warning (amber) or notice.',
};

const RULE_TITLES = new Map<string, string>([...RULES, ...MEETING_RULES].map((r) => [r.id, r.title]));

/** Where a setting's value comes from, from the preset's traced sources (or the defaults' own basis). */
function sources(preset: Preset | undefined): Map<string, string> {
  if (preset) return new Map(presetTable().filter((r) => r.preset === preset.name).map((r) => [r.setting, r.source]));
  return new Map(
    TRACED_SETTINGS.map(({ setting, basis }) => [
      setting,
      basis.kind === 'default' ? `default${basis.note ? ` (${basis.note})` : ''}` : basis.kind === 'seed' ? basis.section : `${basis.kind}: ${basis.ref}`,
    ]),
  );
}

function resolvePreset(name: string | undefined): Preset | undefined {
  if (name === undefined) return undefined;
  const preset = presetNamed(name);
  if (preset) return preset;
  const renamed = presetFormerlyNamed(name);
  throw new UsageError(
    renamed
      ? `--preset ${name}: this preset is now called "${renamed.name}"`
      : `--preset ${name}: expected one of ${PRESETS.map((p) => p.name).join(', ')} (see \`panel policy --presets\`)`,
  );
}

const comment = (lines: string[]) => lines.map((l) => ` ${l}`).join('\n');

/** panel.yaml: every setting of the policy in force, each with what it means and where its value comes from. */
export function policyYaml(preset: Preset | undefined, council: string | undefined): string {
  const policy: Policy = mergePolicy(DEFAULT_POLICY, preset?.values ?? {});
  const values = { ...policy, council: council ?? policy.council };
  const from = sources(preset);
  const doc = new Document(values);
  const fromLine = (setting: string) => {
    const s = from.get(setting);
    return s ? [`Source: ${s}.`] : [];
  };
  const annotate = (map: YAMLMap, prefix: string) => {
    for (const item of map.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const key = String(item.key.value);
      const setting = prefix ? `${prefix}.${key}` : key;
      const lines: string[] = [];
      if (prefix === 'levels') lines.push(`${RULE_TITLES.get(key) ?? key}.`);
      else if (MEANING[setting]) lines.push(MEANING[setting]);
      if (setting === 'council' && council === undefined) lines.push("Replace with your council's name.");
      lines.push(...fromLine(setting));
      // A period or a list on one line: { working_days: 20 }, [Head of Service, ...].
      const value = (item as Pair).value;
      if (isMap(value) && prefix === 'timescales') value.flow = true;
      if (isSeq(value)) value.flow = true;
      // "10:00" quoted: some YAML readers take an unquoted 10:00 for a number of minutes.
      if (setting === 'schedule.time' && isScalar(value)) value.type = 'QUOTE_DOUBLE';
      if (lines.length) item.key.commentBefore = comment(lines);
      if (isMap(value) && (setting === 'timescales' || setting === 'levels' || setting === 'schedule')) annotate(value, setting);
    }
  };
  annotate(doc.contents as YAMLMap, '');
  const header = [
    `panel.yaml: the policy ${council ?? 'your council'} runs its ${policy.panel_name} by.`,
    preset
      ? `Written by \`panel init\` (panel ${packageVersion()}) from the preset "${preset.name}", which follows the panel in shared seed ${preset.seed}:`
      : `Written by \`panel init\` (panel ${packageVersion()}) from panel's default policy.`,
    ...(preset ? [`${preset.description}`] : []),
    'Every setting is written out, so an upgrade of panel never moves your clocks: change a value here to',
    "match your panel's terms of reference, then run `npx panel check`. `npx panel policy` prints the policy in force.",
  ];
  doc.commentBefore = comment(header);
  return doc.toString({ lineWidth: 0 });
}

const GITIGNORE = `# Written by \`panel init\`. Never committed: what panel builds, drafts, caches and installed packages.
# (templates/ is NOT ignored: your case template is part of your repository.)
node_modules/
dist/
pack-*.pdf
packs/
meetings/drafts/
.panel-cache/
.astro/
.cache/
*.log
.*.tmp
`;

function readme(council: string, preset: Preset | undefined, panelName: string): string {
  return `# ${council}: ${panelName}

OFFICIAL-SENSITIVE. This repository holds one markdown file per child (\`cases/\`), the panel's meetings
(\`meetings/\`) and its policy (\`panel.yaml\`${preset ? `, from the preset \`${preset.name}\`` : ''}). The
panel tool, pinned in \`package.json\`, checks every timescale and builds the tracker
site and the meeting packs. Keep this repository private, in your council's own organisation.

First time on a computer: install Node.js 22, then run \`npm ci\` in this folder.

## Add a child

    npx panel new C-1041 --name "Full Name" --dob 2019-03-02 --start 2026-11-02

This writes \`cases/C-1041.md\` from \`templates/case.md\` (edit that template to suit your panel). Fill in what
the file asks for, then run \`npx panel check\`: it names any field that is missing or wrong, with its line.

## Record a review

Add the date the looked-after review was held to the child's \`reviews:\` list, oldest first:

    reviews:
      - 2026-11-20

Run \`npx panel check\` to see the next review's due date.

## After a panel meeting: record the decisions

    npx panel minutes 2026-12-04          # writes meetings/drafts/2026-12-04-minutes.md
    # fill in each child's decision and actions in the draft, then:
    npx panel minutes 2026-12-04 --apply  # adds them to each child's file

Drafts are never committed (\`.gitignore\`); the decisions are, in each child's file.

## Open a pull request

Make changes on a branch, commit them and open a pull request. The "Panel gate" check runs on it: it fails
only if your change makes something worse (a file it touched is invalid, or a timescale becomes overdue
because of it). Fix what it names (each problem is annotated on its line), push again, then merge.

## What the colours and the gate mean

- Red (error): a statutory or local timescale is overdue, or a file cannot be read. \`npx panel check\`
  exits 1, and the daily run fails and lists the children in one open issue until every clock is on track.
- Amber (warning): due soon (within ${DEFAULT_POLICY.warning_window_days} days unless \`panel.yaml\` says
  otherwise) or a local expectation missed.
- Green: on track.
- The pull-request gate is different from the daily run: a standing overdue child does not block an
  unrelated change, so the gate can be required in branch protection; the daily run keeps the overdue visible.

## Site and packs

\`npx panel build\` writes the tracker site and the PDF packs of the next meeting to \`dist/\` (never
committed). The scheduled workflow builds them too and keeps them as a workflow artifact for 7 days: only
people with access to this repository can download them. Do not copy them outside the council's systems.

## Upgrade panel

Read panel's CHANGELOG.md (in \`node_modules/panel/\` once installed), put the new release tarball in
\`vendor/\`, change the pinned version in \`package.json\`, run \`npm install\` and \`npx panel check\`, then
open a pull request with \`package.json\`, \`package-lock.json\` and the tarball: the gate runs the new
version against your data before it is merged.
`;
}

/** The package.json of a data root: a new one, or the existing one with only what is missing added. */
function packageJson(existing: string | null, name: string): { text: string; created: boolean; added: string[] } {
  const dependency = `file:vendor/${name}-${packageVersion()}.tgz`;
  if (existing === null) {
    const pkg = {
      name: 'panel-data',
      private: true,
      description: 'OFFICIAL-SENSITIVE: permanency tracking panel case files. Never publish.',
      scripts: { check: 'panel check', build: 'panel build' },
      dependencies: { [name]: dependency },
    };
    return { text: `${JSON.stringify(pkg, null, 2)}\n`, created: true, added: [] };
  }
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(existing) as Record<string, unknown>;
  } catch {
    throw new UsageError('package.json exists but is not valid JSON; fix it or move it away, then run panel init again');
  }
  const added: string[] = [];
  if (pkg.private === undefined) {
    pkg.private = true;
    added.push('"private": true');
  }
  const scripts = (pkg.scripts ??= {}) as Record<string, string>;
  for (const [k, v] of [['check', 'panel check'], ['build', 'panel build']]) {
    if (scripts[k] === undefined) {
      scripts[k] = v;
      added.push(`the ${k} script`);
    }
  }
  const deps = (pkg.dependencies ??= {}) as Record<string, string>;
  const dev = (pkg.devDependencies ?? {}) as Record<string, string>;
  if (deps[name] === undefined && dev[name] === undefined) {
    deps[name] = dependency;
    added.push(`the ${name} dependency`);
  }
  return { text: `${JSON.stringify(pkg, null, 2)}\n`, created: false, added };
}

export function runInit(dir: string | undefined, opts: InitOptions, log: (s: string) => void = console.log): number {
  const root = path.resolve(dir ?? '.');
  const preset = resolvePreset(opts.preset);
  if (opts.council !== undefined && !opts.council.trim()) throw new UsageError('--council: give the council\'s name, e.g. --council "Anytown Borough Council"');
  const stat = lstatSync(root, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) throw new UsageError(`${dir}: not a folder`);
  const policy = mergePolicy(DEFAULT_POLICY, preset?.values ?? {});
  const council = opts.council?.trim();
  const name = packageName();

  const workflows = path.join(PACKAGE_ROOT, 'templates', 'github');
  const files: [string, string][] = [
    ['panel.yaml', policyYaml(preset, council)],
    ['cases/.gitkeep', ''],
    ['meetings/.gitkeep', ''],
    ['templates/case.md', readFileSync(path.join(PACKAGE_ROOT, 'templates', 'case.md'), 'utf8')],
    ['.gitignore', GITIGNORE],
    ['README.md', readme(council ?? 'Your council', preset, policy.panel_name)],
    ...readdirSync(workflows, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort()
      .map((f): [string, string] => [path.join('.github', 'workflows', f), readFileSync(path.join(workflows, f), 'utf8')]),
  ];
  const existing = files.map(([f]) => f).filter((f) => lstatSync(path.join(root, f), { throwIfNoEntry: false }));
  if (existing.length) {
    throw new UsageError(
      `${path.relative(process.cwd(), root) || '.'} already has ${existing.length === 1 ? 'this file' : 'these files'}, which panel init never replaces; nothing was written:\n${existing.map((f) => `  ${f}`).join('\n')}\nMove ${existing.length === 1 ? 'it' : 'them'} away (or init another folder) and run panel init again.`,
    );
  }
  const pkgFile = path.join(root, 'package.json');
  const pkg = packageJson(existsSync(pkgFile) ? readFileSync(pkgFile, 'utf8') : null, name);

  mkdirSync(root, { recursive: true });
  for (const [f, content] of files) writeFileSafely(path.join(root, f), content);
  // A new package.json, or the existing one with only what was missing added (written atomically).
  if (pkg.created) writeFileSafely(pkgFile, pkg.text);
  else if (pkg.added.length) writeFileSafely(pkgFile, pkg.text, { force: true });

  const where = path.relative(process.cwd(), root) || '.';
  log(`Created a Panel data repository in ${where}${preset ? ` from the preset "${preset.name}"` : ' with the default policy'}:`);
  for (const [f] of files) log(`  ${f}`);
  if (pkg.created) log('  package.json');
  else log(`  package.json: kept${pkg.added.length ? `, added ${pkg.added.join(', ')}` : ', nothing to add'}`);
  log('Next:');
  if (pkg.created || pkg.added.includes(`the ${name} dependency`)) {
    const tarball = path.join('vendor', `${name}-${packageVersion()}.tgz`);
    if (existsSync(path.join(root, tarball))) log(`  run \`npm install\` in ${where} (it installs ${tarball})`);
    else log(`  copy panel's release tarball to ${path.join(where, tarball)}, then run \`npm install\` there`);
  }
  log("  read panel.yaml and change any value that differs from your panel's terms of reference");
  log('  `npx panel check`, then commit everything and push to a private repository in your organisation');
  return 0;
}
