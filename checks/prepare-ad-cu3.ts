// R3: /PrepareAD was run for Exchange 2016 CU3 or later. The schema rangeUpper (>= 15326) is the only value that
// tells CU3 from CU2: both write organization objectVersion 16212 (docs/facts/builds.md §4).
import { defineCheck, type Evidence, type FindingInput } from './api.js';
import { adPrepSources, CU3_ORGANIZATION_VERSION, CU3_SCHEMA_VERSION, describeSchemaVersion } from './data/ad-prep-versions.js';
import { graphHybridRestDoc, prepareAdDoc, restArchitectureBlog } from './lib/requirement-sources.js';

type MessageId =
  | 'schema-cu3'
  | 'schema-below-cu3'
  | 'schema-unreadable'
  | 'organization-not-prepared'
  | 'fix-prepare-ad'
  | 'fix-read-schema';

export default defineCheck({
  id: 'prepare-ad-cu3',
  title: 'Active Directory was prepared for Exchange 2016 CU3 or later',
  description:
    `Reads rangeUpper of CN=ms-Exch-Schema-Version-Pt in the schema partition and checks it is at least ${CU3_SCHEMA_VERSION}, ` +
    'the value Exchange 2016 CU3 writes; the organization and domain objectVersion values are shown as evidence.',
  requirement: {
    id: 'R3',
    text: `/PrepareAD must have been run for Exchange 2016 CU3 or later (schema rangeUpper >= ${CU3_SCHEMA_VERSION}).`,
    sources: [graphHybridRestDoc, restArchitectureBlog, prepareAdDoc],
  },
  requirementSet: 'graph-rest',
  severity: 'blocker',
  requiredArtifacts: ['ExchangeOrganization'],
  optionalArtifacts: [],
  messages: {
    'schema-cu3': `The Exchange schema version (rangeUpper) is {{schemaVersion}} ({{means}}): at least ${CU3_SCHEMA_VERSION}, the Exchange 2016 CU3 schema.`,
    'schema-below-cu3':
      `The Exchange schema version (rangeUpper) is {{schemaVersion}} ({{means}}), below ${CU3_SCHEMA_VERSION}: Active Directory ` +
      'has not been prepared for Exchange 2016 CU3 or later.',
    'schema-unreadable':
      'The Exchange schema version (rangeUpper of CN=ms-Exch-Schema-Version-Pt,{{schemaNc}}) could not be read, so whether ' +
      '/PrepareAD ran for CU3 is unknown.',
    'organization-not-prepared':
      'The schema is at {{schemaVersion}}, but organization {{organization}} has objectVersion {{objectVersion}}, below ' +
      `${CU3_ORGANIZATION_VERSION} (Exchange 2016 CU2/CU3): /PrepareSchema ran, /PrepareAD for CU3 or later apparently did not.`,
    'fix-prepare-ad':
      'From the setup files of Exchange 2016 CU3 or later (today: the latest CU, or Exchange Server SE), run ' +
      '`Setup.exe /PrepareSchema` and `Setup.exe /PrepareAD` with /IAcceptExchangeServerLicenseTerms_DiagnosticDataON (or _OFF) ' +
      'as a member of Schema Admins and Enterprise Admins, then let Active Directory replicate.',
    'fix-read-schema':
      "Read it yourself with `Get-ADObject 'CN=ms-Exch-Schema-Version-Pt,{{schemaNc}}' -Properties rangeUpper`, or let the " +
      'LDAP account read the schema partition.',
  },
  remediation: {
    summary:
      'Run Setup.exe /PrepareSchema and /PrepareAD from Exchange 2016 CU3 or later (today the latest CU or Exchange Server SE) ' +
      'with Schema Admins and Enterprise Admins rights, then wait for replication.',
    links: [prepareAdDoc, ...adPrepSources.slice(1)],
  },

  run({ artifacts: { ExchangeOrganization: org } }) {
    const subject = { kind: 'organization', name: org.name } as const;
    const evidence: Evidence = {
      schemaVersion: org.schemaVersion,
      schemaVersionMeans: org.schemaVersion === null ? null : describeSchemaVersion(org.schemaVersion),
      requiredSchemaVersion: CU3_SCHEMA_VERSION,
      organizationObjectVersion: org.objectVersion,
      domainObjectVersion: org.domainObjectVersion,
      note: `Exchange 2016 CU2 and CU3 both write organization objectVersion ${CU3_ORGANIZATION_VERSION}; only the schema rangeUpper tells them apart.`,
      schemaNamingContext: org.namingContexts.schema,
    };
    const data = {
      schemaVersion: org.schemaVersion,
      means: evidence['schemaVersionMeans'] as string | null,
      schemaNc: org.namingContexts.schema,
      organization: org.name,
      objectVersion: org.objectVersion,
    };

    if (org.schemaVersion === null) {
      return {
        summary: { messageId: 'schema-unreadable', data },
        findings: [{ subject, status: 'manual', messageId: 'schema-unreadable', remediationId: 'fix-read-schema', data, evidence }],
      };
    }
    if (org.schemaVersion < CU3_SCHEMA_VERSION) {
      return {
        summary: { messageId: 'schema-below-cu3', data },
        findings: [{ subject, status: 'fail', messageId: 'schema-below-cu3', remediationId: 'fix-prepare-ad', data, evidence }],
      };
    }
    const findings: FindingInput<MessageId>[] = [{ subject, status: 'pass', messageId: 'schema-cu3', data, evidence }];
    // Every Exchange 2016 CU3+ and 2019/SE /PrepareAD leaves the organization at >= 16212 (2013's values end at 16133).
    if (org.objectVersion !== null && org.objectVersion < CU3_ORGANIZATION_VERSION) {
      findings.push({ subject, status: 'warn', messageId: 'organization-not-prepared', remediationId: 'fix-prepare-ad', data, evidence });
      return { summary: { messageId: 'organization-not-prepared', data }, findings };
    }
    return { summary: { messageId: 'schema-cu3', data }, findings };
  },
});
