/**
 * The rule engine: every rule over every readable case at one as-of date. Pure: the loader hands it the
 * parsed cases and a line lookup; it returns findings in the public shape, in a stable order.
 */
import { MEETING_RULES, RULES } from '../rules/index.js';
import type { WorkingDayCalendar } from './calendar.js';
import type { IsoDate } from './dates.js';
import type { Finding, RuleFinding } from './findings.js';
import type { Level, Policy } from './policy.js';
import type { RecordedFacts } from './recorded.js';
import type { FieldPath } from './problems.js';
import { appliesTo, inUse, type CaseRef, type MeetingRef, type Peer, type PeerIndex, type Rule, type RuleContext } from './rule.js';
import { idFindings, peerOf, siblingFinding, siblingsToCompare } from '../rules/data-consistency.js';
import { nextAvailableMeeting } from './schedule.js';
import { isDropped, mustFix, readTracked } from './partial.js';

export interface EvaluableCase extends CaseRef {
  locate(path: FieldPath, atKey?: boolean): number;
}

export interface EngineContext {
  asOf: IsoDate;
  policy: Policy;
  calendar: WorkingDayCalendar;
  /** Each child's held meetings whose agenda listed them (meeting files before asOf), oldest first. */
  agendas?: ReadonlyMap<string, readonly IsoDate[]>;
  /** From the audit trail, when it was read. */
  recorded?: RecordedFacts | null;
}

/** Every readable case by id, as the other cases' checks see it (more than one entry: a duplicate id). */
export function indexPeers(peers: Iterable<Peer>): Map<string, Peer[]> {
  const byId = new Map<string, Peer[]>();
  for (const p of peers) {
    const list = byId.get(p.id);
    if (list) list.push(p);
    else byId.set(p.id, [p]);
  }
  // By file, so a duplicated id reads the same whatever order the files came in.
  for (const list of byId.values()) if (list.length > 1) list.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return byId;
}

/** What one case's checks share with every other case's: the date, policy, calendar, meetings and audit trail. */
export type CaseContext = Omit<RuleContext, 'file' | 'peers'>;

export function caseContext(ctx: EngineContext): CaseContext {
  const nextMeeting = new Map<IsoDate, IsoDate | null>();
  return {
    asOf: ctx.asOf,
    policy: ctx.policy,
    calendar: ctx.calendar,
    windowDays: ctx.policy.warning_window_days,
    dueSoonLevel: ctx.policy.due_soon_level,
    recorded: ctx.recorded ?? null,
    agendasListing: (id: string) => ctx.agendas?.get(id) ?? [],
    nextAvailableMeeting(date: IsoDate) {
      if (!nextMeeting.has(date)) nextMeeting.set(date, nextAvailableMeeting(date, ctx.policy, ctx.calendar));
      return nextMeeting.get(date)!;
    },
  };
}

/**
 * What the data-consistency rule still has to say about a case once every case is known (see
 * crossCaseFindings): the case as the others see it, and the lines and rules for its own findings.
 */
export interface CrossCase {
  peer: Peer;
  level: Level;
  /** Findings on the id are kept (the id was read from the file). */
  keepId: boolean;
  /** Findings on the siblings are kept (the rule read no field the file could not give). */
  keepSiblings: boolean;
  idLine: number;
  /** Each sibling entry to compare with the others (index in the list, id) and its line. */
  siblings: { index: number; id: string; line: number }[];
}

export interface CaseEvaluation {
  findings: Finding[];
  /** The rules not read for this (invalid) file, because they need a field it could not give. */
  unread: string[];
  /** Set when the rules were read without `peers`, and the data-consistency rule was among them. */
  cross: CrossCase | null;
}

/**
 * Every rule on one case. A rule that reads a field its (invalid) file could not give is not read for that
 * child (its readings would rest on a value that is not there): `unread` names those rules, so the file's
 * finding can name the clocks that are off until it is fixed. Only the data-consistency findings on the id
 * itself are kept from such a rule. With `peers` (every readable case), the findings that compare this case
 * with the others are made here; without, they are left to crossCaseFindings (`cross`).
 */
