// The hybrid set's Microsoft Graph artifacts of the example tenant, as the Graph collector records them: the dedicated
// application (its key credential is the current Auth certificate, its consent an app role assignment) and the shared
// Office 365 Exchange Online service principal with what HCW left on it. The lab's Graph serves them
// (src/lab/scenario-graph.ts); dates are days from the collection, so the lab replays them as ages.
import type { ExchangeOnlineServicePrincipal, HybridApplications, KeyCredential } from '../../inventory/artifacts.js';
import { CURRENT_AUTH_CERTIFICATE } from './auth-certificates.js';
import { COLLECTED_AT } from './contoso.js';
import { DEDICATED_APP_KEY_ID, EXCHANGE_ONLINE_SP_ID, type HybridSetup, SHARED_PRINCIPAL_KEY_ID } from './hybrid.js';

export const EXCHANGE_ONLINE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
export const FULL_ACCESS_AS_APP = { id: 'dc890d15-9560-4a4c-9b7f-a736ec74ec40', value: 'full_access_as_app' } as const;
export const DEDICATED_APP_ASSIGNMENT_ID = 'FS2kT0Q8_kO3h1cwP4m2KzE0pH0Jd9BNh0wq3ZfJx7U';
/** When HCW first uploaded the Auth certificate to the shared principal, in days from the collection. */
const SHARED_KEY_STARTED_DAYS = -628;

export function daysFromCollection(days: number): string {
  return new Date(Date.parse(COLLECTED_AT) + days * 86_400_000).toISOString().replace('.000Z', 'Z');
}

function authCertificateCredential(keyId: string, displayName: string, startsInDays: number, endsInDays: number): KeyCredential {
  const thumbprint = CURRENT_AUTH_CERTIFICATE.thumbprint;
  return {
    keyId,
    displayName,
    type: 'AsymmetricX509Cert',
    usage: 'Verify',
    startDateTime: daysFromCollection(startsInDays),
    endDateTime: daysFromCollection(endsInDays),
    customKeyIdentifier: thumbprint,
    thumbprint,
    thumbprintSource: 'key',
  };
}

export function hybridApplications(hybrid: HybridSetup): HybridApplications {
  const app = hybrid.dedicatedApp;
  if (!app) return { requested: [], applications: [] };
  return {
    requested: [app.appId],
    applications: [
      {
        appId: app.appId,
        found: true,
        id: app.objectId,
        displayName: app.displayName,
        keyCredentials: [
          authCertificateCredential(
            DEDICATED_APP_KEY_ID,
            'Added by ConfigureExchangeHybridApplication.ps1 on 10/27/2026 14:01:57',
            app.credentialStartsInDays,
            app.credentialEndsInDays,
          ),
        ],
        requiredResourceAccess: [{ resourceAppId: EXCHANGE_ONLINE_APP_ID, resourceAccess: [{ id: FULL_ACCESS_AS_APP.id, type: 'Role' }] }],
        servicePrincipal: {
          id: app.servicePrincipalId,
          displayName: app.displayName,
          appRoleAssignments: app.consented
            ? [
                {
                  id: DEDICATED_APP_ASSIGNMENT_ID,
                  resourceId: EXCHANGE_ONLINE_SP_ID,
                  resourceAppId: EXCHANGE_ONLINE_APP_ID,
                  resourceDisplayName: 'Office 365 Exchange Online',
                  appRoleId: FULL_ACCESS_AS_APP.id,
                  appRoleValue: FULL_ACCESS_AS_APP.value,
                },
              ]
            : [],
        },
      },
    ],
  };
}

export function exchangeOnlineServicePrincipal(hybrid: HybridSetup): ExchangeOnlineServicePrincipal {
  return {
    appId: EXCHANGE_ONLINE_APP_ID,
    found: true,
    id: EXCHANGE_ONLINE_SP_ID,
    displayName: 'Office 365 Exchange Online',
    keyCredentials: hybrid.sharedPrincipalKey
      ? [
          authCertificateCredential(
            SHARED_PRINCIPAL_KEY_ID,
            'Exchange Server Auth Certificate (Hybrid Configuration Wizard)',
            SHARED_KEY_STARTED_DAYS,
            hybrid.dedicatedApp?.credentialEndsInDays ?? 1802,
          ),
        ]
      : [],
  };
}
