import type { IsoDate } from '../domain/dates.js';
import type { RuleFinding } from '../domain/findings.js';
import type { FieldPath } from '../domain/problems.js';
import { enteredCareOrPlo, type Peer, type PeerIndex, type Rule, type RuleContext } from '../domain/rule.js';
import type { Child } from '../domain/schema.js';
import { idKey, isWindowsReservedName } from '../domain/child-id.js';
import { isDropped } from '../domain/partial.js';

const folded = new WeakMap<PeerIndex, Map<string, string[]>>();

/** Every id by its letter-case-free form, built once per data set. */
function caseFolded(peers: PeerIndex): Map<string, string[]> {
  let map = folded.get(peers);
  if (!map) {
    map = new Map();
    for (const id of peers.keys()) {
      const list = map.get(idKey(id));
      if (list) list.push(id);
      else map.set(idKey(id), [id]);
    }
    folded.set(peers, map);
  }
  return map;
}

/**
 * The findings on a child's id that need the whole data set: the id against the file name (with any other
 * file using it), and ids that differ only in letter case. `peers` holds every readable case.
 */
export function idFindings(id: string, file: string, peers: PeerIndex): string[] {
  const out: string[] = [];
  const base = file.split('/').pop();
  // A duplicated id is usually a copied file, whose name then differs too: one finding says both.
  const sharing = peers.get(id) ?? [];
  const others = sharing.length > 1 ? sharing.filter((c) => c.file !== file).map((c) => c.file) : [];
  if (base !== `${id}.md`) {
    const also = others.length ? ` and is also used by ${others.join(', ')}` : '';
    out.push(`id ${id} does not match the file name ${base}${also}: rename the file to ${id}.md or correct the id.`);
  } else if (others.length) {
    out.push(`id ${id} is also used by ${others.join(', ')}: every child needs a unique id.`);
  }
  // Ids that differ only in letter case are one file on Windows and macOS and one address on the site.
  const caseTwins = (caseFolded(peers).get(idKey(id)) ?? []).filter((other) => other !== id);
  if (caseTwins.length) {
    const files = caseTwins.flatMap((other) => (peers.get(other) ?? []).map((c) => c.file));
    out.push(`id ${id} differs only in letter case from ${caseTwins.join(', ')} (${files.join(', ')}): they would be one file on Windows and macOS and one address on the site; give each child an id that differs in more than letter case.`);
  }
  return out;
}

/**
 * The finding on one entry of a child's siblings that needs the whole data set (no case file for the
 * sibling, or the sibling not listing the child back), or undefined. The child's own id and an id listed
 * twice are read from the file alone (see checkSiblings).
 */
export function siblingFinding(id: string, sibling: string, peers: PeerIndex): string | undefined {
  const other: Peer | undefined = peers.get(sibling)?.[0];
  if (!other) return `sibling ${sibling} has no case file (cases/${sibling}.md): correct the id or add the file.`;
  // A sibling whose file is invalid and whose siblings could not be read is not contradicted.
  if (other.siblings === null) return undefined;
  if (!other.siblings.includes(id)) return `sibling ${sibling} does not list ${id} in its siblings: add ${id} to ${other.file}, or remove ${sibling} here.`;
  return undefined;
}

/** The sibling entries whose findings need the whole data set: each listed once, not the child's own id (index in the list, id). */
export function siblingsToCompare(id: string, siblings: readonly string[]): [number, string][] {
  const listed = new Set<string>();
  const out: [number, string][] = [];
  siblings.forEach((sibling, i) => {
    if (sibling === id || listed.has(sibling)) return;
    listed.add(sibling);
    out.push([i, sibling]);
  });
  return out;
}

/** How a case appears to the others' checks: its id, file, and siblings (null when they could not be read). */
export function peerOf(file: string, child: Child): Peer {
  return { file, id: child.id, siblings: isDropped(child, ['siblings']) ? null : child.siblings };
}

/**
 * What a single file's schema cannot see: the data set as a whole (ids, file names, siblings) and the
 * order of a child's events (nothing in the future, nothing before care started, lists ascending).
 */
