/**
 * The meeting pack's print page as HTML, from the pack model: the one renderer of the pack, used by the
 * Astro print route (src/components/Pack.astro, when the site is built with its pack pages) and by
 * `panel pack`, which builds the page without running the Astro site build at all (pack-build.ts).
 *
 * Written as Astro wrote the page (the same markup and spacing, byte for byte: tests/data/pack-html.test.ts),
 * and escaped as Astro escapes: every value is escaped text unless it is marked `raw` (the sanitised case
 * notes from renderMarkdown, and the markup built here). Nothing from a case file is ever raw.
 *
 * Each top-level <section class="pack-part"> starts a page, so the renderer (pack-pdf.ts) can paginate the
 * parts in parallel chunks and join them. Running header texts are elements marked `data-string` (read by
 * the pack's own string-set handler, public/assets/pack-config.js): no text from a file is ever written
 * into CSS. Contents page numbers are filled in by the renderer (`data-toc`).
 */
import { carriedForwardText, unreadableMeetingsSentence } from '../domain/agenda.js';
import { ROUTE_LABELS } from '../domain/codes.js';
import { showBidi } from '../domain/redact.js';
import { NOT_READ_FIELD } from '../domain/partial.js';
import type { IsoDate } from '../domain/dates.js';
import type { Themes } from '../domain/themes.js';
import { headline } from '../rules/index.js';
import { renderMarkdown } from '../components/markdown.js';
import type { PackFinding, PackModel } from './pack-model.js';
import { plural } from '../domain/plural.js';

/** Markup that is already HTML (never text from a file). */
class Raw {
  constructor(readonly html: string) {}
}
const raw = (html: string) => new Raw(html);
type Value = Raw | string | number | boolean | null | undefined | Value[];

