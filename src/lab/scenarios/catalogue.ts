// The bundled scenarios: the ready Contoso organization with one thing changed, and `mid-migration`, the
// realistic not-ready organization `demo` shows by default. fixtures/scenarios/<name>/ holds each one's saved
// inventory and README; the lab serves the same definition live.
import { BUILDS, INTERNAL_VIP, minutesBeforeCollection, PUBLIC_VIP, type PublicNames } from './contoso.js';
import {
  exchange2013Server,
  exchange2016Cu2Estate,
  midMigrationEstate,
  migrationEstate,
  modernEstate,
  ROLES,
  subscriptionEditionEstate,
} from './estates.js';
import { CLASSIC_HYBRID, dedicatedApp, movedHybrid, NO_RICH_COEXISTENCE_FEATURES } from './hybrid.js';
import { address, IN_SCOPE_CALLS, NXDOMAIN, readySetup, type Setup } from './setup.js';

export interface ScenarioDefinition {
  /** One line for `demo --list`. */
  summary: string;
  setup(names: PublicNames): Setup;
}

const ready = (names: PublicNames): Setup => readySetup(modernEstate(), names);
/** Only Exchange SE, moved to the dedicated hybrid application: the hybrid set's ready organization, with `hybrid` changes. */
const moved = (names: PublicNames, hybrid: Parameters<typeof movedHybrid>[0] = {}): Setup => ({
  ...readySetup(subscriptionEditionEstate(), names),
  hybrid: movedHybrid(hybrid),
});

