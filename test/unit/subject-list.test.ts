import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listSubjects, SHOWN_SUBJECTS } from '../../checks/lib/subject-list.js';

const names = (count: number) => Array.from({ length: count }, (_, index) => `DB${String(index + 1).padStart(4, '0')}`);

describe('listSubjects', () => {
  it('lists a short list whole, in the order given', () => {
    expect(listSubjects([])).toBe('');
    expect(listSubjects(['EX02', 'EX01'])).toBe('EX02, EX01');
    // One over the limit is listed whole: "and 1 more" would be no shorter than the name it hides.
    expect(listSubjects(names(SHOWN_SUBJECTS + 1)).endsWith(`DB${String(SHOWN_SUBJECTS + 1).padStart(4, '0')}`)).toBe(true);
  });

  it('caps a long list and counts the rest with thousands separators', () => {
    expect(listSubjects(names(4000), 2)).toBe('DB0001, DB0002 and 3,998 more');
    const text = listSubjects(names(4000));
    expect(text).toBe(`${names(SHOWN_SUBJECTS).join(', ')} and 3,990 more`);
  });

  it('stays short however many subjects there are, and always accounts for all of them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 12 }), (count, shown) => {
        const text = listSubjects(names(count), shown);
        const listed = text === '' ? 0 : text.split(' and ')[0]!.split(', ').length;
        const more = /and ([\d,]+) more$/.exec(text);
        const hidden = more ? Number(more[1]!.replaceAll(',', '')) : 0;
        expect(listed + hidden).toBe(count);
        expect(listed).toBeLessThanOrEqual(shown + 1);
        expect(text.length).toBeLessThanOrEqual((shown + 1) * 8 + 24);
      }),
    );
  });
});
