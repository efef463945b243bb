import { describe, expect, it } from 'vitest';
import check from '../../checks/mailbox-database-placement.js';
import type { MailboxDatabase, MailboxPlacement } from '../../src/inventory/artifacts.js';
import { createCheckTester } from '../support/check-tester.js';
import { server, servers } from '../support/exchange-servers.js';

const { run } = createCheckTester(check);

const dbDn = (name: string) =>
  `CN=${name},CN=Databases,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com`;
const serverDn = (name: string) => server(name, null).dn;

function database(name: string, copyHosts: string[], options: Partial<MailboxDatabase> = {}): MailboxDatabase {
  return {
    name,
    dn: dbDn(name),
    owningServer: copyHosts[0] ?? null,
    masterServerOrDag: 'DAG1',
    copies: copyHosts.map((host, index) => ({ server: host, serverDn: serverDn(host), activationPreference: index + 1 })),
    isRecovery: false,
    ...options,
  };
}

const counts = (user: number) => ({ user, shared: 0, resource: 0, linked: 0, other: 0 });

function placement(byDatabase: [name: string, users: number][], options: Partial<MailboxPlacement> = {}): MailboxPlacement {
  return {
    byDatabase: byDatabase.map(([name, users]) => ({ databaseDn: dbDn(name), database: name, counts: counts(users) })),
    scanned: byDatabase.reduce((sum, [, users]) => sum + users, 0) + 3,
    excludedSystem: 3,
    requested: [],
    globalCatalog: false,
    ...options,
  };
}

const requested = (address: string, fields: Partial<MailboxPlacement['requested'][number]>) => ({
  address,
  found: true,
  databaseDn: null,
  database: null,
  recipientTypeDetails: '1',
  remote: false,
  ...fields,
});

const fleet = servers(
  server('EX16A', '15.1.2507.66'),
  server('EX16B', '15.1.2507.66'),
  server('EX16OLD', '15.1.466.34'),
  server('EX13', '15.0.1497.48'),
  server('EXSE', '15.2.2562.17'),
  server('EXQ', null, { serialNumber: null, versionNumber: null }),
);

