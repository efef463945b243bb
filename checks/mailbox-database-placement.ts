// R1: every database holding in-scope on-premises mailboxes has EVERY copy on an Exchange 2016 CU3+, 2019 or SE
// server. A switchover can activate any copy, so the active copy alone proves nothing (docs/facts/active-directory.md §3).

import { recipientTypeName } from '../src/exchange/recipient-types.js';
import { isCu3OrLater } from '../src/exchange/version.js';
import type { MailboxDatabase } from '../src/inventory/artifacts.js';
import { countOf, defineCheck, type Evidence, type FindingInput } from './api.js';
import type { BuildCatalogue } from './lib/build-catalogue.js';
import { buildNumbersDoc, cmdletDoc, getExchangeServerDoc, graphHybridRestDoc, restArchitectureBlog } from './lib/requirement-sources.js';
import { readServerBuild, ServerDirectory } from './lib/server-build.js';
import { listSubjects } from './lib/subject-list.js';

type MessageId =
  | 'database-compliant'
  | 'database-copy-below-cu3'
  | 'database-served-below-cu3'
  | 'database-copy-host-unknown'
  | 'database-no-copy-host'
  | 'database-not-read'
  | 'mailbox-not-found'
  | 'mailbox-remote'
  | 'mailbox-no-database'
  | 'no-mailboxes-scanned'
  | 'no-onprem-mailboxes'
  | 'fix-move-mailboxes'
  | 'fix-verify-copies'
  | 'fix-mailbox-not-found'
  | 'fix-mailbox-no-database'
  | 'fix-no-mailboxes-scanned'
  | 'summary-pass'
  | 'summary-fail'
  | 'summary-manual'
  | 'summary-not-applicable';

