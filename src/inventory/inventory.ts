// The inventory: everything collected in one run, as a versioned JSON document that replays offline.
// Its own strings are marked like the artifacts' (src/inventory/identifying.ts): --redact derives names from them.
import { z } from 'zod';
import { type ArtifactName, type Artifacts, artifactSchemas } from './artifacts.js';
import { names, namesOrNull } from './identifying.js';

/**
 * 2 added the artifacts of the hybrid requirement set (ExchangeAuthConfig … EwsEndpointProbes). A version 1
 * inventory has none of them and still loads: the hybrid checks then say which artifact was not collected.
 */
export const INVENTORY_SCHEMA_VERSION = 2;
export const SUPPORTED_INVENTORY_VERSIONS: readonly number[] = [1, INVENTORY_SCHEMA_VERSION];

export const Target = z.object({
  domains: z.array(names('domain')),
  namespaces: z.array(names('host')),
  mailboxes: z.array(names('mailbox')),
  adDomain: namesOrNull('domain'),
  ldapUrl: namesOrNull('url'),
  /** A tenant id or one of the tenant's domains, as given. */
  tenantId: namesOrNull('tenant'),
});
export type Target = z.infer<typeof Target>;

/**
 * Where an inventory imported from Exchange Management Shell exports came from (`import-ems`, settings.mode "ems"):
 * which time `collectedAt` is, what the script's manifest said, and which files were read.
 */
export const EmsProvenance = z.object({
  /** "manifest": collectedAt is when collect-ems.ps1 ran; "import": the folder had no manifest, so it is the import's time. */
  collectedAtSource: z.enum(['manifest', 'import']),
  manifest: z
    .object({
      tool: z.string().nullable(),
      toolVersion: z.string().nullable(),
      startedAt: z.string().nullable(),
      finishedAt: z.string().nullable(),
      ranBy: namesOrNull('account'),
      computer: namesOrNull('computer'),
      mailboxCountMethod: z.string().nullable(),
      failures: z.array(z.object({ source: z.string(), error: names('free-text') })),
    })
    .nullable(),
  /** The files whose objects were read, with the kinds recognised in each. */
  files: z.array(z.object({ file: names('free-text'), kinds: z.array(z.string()), objects: z.number().int().nonnegative() })),
  /** Files in the folder that hold nothing this tool reads. */
  notRead: z.array(names('free-text')),
});
export type EmsProvenance = z.infer<typeof EmsProvenance>;

/**
 * How the facts were collected. Never secrets: names of environment variables at most. The keys settingsOf()
 * writes are declared (optional, for older inventories), so each of their strings is marked; keys it does not
 * know are kept as they are, and --redact treats their strings as free text.
 */
export const CollectionSettings = z.looseObject({
  mode: z.enum(['live', 'fixture', 'ems']),
  timeoutMs: z.number().int().positive().nullable(),
  httpsPort: z.number().int().positive().nullable(),
  resolvers: z.array(names('url')),
  treatAsPublic: z.array(z.string()),
  /** --probe-internal: non-public addresses were probed too (the inside view). Absent in older inventories. */
  probeInternal: z.boolean().optional(),
  globalCatalog: z.boolean(),
  cloud: z.string().nullable(),
  bindDn: namesOrNull('account').optional(),
  bindPasswordEnv: namesOrNull('free-text').optional(),
  caFile: namesOrNull('free-text').optional(),
  clientId: namesOrNull('application').optional(),
  clientSecretEnv: namesOrNull('free-text').optional(),
  clientCertificate: namesOrNull('free-text').optional(),
  graphTokenEnv: namesOrNull('free-text').optional(),
  graphUrl: namesOrNull('url').optional(),
  loginUrl: namesOrNull('url').optional(),
  /** The machine that collected: a jump box is named after the organization's conventions too. */
  collectedFrom: namesOrNull('computer').optional(),
  /** Written by --redact: the names in this inventory are pseudonyms. */
  redacted: z.boolean().optional(),
  ems: EmsProvenance.optional(),
});
export type CollectionSettings = z.infer<typeof CollectionSettings>;

export const ArtifactError = z.object({
  /** Stable code of the failure, e.g. ldap-invalid-credentials, dns-no-answer. */
  code: z.string(),
  message: names('free-text'),
});
export type ArtifactError = z.infer<typeof ArtifactError>;

/** An error code `…-not-configured` says the artifact's source was never given (no Graph flags): nothing was attempted. */
export function wasAttempted(failure: ArtifactError | undefined): boolean {
  return failure !== undefined && !failure.code.endsWith('-not-configured');
}

const artifactShape = Object.fromEntries(Object.entries(artifactSchemas).map(([name, schema]) => [name, schema.optional()])) as {
  [K in ArtifactName]: z.ZodOptional<(typeof artifactSchemas)[K]>;
};

const artifactErrorShape = Object.fromEntries(Object.keys(artifactSchemas).map((name) => [name, ArtifactError.optional()])) as {
  [K in ArtifactName]: z.ZodOptional<typeof ArtifactError>;
};

// Strict at the top: an unknown key is a document from another tool or a hand edit gone wrong, never ignored.
export const Inventory = z.strictObject({
  schemaVersion: z.union([z.literal(1), z.literal(INVENTORY_SCHEMA_VERSION)]),
  tool: z.object({ name: z.literal('hybrid-readiness'), version: z.string() }),
  collectedAt: z.iso.datetime({ offset: true }),
  target: Target,
  settings: CollectionSettings,
  artifacts: z.strictObject(artifactShape),
  artifactErrors: z.strictObject(artifactErrorShape),
});
export type Inventory = Omit<z.infer<typeof Inventory>, 'artifacts' | 'artifactErrors'> & {
  artifacts: Partial<Artifacts>;
  artifactErrors: Partial<Record<ArtifactName, ArtifactError>>;
};
