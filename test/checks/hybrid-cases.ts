// Hand-made artifacts for the hybrid set's check tests: an organization moved to the dedicated application, and
// small builders to change one thing at a time.
import type {
  AppRoleAssignment,
  ExchangeAuthConfig,
  ExchangeOnlineServicePrincipal,
  ExchangeServer,
  HybridApplications,
  HybridFeatures,
  KeyCredential,
  SettingOverride,
} from '../../src/inventory/artifacts.js';

export const TENANT = '5de110f8-2e0f-4d45-891d-bcf2218e253d';
export const APP_ID = 'a7f0c3e2-5b19-4d8e-9c61-2f4b8e0d7a35';
export const FIRST_PARTY = '00000002-0000-0ff1-ce00-000000000000';
export const CURRENT = 'DD856D773E491B6D3B80ACBFFD9E4001EF3F44AB';
export const NEXT = '951F86C2BD5A4A39F6D846EB56E21E708FE0E0C4';
export const NOW = '2026-11-20T09:30:00.000Z';
const ORG = 'CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com';

export function link(exchange: ExchangeServer) {
  return { name: exchange.name, dn: exchange.dn };
}

export function features(flags: number | null, servers: readonly ExchangeServer[] = []): HybridFeatures {
  const names: [number, string][] = [
    [1, 'FreeBusy'],
    [2, 'MoveMailbox'],
    [4, 'Mailtips'],
    [8, 'MessageTracking'],
    [16, 'OwaRedirection'],
    [32, 'OnlineArchive'],
    [64, 'SecureMail'],
    [512, 'Photos'],
  ];
  return {
    configuration: {
      dn: `CN=Hybrid Configuration,CN=Hybrid Configuration,${ORG}`,
      featureFlags: flags,
      features: flags === null ? [] : names.filter(([bit]) => (flags & bit) !== 0).map(([, name]) => name),
      clientAccessServers: servers.map(link),
      sendingTransportServers: servers.map(link),
      receivingTransportServers: [],
      edgeTransportServers: [],
      domains: ['contoso.com'],
    },
  };
}

/** Free/busy, move mailbox, MailTips, message tracking, OWA redirection, online archive, secure mail and photos. */
export const ALL_FEATURES = 639;

export function authConfig(
  appId: string | null,
  overrides: Partial<NonNullable<ExchangeAuthConfig['authConfig']>> = {},
): ExchangeAuthConfig {
  return {
    authConfig: {
      dn: `CN=Auth Configuration,${ORG}`,
      serviceName: FIRST_PARTY,
      realm: null,
      currentThumbprint: CURRENT,
      previousThumbprint: null,
      nextThumbprint: null,
      nextEffectiveDate: null,
      rawThumbprints: [`0:${CURRENT}`],
      ...overrides,
    },
    authServers: [
      {
        name: 'ACS',
        dn: `CN=ACS,CN=Auth Servers,CN=Auth Configuration,${ORG}`,
        type: 'MicrosoftACS',
        enabled: true,
        realm: TENANT,
        applicationIdentifier: null,
        issuerIdentifier: '00000001-0000-0000-c000-000000000000',
      },
      {
        name: `EvoSts - ${TENANT}`,
        dn: `CN=EvoSts - ${TENANT},CN=Auth Servers,CN=Auth Configuration,${ORG}`,
        type: 'AzureAD',
        enabled: true,
        realm: TENANT,
        applicationIdentifier: appId,
        issuerIdentifier: `https://sts.windows.net/${TENANT}/`,
      },
    ],
  };
}

export function override(fields: Partial<SettingOverride> = {}): SettingOverride {
  return {
    name: 'EnableExchangeHybrid3PAppFeature',
    component: 'Global',
    section: 'ExchangeOnpremAsThirdPartyAppId',
    flight: null,
    parameters: ['Enabled=true'],
    servers: [],
    minVersion: null,
    maxVersion: null,
    fixVersion: null,
    reason: 'test',
    modifiedBy: 'admin',
    error: null,
    ...fields,
  };
}

export function credential(thumbprint: string | null, start: string, end: string, fields: Partial<KeyCredential> = {}): KeyCredential {
  return {
    keyId: `key-${thumbprint ?? 'unknown'}-${end}`,
    displayName: 'Auth certificate',
    type: 'AsymmetricX509Cert',
    usage: 'Verify',
    startDateTime: start,
    endDateTime: end,
    customKeyIdentifier: thumbprint,
    thumbprint,
    thumbprintSource: thumbprint ? 'customKeyIdentifier' : null,
    ...fields,
  };
}

export const EWS_ROLE: AppRoleAssignment = {
  id: 'asg-1',
  resourceId: 'exo-sp',
  resourceAppId: FIRST_PARTY,
  resourceDisplayName: 'Office 365 Exchange Online',
  appRoleId: 'dc890d15-9560-4a4c-9b7f-a736ec74ec40',
  appRoleValue: 'full_access_as_app',
};

export function graphRole(value: string | null, id = `role-${value}`): AppRoleAssignment {
  return {
    id: `asg-${id}`,
    resourceId: 'graph-sp',
    resourceAppId: '00000003-0000-0000-c000-000000000000',
    resourceDisplayName: 'Microsoft Graph',
    appRoleId: id,
    appRoleValue: value,
  };
}

type App = HybridApplications['applications'][number];

export function application(fields: Partial<App> = {}): HybridApplications {
  return {
    requested: [APP_ID],
    applications: [
      {
        appId: APP_ID,
        found: true,
        id: 'app-object',
        displayName: 'ExchangeServerApp-0626ac82',
        keyCredentials: [credential(CURRENT, '2026-10-27T14:01:57Z', '2031-10-27T09:30:00Z')],
        requiredResourceAccess: [{ resourceAppId: FIRST_PARTY, resourceAccess: [{ id: EWS_ROLE.appRoleId, type: 'Role' }] }],
        servicePrincipal: { id: 'app-sp', displayName: 'ExchangeServerApp-0626ac82', appRoleAssignments: [EWS_ROLE] },
        ...fields,
      },
    ],
  };
}

export function sharedPrincipal(keyCredentials: KeyCredential[] = [], found = true): ExchangeOnlineServicePrincipal {
  return {
    appId: FIRST_PARTY,
    found,
    id: found ? 'exo-sp' : null,
    displayName: found ? 'Office 365 Exchange Online' : null,
    keyCredentials,
  };
}
