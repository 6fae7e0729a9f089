/** Small words people read on the command line: the version, "next meeting", an empty agenda. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agendaText } from '../../src/cli/meetings.js';
import type { Agenda } from '../../src/domain/agenda.js';
import { FIXTURES, panel, REPO } from './run.js';

describe('the command line in words', () => {
  it('panel --version prints the package version and exits 0', () => {
    const r = panel(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version);
  });

  it('panel schedule --count 1 says "next meeting", not "next 1 meetings"', () => {
    const r = panel(['schedule', '--root', path.join(FIXTURES, 'basic'), '--from', '2026-11-22', '--count', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Permanency Tracking Panel: next meeting from 22 Nov 2026');
  });

  it('an empty agenda says so in words', () => {
    const empty: Agenda = {
      date: '2026-12-04', status: 'proposed', agreed: false, agreedOn: null, agreedBy: null, proposedOn: null,
      since: '2026-11-06', items: [], totalMinutes: 0, notes: [],
    } as unknown as Agenda;
    const text = agendaText({ ...empty, unreadableFiles: 0, unreadableMeetings: [], papersDueBy: '2026-11-27' } as Agenda, 'PTP');
    expect(text).toContain('PTP: agenda for Friday 4 December 2026 (proposed: not yet frozen for the chairs)');
    expect(text).toContain('No child needs discussing at this meeting');
    expect(text).toContain('(following up the panel of 6 Nov 2026)');
    expect(text).not.toMatch(/0 items|0 children/);
  });
});
