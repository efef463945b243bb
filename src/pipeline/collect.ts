// Live collection: run, concurrently, the collectors that produce the artifacts the selected checks need,
// and assemble the inventory. A collector that fails marks its artifacts failed; nothing else stops.
// An artifact no collector produces is recorded as failed too, so its checks end `error`, never `pass`.
import { hostname } from 'node:os';
import type { Collector, CollectorContext } from '../collectors/collector.js';
import { CollectionError } from '../errors.js';
import { type ArtifactName, type Artifacts, artifactSchemas } from '../inventory/artifacts.js';
import {
  type ArtifactError,
  type CollectionSettings,
  INVENTORY_SCHEMA_VERSION,
  type Inventory,
  type Target,
  wasAttempted,
} from '../inventory/inventory.js';
import type { CollectOptions } from '../options.js';
import { formatFirstIssue } from '../validation.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';

export interface CollectInput {
  options: CollectOptions;
  wanted: readonly ArtifactName[];
  collectors: readonly Collector[];
  progress: (message: string) => void;
  debug: (message: string) => void;
  /** The moment of collection; checks judge ages against it. */
  now?: () => Date;
  /** The machine collecting, for the report's provenance (default: this one's host name). */
  host?: () => string;
}

export async function collectInventory(input: CollectInput): Promise<Inventory> {
  const { options, wanted, collectors } = input;
  const collectedAt = (input.now ?? (() => new Date()))().toISOString();
  const artifacts: Partial<Record<ArtifactName, unknown>> = {};
  const artifactErrors: Partial<Record<ArtifactName, ArtifactError>> = {};
  const context: CollectorContext = { options, progress: input.progress, debug: input.debug };

  const plan = planCollection(wanted, collectors);
  for (const name of plan.orphans) {
    artifactErrors[name] = {
      code: 'no-collector',
      message: `no live collector for ${name} exists in this version of hybrid-readiness; replay an inventory that has it with --from-inventory`,
    };
  }

  await Promise.all(
    plan.runs.map(async ({ collector, names }) => {
      input.progress(`collecting ${names.join(', ')} (${collector.name})`);
      const started = Date.now();
      const output = await runCollector(collector, names, context);
      input.debug(`${collector.name} finished in ${Date.now() - started} ms`);
      // Said as it happens, not only in the report: a scheduled job's log shows the sign-in that failed.
      for (const name of names) {
        const failure = output.errors[name];
        if (failure && wasAttempted(failure)) input.progress(`${collector.name}: ${name} could not be collected: ${failure.message}`);
      }
      for (const name of names) {
        const failure = output.errors[name];
        const value = output.artifacts[name];
        if (failure) artifactErrors[name] = { code: failure.code, message: failure.message };
        else if (value === undefined)
          artifactErrors[name] = { code: 'not-produced', message: `the ${collector.name} collector returned neither ${name} nor an error` };
        else {
          const parsed = artifactSchemas[name].safeParse(value);
          if (parsed.success) artifacts[name] = parsed.data;
          else
            artifactErrors[name] = {
              code: 'invalid-artifact',
              message: `the ${collector.name} collector produced an invalid ${name}: ${formatFirstIssue(parsed.error, value)}`,
            };
        }
      }
    }),
  );

  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    collectedAt,
    target: targetOf(options),
    settings: { ...settingsOf(options), collectedFrom: (input.host ?? hostname)() },
    artifacts: inOrder(wanted, artifacts) as Partial<Artifacts>,
    artifactErrors: inOrder(wanted, artifactErrors),
  };
}

interface CollectionPlan {
  runs: { collector: Collector; names: ArtifactName[] }[];
  /** Wanted artifacts that no registered collector produces. */
  orphans: ArtifactName[];
}

/** Each wanted artifact goes to the first collector that produces it. */
export function planCollection(wanted: readonly ArtifactName[], collectors: readonly Collector[]): CollectionPlan {
  const runs: CollectionPlan['runs'] = [];
  const orphans: ArtifactName[] = [];
  for (const name of wanted) {
    const collector = collectors.find((candidate) => candidate.produces.includes(name));
    if (!collector) {
      orphans.push(name);
      continue;
    }
    const run = runs.find((entry) => entry.collector === collector);
    if (run) run.names.push(name);
    else runs.push({ collector, names: [name] });
  }
  return { runs, orphans };
}

async function runCollector(collector: Collector, names: ArtifactName[], context: CollectorContext) {
  try {
    return await collector.collect(names, context);
  } catch (error) {
    const failure: ArtifactError =
      error instanceof CollectionError
        ? { code: 'collector-failed', message: error.message }
        : {
            code: 'collector-crashed',
            message: `the ${collector.name} collector failed unexpectedly: ${(error as Error)?.message ?? String(error)}`,
          };
    context.debug(`${collector.name} threw: ${(error as Error)?.stack ?? String(error)}`);
    return {
      artifacts: {},
      errors: Object.fromEntries(names.map((name) => [name, failure])) as Partial<Record<ArtifactName, ArtifactError>>,
    };
  }
}

function inOrder<T>(order: readonly ArtifactName[], values: Partial<Record<ArtifactName, T>>): Partial<Record<ArtifactName, T>> {
  const out: Partial<Record<ArtifactName, T>> = {};
  for (const name of order) if (values[name] !== undefined) out[name] = values[name];
  return out;
}

function targetOf(options: CollectOptions): Target {
  return {
    domains: [...options.domains],
    namespaces: [...options.namespaces],
    mailboxes: [...options.mailboxes],
    adDomain: options.adDomain,
    ldapUrl: options.ldapUrl,
    tenantId: options.tenantId,
  };
}

/** How the facts were collected: enough to reproduce the run, never a secret (only where secrets came from). */
export function settingsOf(options: CollectOptions): CollectionSettings {
  return {
    mode: 'live',
    timeoutMs: options.timeoutMs,
    httpsPort: options.httpsPort,
    resolvers: [...options.resolvers],
    treatAsPublic: [...options.treatAsPublic],
    probeInternal: options.probeInternal,
    globalCatalog: options.globalCatalog,
    cloud: options.cloud,
    bindDn: options.bindDn,
    bindPasswordEnv: options.bindPasswordEnv,
    caFile: options.caFile,
    clientId: options.clientId,
    clientSecretEnv: options.clientSecretEnv,
    clientCertificate: options.clientCertificate,
    graphTokenEnv: options.graphTokenEnv,
    graphUrl: options.graphUrl,
    loginUrl: options.loginUrl,
  };
}
