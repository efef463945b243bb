// Live collection: run, concurrently, the collectors that produce the artifacts the selected checks need,
// and assemble the inventory. A collector that fails marks its artifacts failed; nothing else stops.
// An artifact no collector produces is recorded as failed too, so its checks end `error`, never `pass`.
// A collector whose artifact is built from another collector's (its `inputs`) gets that one collected too, and
// awaits it through context.input once its producer has finished.
import { hostname } from 'node:os';
import type { CollectedInput, Collector, CollectorContext } from '../collectors/collector.js';
import { CollectionError } from '../errors.js';
import { type ArtifactName, type Artifacts, artifactNames, artifactSchemas } from '../inventory/artifacts.js';
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
  const planned = withInputs(wanted, collectors);
  const plan = planCollection(planned, collectors);
  const settled = new Map<
    ArtifactName,
    { promise: Promise<CollectedInput<ArtifactName>>; resolve: (value: CollectedInput<ArtifactName>) => void }
  >();
  for (const name of planned) {
    let resolve!: (value: CollectedInput<ArtifactName>) => void;
    const promise = new Promise<CollectedInput<ArtifactName>>((done) => (resolve = done));
    settled.set(name, { promise, resolve });
  }
  const contextFor = (collector: Collector): CollectorContext => ({
    options,
    progress: input.progress,
    debug: input.debug,
    input: (name) => {
      const producer = plan.runs.find((run) => run.names.includes(name))?.collector;
      if (producer === collector)
        return Promise.resolve({
          error: { code: 'input-cycle', message: `the ${collector.name} collector cannot wait for its own ${name}` },
        });
      // Two collectors waiting for each other would never finish: refuse the second wait of such a pair.
      const waitsBack = Object.values(producer?.inputs ?? {}).some((names) =>
        (names as readonly ArtifactName[]).some((needed) => collector.produces.includes(needed)),
      );
      if (producer && waitsBack)
        return Promise.resolve({
          error: {
            code: 'input-cycle',
            message: `the ${collector.name} and ${producer.name} collectors take inputs from each other, so ${name} cannot be awaited`,
          },
        });
      const entry = settled.get(name);
      if (!entry) return Promise.resolve({ error: { code: 'input-not-planned', message: `${name} is not collected in this run` } });
      return entry.promise as Promise<never>;
    },
  });

  for (const name of plan.orphans) {
    artifactErrors[name] = {
      code: 'no-collector',
      message: `no live collector for ${name} exists in this version of hybrid-readiness; replay an inventory that has it with --from-inventory`,
    };
    settled.get(name)?.resolve({ error: artifactErrors[name] });
  }

  await Promise.all(
    plan.runs.map(async ({ collector, names }) => {
      input.progress(`collecting ${names.join(', ')} (${collector.name})`);
      const started = Date.now();
      const output = await runCollector(collector, names, contextFor(collector));
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
          // Validated once: zod's compiled fast path would cost more to generate than it saves (docs/performance.md).
          const parsed = artifactSchemas[name].safeParse(value, { jitless: true });
          if (parsed.success) artifacts[name] = parsed.data;
          else
            artifactErrors[name] = {
              code: 'invalid-artifact',
              message: `the ${collector.name} collector produced an invalid ${name}: ${formatFirstIssue(parsed.error, value)}`,
            };
        }
        const settledError = artifactErrors[name];
        settled.get(name)?.resolve(settledError ? { error: settledError } : { artifact: artifacts[name] as never });
      }
    }),
  );

  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    collectedAt,
    target: targetOf(options),
    settings: { ...settingsOf(options), collectedFrom: (input.host ?? hostname)() },
    artifacts: inOrder(planned, artifacts) as Partial<Artifacts>,
    artifactErrors: inOrder(planned, artifactErrors),
  };
}

interface CollectionPlan {
  runs: { collector: Collector; names: ArtifactName[] }[];
  /** Wanted artifacts that no registered collector produces. */
  orphans: ArtifactName[];
}

/** The wanted artifacts plus, transitively, the inputs their collectors build them from, in the registry's order. */
export function withInputs(wanted: readonly ArtifactName[], collectors: readonly Collector[]): ArtifactName[] {
  const all = new Set(wanted);
  for (let added = true; added; ) {
    added = false;
    for (const name of [...all]) {
      const collector = collectors.find((candidate) => candidate.produces.includes(name));
      for (const needed of collector?.inputs?.[name] ?? []) {
        if (!all.has(needed)) {
          all.add(needed);
          added = true;
        }
      }
    }
  }
  return artifactNames.filter((name) => all.has(name));
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