describe('mailbox-database-placement', () => {
  it('passes when every copy of every in-scope database is on a CU3+ server, and lists empty databases as evidence only', () => {
    const result = run({
      artifacts: {
        ExchangeServers: fleet,
        MailboxDatabases: { databases: [database('DB1', ['EX16A', 'EX16B']), database('DB2', ['EXSE']), database('EMPTY', ['EX13'])] },
        MailboxPlacement: placement([
          ['DB1', 40],
          ['DB2', 2],
          ['EMPTY', 0],
        ]),
      },
    });
    expect(result.status).toBe('pass');
    expect(result.summary).toBe('All 2 databases holding in-scope mailboxes have every copy on Exchange 2016 CU3+, 2019 or SE servers.');
    expect(result.findings[0]?.message).toBe(
      'DB1 (40 in-scope mailboxes) has every copy on an Exchange 2016 CU3+, 2019 or SE server: ' +
        'EX16A: 15.1.2507.66 (Exchange 2016 CU23 Feb26SU), EX16B: 15.1.2507.66 (Exchange 2016 CU23 Feb26SU).',
    );
    expect(result.evidence).toMatchObject({ databasesWithoutInScopeMailboxes: ['EMPTY'], mailboxUsersRead: 45 });
  });

  it('fails a database with a passive copy below CU3, naming the database, the copy host and its build', () => {
    const result = run({
      artifacts: {
        ExchangeServers: fleet,
        MailboxDatabases: { databases: [database('DB1', ['EX16A', 'EX16OLD'])] },
        MailboxPlacement: placement([['DB1', 12]]),
      },
    });
    expect(result.status).toBe('fail');
    expect(result.summary).toBe('1 of 1 database holding in-scope mailboxes has a copy below Exchange 2016 CU3: DB1.');
    const [finding] = result.findings;
    expect(finding?.subject).toEqual({ kind: 'database', name: 'DB1' });
    expect(finding?.messageId).toBe('database-copy-below-cu3');
    expect(finding?.message).toContain(
      'has a passive copy on EX16OLD: 15.1.466.34 (Exchange 2016 CU2), which is not Exchange 2016 CU3 or later; a switchover to ' +
        'that copy would put the mailboxes on a server without REST support.',
    );
    expect(finding?.remediation).toContain("Remove-MailboxDatabaseCopy 'DB1\\<server>'");
    expect(finding?.evidence).toMatchObject({
      copySource: 'msExchMDBCopy',
      copies: [
        { host: 'EX16A', cu3OrLater: true },
        { host: 'EX16OLD', cu3OrLater: false, product: 'Exchange 2016' },
      ],
    });
  });

  it('fails a database on Exchange 2013, using the owning server when the database lists no copies', () => {
    const result = run({
      artifacts: {
        ExchangeServers: fleet,
        MailboxDatabases: { databases: [database('DB13', [], { owningServer: 'EX13', masterServerOrDag: 'EX13' })] },
        MailboxPlacement: placement([['DB13', 5]]),
      },
    });
    expect(result.status).toBe('fail');
    expect(result.findings[0]?.message).toBe(
      'DB13 (5 in-scope mailboxes) has its only copy on EX13: 15.0.1497.48 (Exchange 2013 CU23 Mar23SU), which is not Exchange ' +
        '2016 CU3 or later: the mailboxes are on a server without REST support.',
    );
    expect(result.findings[0]?.evidence).toMatchObject({ copySource: 'msExchOwningServer (the database lists no msExchMDBCopy)' });
  });

  it('says the mailboxes are already on the old server when its copy is the active one, not that a switchover would put them there', () => {
    const result = run({
      artifacts: {
        ExchangeServers: fleet,
        MailboxDatabases: { databases: [database('DBA', ['EX16A', 'EX13', 'EX16OLD'], { owningServer: 'EX13' })] },
        MailboxPlacement: placement([['DBA', 1]]),
      },
    });
    expect(result.status).toBe('fail');
    expect(result.findings[0]?.messageId).toBe('database-served-below-cu3');
    expect(result.findings[0]?.message).toBe(
      'DBA (1 in-scope mailbox) has its active copy on EX13: 15.0.1497.48 (Exchange 2013 CU23 Mar23SU), which is not Exchange ' +
        '2016 CU3 or later: the mailboxes are on a server without REST support. Passive copies below CU3 too: EX16OLD: ' +
        '15.1.466.34 (Exchange 2016 CU2).',
    );
  });

  it('counts the passive copies below CU3 in the wording', () => {
    const result = run({
      artifacts: {
        ExchangeServers: fleet,
        MailboxDatabases: { databases: [database('DBP', ['EX16A', 'EX13', 'EX16OLD'])] },
        MailboxPlacement: placement([['DBP', 3]]),
      },
    });
    expect(result.findings[0]?.message).toContain('has passive copies on EX13: 15.0.1497.48 (Exchange 2013 CU23 Mar23SU), EX16OLD:');
    expect(result.findings[0]?.message).toContain('which are not Exchange 2016 CU3 or later; a switchover to one of those copies');
  });

  it('is manual when a copy host is unknown to AD or its build cannot be read', () => {
    const result = run({
      artifacts: {
        ExchangeServers: fleet,
        MailboxDatabases: { databases: [database('DB1', ['EX16A', 'GHOST', 'EXQ'])] },
        MailboxPlacement: placement([['DB1', 1]]),
      },
    });
    expect(result.status).toBe('manual');
    expect(result.findings[0]?.message).toContain('GHOST (not among the Exchange servers read from AD), EXQ (build not readable from AD)');
    expect(result.findings[0]?.remediation).toContain("Get-MailboxDatabaseCopyStatus -Identity 'DB1'");
    expect(result.summary).toBe('Could not verify database DB1.');
  });

  it('is manual when a database lists neither copies nor an owning server, or was not read at all', () => {
    const result = run({
      artifacts: {
        ExchangeServers: fleet,
        MailboxDatabases: { databases: [database('DB0', [], { owningServer: null })] },
        MailboxPlacement: placement([
          ['DB0', 1],
          ['MISSING', 2],
        ]),
      },
    });
    expect(result.status).toBe('manual');
    expect(result.findings.map((finding) => finding.messageId)).toEqual(['database-no-copy-host', 'database-not-read']);
  });

  it('scopes the databases of requested mailboxes, and judges not-found, remote and database-less mailboxes', () => {
    const result = run({
      artifacts: {
        ExchangeServers: fleet,
        MailboxDatabases: { databases: [database('DB1', ['EX16A']), database('DBX', ['EX16OLD'])] },
        MailboxPlacement: placement([], {
          scanned: 10,
          requested: [
            requested('alice@contoso.com', { databaseDn: dbDn('DBX'), database: 'DBX' }),
            requested('bob@contoso.com', { found: false, recipientTypeDetails: null }),
            requested('carol@contoso.com', { remote: true, recipientTypeDetails: '2147483648' }),
            requested('dave@contoso.com', { recipientTypeDetails: '128' }),
          ],
        }),
      },
    });
    expect(result.status).toBe('fail');
    expect(result.findings.map((finding) => [finding.subject.name, finding.status, finding.messageId])).toEqual([
      ['DBX', 'fail', 'database-served-below-cu3'],
      ['bob@contoso.com', 'manual', 'mailbox-not-found'],
      ['carol@contoso.com', 'not-applicable', 'mailbox-remote'],
      ['dave@contoso.com', 'manual', 'mailbox-no-database'],
    ]);
    expect(result.findings[0]?.message).toContain('DBX (requested alice@contoso.com)');
    expect(result.findings[2]?.message).toContain('RemoteUserMailbox (2147483648)');
    expect(result.findings[3]?.message).toContain('MailUser (128)');
    expect(result.evidence).toMatchObject({ databasesWithoutInScopeMailboxes: ['DB1'] });
  });

  it('is not applicable when the only requested mailbox already lives in Exchange Online', () => {
    const result = run({
      artifacts: {
        ExchangeServers: fleet,
        MailboxDatabases: { databases: [] },
        MailboxPlacement: placement([], {
          requested: [requested('carol@contoso.com', { remote: true, recipientTypeDetails: '2147483648' })],
        }),
      },
    });
    expect(result.status).toBe('not-applicable');
    expect(result.summary).toBe('No in-scope mailbox is on an on-premises database.');
  });

  it('is not applicable when mailbox users were read but none is on an on-premises database, ignoring recovery databases', () => {
    const result = run({
      artifacts: {
        ExchangeServers: fleet,
        MailboxDatabases: { databases: [database('RDB', ['EX16OLD'], { isRecovery: true })] },
        MailboxPlacement: placement([], { scanned: 20, excludedSystem: 4 }),
      },
    });
    expect(result.status).toBe('not-applicable');
    expect(result.findings[0]?.message).toContain('20 mailbox users read, 4 system mailboxes excluded');
    expect(result.evidence).toMatchObject({ ignoredRecoveryDatabases: ['RDB'], databasesWithoutInScopeMailboxes: [] });
  });

  it('is manual, not a pass, when no mailbox user was read at all', () => {
    const result = run({
      artifacts: {
        ExchangeServers: fleet,
        MailboxDatabases: { databases: [database('DB1', ['EX16A'])] },
        MailboxPlacement: placement([], { scanned: 0, excludedSystem: 0 }),
      },
    });
    expect(result.status).toBe('manual');
    expect(result.findings[0]?.remediation).toContain('--global-catalog');
  });
  it('names at most a few databases in its summary when thousands fail, while every database keeps its finding', () => {
    const names = Array.from({ length: 4000 }, (_, index) => `DB${String(index + 1).padStart(4, '0')}`);
    const result = run({
      artifacts: {
        ExchangeServers: fleet,
        MailboxDatabases: { databases: names.map((name) => database(name, ['EX16A', 'EX13'])) },
        MailboxPlacement: placement(names.map((name) => [name, 5])),
      },
    });
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      '4000 of 4000 databases holding in-scope mailboxes have a copy below Exchange 2016 CU3: ' +
        'DB0001, DB0002, DB0003, DB0004, DB0005, DB0006, DB0007, DB0008, DB0009, DB0010 and 3,990 more.',
    );
    expect(result.findings.filter((finding) => finding.status === 'fail').map((finding) => finding.subject.name)).toEqual(names);
  });
});