const definitions = {
  ready: { summary: 'Exchange 2019 CU15 and SE, everything in place: ready (one advisory: 2019 is out of support)', setup: ready },
  'ready-se-only': {
    summary: 'only Exchange Server SE, everything in place: ready with nothing to report',
    setup: (names) => readySetup(subscriptionEditionEstate(), names),
  },
  'mid-migration': {
    summary: 'half-way from 2013 to 2016: a 2013 server in the pool and hosting mailboxes, sync stopped, connector off',
    setup: (names) => ({
      ...readySetup(midMigrationEstate(), names),
      // Entra Connect's server was switched off with the 2013 hardware last weekend.
      tenant: { enabled: true, lastSync: minutesBeforeCollection(30 * 60) },
      intraOrganizationConnectorEnabled: false,
    }),
  },
  'exchange-2016-cu2': {
    summary: 'Exchange 2016 still at CU2: no /api, no Autodiscover v2, AD not prepared for CU3',
    setup: (names) => ({ ...readySetup(exchange2016Cu2Estate(), names), discovery: 'not-found', api: 'not-found' }),
  },
  'dag-copy-on-2013': {
    summary: 'a database copy still on an Exchange 2013 server',
    setup: (names) =>
      readySetup(
        migrationEstate({ server: exchange2013Server('EX13-01', ROLES.mailbox2013, false), copyOf: 'DB02', inRotation: false }),
        names,
      ),
  },
  'mixed-2013-front-end': {
    summary: 'an Exchange 2013 Client Access server left in the load-balancer pool',
    setup: (names) =>
      readySetup(
        migrationEstate({ server: exchange2013Server('EX13-CAS01', ROLES.clientAccess2013, true), copyOf: null, inRotation: true }),
        names,
      ),
  },
  'no-public-autodiscover': {
    summary: 'the Autodiscover host has no public DNS record',
    setup: (names) => ({ ...ready(names), dns: { autodiscover: NXDOMAIN, namespace: address(PUBLIC_VIP) } }),
  },
  'private-address': {
    summary: 'the public zone points the namespace at the internal load balancer',
    // The public zone was copied from the internal one.
    setup: (names) => ({ ...ready(names), dns: { autodiscover: address(PUBLIC_VIP), namespace: address(INTERNAL_VIP) } }),
  },
  'preauth-gateway': {
    summary: 'a pre-authenticating gateway answers /api with its sign-in page',
    setup: (names) => ({ ...ready(names), api: 'gateway-sign-in-redirect', frontEnd: 'gateway' }),
  },
  'directory-sync-stale': {
    summary: 'directory sync last ran 30 hours ago',
    setup: (names) => ({ ...ready(names), tenant: { enabled: true, lastSync: minutesBeforeCollection(30 * 60) } }),
  },
  'directory-sync-never': {
    summary: 'the tenant was never synchronized with on-premises AD',
    setup: (names) => ({ ...ready(names), tenant: { enabled: null, lastSync: null }, calls: [] }),
  },
  'directory-sync-off': {
    summary: 'directory sync was turned off in the tenant',
    setup: (names) => ({ ...ready(names), tenant: { enabled: false, lastSync: '2026-05-14T16:02:11Z' } }),
  },
  'no-graph-access': {
    summary: 'no Graph credentials given: directory sync is judged from AD footprints only',
    setup: (names) => ({ ...ready(names), tenant: 'no-graph-access' }),
  },
  'ldap-bind-refused': {
    summary: 'the LDAP bind is refused (wrong password): the AD checks cannot be judged',
    setup: (names) => ({ ...ready(names), ldap: 'bind-refused' }),
  },
  'intra-org-connector-disabled': {
    summary: 'the intra-organization connector is disabled (a warning, not a blocker)',
    setup: (names) => ({ ...ready(names), intraOrganizationConnectorEnabled: false }),
  },
  'graph-api-out-of-scope': {
    summary: 'the application declares beta and To Do calls that on-premises mailboxes never get',
    setup: (names) => ({
      ...ready(names),
      calls: [
        ...IN_SCOPE_CALLS,
        { method: 'GET', url: 'https://graph.microsoft.com/beta/users/{id}/events' },
        { method: 'GET', url: 'https://graph.microsoft.com/v1.0/users/{id}/todo/lists' },
      ],
    }),
  },
  // The hybrid requirement set (`--requirements hybrid`): hybrid as it stands in late 2026.
  'hybrid-dedicated-app': {
    summary: 'hybrid set: only Exchange SE, the dedicated hybrid app end to end, the shared principal clean: ready',
    setup: (names) => moved(names),
  },
  'hybrid-shared-app': {
    summary: 'hybrid set: still on the shared service principal, the Auth certificate left on it (CVE-2025-53786): not ready',
    setup: (names) => ({ ...ready(names), hybrid: { ...CLASSIC_HYBRID, applicationReadAll: true, evoStsRealm: true } }),
  },
  'hybrid-credential-expiring': {
    summary: "hybrid set: the dedicated app's Auth certificate credential ends in 10 days: ready, with a warning",
    setup: (names) => moved(names, { dedicatedApp: dedicatedApp({ credentialEndsInDays: 10, credentialStartsInDays: -1816 }) }),
  },
  'hybrid-no-rich-coexistence': {
    summary: 'hybrid set: hybrid for mailbox moves and mail flow only (no free/busy, MailTips or photos): the app is not needed',
    setup: (names) => ({
      ...readySetup(subscriptionEditionEstate(), names),
      hybrid: {
        ...CLASSIC_HYBRID,
        applicationReadAll: true,
        evoStsRealm: true,
        features: NO_RICH_COEXISTENCE_FEATURES,
        sharedPrincipalKey: false,
      },
    }),
  },
  'hybrid-ews-preauth': {
    summary: 'hybrid set: a pre-authenticating gateway answers /EWS with its sign-in page, so Exchange Online cannot call back',
    setup: (names) => moved(names, { ews: 'gateway-sign-in-redirect' }),
  },
  'hybrid-transport-below-baseline': {
    summary: 'hybrid set: an Exchange 2019 CU15 server at the April 2025 HU, below the hybrid mail flow baseline: a warning',
    setup: (names) => ({ ...readySetup(modernEstate(BUILDS.exchange2019Cu15Apr25Hu), names), hybrid: movedHybrid() }),
  },
} satisfies Record<string, ScenarioDefinition>;

export type ScenarioName = keyof typeof definitions;

/** What `demo` runs without an argument: a realistic organization that is not ready, for more than one reason. */
export const DEFAULT_DEMO_SCENARIO: ScenarioName = 'mid-migration';

export const scenarioNames: readonly ScenarioName[] = (Object.keys(definitions) as ScenarioName[]).sort();

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(definitions, name);
}

export function scenarioDefinition(name: ScenarioName): ScenarioDefinition {
  return definitions[name];
}

export function scenarioSetup(name: ScenarioName, names: PublicNames): Setup {
  return definitions[name].setup(names);
}