export function evaluateCase(c: EvaluableCase, shared: CaseContext, rules: readonly Rule[] = RULES, peers?: PeerIndex): CaseEvaluation {
  const rctx: RuleContext = peers ? { ...shared, file: c.file, peers } : { ...shared, file: c.file };
  const unread: string[] = [];
  const findings: Finding[] = [];
  let cross: CrossCase | null = null;
  // A valid file's child (nothing dropped) is read as it is, without a view that watches each read.
  const partial = !!mustFix(c.child)?.dropped.length;
  for (const rule of rules) {
    if (!inUse(rule, shared.policy)) continue;
    let result: RuleFinding[];
    let readDropped = false;
    if (!partial) result = appliesTo(rule, c.child) ? rule.check(c.child, rctx) : [];
    else ({ result, readDropped } = readTracked(c.child, (child) => (appliesTo(rule, child) ? rule.check(child, rctx) : [])));
    if (readDropped) unread.push(rule.id);
    const consistency = rule.id === 'data-consistency';
    const keepId = consistency && (!partial || !isDropped(c.child, ['id']));
    const kept = !readDropped ? result : keepId ? result.filter((r) => r.path[0] === 'id') : [];
    for (const r of kept) {
      findings.push({ child: c.child.id, file: c.file, rule: rule.id, status: r.status, level: r.level, due: r.due, message: r.message, line: c.locate(r.path) });
    }
    if (consistency && !peers) {
      const keepSiblings = keepId && !readDropped;
      cross = {
        peer: peerOf(c.file, c.child),
        level: shared.policy.levels['data-consistency'],
        keepId,
        keepSiblings,
        idLine: keepId ? c.locate(['id']) : 1,
        siblings: keepSiblings ? siblingsToCompare(c.child.id, c.child.siblings).map(([index, id]) => ({ index, id, line: c.locate(['siblings', index]) })) : [],
      };
    }
  }
  return { findings, unread, cross };
}

/** The data-consistency findings of one case that compare it with the others (`peers`: every readable case). */
export function crossCaseFindings(cross: CrossCase, peers: PeerIndex): Finding[] {
  const out: Finding[] = [];
  const { peer, level } = cross;
  const finding = (message: string, line: number): Finding => ({ child: peer.id, file: peer.file, rule: 'data-consistency', status: 'invalid', level, due: null, message, line });
  if (cross.keepId) for (const message of idFindings(peer.id, peer.file, peers)) out.push(finding(message, cross.idLine));
  for (const s of cross.siblings) {
    const message = siblingFinding(peer.id, s.id, peers);
    if (message) out.push(finding(message, s.line));
  }
  return out;
}

/** Every rule on every case (see evaluateCase); `onUnread` is told the rules not read for an invalid file. */
export function evaluate(
  cases: readonly EvaluableCase[],
  ctx: EngineContext,
  rules: readonly Rule[] = RULES,
  onUnread?: (file: string, ruleIds: string[]) => void,
): Finding[] {
  const peers = indexPeers(cases.map((c) => peerOf(c.file, c.child)));
  const shared = caseContext(ctx);
  const findings: Finding[] = [];
  for (const c of cases) {
    const { findings: own, unread } = evaluateCase(c, shared, rules, peers);
    for (const f of own) findings.push(f);
    if (unread.length) onUnread?.(c.file, unread);
  }
  return findings;
}

export interface EvaluableMeetingRef extends MeetingRef {
  locate(path: FieldPath): number | undefined;
}

/** The meeting-cycle rules over meeting files and the next scheduled meeting. */
export function evaluateMeetings(meetings: readonly EvaluableMeetingRef[], ctx: EngineContext): Finding[] {
  const rctx = { ...ctx, windowDays: ctx.policy.warning_window_days, dueSoonLevel: ctx.policy.due_soon_level };
  const out: Finding[] = [];
  for (const m of meetings) {
    for (const rule of MEETING_RULES) {
      for (const r of rule.check(m, rctx)) {
        const line = m.exists ? m.locate(r.path) : undefined;
        out.push({ child: r.child ?? null, file: m.file, rule: rule.id, status: r.status, level: r.level, due: r.due, message: r.message, ...(line ? { line } : {}) });
      }
    }
  }
  return out;
}

/** The order of `--format json`: by file, then line, then rule. Stable for the same inputs. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message),
  );
}
