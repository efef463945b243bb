import { describe, expect, it } from 'vitest';
import { placeholdersOf, renderMessage } from '../../checks/api.js';
import { countOf, plural } from '../../src/plural.js';

describe('plural and countOf', () => {
  it('say one thing as one and every other count as many', () => {
    expect(countOf(1, 'finding')).toBe('1 finding');
    expect(countOf(2, 'server')).toBe('2 servers');
    expect(countOf(0, 'mailbox', 'mailboxes')).toBe('0 mailboxes');
    expect(countOf(1, 'mailbox', 'mailboxes')).toBe('1 mailbox');
    expect(plural(1, 'is', 'are')).toBe('is');
    expect(plural(3, 'is', 'are')).toBe('are');
  });
});

describe('message templates', () => {
  it('pick the word that agrees with a number: {{key|one|other}}', () => {
    const template = '{{count}} {{count|copy is|copies are}} on {{hosts}}.';
    expect(renderMessage(template, { count: 1, hosts: 'EX13' })).toBe('1 copy is on EX13.');
    expect(renderMessage(template, { count: 2, hosts: 'EX13, EX16' })).toBe('2 copies are on EX13, EX16.');
    expect(renderMessage('{{n|The|All}} {{n}} {{ n |server|servers}}', { n: 1 })).toBe('The 1 server');
    expect(placeholdersOf(template)).toEqual(['count', 'count', 'hosts']);
  });

  it('leave a placeholder visible when its datum is missing, or a plural form when the datum is not a number', () => {
    expect(renderMessage('{{count|server|servers}} and {{name}}', {})).toBe('{{count|server|servers}} and {{name}}');
    expect(renderMessage('{{count|server|servers}}', { count: '2' })).toBe('{{count|server|servers}}');
  });
});
