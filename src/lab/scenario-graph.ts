// A scenario's tenant for the lab's Graph: the organization and users its saved inventory records, served to one
// app registration with the recorded application permissions. Sync times are replayed as ages ("40 minutes
// before the collection" becomes "40 minutes ago"), so a scenario judges the same whenever the lab runs.
import type { GraphLabScenarioInput, LabTime } from './graph-scenario.js';
import { cloudArtifacts } from './scenarios/artifacts.js';
import { minutesBeforeCollectionOf } from './scenarios/contoso.js';
import type { Setup } from './scenarios/setup.js';

/** The lab's app registration (a fixed id: it names nothing outside the lab). */
export const LAB_CLIENT_ID = '0f1e2d3c-4b5a-4697-8877-665544332211';

function ageOf(instant: string | null): LabTime {
  return instant === null ? null : { minutesAgo: minutesBeforeCollectionOf(instant) };
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
  };
}
