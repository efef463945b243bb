// The collector contract. Collectors are the only code that touches the network. Each produces named
// artifacts; a negative fact (NXDOMAIN, 404, refused TCP) is data. A collector error (thrown CollectionError,
// or an entry in `errors`) means it could not do its job at all; the checks needing that artifact end `error`.
import type { ArtifactName, Artifacts } from '../inventory/artifacts.js';
import type { ArtifactError } from '../inventory/inventory.js';
import type { CollectOptions } from '../options.js';

/** An artifact another collector produced in the same run, or why there is none. */
export type CollectedInput<K extends ArtifactName> = { artifact: Artifacts[K] } | { error: ArtifactError };

export interface CollectorContext {
  options: CollectOptions;
  /**
   * Waits for an artifact of another collector of this run (one this collector declared in `inputs`). Never rejects;
   * an input that was not planned, or that its collector could not produce, comes back as an error.
   */
  input?: <K extends ArtifactName>(name: K) => Promise<CollectedInput<K>>;
  /** Progress for humans, written to stderr by the CLI (never into a report). Never pass secrets. */
  progress: (message: string) => void;
  /** Debug detail (--debug only). Never pass secrets. */
  debug: (message: string) => void;
}

export interface CollectorOutput<N extends ArtifactName = ArtifactName> {
  artifacts: Partial<Pick<Artifacts, N>>;
  errors: Partial<Record<N, ArtifactError>>;
}

export interface Collector<N extends ArtifactName = ArtifactName> {
  /** Short name shown in progress, e.g. "ldap", "dns", "https", "graph". */
  name: string;
  /** The artifacts this collector can produce. */
  produces: readonly N[];
  /**
   * Per produced artifact, the artifacts of other collectors it is built from (e.g. the EWS probe needs the URLs
   * read from AD). The pipeline collects them too, in the same run, and hands them over through `context.input`.
   */
  inputs?: Partial<Record<N, readonly ArtifactName[]>>;
  /**
   * Collect the `wanted` subset of `produces`. Must not throw for negative facts; may throw
   * CollectionError (then every wanted artifact is recorded as failed with its message).
   */
  collect(wanted: readonly N[], context: CollectorContext): Promise<CollectorOutput<N>>;
}
