// The collector contract. Collectors are the only code that touches the network. Each produces named
// artifacts; a negative fact (NXDOMAIN, 404, refused TCP) is data. A collector error (thrown CollectionError,
// or an entry in `errors`) means it could not do its job at all; the checks needing that artifact end `error`.
import type { ArtifactName, Artifacts } from '../inventory/artifacts.js';
import type { ArtifactError } from '../inventory/inventory.js';
import type { CollectOptions } from '../options.js';

export interface CollectorContext {
  options: CollectOptions;
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
   * Collect the `wanted` subset of `produces`. Must not throw for negative facts; may throw
   * CollectionError (then every wanted artifact is recorded as failed with its message).
   */
  collect(wanted: readonly N[], context: CollectorContext): Promise<CollectorOutput<N>>;
}