export default defineCheck({
  id: 'mailbox-database-placement',
  title: 'In-scope mailboxes live on databases hosted only on Exchange 2016 CU3+ servers',
  description:
    'For every mailbox database that holds in-scope mailboxes (and the databases of each --mailbox), reads every database ' +
    'copy (msExchMDBCopy) and checks that each copy host runs Exchange 2016 CU3 or later, Exchange 2019 or Exchange Server SE.',
  requirement: {
    id: 'R1',
    text:
      'Every on-premises mailbox that will use the REST APIs must be on a database located on Exchange 2016 CU3 (or later) ' +
      'servers, counting every copy of the database, not only the active one.',
    sources: [graphHybridRestDoc, restArchitectureBlog, buildNumbersDoc],
  },
  requirementSet: 'graph-rest',
  severity: 'blocker',
  requiredArtifacts: ['MailboxDatabases', 'ExchangeServers', 'MailboxPlacement'],
  optionalArtifacts: [],
  messages: {
    'database-compliant': '{{database}} ({{scope}}) has every copy on an Exchange 2016 CU3+, 2019 or SE server: {{hosts}}.',
    'database-copy-below-cu3':
      '{{database}} ({{scope}}) has {{count|a passive copy|passive copies}} on {{offenders}}, which {{count|is|are}} not Exchange 2016 CU3 or ' +
      'later; a switchover to {{count|that copy|one of those copies}} would put the mailboxes on a server without REST support.',
    'database-served-below-cu3':
      '{{database}} ({{scope}}) has its {{which}} copy on {{served}}, which is not Exchange 2016 CU3 or later: the mailboxes are on ' +
      'a server without REST support.{{others}}',
    'database-copy-host-unknown':
      '{{database}} ({{scope}}): the build of copy {{count|host|hosts}} {{hosts}} is not known, so the database cannot be confirmed to be ' +
      'on CU3+ servers only.',
    'database-no-copy-host': '{{database}} ({{scope}}) lists no database copy and no owning server, so where it runs is unknown.',
    'database-not-read': '{{database}} ({{scope}}) is not among the mailbox databases read from AD, so its copies are unknown.',
    'mailbox-not-found': '{{mailbox}} was not found among the mail-enabled users read from AD.',
    'mailbox-remote':
      '{{mailbox}} is a remote mailbox ({{recipientType}}): it already lives in Exchange Online, so no on-premises database ' +
      'is involved.',
    'mailbox-no-database':
      '{{mailbox}} was found ({{recipientType}}) but has no mailbox database (homeMDB): it is not an on-premises mailbox.',
    'no-mailboxes-scanned': 'No mailbox user was read from AD, so the placement of on-premises mailboxes cannot be judged.',
    'no-onprem-mailboxes':
      'No in-scope mailbox is on an on-premises database ({{scanned}} mailbox {{scanned|user|users}} read, {{excluded}} system {{excluded|mailbox|mailboxes}} ' +
      'excluded): this requirement does not apply.',
    'fix-move-mailboxes':
      'Move the in-scope mailboxes of {{database}} to a database whose every copy is on an Exchange 2016 CU3+, 2019 or SE ' +
      'server (`New-MoveRequest -Identity <mailbox> -TargetDatabase <database>`), or bring every copy host up to date: ' +
      'install the latest cumulative update on Exchange 2016 hosts below CU3, and remove copies held by older servers ' +
      "(`Remove-MailboxDatabaseCopy '{{database}}\\<server>'`).",
    'fix-verify-copies':
      "Run `Get-MailboxDatabaseCopyStatus -Identity '{{database}}'` and, for each copy host, " +
      '`Get-ExchangeServer <server> | Format-List Name,AdminDisplayVersion` to confirm every copy is on Exchange 2016 CU3 or later.',
    'fix-mailbox-not-found':
      'Check the address with `Get-Recipient {{mailbox}} | Format-List RecipientTypeDetails,Database` and pass the primary ' +
      'SMTP address; in a multi-domain forest collect with --global-catalog.',
    'fix-mailbox-no-database':
      'Run `Get-Recipient {{mailbox}} | Format-List RecipientTypeDetails,Database`: only mailboxes on on-premises databases ' +
      'are subject to this requirement.',
    'fix-no-mailboxes-scanned':
      'Check that the LDAP account can read users (msExchMailboxGuid, homeMDB) in every domain (use --global-catalog for a ' +
      'multi-domain forest), or run `Get-Mailbox -ResultSize Unlimited | Group-Object Database`.',
    'summary-pass':
      '{{total|The|All}} {{total}} {{total|database|databases}} holding in-scope mailboxes {{total|has|have}} every copy on ' +
      'Exchange 2016 CU3+, 2019 or SE servers.',
    'summary-fail':
      '{{count}} of {{total}} {{total|database|databases}} holding in-scope mailboxes {{count|has|have}} a copy below Exchange 2016 ' +
      'CU3: {{databases}}.',
    'summary-manual': 'Could not verify {{subjects}}.',
    'summary-not-applicable': 'No in-scope mailbox is on an on-premises database.',
  },
  remediation: {
    summary:
      'Keep in-scope mailboxes only on databases whose every copy is on Exchange 2016 CU3+, 2019 or SE servers: move the ' +
      'mailboxes (New-MoveRequest) or upgrade/remove the older copy hosts.',
    links: [
      { title: 'Mailbox moves in Exchange Server', url: 'https://learn.microsoft.com/en-us/exchange/recipients/mailbox-moves' },
      cmdletDoc('Get-MailboxDatabaseCopyStatus'),
      cmdletDoc('Remove-MailboxDatabaseCopy'),
      getExchangeServerDoc,
    ],
  },

  run({ artifacts: { MailboxDatabases: mailboxDatabases, ExchangeServers: exchangeServers, MailboxPlacement: placement }, builds }) {
    const directory = new ServerDirectory(exchangeServers.servers);
    const databases = new DatabaseIndex(mailboxDatabases.databases);
    const findings: FindingInput<MessageId>[] = [];
    const scope = new Map<string, Scope>();

    for (const row of placement.byDatabase) {
      const mailboxes = Object.values(row.counts).reduce((sum, n) => sum + n, 0);
      if (mailboxes > 0) scopeOf(scope, row.databaseDn, row.database).mailboxes += mailboxes;
    }
    for (const mailbox of placement.requested) {
      const subject = { kind: 'mailbox', name: mailbox.address } as const;
      const data = { mailbox: mailbox.address, recipientType: recipientTypeName(mailbox.recipientTypeDetails) };
      const evidence: Evidence = { ...mailbox };
      if (!mailbox.found) {
        findings.push({
          subject,
          status: 'manual',
          messageId: 'mailbox-not-found',
          remediationId: 'fix-mailbox-not-found',
          data,
          evidence,
        });
      } else if (mailbox.remote) {
        findings.push({ subject, status: 'not-applicable', messageId: 'mailbox-remote', data, evidence });
      } else if (mailbox.databaseDn === null) {
        findings.push({
          subject,
          status: 'manual',
          messageId: 'mailbox-no-database',
          remediationId: 'fix-mailbox-no-database',
          data,
          evidence,
        });
      } else {
        scopeOf(scope, mailbox.databaseDn, mailbox.database).requested.push(mailbox.address);
      }
    }

    const judged = [...scope.values()].map((entry) => judgeDatabase(entry, databases.find(entry), directory, builds));
    const inScope = judged.filter((judgement) => judgement !== null);
    findings.unshift(...inScope.map((judgement) => judgement.finding));

    const scopedDns = new Set([...scope.values()].map((entry) => entry.dn.toLowerCase()));
    const evidence: Evidence = {
      mailboxUsersRead: placement.scanned,
      systemMailboxesExcluded: placement.excludedSystem,
      globalCatalog: placement.globalCatalog,
      databasesWithoutInScopeMailboxes: mailboxDatabases.databases
        .filter((db) => !db.isRecovery && !scopedDns.has(db.dn.toLowerCase()))
        .map((db) => db.name),
      ignoredRecoveryDatabases: mailboxDatabases.databases.filter((db) => db.isRecovery).map((db) => db.name),
    };

    if (findings.length === 0) {
      const organization = { kind: 'organization', name: 'Exchange organization' } as const;
      if (placement.scanned === 0) {
        findings.push({
          subject: organization,
          status: 'manual',
          messageId: 'no-mailboxes-scanned',
          remediationId: 'fix-no-mailboxes-scanned',
        });
        return { summary: { messageId: 'no-mailboxes-scanned' }, findings, evidence };
      }
      const data = { scanned: placement.scanned, excluded: placement.excludedSystem };
      findings.push({ subject: organization, status: 'not-applicable', messageId: 'no-onprem-mailboxes', data });
      return { summary: { messageId: 'no-onprem-mailboxes', data }, findings, evidence };
    }

    const failing = findings.filter((finding) => finding.status === 'fail');
    const manual = findings.filter((finding) => finding.status === 'manual');
    const summary: { messageId: MessageId; data?: Record<string, string | number> } =
      failing.length > 0
        ? {
            messageId: 'summary-fail',
            data: { count: failing.length, total: inScope.length, databases: listSubjects(failing.map((finding) => finding.subject.name)) },
          }
        : manual.length > 0
          ? {
              messageId: 'summary-manual',
              data: { subjects: listSubjects(manual.map((finding) => `${finding.subject.kind} ${finding.subject.name}`)) },
            }
          : inScope.length > 0
            ? { messageId: 'summary-pass', data: { total: inScope.length } }
            : { messageId: 'summary-not-applicable' };
    return { summary, findings, evidence };
  },
});

