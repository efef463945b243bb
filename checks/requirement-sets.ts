// The requirement sets: which body of Microsoft requirements a check belongs to. One registry, read by selection
// (--requirements), the verdict, every reporter's header, `checks`, diff, JUnit and SARIF. `graph-rest` is the
// default, so a run without --requirements judges exactly what it always judged; `all` is both sets.
// The notices of a set travel with every report that judges it. Sources: docs/facts/hybrid.md.

export type RequirementSetId = 'graph-rest' | 'hybrid';
/** What --requirements (config `requirements:`) accepts: one set, or all of them. */
export type RequirementSelection = RequirementSetId | 'all';

export interface SetNotice {
  id: string;
  level: 'important' | 'info';
  title: string;
  text: string;
  sources: readonly { title: string; url: string }[];
}

export interface RequirementSet {
  id: RequirementSetId;
  /** Short, for headers: "Microsoft Graph REST for on-premises mailboxes". */
  title: string;
  description: string;
  notices: readonly SetNotice[];
}

const graphRest: RequirementSet = {
  id: 'graph-rest',
  title: 'Microsoft Graph REST for on-premises mailboxes',
  description:
    'The requirements of the Graph REST API preview for mailboxes on Exchange Server (R1–R9 of "Use REST APIs to access ' +
    'mailboxes in Exchange hybrid deployments"), plus the OAuth configuration and support lifecycle around them.',
  notices: [
    {
      id: 'graph-rest-preview-retired',
      level: 'important',
      title: 'Microsoft retired Graph REST access to on-premises mailboxes',
      text:
        'Microsoft deprecated the preview that let Microsoft Graph reach mailboxes in Exchange on-premises through hybrid: ' +
        '"Effective March 2023, the ability to use these REST APIs in hybrid deployments will no longer be available" and ' +
        'Microsoft blocks these requests from March 2023. A deployment that meets every requirement below will still not get ' +
        'Graph REST calls proxied to on-premises today. The same prerequisites (CU level, OAuth, Autodiscover v2, a reachable ' +
        '/api and EWS) still matter for the hybrid features that remain.',
      sources: [
        {
          title: 'Use REST APIs to access mailboxes in Exchange hybrid deployments (deprecated)',
          url: 'https://learn.microsoft.com/en-us/graph/hybrid-rest-support',
        },
        {
          title: 'The End of REST API Integration for Exchange on-premises - Preview',
          url: 'https://techcommunity.microsoft.com/t5/exchange-team-blog/the-end-of-the-rest-api-for-on-premises-mailboxes-preview/ba-p/3221219',
        },
      ],
    },
  ],
};

const hybrid: RequirementSet = {
  id: 'hybrid',
  title: 'Exchange hybrid as it stands in late 2026',
  description:
    'The dedicated Exchange hybrid application end to end (on-premises configuration, the Entra application and its ' +
    'credentials, the shared service principal left clean), cross-premises EWS with OAuth, and the build Exchange Online ' +
    'requires for hybrid mail flow.',
  notices: [
    {
      id: 'hybrid-shared-principal-blocked',
      level: 'important',
      title: 'Rich coexistence needs the dedicated Exchange hybrid application',
      text:
        'Since 2025-10-31 Exchange Online permanently blocks EWS calls made through the shared "Office 365 Exchange Online" ' +
        'service principal: free/busy, MailTips and profile photos across premises work only through a dedicated application ' +
        "registered in the organization's own tenant, on Exchange servers at the April 2025 hotfix update or later (or Exchange SE).",
      sources: [
        {
          title: 'Dedicated Hybrid App: temporary enforcements, new HCW and possible hybrid functionality disruptions',
          url: 'https://techcommunity.microsoft.com/blog/exchange/dedicated-hybrid-app-temporary-enforcements-new-hcw-and-possible-hybrid-function/4440682',
        },
        {
          title: 'Deploy dedicated Exchange hybrid app',
          url: 'https://learn.microsoft.com/en-us/exchange/hybrid-deployment/deploy-dedicated-hybrid-app',
        },
      ],
    },
    {
      id: 'hybrid-cve-2025-53786',
      level: 'important',
      title: 'CVE-2025-53786: credentials on the shared service principal',
      text:
        'Auth certificates that on-premises Exchange uploaded to the shared "Office 365 Exchange Online" service principal let an ' +
        'attacker with administrative access to an Exchange server escalate into the tenant (CVE-2025-53786). Moving to the ' +
        'dedicated application is not enough: the key credentials left on the shared service principal must be removed ' +
        '(ConfigureExchangeHybridApplication.ps1 -ResetFirstPartyServicePrincipalKeyCredentials).',
      sources: [
        {
          title: 'CVE-2025-53786 (Microsoft Security Response Center)',
          url: 'https://msrc.microsoft.com/update-guide/vulnerability/CVE-2025-53786',
        },
        {
          title: 'Exchange Server Security Changes for Hybrid Deployments',
          url: 'https://techcommunity.microsoft.com/blog/exchange/exchange-server-security-changes-for-hybrid-deployments/4396833',
        },
      ],
    },
    {
      id: 'hybrid-graph-migration',
      level: 'info',
      title: 'Next: rich coexistence moves from EWS to Microsoft Graph',
      text:
        'From the Exchange SE May 2026 hotfix update, rich coexistence can call Microsoft Graph instead of EWS (the RouteThroughMSGraph ' +
        'setting override, Graph permissions on the dedicated application). Secondary sources report Microsoft asking hybrid ' +
        'organizations to install it by October 2026 and finish the move by April 2027, when Exchange Online turns EWS off; no ' +
        'primary announcement of those dates was found, so this set judges the EWS path and, where the override is on, the Graph permissions.',
      sources: [
        {
          title: 'Deploy dedicated Exchange hybrid app',
          url: 'https://learn.microsoft.com/en-us/exchange/hybrid-deployment/deploy-dedicated-hybrid-app',
        },
        {
          title: 'Exchange hybrid must move EWS to Graph by April 2027 (secondary summary)',
          url: 'https://windowsforum.com/threads/exchange-hybrid-must-move-ews-to-graph-by-apr-2027-hotfix-may-2026.416817/',
        },
      ],
    },
  ],
};

/** In catalogue and report order. */
export const requirementSets: readonly RequirementSet[] = [graphRest, hybrid];

/** What a run without --requirements judges. */
export const DEFAULT_REQUIREMENT_SELECTION: RequirementSelection = 'graph-rest';

export const REQUIREMENT_SELECTIONS: readonly RequirementSelection[] = [...requirementSets.map((set) => set.id), 'all'];

export function requirementSet(id: RequirementSetId): RequirementSet {
  const found = requirementSets.find((set) => set.id === id);
  if (!found) throw new Error(`unknown requirement set ${id}`);
  return found;
}

/** The sets a selection judges, in registry order. */
export function setsOf(selection: RequirementSelection): RequirementSet[] {
  return selection === 'all' ? [...requirementSets] : [requirementSet(selection)];
}

/** "Microsoft Graph REST for on-premises mailboxes" or, for all, the titles joined. */
export function selectionTitle(selection: RequirementSelection): string {
  return setsOf(selection)
    .map((set) => set.title)
    .join(' + ');
}

export function isRequirementSelection(value: string): value is RequirementSelection {
  return (REQUIREMENT_SELECTIONS as readonly string[]).includes(value);
}
