// What the Graph lab serves, as data: the tenant, its app registrations (secrets, certificates, application
// permissions), the organization and users, and faults to inject. The lab (and its scenario files) build these.
import { z } from 'zod';

/** An ISO 8601 instant, or one relative to the moment of the request (so scenarios do not age). */
export const LabTime = z.union([z.string(), z.strictObject({ minutesAgo: z.number() })]).nullable();
export type LabTime = z.infer<typeof LabTime>;

export const LabApp = z.strictObject({
  clientId: z.string(),
  /** Client secret values accepted for this app. */
  secrets: z.array(z.string()).default([]),
  /** PEM certificates registered under "Certificates & secrets"; assertions must be signed by one of their keys. */
  certificates: z.array(z.string()).default([]),
  /** Application permissions with admin consent, issued in the token's `roles` claim. */
  roles: z.array(z.string()).default([]),
});
export type LabApp = z.infer<typeof LabApp>;

export const LabOrganization = z.strictObject({
  /** Defaults to the tenant id. */
  id: z.string().optional(),
  displayName: z.string(),
  onPremisesSyncEnabled: z.boolean().nullable(),
  onPremisesLastSyncDateTime: LabTime,
  verifiedDomains: z.array(z.string()).min(1),
  createdDateTime: z.string().default('2016-09-20T08:00:00Z'),
  tenantType: z.string().default('AAD'),
  countryLetterCode: z.string().default('US'),
  preferredLanguage: z.string().default('en'),
});

export const LabProvisioningError = z.strictObject({
  category: z.string(),
  occurredDateTime: z.string(),
  propertyCausingError: z.string(),
  value: z.string(),
});

export const LabUser = z.strictObject({
  id: z.string().optional(),
  userPrincipalName: z.string(),
  mail: z.string().nullable().default(null),
  displayName: z.string().optional(),
  onPremisesSyncEnabled: z.boolean().nullable(),
  onPremisesImmutableId: z.string().nullable().default(null),
  onPremisesLastSyncDateTime: LabTime.default(null),
  onPremisesProvisioningErrors: z.array(LabProvisioningError).default([]),
});
export type LabUser = z.infer<typeof LabUser>;

/** A keyCredential as the lab serves it (Graph keyCredential resource); dates relative to the request, like sync times. */
export const LabKeyCredential = z.strictObject({
  keyId: z.string(),
  displayName: z.string().nullable().default(null),
  type: z.string().default('AsymmetricX509Cert'),
  usage: z.string().default('Verify'),
  startDateTime: LabTime,
  endDateTime: LabTime,
  customKeyIdentifier: z.string().nullable().default(null),
  /** Base64 DER; returned only when keyCredentials is in $select. */
  key: z.string().nullable().default(null),
});

/** An app registration in the tenant (not the assessment's own sign-in app): GET /applications. */
export const LabApplication = z.strictObject({
  id: z.string(),
  appId: z.string(),
  displayName: z.string(),
  keyCredentials: z.array(LabKeyCredential).default([]),
  requiredResourceAccess: z
    .array(z.strictObject({ resourceAppId: z.string(), resourceAccess: z.array(z.strictObject({ id: z.string(), type: z.string() })) }))
    .default([]),
});
export type LabApplication = z.infer<typeof LabApplication>;

/** A service principal in the tenant: GET /servicePrincipals(appId='…'), /servicePrincipals/{id}, …/appRoleAssignments. */
export const LabServicePrincipal = z.strictObject({
  id: z.string(),
  appId: z.string(),
  displayName: z.string(),
  keyCredentials: z.array(LabKeyCredential).default([]),
  appRoles: z.array(z.strictObject({ id: z.string(), value: z.string() })).default([]),
  /** App roles granted to this principal (application permissions with admin consent). */
  appRoleAssignments: z
    .array(z.strictObject({ id: z.string(), resourceId: z.string(), resourceDisplayName: z.string(), appRoleId: z.string() }))
    .default([]),
});
export type LabServicePrincipal = z.infer<typeof LabServicePrincipal>;

/** Where a fault applies: the token endpoint, the OpenID/instance discovery documents, or a Graph resource. */
export const FaultTarget = z.enum(['token', 'discovery', 'organization', 'users', 'applications', 'servicePrincipals']);
export type FaultTarget = z.infer<typeof FaultTarget>;

export const Fault = z.strictObject({
  on: FaultTarget,
  /** The first N matching requests misbehave, then the endpoint answers normally. Absent: every request. */
  times: z.number().int().positive().optional(),
  respond: z.union([
    /** Accept the request and never answer. */
    z.literal('hang'),
    z.strictObject({
      status: z.number().int().min(400).max(599),
      /** Retry-After header, as sent: seconds ("2") or an HTTP-date. */
      retryAfter: z.string().optional(),
      /** Error code and message of the JSON error body; defaults per status. */
      code: z.string().optional(),
      message: z.string().optional(),
    }),
  ]),
});
export type Fault = z.infer<typeof Fault>;

export const GraphLabScenario = z.strictObject({
  tenantId: z.string(),
  apps: z.array(LabApp).min(1),
  organization: LabOrganization,
  users: z.array(LabUser).default([]),
  /**
   * How Graph answers GET /organization for an app without Organization.Read.All/Directory.Read.All:
   * `forbidden` (403 Authorization_RequestDenied) or `restricted` (200 with only id, displayName and
   * verifiedDomains filled, as for User.Read-level access).
   */
  organizationWithoutPermission: z.enum(['forbidden', 'restricted']).default('forbidden'),
  /** The tenant's app registrations and service principals, read with Application.Read.All (the hybrid set). */
  applications: z.array(LabApplication).default([]),
  servicePrincipals: z.array(LabServicePrincipal).default([]),
  faults: z.array(Fault).default([]),
});
export type GraphLabScenario = z.infer<typeof GraphLabScenario>;
export type GraphLabScenarioInput = z.input<typeof GraphLabScenario>;

/** Application permissions that let an app read the organization, and users, in full. */
export const ORGANIZATION_READ_ROLES = [
  'Organization.Read.All',
  'Organization.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];
export const USER_READ_ROLES = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
/** Application permissions that let an app read applications and service principals (application-list, serviceprincipal-get). */
export const APPLICATION_READ_ROLES = [
  'Application.Read.All',
  'Application.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];

/** Graph's instants carry whole seconds and a Z: 2024-05-01T10:00:00Z. */
export function resolveLabTime(time: LabTime, now: number = Date.now()): string | null {
  if (time === null) return null;
  if (typeof time === 'string') return time;
  return new Date(now - time.minutesAgo * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