export const dataConsistency: Rule = {
  id: 'data-consistency',
  title: 'Consistent case data',
  headline: 'Case records disagree',
  item: 'Case records',
  soon: 'Case records disagree',
  late: 'Case records disagree',
  clock: () => 'Ids unique and matching file names, siblings listing each other, events in order and not in the future; for a looked-after child, a notice for each of legal status, placement, social worker and team written but left empty.',
  source: { kind: 'data', ref: 'CASE-FORMAT.md' },
  applies: 'all',
  check(child, ctx) {
    const out: RuleFinding[] = [];
    const level = ctx.policy.levels['data-consistency'];
    const report = (path: FieldPath, message: string) => out.push({ status: 'invalid', level, due: null, message, path });
    // Without `peers` (a share of the data set checked on its own: data/check-run.ts), what needs the whole
    // data set is left to the engine's second step (crossCaseFindings); the child's fields are read the same.
    if (ctx.peers) for (const message of idFindings(child.id, ctx.file, ctx.peers)) report(['id'], message);
    if (isWindowsReservedName(child.id)) {
      report(['id'], `id ${child.id} is a name Windows keeps for a device (CON, PRN, AUX, NUL, COM1-9, LPT1-9): ${child.id}.md cannot be opened there; choose another id and rename the file.`);
    }
    checkSiblings(child, ctx, report);
    checkEventOrder(child, ctx.asOf, report);
    checkRecorded(child, (path, message) => out.push({ status: 'invalid', level: 'notice', due: null, message, path }));
    return out;
  },
};

type Report = (path: FieldPath, message: string) => void;

/**
 * The details `panel new` writes as empty lines (`team:`, `social_worker:`, `legal_status:`, `placement:`),
 * asked for while the child is looked after: a notice each (the file is valid and no clock depends on
 * them, so the check does not fail), until a person fills them in. A field written empty is a to-do; a
 * field left out is not asked for (many councils do not record a team). Read through property descriptors:
 * a field dropped from an invalid file is absent here, and reading it must not count as needing it.
 */
function checkRecorded(child: Child, notice: Report) {
  const own = (o: unknown, key: string): unknown => (o && typeof o === 'object' ? Object.getOwnPropertyDescriptor(o, key)?.value : undefined);
  const written = (o: unknown, key: string) => !!o && typeof o === 'object' && Object.getOwnPropertyDescriptor(o, key) !== undefined;
  const empty = (o: unknown, key: string) => written(o, key) && (own(o, key) === null || own(o, key) === '' || (typeof own(o, key) === 'string' && !(own(o, key) as string).trim()));
  const la = own(child, 'looked_after');
  if (!own(la, 'start') || own(la, 'end') || own(own(child, 'permanence'), 'secured')) return;
  if (empty(la, 'legal_status')) notice(['looked_after', 'legal_status'], 'legal status not recorded for a looked-after child: add looked_after.legal_status, the SSDA903 code (e.g. C1 interim care order, V2 section 20).');
  if (empty(la, 'placement')) notice(['looked_after', 'placement'], 'placement not recorded for a looked-after child: add looked_after.placement, the SSDA903 code (e.g. U4 foster placement).');
  if (empty(child, 'social_worker')) notice(['social_worker'], 'social worker not recorded: add social_worker.');
  if (empty(child, 'team')) notice(['team'], 'team not recorded: add team, the team that holds the case.');
}

function checkSiblings(child: Child, ctx: RuleContext, report: Report) {
  const listed = new Set<string>();
  const peers = ctx.peers;
  child.siblings.forEach((sibling, i) => {
    if (sibling === child.id) return report(['siblings', i], `siblings lists the child's own id ${sibling}.`);
    if (listed.has(sibling)) return report(['siblings', i], `siblings lists ${sibling} twice.`);
    listed.add(sibling);
    const message = peers ? siblingFinding(child.id, sibling, peers) : undefined;
    if (message) report(['siblings', i], message);
  });
}

