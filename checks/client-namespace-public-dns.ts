// R7: each on-premises client namespace (e.g. mail.contoso.com) has Internet DNS records that reach Exchange.
import { defineCheck } from './api.js';
import { judgeNamesOfRole, publicDnsMessages } from './lib/public-dns.js';

export default defineCheck({
  id: 'client-namespace-public-dns',
  title: 'Client namespace resolves in public DNS',
  description:
    'Looks up each on-premises client namespace on public resolvers, follows CNAMEs, and checks that it resolves to ' +
    'addresses the Internet can reach, that the resolvers agree, and that it does not lead to Exchange Online.',
  requirement: {
    id: 'R7',
    text: 'The on-premises client namespace must have Internet (public) DNS records.',
    sources: [
      {
        title: 'Use REST APIs to access mailboxes in Exchange hybrid deployments',
        url: 'https://learn.microsoft.com/en-us/graph/hybrid-rest-support',
      },
      {
        title: 'On-Premises Architectural Requirements for the REST API',
        url: 'https://techcommunity.microsoft.com/t5/exchange-team-blog/on-premises-architectural-requirements-for-the-rest-api/ba-p/605609',
      },
    ],
  },
  requirementSet: 'graph-rest',
  severity: 'blocker',
  requiredArtifacts: ['PublicDns'],
  optionalArtifacts: [],
  messages: {
    ...publicDnsMessages,
    'no-namespaces':
      'No client namespace was looked up, so public DNS for the namespace cannot be judged: pass --namespace (e.g. --namespace mail.contoso.com).',
  },
  remediation: {
    summary:
      'Publish each external client namespace (the ExternalUrl host of the OWA, EWS and /api virtual directories) in the public ' +
      'DNS zone, pointing to the Internet-facing address of the on-premises Exchange front end.',
    links: [
      {
        title: 'Namespace planning in Exchange Server',
        url: 'https://learn.microsoft.com/en-us/exchange/architecture/client-access/namespace-planning',
      },
      { title: 'Hybrid deployment prerequisites', url: 'https://learn.microsoft.com/en-us/exchange/hybrid-deployment-prerequisites' },
    ],
  },

  run({ artifacts: { PublicDns: publicDns } }) {
    return judgeNamesOfRole(publicDns, { role: 'namespace', noun: 'client namespace', flag: '--namespace', noneLookedUp: 'no-namespaces' });
  },
});
