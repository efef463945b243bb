// The artifacts of the hybrid requirement set about the dedicated Exchange hybrid application: as Active Directory
// configures it (auth servers, Auth certificate, setting overrides, hybrid features) and as Entra ID holds it (the
// application, its service principal and the shared Office 365 Exchange Online principal). The EWS probe, which
// shares the HTTPS shapes, sits with them in artifacts.ts. Every identifying string is marked for --redact
// (identifying.ts). Facts and sources: docs/facts/hybrid.md.
import { z } from 'zod';
import { names, namesOrNull } from './identifying.js';

const nullableString = z.string().nullable();
const nullableInt = z.number().int().nullable();

// ───────────────────────── Active Directory (LDAP collector) ─────────────────────────

/** The Auth Configuration object (Get-AuthConfig) and the auth servers (Get-AuthServer) with their application ids. */
export const ExchangeAuthConfig = z.object({
  /** null when the organization has no CN=Auth Configuration object (OAuth never configured). */
  authConfig: z
    .object({
      dn: names('distinguished-name'),
      /** ServiceName (msExchAuthApplicationIdentifier): the application id Exchange signs its tokens as. */
      serviceName: nullableString,
      realm: namesOrNull('tenant'),
      /** From msExchAuthCertificateThumbprint ("0:", "1:", "2:" prefixes; an unprefixed single value is the current one), upper-case hex. */
      currentThumbprint: nullableString,
      previousThumbprint: nullableString,
      nextThumbprint: nullableString,
      /** msExchAuthNextEffectiveDate as ISO 8601, when set. */
      nextEffectiveDate: nullableString,
      /** The attribute's values as stored (at most a few). */
      rawThumbprints: z.array(z.string()),
    })
    .nullable(),
  authServers: z.array(
    z.object({
      /** "EvoSts - <tenant id>", "ACS", or a name an admin chose. */
      name: names('application'),
      dn: names('distinguished-name'),
      /** "AzureAD", "MicrosoftACS", … or the raw number when unknown. */
      type: nullableString,
      enabled: z.boolean(),
      realm: namesOrNull('tenant'),
      /** msExchAuthApplicationIdentifier: the dedicated application's appId once it is configured. */
      applicationIdentifier: namesOrNull('application'),
      /** An application id or an issuer URL that carries the tenant. */
      issuerIdentifier: namesOrNull('free-text'),
    }),
  ),
});
export type ExchangeAuthConfig = z.infer<typeof ExchangeAuthConfig>;

/** One setting override (New-SettingOverride): an msExchConfigSettings object below CN=Setting Overrides,CN=Global Settings. */
export const SettingOverride = z.object({
  name: names('display-name'),
  /** From msExchConfigurationXML <S CN=… SN=… FN=…>: component, section, flight. */
  component: nullableString,
  section: nullableString,
  flight: nullableString,
  /** <Ps><P>…</P></Ps>, e.g. "Enabled=true"; other overrides' values may name anything. */
  parameters: z.array(names('free-text')),
  /** <Ss><S>…</S></Ss>: server name wildcards; none means organization-wide. */
  servers: z.array(names('server')),
  /** LV / HV / FV: the override applies from MinVersion, up to MaxVersion, and below FixVersion. */
  minVersion: nullableString,
  maxVersion: nullableString,
  fixVersion: nullableString,
  reason: namesOrNull('free-text'),
  modifiedBy: namesOrNull('account'),
  /** Why msExchConfigurationXML could not be read; the fields above are then empty. */
  error: nullableString,
});
export type SettingOverride = z.infer<typeof SettingOverride>;
export const SettingOverrides = z.object({
  overrides: z.array(SettingOverride),
  /** More overrides exist than were read (the collector reads a bounded number). */
  truncated: z.boolean(),
});
export type SettingOverrides = z.infer<typeof SettingOverrides>;

const ServerLink = z.object({ name: names('server'), dn: names('distinguished-name') });

