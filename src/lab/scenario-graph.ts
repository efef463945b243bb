// A scenario's tenant for the lab's Graph: the organization and users its saved inventory records, served to one
// app registration with the recorded application permissions. Sync times are replayed as ages ("40 minutes
// before the collection" becomes "40 minutes ago"), so a scenario judges the same whenever the lab runs.
import type { KeyCredential } from '../inventory/artifacts.js';
import type { GraphLabScenarioInput, LabTime } from './graph-scenario.js';
import { cloudArtifacts } from './scenarios/artifacts.js';
import { CURRENT_AUTH_CERTIFICATE, NEXT_AUTH_CERTIFICATE } from './scenarios/auth-certificates.js';
import { minutesBeforeCollectionOf } from './scenarios/contoso.js';
import { EXCHANGE_ONLINE_SP_ID } from './scenarios/hybrid.js';
import { EXCHANGE_ONLINE_APP_ID, FULL_ACCESS_AS_APP } from './scenarios/hybrid-cloud-artifacts.js';
import type { Setup } from './scenarios/setup.js';

/** The lab's app registration (a fixed id: it names nothing outside the lab). */
export const LAB_CLIENT_ID = '0f1e2d3c-4b5a-4697-8877-665544332211';

function ageOf(instant: string | null): LabTime {
  return instant === null ? null : { minutesAgo: minutesBeforeCollectionOf(instant) };
}

/** A recorded key credential as the lab serves it: the certificate behind its thumbprint as `key`, dates as ages. */
function labKeyCredential(credential: KeyCredential) {
  const certificate = [CURRENT_AUTH_CERTIFICATE, NEXT_AUTH_CERTIFICATE].find((entry) => entry.thumbprint === credential.thumbprint);
  return {
    keyId: credential.keyId ?? '00000000-0000-4000-8000-000000000000',
    displayName: credential.displayName,
    type: credential.type ?? 'AsymmetricX509Cert',
    usage: credential.usage ?? 'Verify',
    startDateTime: ageOf(credential.startDateTime),
    endDateTime: ageOf(credential.endDateTime),
    customKeyIdentifier: credential.customKeyIdentifier,
    key: certificate?.der ?? null,
  };
}

/** The tenant's applications and service principals the hybrid set reads, from the recorded artifacts. */
function directoryObjectsOf(
  cloud: NonNullable<ReturnType<typeof cloudArtifacts>>,
): Pick<GraphLabScenarioInput, 'applications' | 'servicePrincipals'> {
  const apps = (cloud.HybridApplications?.applications ?? []).filter((app) => app.found && app.id);
  return {
    applications: apps.map((app) => ({
      id: app.id!,
      appId: app.appId,
      displayName: app.displayName ?? app.appId,
      keyCredentials: app.keyCredentials.map(labKeyCredential),
      requiredResourceAccess: app.requiredResourceAccess,
    })),
    servicePrincipals: [
      {
        id: EXCHANGE_ONLINE_SP_ID,
        appId: EXCHANGE_ONLINE_APP_ID,
        displayName: 'Office 365 Exchange Online',
        keyCredentials: (cloud.ExchangeOnlineServicePrincipal?.keyCredentials ?? []).map(labKeyCredential),
        appRoles: [{ id: FULL_ACCESS_AS_APP.id, value: FULL_ACCESS_AS_APP.value }],
      },
      ...apps
        .filter((app) => app.servicePrincipal)
        .map((app) => ({
          id: app.servicePrincipal!.id,
          appId: app.appId,
          displayName: app.servicePrincipal!.displayName ?? app.appId,
          appRoleAssignments: app.servicePrincipal!.appRoleAssignments.map((assignment) => ({
            id: assignment.id ?? `${app.servicePrincipal!.id}-${assignment.appRoleId}`,
            resourceId: assignment.resourceId,
            resourceDisplayName: assignment.resourceDisplayName ?? '',
            appRoleId: assignment.appRoleId,
          })),
        })),
    ],
  };
}

/** null when the scenario gives the assessment no Graph access. */
export function graphTenantOf(setup: Setup, clientSecret: string): GraphLabScenarioInput | null {
  const cloud = cloudArtifacts(setup);
  if (!cloud) return null;
  const { GraphOrganization: organization, GraphUsers: users } = cloud;
  return {
    tenantId: organization.id,
    apps: [{ clientId: LAB_CLIENT_ID, secrets: [clientSecret], roles: organization.tokenRoles ?? [] }],
    organization: {
      id: organization.id,
      displayName: organization.displayName ?? 'Contoso',
      onPremisesSyncEnabled: organization.onPremisesSyncEnabled,
      onPremisesLastSyncDateTime: ageOf(organization.onPremisesLastSyncDateTime),
      verifiedDomains: organization.verifiedDomains,
    },
    users: users.users
      .filter((user) => user.found)
      .map((user) => ({
        ...(user.id ? { id: user.id } : {}),
        userPrincipalName: user.mailbox,
        mail: user.mailbox,
        onPremisesSyncEnabled: user.onPremisesSyncEnabled,
        onPremisesImmutableId: user.onPremisesImmutableId,
        onPremisesLastSyncDateTime: ageOf(user.onPremisesLastSyncDateTime),
        onPremisesProvisioningErrors: user.onPremisesProvisioningErrors.map((error) => ({
          category: error.category ?? '',
          occurredDateTime: error.occurredDateTime ?? '',
          propertyCausingError: error.propertyCausingError ?? '',
          value: error.value ?? '',
        })),
      })),
    organizationWithoutPermission: organization.restrictedView ? 'restricted' : 'forbidden',
    ...directoryObjectsOf(cloud),
  };
}
