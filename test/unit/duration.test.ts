import { describe, expect, it } from 'vitest';
import { formatMinutes } from '../../checks/lib/duration.js';

describe('formatMinutes', () => {
  it.each([
    [0, '0 min'],
    [45, '45 min'],
    [60, '1 h'],
    [200, '3 h 20 min'],
    [1440, '1 d'],
    [3120, '2 d 4 h'],
    [-5, '0 min'],
    [59.9, '59 min'],
  ])('%d minutes read "%s"', (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });
});