const TEXT = /[&<>'"]/g;
const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;', '"': '&quot;' };
/** Text as Astro escapes it (html-escaper). */
export const escapeText = (s: string) => s.replace(TEXT, (c) => TEXT_ESCAPES[c]);
/** An attribute value as Astro escapes it (inside double quotes). */
export const escapeAttr = (s: string) => s.replace(/&/g, '&#38;').replace(/"/g, '&#34;');

function out(v: Value): string {
  if (v instanceof Raw) return v.html;
  if (Array.isArray(v)) return v.map(out).join('');
  if (v === null || v === undefined || v === false || v === true) return '';
  return escapeText(String(v));
}

/** `html\`<p>${text}</p>\``: every value escaped as text unless raw; lists joined with nothing between. */
function html(strings: TemplateStringsArray, ...values: Value[]): Raw {
  let s = strings[0];
  values.forEach((v, i) => (s += out(v) + strings[i + 1]));
  return raw(s);
}

/** ` name="value"`, or nothing for null/undefined (as Astro writes an attribute). */
const attr = (name: string, value: string | null | undefined) => raw(value === null || value === undefined ? '' : ` ${name}="${escapeAttr(value)}"`);

// The print route: a lean stylesheet and the Paged.js polyfill, all served from the site.
// Paged.js reads the stylesheets and writes page styles inline: it needs 'self' fetches and inline styles.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'";

function layout(title: string, body: Raw): string {
  return out(html`<!DOCTYPE html><html lang="en"> <head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow"><meta http-equiv="Content-Security-Policy"${attr('content', CSP)}><title>${title}</title><link rel="stylesheet" href="/assets/pack.css"><script src="/assets/pack-config.js"></script><script src="/assets/paged.polyfill.js"></script></head> <body> ${body} </body></html>`);
}

/**
 * A finding's first line in the pack, saying its status once and never the rule's level: "Overdue: Panel
 * action not done, due 4 Dec 2026" (the lead in red for an error), "Later looked-after review due soon:
 * 18 Dec 2026", "Panel action done late, was due 4 Dec 2026".
 */
export function findingHead(f: PackFinding, day: (d: IsoDate | null | undefined) => string): string {
  const when = !f.due ? '' : f.status === 'due-soon' ? `: ${day(f.due)}` : f.status === 'late' ? `, was due ${day(f.due)}` : `, due ${day(f.due)}`;
  return out(html`<p class="item-head">${f.lead && html`<span${attr('class', f.error ? 'overdue' : undefined)}>${f.lead}</span>: `}<strong>${f.title}</strong>${when}</p>`);
}

export interface PackPageInput {
  pack: PackModel;
  themes: Themes;
  /** No meeting is scheduled: the pack is for the date it was built for, and says so. */
  noMeeting: boolean;
}

/** The whole print page (before the site's links are made relative: see pack-build.ts). */
export function renderPackPage({ pack, themes, noMeeting }: PackPageInput): string {
  const { agenda, day, date } = pack;
  const redact = pack.redacted;
  const route = (r: string | null | undefined) => (r ? (ROUTE_LABELS[r as keyof typeof ROUTE_LABELS] ?? r) : 'Not recorded');
  const chunk = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
  // Ten rows a table: a row is up to five lines, so each table fits on its page (a row split over two pages is hard to read).
  const summaryChunks = chunk(pack.children, 10);
  // A date in the summary tracker that has passed (at the date the clocks are read) is in bold red, and a line
  // above the table says what that means (the columns are too narrow for a word beside each date).
  const passed = (d: IsoDate | null): d is IsoDate => !!d && d < pack.asOf;
  const dueCell = (d: IsoDate | null) => (passed(d) ? html`<strong class="overdue">${day(d)}</strong>` : day(d));
  const openActions = pack.children.flatMap((child) => child.openActions.map((a) => ({ child, ...a })));
  const overdueNow = Object.entries(themes.overdueOverTime.at(-1)?.byRule ?? {}).sort((a, b) => b[1] - a[1]);
  const ragClass = { red: 'tag-red', amber: 'tag-amber', green: 'tag-green' };
  const byId = new Map(pack.children.map((c) => [c.id, c]));
  const tag = (rag: keyof typeof ragClass) => html`<span${attr('class', `tag ${ragClass[rag]}`)}>${rag.toUpperCase()}</span>`;
  const agendaTitle = pack.agreed ? 'Agenda' : 'Proposed agenda';
  // What is overdue for the meeting itself (its agenda not agreed in time, papers missing), named on the cover too.
  const behind = pack.meetingFindings.filter((f) => f.status === 'overdue').map((f) => f.title);
  const meetingsUnread = unreadableMeetingsSentence(agenda, day);

  const cover = html`<section class="pack-part pack-cover" id="cover"> <p class="cover-marking">${pack.marking}</p> <h1 class="cover-title">${pack.panelName}</h1> <p class="cover-sub">${pack.council}</p> <dl class="summary"> <dt>Date</dt><dd>${day(date)}</dd> <dt>Time</dt><dd>${pack.time}</dd> <dt>Venue</dt><dd>${pack.venue}</dd> <dt>Chairs</dt><dd>${pack.chairs}</dd> <dt>Agenda</dt><dd>${pack.agendaStatus}; ${agenda.items.length} ${agenda.items.length === 1 ? 'item' : 'items'}, ${pack.children.length} ${pack.children.length === 1 ? 'child' : 'children'}, about ${agenda.totalMinutes} minutes</dd> ${behind.length > 0 && html`<dt>Behind for this meeting</dt><dd class="overdue" data-testid="cover-behind">${behind.join('; ')} (see the agenda page)</dd>`} <dt>Clocks read as of</dt><dd>${day(pack.asOf)}</dd> <dt>Data commit</dt><dd>${pack.commit ?? 'not a git repository'}</dd> ${redact && html`<dt>Version</dt><dd>Redacted for wider circulation: initials for children's names, age in years, no dates of birth, no case notes.</dd>`} </dl> ${pack.fictional && html`<p class="fictional">Demo pack: every child, family and worker in it is fictional.</p>`} <p class="muted">This pack holds personal data. Do not copy, forward or leave it unattended; destroy paper copies securely after the meeting.</p> </section>`;

  const agendaPart = html`<section class="pack-part" id="agenda"> <h1 data-string="section">${agendaTitle}</h1> <p>${pack.agendaStatus}; following up the panel of ${agenda.since ? day(agenda.since) : '(none before)'}. Days overdue are counted to the meeting, ${day(date)}.</p> ${pack.meetingFindings.map(
    (f) => html`<p${attr('class', f.status === 'overdue' ? 'overdue' : undefined)} data-testid="meeting-finding"><strong>${f.title}.</strong> ${f.parts.map((p) => (p.code ? html`<code class="nowrap">${p.text}</code>` : p.text))}</p>`,
  )} ${meetingsUnread && html`<p class="overdue" data-testid="unreadable-meetings">${meetingsUnread}</p>`} <table> <thead><tr><th>Item</th><th>Time</th><th>Child</th><th>Why on the agenda</th></tr></thead> <tbody> ${agenda.items.map(
    (item) =>
      html`<tr> <td>${item.number}</td> <td>${item.start} <span class="nowrap">(${item.minutes} min)</span></td> <td class="text">${item.children.map((c) => html`<div><a${attr('href', `#child-${c.id}`)}>${byId.get(c.id)?.label ?? c.id}</a> <span class="nowrap">(${c.id})</span></div>`)}</td> <td class="text">${item.children.map((c) => byId.get(c.id)?.reasons.map((r) => html`<div>${item.children.length > 1 ? `${c.id}: ` : ''}${r}</div>`))}${item.children
        .filter((c) => c.invited.length)
        .map((c) => html`<div>${item.children.length > 1 ? `${c.id}: ` : ''}Invited: ${c.invited.map((who) => showBidi(who)).join(', ')}</div>`)}${item.children
        .filter((c) => c.papers.length)
        .map(
          (c) =>
            html`<div class="muted">${item.children.length > 1 ? `${c.id}: ` : ''}Papers (due ${day(agenda.papersDueBy)}): ${c.papers.map((p) => `${showBidi(p.label)} ${p.received ? `${day(p.received)}${p.late ? ' (late)' : ''}` : 'not received'}`).join('; ')}</div>`,
        )}</td> </tr>`,
  )} </tbody> </table> ${agenda.notes.map((n) => html`<p><strong>Note:</strong> ${n}</p>`)} </section>`;

  const tocItem = (href: string, title: string, key: string) =>
    html`<li><a${attr('href', href)}><span class="toc-title">${title}</span><span class="toc-page"${attr('data-toc', key)}></span></a></li>`;
  const contents = html`<section class="pack-part" id="contents"> <h1 data-string="section">Contents</h1> <ul class="toc"> ${tocItem('#agenda', agendaTitle, 'agenda')} ${tocItem('#summary', 'Summary tracker', 'summary')} ${pack.children.map((c) => tocItem(`#child-${c.id}`, c.heading, `child-${c.id}`))} ${tocItem('#actions', 'Open actions log', 'actions')} ${tocItem('#themes', 'Themes snapshot', 'themes')} </ul> </section>`;

  const summary = html`<section class="pack-part" id="summary"> <h1 data-string="section">Summary tracker</h1> ${
    noMeeting &&
    html`<p class="overdue" data-testid="no-meeting">No panel meeting is scheduled in the next four months (the schedule in panel.yaml has run out): this pack is for ${day(date)}, the date it was built for. Add the next meeting dates to panel.yaml.</p>`
  } ${
    agenda.unreadableFiles > 0 &&
    html`<p class="overdue" data-testid="unreadable-files">${agenda.unreadableFiles} case file${agenda.unreadableFiles === 1 ? '' : 's'} could not be read in full: ${agenda.unreadableFiles === 1 ? 'its child is' : 'their children are'} listed with what could be read, marked "this file must be fixed before panel".</p>`
  } ${
    pack.children.some((c) => (!c.proceedingsConcluded && passed(c.proceedingsDue)) || passed(c.nextReviewDue)) &&
    html`<p data-testid="passed-dates">26-week dates and next reviews in <strong class="overdue">bold red</strong> had passed on ${day(pack.asOf)}, when the clocks were read: they are overdue.</p>`
  } ${summaryChunks.map(
    (rows, i) =>
      html`<div${attr('class', i ? 'tracker-page' : undefined)}><table class="tracker"> <thead><tr><th>Item</th><th>Child</th><th>Age</th><th>Legal status</th><th>Care start</th><th>PLO start</th><th>26-week date</th><th>Next review</th><th>Plan / contingency</th><th>Agreed</th><th>Last panel</th><th>Actions</th><th>RAG</th></tr></thead> <tbody> ${rows.map(
        (c) =>
          html`<tr> <td>${c.item}</td> <td class="text">${c.label}<br><span class="muted">${c.id}</span></td> <td>${c.age ?? '–'}</td> <td>${c.legalStatus.split(':')[0]}</td> <td>${day(c.careStart)}</td> <td>${day(c.ploStart)}${c.ploEnd ? html`<br><span class="muted">ended ${day(c.ploEnd)}</span>` : null}</td> <td>${c.proceedingsConcluded ? 'Concluded' : dueCell(c.proceedingsDue)}</td> <td>${dueCell(c.nextReviewDue)}</td> <td class="text">${c.route} / ${c.contingency}</td> <td>${day(c.planAgreed, c.notRead.planAgreed ? 'Not read' : 'Not yet')}</td> <td>${day(c.lastPanel, c.notRead.panel ? 'Not read' : 'Never')}</td> <td class="num">${c.openActionCount}</td> <td>${tag(c.rag)}</td> </tr>`,
      )} </tbody> </table></div>`,
  )} </section>`;

  const children = pack.children.map((c) => {
    const findings = c.findings.length
      ? html`<ul class="items"> ${c.findings.map((f) => html`<li>${raw(findingHead(f, day))}<p>${f.message}</p></li>`)} </ul>`
      : html`<p>Every clock is on track.</p>`;
    const decisions = c.lastDiscussion
      ? html` <p>Last discussed ${day(c.lastDiscussion.date)}: ${c.lastDiscussion.decision || 'decision not recorded'}</p> ${
          c.actions.length > 0 &&
          html`<ul class="items"> ${c.actions.map((a) => html`<li><p>${a.action}</p><p class="item-meta">Owner ${a.owner ?? 'not recorded'} · set ${day(a.from)} · due ${day(a.due)} · ${a.done ? `done ${day(a.done)}` : html`<span class="overdue">open</span>`}</p></li>`)} </ul>`
        }`
      : html`<p>${c.notRead.panel ? `Panel discussions: ${NOT_READ_FIELD.toLowerCase()}.` : 'Not yet discussed at panel.'}</p>`;
    const changes = c.changes
      ? c.changes.length
        ? html`<ul>${c.changes.map((line) => html`<li>${line}</li>`)}</ul>`
        : html`<p>No recorded change to this file since ${agenda.since ? day(agenda.since) : 'the start'}.</p>`
      : html`<p class="muted">${pack.historyNote}</p>`;
    return html`<section class="pack-part pack-child"${attr('id', `child-${c.id}`)}> <h1 data-string="section">${c.heading}</h1> <p>${tag(c.rag)} ${c.reasons.join('; ')}</p> ${
      c.mustFix &&
      html`<p class="overdue must-fix" data-testid="must-fix"><strong>This file must be fixed before panel</strong> (${c.mustFix.file}). What could be read is shown; until it is fixed some clocks are not read. ${c.mustFix.problems.join('; ')}</p>`
    } <h2>Summary</h2> <dl class="summary"> ${c.dob && html`<dt>Date of birth</dt><dd>${day(c.dob)}</dd>`} <dt>Age</dt><dd>${c.age === null ? 'Not readable' : `${c.age} ${c.age === 1 ? 'year' : 'years'}`}</dd> <dt>Social worker / team</dt><dd>${c.socialWorker}</dd> <dt>Legal status</dt><dd>${c.legalStatus}</dd> <dt>Looked after</dt><dd>${c.lookedAfter}</dd> <dt>PLO / proceedings</dt><dd>${c.ploStart ? `PLO from ${day(c.ploStart)}${c.ploEnd ? ` to ${day(c.ploEnd)}` : ''}. ` : ''}${c.proceedings}</dd> <dt>Siblings</dt><dd>${c.siblings.length ? c.siblings.join(', ') : c.notRead.siblings ? NOT_READ_FIELD : 'None tracked'}</dd> </dl> <h2>Plan and contingency</h2> <p>Plan: <strong>${c.route}</strong>; contingency: <strong>${c.contingency}</strong>; ${c.planAgreed ? `agreed ${day(c.planAgreed)}` : c.notRead.planAgreed ? 'not read (the file must be fixed)' : 'not yet agreed'}.</p> <h2>Findings</h2> ${c.findings.length > 0 && html`<p class="muted" data-testid="findings-as-of">Clocks read on ${day(pack.asOf)}: days overdue here are counted to that date, not to the meeting.</p>`} ${findings} <h2>Decisions and actions since the last panel</h2> ${decisions} <h2>What changed since the last panel</h2> ${changes} ${c.changes && pack.historyNote && html`<p class="muted">${pack.historyNote}</p>`} <h2>Timeline</h2> <ul class="timeline">${c.timeline.map((e) => html`<li${attr('class', e.kind === 'overdue' ? 'overdue' : undefined)}><time${attr('datetime', e.date)}>${day(e.date)}</time> <span>${e.kind !== 'event' ? (e.kind === 'overdue' ? 'Overdue: ' : 'Due: ') : ''}${e.text}</span></li>`)}</ul> ${
      c.body !== null && html`<h2>Summary for panel</h2><div class="body-text">${raw(renderMarkdown(c.body))}</div>`
    } </section>`;
  });

  const elsewhere = pack.openActionsElsewhere;
  const scope = html`<p>The open actions of the children on this agenda.${
    elsewhere.actions ? ` ${plural(elsewhere.actions, 'more open action')}, for ${plural(elsewhere.children, 'child', 'children')} not on this agenda, ${elsewhere.actions === 1 ? 'is' : 'are'} on the tracker, not listed here.` : ' No other child has an open action.'
  }</p>`;
  const actions = html`<section class="pack-part" id="actions"> <h1 data-string="section">Open actions log</h1> ${scope} ${
    openActions.length
      ? html`<ul class="items"> ${openActions.map(
          (a) =>
            html`<li><p class="item-head"><strong>${a.child.label} (${a.child.id})</strong></p><p>${a.action}</p><p class="item-meta">Owner ${a.owner ?? 'not recorded'} · set ${day(a.from)}${a.carriedForward?.length ? ` · ${carriedForwardText({ ...a, carriedForward: a.carriedForward })}` : ''} · due <span${attr('class', a.due < date ? 'overdue' : undefined)}>${day(a.due)}</span></p></li>`,
        )} </ul>`
      : html`<p>No open actions for the children on this agenda.</p>`
  } </section>`;

  const themesPart = html`<section class="pack-part" id="themes"> <h1 data-string="section">Themes snapshot</h1> <p>Plans agreed by the second review: <strong>${themes.planByReview.share === null ? 'no data yet' : `${Math.round(themes.planByReview.share * 100)}%`}</strong> (${themes.planByReview.onTime} of ${themes.planByReview.due}).</p> <p>Proceedings concluded: ${themes.proceedings.concludedWeeks.length}, median ${themes.proceedings.medianWeeks ?? '–'} weeks, ${themes.proceedings.within26} within 26 weeks; ${themes.proceedings.open} open.</p> <h2>Median days to permanence by route</h2> <table><thead><tr><th>Route</th><th class="num">Children</th><th class="num">Median days</th></tr></thead> <tbody>${themes.permanenceByRoute.map((p) => html`<tr><td>${route(p.route)}</td><td class="num">${p.children}</td><td class="num">${p.medianDays}</td></tr>`)}</tbody></table> <h2>Overdue items now</h2> <table><thead><tr><th>Timescale</th><th class="num">Overdue</th></tr></thead> <tbody>${overdueNow.map(([rule, n]) => html`<tr><td>${headline(rule)}</td><td class="num">${n}</td></tr>`)}</tbody></table> </section>`;

  // The running header's date never breaks across lines (no-break spaces): a long panel name wraps before it.
  const body = html` <div class="pack-strings" aria-hidden="true"> <p data-string="running">${pack.panelName} · ${day(date).replaceAll(' ', '\u00a0')}</p> <p data-string="marking">${pack.marking}</p>${redact ? html` <p data-string="copy">Redacted copy</p>` : ''} </div> ${cover} ${agendaPart} ${contents} ${summary} ${children}${actions} ${themesPart} `;
  return layout(pack.title, body);
}

/** The date the pack is for: the one asked for, else the next meeting, else (none scheduled) the as-of date. */
export function packDateFor(requested: IsoDate | null | undefined, nextMeeting: IsoDate | null, asOf: IsoDate): { date: IsoDate; noMeeting: boolean } {
  return { date: requested ?? nextMeeting ?? asOf, noMeeting: !requested && !nextMeeting };
}
