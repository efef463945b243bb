// The inventory: everything collected in one run, as a versioned JSON document that replays offline.
import { z } from 'zod';
import { type ArtifactName, type Artifacts, artifactSchemas } from './artifacts.js';

export const INVENTORY_SCHEMA_VERSION = 1;
export const SUPPORTED_INVENTORY_VERSIONS: readonly number[] = [INVENTORY_SCHEMA_VERSION];

export const Target = z.object({
  domains: z.array(z.string()),
  namespaces: z.array(z.string()),
  mailboxes: z.array(z.string()),
  adDomain: z.string().nullable(),
  ldapUrl: z.string().nullable(),
  tenantId: z.string().nullable(),
});
export type Target = z.infer<typeof Target>;

/** How the facts were collected. Never secrets: names of environment variables at most. */
export const CollectionSettings = z.looseObject({
  mode: z.enum(['live', 'fixture']),
  timeoutMs: z.number().int().positive().nullable(),
  httpsPort: z.number().int().positive().nullable(),
  resolvers: z.array(z.string()),
  treatAsPublic: z.array(z.string()),
  globalCatalog: z.boolean(),
  cloud: z.string().nullable(),
});
export type CollectionSettings = z.infer<typeof CollectionSettings>;

export const ArtifactError = z.object({
  /** Stable code of the failure, e.g. ldap-invalid-credentials, dns-no-answer. */
  code: z.string(),
  message: z.string(),
});
export type ArtifactError = z.infer<typeof ArtifactError>;

const artifactShape = Object.fromEntries(Object.entries(artifactSchemas).map(([name, schema]) => [name, schema.optional()])) as {
  [K in ArtifactName]: z.ZodOptional<(typeof artifactSchemas)[K]>;
};

const artifactErrorShape = Object.fromEntries(Object.keys(artifactSchemas).map((name) => [name, ArtifactError.optional()])) as {
  [K in ArtifactName]: z.ZodOptional<typeof ArtifactError>;
};

export const Inventory = z.object({
  schemaVersion: z.literal(INVENTORY_SCHEMA_VERSION),
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