function checkEventOrder(child: Child, asOf: IsoDate, report: Report) {
  const future = (date: IsoDate | null | undefined, path: FieldPath, what: string) => {
    if (date && date > asOf) report(path, `${what} ${date} is in the future (after ${asOf}): record events once they have happened.`);
  };
  const notBefore = (date: IsoDate | null | undefined, earliest: IsoDate | null | undefined, path: FieldPath, what: string, earlierWhat: string) => {
    if (date && earliest && date < earliest) report(path, `${what} ${date} is before ${earlierWhat} ${earliest}.`);
  };

  future(child.dob, ['dob'], 'date of birth');
  const la = child.looked_after;
  if (la) {
    notBefore(la.start, child.dob, ['looked_after', 'start'], 'care start', 'the date of birth');
    future(la.start, ['looked_after', 'start'], 'care start');
    notBefore(la.end, la.start, ['looked_after', 'end'], 'care end', 'care start');
    future(la.end, ['looked_after', 'end'], 'care end');
  }
  child.reviews.forEach((review, i) => {
    future(review, ['reviews', i], 'review');
    if (i > 0 && review <= child.reviews[i - 1]) {
      report(['reviews', i], `review ${review} is not after the review before it (${child.reviews[i - 1]}): list reviews once each, oldest first.`);
    }
    if (!la) report(['reviews', i], `review ${review} is recorded but the child has no looked_after block.`);
    else {
      notBefore(review, la.start, ['reviews', i], 'review', 'care start');
      if (la.end && review > la.end) report(['reviews', i], `review ${review} is after care ended on ${la.end}.`);
    }
  });
  if (child.plo) {
    future(child.plo.start, ['plo', 'start'], 'PLO start');
    notBefore(child.plo.end, child.plo.start, ['plo', 'end'], 'PLO end', 'PLO start');
    future(child.plo.end, ['plo', 'end'], 'PLO end');
  }
  const pr = child.proceedings;
  if (pr) {
    future(pr.issued, ['proceedings', 'issued'], 'proceedings issue date');
    notBefore(pr.concluded, pr.issued, ['proceedings', 'concluded'], 'proceedings concluded', 'issue on');
    notBefore(pr.final_hearing, pr.issued, ['proceedings', 'final_hearing'], 'final hearing', 'issue on');
    future(pr.concluded, ['proceedings', 'concluded'], 'proceedings conclusion');
  }
  if (child.fgc) {
    future(child.fgc.referred, ['fgc', 'referred'], 'FGC referral');
    future(child.fgc.held, ['fgc', 'held'], 'FGC');
    notBefore(child.fgc.held, child.fgc.referred, ['fgc', 'held'], 'FGC held', 'its referral');
  }
  const entry = enteredCareOrPlo(child);
  if (child.plan?.agreed) {
    future(child.plan.agreed, ['plan', 'agreed'], 'plan agreed');
    notBefore(child.plan.agreed, entry, ['plan', 'agreed'], 'plan agreed', 'the child entering care or PLO on');
  }
  if (child.plan?.contingency && child.plan.contingency === child.plan.route) {
    report(['plan', 'contingency'], `the contingency plan is the same route as the plan (${child.plan.route}): a parallel plan needs a different route.`);
  }
  if (child.permanence?.secured) future(child.permanence.secured, ['permanence', 'secured'], 'permanence secured');
  child.panel.forEach((discussion, i) => {
    future(discussion.date, ['panel', i, 'date'], 'panel discussion');
    if (i > 0 && discussion.date <= child.panel[i - 1].date) {
      report(['panel', i, 'date'], `panel discussion ${discussion.date} is not after the one before it (${child.panel[i - 1].date}): list discussions once each, oldest first.`);
    }
    discussion.actions.forEach((action, j) => {
      future(action.done, ['panel', i, 'actions', j, 'done'], 'action done');
      notBefore(action.due, discussion.date, ['panel', i, 'actions', j, 'due'], 'action due date', 'the panel that set it on');
    });
  });
}