/** A database that holds in-scope mailboxes: counted ones and requested ones. */
interface Scope {
  dn: string;
  name: string;
  mailboxes: number;
  requested: string[];
}

function scopeOf(scope: Map<string, Scope>, dn: string, name: string | null): Scope {
  const key = dn.toLowerCase();
  let entry = scope.get(key);
  if (!entry) {
    entry = { dn, name: name ?? dn, mailboxes: 0, requested: [] };
    scope.set(key, entry);
  }
  return entry;
}

class DatabaseIndex {
  private readonly byDn = new Map<string, MailboxDatabase>();
  private readonly byName = new Map<string, MailboxDatabase>();

  constructor(databases: readonly MailboxDatabase[]) {
    for (const db of databases) {
      this.byDn.set(db.dn.toLowerCase(), db);
      this.byName.set(db.name.toLowerCase(), db);
    }
  }

  find(entry: Scope): MailboxDatabase | undefined {
    return this.byDn.get(entry.dn.toLowerCase()) ?? this.byName.get(entry.name.toLowerCase());
  }
}

function scopeText(entry: Scope): string {
  const counted = entry.mailboxes > 0 ? `${countOf(entry.mailboxes, 'in-scope mailbox', 'in-scope mailboxes')}` : null;
  const requested = entry.requested.length > 0 ? `requested ${listSubjects(entry.requested)}` : null;
  return [counted, requested].filter((part) => part !== null).join('; ');
}