/** The hybrid configuration object (Get-HybridConfiguration): which features HCW enabled, and which servers it named. */
export const HybridFeatures = z.object({
  /** null when there is no msExchCoexistenceRelationship object. */
  configuration: z
    .object({
      dn: names('distinguished-name'),
      /** msExchCoexistenceFeatureFlags; null when the attribute could not be read. */
      featureFlags: nullableInt,
      /** The flags decoded: FreeBusy, MoveMailbox, Mailtips, …, Photos; unknown bits as "Unknown(<bit>)". */
      features: z.array(z.string()),
      clientAccessServers: z.array(ServerLink),
      sendingTransportServers: z.array(ServerLink),
      receivingTransportServers: z.array(ServerLink),
      edgeTransportServers: z.array(ServerLink),
      domains: z.array(names('domain')),
    })
    .nullable(),
});
export type HybridFeatures = z.infer<typeof HybridFeatures>;

// ───────────────────────── Microsoft Graph (Graph collector) ─────────────────────────

/** A keyCredential of an application or service principal (Graph keyCredential resource). */
export const KeyCredential = z.object({
  keyId: nullableString,
  displayName: namesOrNull('free-text'),
  type: nullableString,
  usage: nullableString,
  startDateTime: nullableString,
  endDateTime: nullableString,
  /** As Graph returned it (documented as Binary, the thumbprint by default; an admin may set any value). */
  customKeyIdentifier: namesOrNull('free-text'),
  /** SHA-1 thumbprint, upper-case hex: of `key` when Graph returned it, else decoded from customKeyIdentifier. */
  thumbprint: nullableString,
  thumbprintSource: z.enum(['key', 'customKeyIdentifier']).nullable(),
});
export type KeyCredential = z.infer<typeof KeyCredential>;

export const AppRoleAssignment = z.object({
  id: nullableString,
  /** The resource service principal (the API) whose app role is granted. */
  resourceId: z.string(),
  resourceAppId: namesOrNull('application'),
  resourceDisplayName: namesOrNull('application'),
  appRoleId: z.string(),
  /** The role's value (e.g. "full_access_as_app") from the resource's appRoles; null when it could not be read. */
  appRoleValue: nullableString,
});
export type AppRoleAssignment = z.infer<typeof AppRoleAssignment>;

/** The dedicated application(s) that on-premises auth servers name, as Entra ID holds them. */
export const HybridApplications = z.object({
  /** The application ids read from AD (other than the first-party Exchange id), looked up in this order. */
  requested: z.array(names('application')),
  applications: z.array(
    z.object({
      appId: names('application'),
      found: z.boolean(),
      id: nullableString,
      displayName: namesOrNull('application'),
      keyCredentials: z.array(KeyCredential),
      requiredResourceAccess: z.array(
        z.object({ resourceAppId: names('application'), resourceAccess: z.array(z.object({ id: z.string(), type: z.string() })) }),
      ),
      /** null when the application has no service principal in the tenant (so no consent could be granted). */
      servicePrincipal: z
        .object({ id: z.string(), displayName: namesOrNull('application'), appRoleAssignments: z.array(AppRoleAssignment) })
        .nullable(),
    }),
  ),
});
export type HybridApplications = z.infer<typeof HybridApplications>;

/** The shared "Office 365 Exchange Online" service principal in the tenant, with the key credentials on it. */
export const ExchangeOnlineServicePrincipal = z.object({
  appId: z.string(),
  found: z.boolean(),
  id: nullableString,
  displayName: namesOrNull('application'),
  keyCredentials: z.array(KeyCredential),
});
export type ExchangeOnlineServicePrincipal = z.infer<typeof ExchangeOnlineServicePrincipal>;

/** The registry entries of this file, merged into artifactSchemas. */
export const hybridArtifactSchemas = {
  ExchangeAuthConfig,
  SettingOverrides,
  HybridFeatures,
  HybridApplications,
  ExchangeOnlineServicePrincipal,
} as const;
