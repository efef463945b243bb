import { describe, expect, it } from 'vitest';
import { emptyNames, type KnownNames, namesInReport, pseudonymsFor, redactReport, substitution } from '../../src/report/redact.js';
import { Report } from '../../src/report/report.js';
import { sampleReport } from '../support/sample-report.js';

const names = (partial: Partial<KnownNames>): KnownNames => ({ ...emptyNames(), ...partial });

describe('substitution', () => {
  const replace = substitution(
    names({
      domains: ['contoso.com'],
      hosts: ['mail.contoso.com', 'autodiscover.contoso.com', 'owa.fabrikam.net'],
      servers: ['EX01', 'EX02'],
      databases: ['Mailbox Database 1118319013'],
      mailboxes: ['Adele.Vance@contoso.com'],
      organizations: ['Contoso Corporation'],
      tenants: ['5de110f8-2e0f-4d45-891d-bcf2218e253d'],
    }),
  );

  it('replaces whole names, case-insensitively, with stable pseudonyms', () => {
    expect(replace('EX01 and ex02 serve https://mail.contoso.com/api; EX011 is another machine')).toBe(
      'server-1 and server-2 serve https://host-2.domain-1.example/api; EX011 is another machine',
    );
    expect(replace('autodiscover.contoso.com')).toBe('autodiscover.domain-1.example');
    expect(replace('owa.fabrikam.net')).toBe('host-3.example');
    expect(replace('SMTP:adele.vance@contoso.com')).toBe('SMTP:mailbox-1@domain-1.example');
  });

  it('follows the names into DNs, server FQDNs and NetBIOS-style labels', () => {
    expect(replace('CN=EX01,CN=Servers,CN=Contoso Corporation,DC=contoso,DC=com')).toBe(
      'CN=server-1,CN=Servers,CN=organization-1,DC=domain-1,DC=example',
    );
    expect(replace('ex02.contoso.com')).toBe('server-2.domain-1.example');
    expect(replace('CONTOSO\\svc-sync on contoso.onmicrosoft.com')).toBe('domain-1\\svc-sync on domain-1.onmicrosoft.com');
    expect(replace('Mailbox Database 1118319013 has 3 copies')).toBe('database-1 has 3 copies');
    expect(replace('tenant 5de110f8-2e0f-4d45-891d-bcf2218e253d')).toBe('tenant tenant-1');
  });

  it('leaves text without known names alone', () => {
    expect(replace('Install the latest cumulative update: https://learn.microsoft.com/en-us/exchange')).toBe(
      'Install the latest cumulative update: https://learn.microsoft.com/en-us/exchange',
    );
    expect(substitution(emptyNames())('EX01')).toBe('EX01');
  });
});

describe('redactReport', () => {
  it('replaces names everywhere, stays a valid report and says it was redacted (once)', () => {
    const report = sampleReport();
    const redacted = redactReport(report, namesInReport(report));
    const text = JSON.stringify(redacted);
    expect(text).not.toMatch(/EX0[12]/i);
    expect(text).not.toContain('contoso');
    expect(Report.parse(redacted).results[0]?.findings[1]?.subject).toEqual({ kind: 'server', name: 'server-2' });
    expect(redacted.notices.map((notice) => notice.id)).toContain('redacted');
    expect(redactReport(redacted, namesInReport(redacted)).notices.filter((notice) => notice.id === 'redacted')).toHaveLength(1);
    expect(report.results[0]?.findings[1]?.subject.name).toBe('EX02');
  });
});

describe('pseudonymsFor', () => {
  it('maps each pseudonym back to the name as the facts spell it, and nothing else', () => {
    const { map } = pseudonymsFor(names({ domains: ['contoso.com'], servers: ['EX01'], mailboxes: ['Adele.Vance@contoso.com'] }));
    expect(map).toEqual({
      'DC=domain-1,DC=example': 'dc=contoso,dc=com',
      'domain-1': 'contoso',
      'domain-1.example': 'contoso.com',
      'mailbox-1@domain-1.example': 'Adele.Vance@contoso.com',
      'server-1': 'EX01',
    });
  });
});

describe('namesInReport', () => {
  it('takes only the name from subjects that carry more ("… via host", "host (address:port)")', () => {
    const report = sampleReport();
    const finding = report.results[0]!.findings[0]!;
    report.results[0]!.findings.push(
      { ...finding, subject: { kind: 'mailbox', name: 'adele@contoso.com via autodiscover.contoso.com' } },
      { ...finding, subject: { kind: 'host', name: 'mail.contoso.com (20.84.113.42:443)' } },
    );
    const found = namesInReport(report);
    expect(found.mailboxes).toContain('adele@contoso.com');
    expect(found.hosts).toContain('mail.contoso.com');
    expect([...found.mailboxes, ...found.hosts].some((name) => name.includes(' '))).toBe(false);
  });
});
