// The pseudonym table and the substitution (src/report/pseudonyms.ts), and the report-level redaction around them.
import { describe, expect, it } from 'vitest';
import { emptyNames, type KnownNames } from '../../src/report/known-names.js';
import { pseudonymsFor } from '../../src/report/pseudonyms.js';
import { namesInReport, redactionFor, redactReport } from '../../src/report/redact.js';
import { Report } from '../../src/report/report.js';
import { sampleReport } from '../support/sample-report.js';

const names = (partial: Partial<KnownNames>): KnownNames => ({ ...emptyNames(), ...partial });

describe('the substitution', () => {
  const { replace } = pseudonymsFor(
    names({
      domain: ['contoso.com'],
      host: ['mail.contoso.com', 'autodiscover.contoso.com', 'owa.fabrikam.net', 'ex02.contoso.com'],
      server: ['EX01', 'EX02'],
      database: ['Mailbox Database 1118319013'],
      mailbox: ['Adele.Vance@contoso.com'],
      organization: ['Contoso Corporation'],
      tenant: ['5de110f8-2e0f-4d45-891d-bcf2218e253d'],
      computer: ['AADC01'],
      account: ['MSOL_3f6a1c2b9d4e'],
      'rdn-value': ['Service'],
    }),
  );

  it('replaces whole names, case-insensitively, with stable pseudonyms', () => {
    expect(replace('EX01 and ex02 serve https://mail.contoso.com/api; EX011 is another machine')).toBe(
      'server-1 and server-2 serve https://host-1.domain-1.example/api; EX011 is another machine',
    );
    expect(replace('autodiscover.contoso.com')).toBe('autodiscover.domain-1.example');
    expect(replace('owa.fabrikam.net')).toBe('host-2.example');
    expect(replace('SMTP:adele.vance@contoso.com')).toBe('SMTP:mailbox-1@domain-1.example');
    expect(replace('MSOL_3f6a1c2b9d4e on AADC01')).toBe('account-1 on computer-1');
  });

  it('follows the names into DNs, server FQDNs and NetBIOS-style labels', () => {
    expect(replace('CN=EX01,CN=Servers,CN=Contoso Corporation,DC=contoso,DC=com')).toBe(
      'CN=server-1,CN=Servers,CN=organization-1,DC=domain-1,DC=example',
    );
    // A host named after a known server stays that server, so checks can still relate the two.
    expect(replace('ex02.contoso.com')).toBe('server-2.domain-1.example');
    expect(replace('CONTOSO\\svc-sync on contoso.onmicrosoft.com')).toBe('domain-1\\svc-sync on domain-1.onmicrosoft.com');
    expect(replace('Mailbox Database 1118319013 has 3 copies')).toBe('database-1 has 3 copies');
    expect(replace('tenant 5de110f8-2e0f-4d45-891d-bcf2218e253d')).toBe('tenant tenant-1');
    // Certificates write domain components root first.
    expect(replace('DC=com, DC=contoso, CN=Contoso-CA')).toBe('DC=example,DC=domain-1, CN=Contoso-CA');
  });

  it('replaces an RDN value only where it stands in a distinguished name', () => {
    expect(replace('CN=svc,OU=Service,DC=contoso,DC=com')).toBe('CN=svc,OU=name-1,DC=domain-1,DC=example');
    expect(replace('the Autodiscover Service answered')).toBe('the Autodiscover Service answered');
  });

  it('leaves text without known names alone', () => {
    expect(replace('Install the latest cumulative update: https://learn.microsoft.com/en-us/exchange')).toBe(
      'Install the latest cumulative update: https://learn.microsoft.com/en-us/exchange',
    );
    expect(pseudonymsFor(emptyNames()).replace('EX01')).toBe('EX01');
  });

  it('names that are regular-expression syntax or other scripts are replaced as written', () => {
    const special = pseudonymsFor(names({ 'display-name': ['Sales (EU) + Ops', 'Zürich-Büro'] })).replace;
    expect(special('pool Sales (EU) + Ops, site zürich-büro')).toBe('pool name-1, site name-2');
  });
});

describe('redactReport', () => {
  it('replaces names everywhere, stays a valid report and says it was redacted (once)', () => {
    const report = sampleReport();
    const redacted = redactReport(report, redactionFor({ report }));
    const text = JSON.stringify(redacted);
    expect(text).not.toMatch(/EX0[12]/i);
    expect(text).not.toContain('contoso');
    expect(Report.parse(redacted).results[0]?.findings[1]?.subject).toEqual({ kind: 'server', name: 'server-2' });
    expect(redacted.notices.map((notice) => notice.id)).toContain('redacted');
    const again = redactReport(redacted, redactionFor({ report: redacted }));
    expect(again.notices.filter((notice) => notice.id === 'redacted')).toHaveLength(1);
    // Pseudonyms are not names: redacting a redacted report changes nothing else.
    expect(again).toEqual(redacted);
    expect(report.results[0]?.findings[1]?.subject.name).toBe('EX02');
  });

  it('the report carries the names it mentions, and only those, so it can be redacted alone', () => {
    // The inventory also names the organization and the domain (in DNs and FQDNs), which no finding shows.
    expect(sampleReport().names).toEqual({ server: ['EX01', 'EX02'] });
  });
});

describe('pseudonymsFor', () => {
  it('maps each pseudonym back to the name as the facts spell it, and nothing else', () => {
    const { map } = pseudonymsFor(names({ domain: ['contoso.com'], server: ['EX01'], mailbox: ['Adele.Vance@contoso.com'] }));
    expect(map).toEqual({
      'domain-1': 'contoso',
      'domain-1.example': 'contoso.com',
      'mailbox-1@domain-1.example': 'Adele.Vance@contoso.com',
      'server-1': 'EX01',
    });
  });

  it('numbers each class in the sorted order of its names, whatever order they were found in', () => {
    const one = pseudonymsFor(names({ server: ['EX02', 'EX01', 'EX10'] })).map;
    const two = pseudonymsFor(names({ server: ['EX10', 'EX01', 'EX02'] })).map;
    expect(one).toEqual(two);
    expect(one).toEqual({ 'server-1': 'EX01', 'server-2': 'EX02', 'server-3': 'EX10' });
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
    expect(found.mailbox).toContain('adele@contoso.com');
    expect(found.host).toContain('mail.contoso.com');
    expect([...found.mailbox, ...found.host].some((name) => name.includes(' '))).toBe(false);
  });

  it("takes the organization's names that the audit's header shows, so a redacted report names no organization", () => {
    const report = sampleReport();
    report.provenance.organization = { exchange: 'Fabrikam Exchange', tenant: 'Fabrikam Ltd' };
    expect(namesInReport(report).organization).toEqual(expect.arrayContaining(['Fabrikam Exchange', 'Fabrikam Ltd']));
    const redacted = redactReport(report, pseudonymsFor(namesInReport(report)));
    expect(JSON.stringify(redacted.provenance.organization)).not.toContain('Fabrikam');
    expect(redacted.provenance.organization?.exchange).toMatch(/^organization-\d+$/);
  });
});
