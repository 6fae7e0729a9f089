/**
 * "What changed since the last panel" in the pack: each field change in plain words (no field paths, no
 * JSON, dates as "4 Dec 2026", routes by name), and in the redacted pack no name, no date of birth and no
 * text a person wrote (a summary, lessons learned: case notes), only that it changed.
 */
import { describe, expect, it } from 'vitest';
import { fieldWords, packChangeText } from '../../src/data/pack-model.js';
import { shortDate, type IsoDate } from '../../src/domain/dates.js';
import { diffFrontMatter as fieldChanges } from '../../src/domain/field-changes.js';
import { timelineOf } from '../../src/domain/timeline.js';
import { child } from '../helpers.js';

const day = (d: IsoDate) => shortDate(d);
const text = (s: string) => s.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (d) => shortDate(d));
const said = (before: object, after: object, redact: boolean) => fieldChanges(before, after).map((f) => packChangeText(f, { redact, day, text }));

const SUMMARY = 'The IRO considers the special guardianship assessment of the aunt should finish before the hearing';

describe('field changes in the pack', () => {
  it('names fields by their labels (tests/domain/field-labels.test.ts holds every field to one)', () => {
    expect(fieldWords('adoption.local_match_pursued')).toBe('Local adoption match pursued');
    expect(fieldWords('iro_difference.summary')).toBe('What the social worker and the IRO differ on');
    expect(fieldWords('foster_match.ifa')).toBe('Foster match with an independent fostering agency (IFA)');
    expect(fieldWords('disruption_meetings[2026-11-18].lessons')).toBe('Disruption meeting, lessons');
  });

  it('full pack: yes/no, dates in words, routes by name, a record by its date, text quoted', () => {
    expect(said({ adoption: {} }, { adoption: { local_match_pursued: true } }, false)).toEqual(['Local adoption match pursued: yes']);
    expect(said({}, { iro_difference: { raised: '2026-11-12', summary: SUMMARY } }, false)).toEqual([
      'Difference of opinion with the IRO raised: 12 Nov 2026',
      `What the social worker and the IRO differ on: "${SUMMARY.slice(0, 79)}…"`,
    ]);
    expect(said({ plan: { route: 'return-home' } }, { plan: { route: 'special-guardianship' } }, false).join()).toBe('Permanence plan changed from return home to special guardianship order');
    const meetings = said({}, { disruption_meetings: [{ date: '2026-11-18', chair: 'Meera Patel', lessons: 'Carers needed more support' }] }, false);
    expect(meetings.join()).not.toMatch(/[{}[\]]|"date"/);
    expect(meetings.join()).toContain('18 Nov 2026');
    // A change the audit trail already words is kept, with its dates in words.
    expect(said({}, { plan: { emergency_change: '2026-11-19' } }, false)).toEqual(['Permanence plan changed in an emergency 19 Nov 2026']);
  });

  it('redacted pack: no name, no date of birth, no written text; dates and yes/no still shown', () => {
    const all = said(
      { name: 'Ada Example', dob: '2016-04-01' },
      { name: 'Ada Exampel', dob: '2016-04-02', iro_difference: { raised: '2026-11-12', summary: SUMMARY }, disruption_meetings: [{ date: '2026-11-18', chair: 'Meera Patel', lessons: 'Carers needed more support' }], remand: { long_term_plan: true } },
      true,
    ).join('\n');
    expect(all).toContain('Name changed');
    expect(all).toContain('Date of birth corrected');
    expect(all).toContain('Difference of opinion with the IRO raised: 12 Nov 2026');
    expect(all).toContain('What the social worker and the IRO differ on recorded (what was written is not shown in this version)');
    expect(all).toContain('Disruption meetings recorded (what was written is not shown in this version)');
    expect(all).toContain('Plan to stay looked after long term when the remand ends: yes');
    for (const secret of ['Ada', 'Exampel', '2016', 'IRO considers', 'aunt', 'Meera', 'Carers needed']) expect(all).not.toContain(secret);
  });
});

describe('the timeline in the redacted pack', () => {
  it('keeps each event and its date but leaves out what a person wrote (disruption lessons, the IRO summary); routes by name', () => {
    const c = child({
      id: 'C-1',
      name: 'Ada Example',
      disruption_meetings: [{ date: '2026-11-18', chair: 'Meera Patel', lessons_child: 'Needs carers who know her school', lessons_service: 'Support plans came late' }],
      iro_difference: { raised: '2026-11-12', summary: SUMMARY },
      permanence: { secured: '2026-11-20', route: 'special-guardianship' },
    });
    const full = timelineOf(c, [], '2026-11-30').map((e) => e.text).join('\n');
    const redacted = timelineOf(c, [], '2026-11-30', { notes: false }).map((e) => e.text);
    expect(full).toContain('Needs carers who know her school');
    expect(full).toContain(SUMMARY);
    expect(redacted).toContain('Disruption meeting held (chair Meera Patel)');
    expect(redacted).toContain('Difference of opinion between the social worker and the IRO');
    expect(redacted).toContain('Permanence secured: special guardianship order');
    for (const note of ['Needs carers', 'Support plans', 'IRO considers']) expect(redacted.join('\n')).not.toContain(note);
  });
});