interface CopyHost {
  name: string;
  dn: string | null;
}

function judgeDatabase(
  entry: Scope,
  database: MailboxDatabase | undefined,
  directory: ServerDirectory,
  builds: BuildCatalogue,
): { finding: FindingInput<MessageId> } | null {
  const subject = { kind: 'database', name: entry.name } as const;
  const base = { database: entry.name, scope: scopeText(entry) };
  const scopeEvidence: Evidence = { databaseDn: entry.dn, inScopeMailboxes: entry.mailboxes, requestedMailboxes: [...entry.requested] };
  if (!database) {
    return {
      finding: {
        subject,
        status: 'manual',
        messageId: 'database-not-read',
        remediationId: 'fix-verify-copies',
        data: base,
        evidence: scopeEvidence,
      },
    };
  }
  // Recovery databases hold no live mailboxes (homeMDB never points at one); they are not part of the placement.
  if (database.isRecovery) return null;

  const hosts: CopyHost[] =
    database.copies.length > 0
      ? database.copies.map((copy) => ({ name: copy.server, dn: copy.serverDn }))
      : database.owningServer
        ? [{ name: database.owningServer, dn: null }]
        : [];
  const copySource = database.copies.length > 0 ? 'msExchMDBCopy' : 'msExchOwningServer (the database lists no msExchMDBCopy)';

  const copies = hosts.map((host) => {
    const server = directory.find(host.dn) ?? directory.find(host.name);
    const reading = server ? readServerBuild(server, builds) : null;
    const build = reading?.build ?? null;
    return {
      host: server?.name ?? host.name,
      build: reading?.description?.text ?? null,
      product: reading?.description?.product ?? null,
      cu3OrLater: build === null ? null : isCu3OrLater(build),
      problem: !server ? 'not among the Exchange servers read from AD' : build === null ? 'build not readable from AD' : null,
    };
  });
  const evidence: Evidence = {
    ...scopeEvidence,
    masterServerOrDag: database.masterServerOrDag,
    owningServer: database.owningServer,
    copySource,
    copies,
  };

  if (hosts.length === 0) {
    return {
      finding: { subject, status: 'manual', messageId: 'database-no-copy-host', remediationId: 'fix-verify-copies', data: base, evidence },
    };
  }
  const offenders = copies.filter((copy) => copy.cu3OrLater === false);
  if (offenders.length > 0) {
    const described = (list: typeof copies) => list.map((copy) => `${copy.host}: ${copy.build}`).join(', ');
    // The only copy, or the active one (msExchOwningServer), already serves the mailboxes from that server: no
    // switchover is needed for them to be there.
    const active = database.owningServer?.toLowerCase();
    const served =
      copies.length === 1 ? offenders[0] : offenders.find((copy) => active !== undefined && copy.host.toLowerCase() === active);
    if (served) {
      const others = offenders.filter((copy) => copy !== served);
      return {
        finding: {
          subject,
          status: 'fail',
          messageId: 'database-served-below-cu3',
          remediationId: 'fix-move-mailboxes',
          data: {
            ...base,
            which: copies.length === 1 ? 'only' : 'active',
            served: described([served]),
            others: others.length > 0 ? ` Passive copies below CU3 too: ${described(others)}.` : '',
          },
          evidence,
        },
      };
    }
    return {
      finding: {
        subject,
        status: 'fail',
        messageId: 'database-copy-below-cu3',
        remediationId: 'fix-move-mailboxes',
        data: { ...base, count: offenders.length, offenders: described(offenders) },
        evidence,
      },
    };
  }
  const unknown = copies.filter((copy) => copy.problem !== null);
  if (unknown.length > 0) {
    return {
      finding: {
        subject,
        status: 'manual',
        messageId: 'database-copy-host-unknown',
        remediationId: 'fix-verify-copies',
        data: { ...base, count: unknown.length, hosts: unknown.map((copy) => `${copy.host} (${copy.problem})`).join(', ') },
        evidence,
      },
    };
  }
  return {
    finding: {
      subject,
      status: 'pass',
      messageId: 'database-compliant',
      data: { ...base, hosts: copies.map((copy) => `${copy.host}: ${copy.build}`).join(', ') },
      evidence,
    },
  };
}
