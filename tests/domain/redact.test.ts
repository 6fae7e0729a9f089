import { describe, expect, it } from 'vitest';
import { DOB_REMOVED, initials, nameKey, redactor, showBidi } from '../../src/domain/redact.js';

describe('initials', () => {
  it('one letter per name part, hyphenated and several-part names included, particles left out', () => {
    expect(initials('Amelia Hart')).toBe('A.H.');
    expect(initials('Mary-Jane Smith')).toBe('M.J.S.');
    expect(initials("Zoë O'Brien-Smith")).toBe('Z.O.S.');
    expect(initials('Ana María de la Cruz Fernández')).toBe('A.M.C.F.');
    expect(initials('Ludwig van Beethoven')).toBe('L.B.');
    expect(initials('Émile Zola')).toBe('É.Z.');
    expect(initials('É'.normalize('NFD') + 'mile')).toBe('É.');
  });
});

describe('redactor: the corpus of name shapes', () => {
  const hide = redactor({ names: ["Zoë O'Brien-Smith", 'Ana María de la Cruz Fernández', 'Tobi Adeyemi', 'Ana Lopez', 'Jo Li'] });
  const cases: [string, string][] = [
    ['Zoë met Tobi', 'Z. met T.'],
    ["Tobi's carer", "T.'s carer"],
    ['Tobi’s carer', 'T.’s carer'],
    ["Adeyemi's review", "A.'s review"],
    ["O'Brien and O’Brien and OBrien", 'O. and O. and O.'],
    ["O'Brien's and O’Brien’s school", "O.'s and O.’s school"],
    ['Zoë, Zoe, ZOË and ' + 'Zoë'.normalize('NFD'), 'Z., Z., Z. and Z.'],
    ['Zoë O’Brien-Smith', 'Z.O.S.'],
    ['Zoe OBrien Smith was here', 'Z.O.S. was here'],
    ['María, Maria and MARÍA', 'M., M. and M.'],
    ['Fernández or Fernandez', 'F. or F.'],
    ['Ana María de la Cruz Fernández', 'A.M. de la C.F.'],
    ['Lopez and López', 'L. and L.'],
    ["Lopez's school", "L.'s school"],
    ["James' and Cruz' books", "James' and C.' books"],
    ['Jo and Li', 'J. and L.'],
    ['JO LI', 'J.L.'],
    ['decision "Plan for Adey…"', 'decision "Plan for A.…"'],
  ];
  it.each(cases)('%s', (input, expected) => expect(hide(input)).toBe(expected));

  it('whole words only: a name inside a longer word stays', () => {
    expect(hide('Tobias and Smithson, Anatomy, Cruzeiro, Zoetrope')).toBe('Tobias and Smithson, Anatomy, Cruzeiro, Zoetrope');
    // Particles written in lower case in a name are not hidden on their own.
    expect(hide('de la Rue, van, la')).toBe('de la Rue, van, la');
  });

  it('keys compare without accents, apostrophe style or case', () => {
    expect(nameKey('ZOË')).toBe(nameKey('zoe'));
    expect(nameKey('O’Brien')).toBe(nameKey("o'brien"));
    expect(nameKey('Zoe\u0308')).toBe('zoe');
  });

  it('leaves text alone when there is nothing to redact', () => {
    expect(redactor({ names: [] })('Amelia Hart, 2015-02-28')).toBe('Amelia Hart, 2015-02-28');
    expect(redactor(["D'Arcy (Jo)"])("D'Arcy (Jo) was here")).toBe('D. (J.) was here');
  });
});

describe('redactor: dates of birth in every form', () => {
  const hide = redactor({ names: [], datesOfBirth: ['2015-02-28', '2016-07-09', '2016-07-10'] });
  it.each([
    '2015-02-28',
    '28/02/2015',
    '28/2/2015',
    '28.02.2015',
    '28.02.15',
    '28-02-2015',
    '20150228',
    '28 Feb 2015',
    '28 February 2015',
    '28th February 2015',
    '28th of February 2015',
    'Saturday 28 February 2015',
    'Sat 28 Feb 2015',
    'February 28, 2015',
    'Feb. 28 2015',
    '09/07/2016',
    '9 Jul 2016',
    '10 July 2016',
  ])('%s', (date) => {
    expect(hide(`born ${date}.`)).toBe(`born ${DOB_REMOVED}.`);
  });

  it('other dates stay, and a date of birth inside other numbers is not a date', () => {
    expect(hide('due 2026-11-20, 1 Mar 2015, 27/02/2015, 2015-02-281')).toBe('due 2026-11-20, 1 Mar 2015, 27/02/2015, 2015-02-281');
  });

  it('names and dates together', () => {
    const both = redactor({ names: ['Tobi Adeyemi'], datesOfBirth: ['2018-11-05'] });
    expect(both("Tobi's birthday is 5 Nov 2018 (2018-11-05)")).toBe(`T.'s birthday is ${DOB_REMOVED} (${DOB_REMOVED})`);
  });
});

describe('bidirectional controls are shown, never obeyed', () => {
  it('each control as ⟨U+XXXX⟩', () => {
    expect(showBidi('a\u202Eb\u2066c\u200Fd\u061Ce\u202Af')).toBe('a⟨U+202E⟩b⟨U+2066⟩c⟨U+200F⟩d⟨U+061C⟩e⟨U+202A⟩f');
    expect(showBidi('plain – text')).toBe('plain – text');
  });
});
