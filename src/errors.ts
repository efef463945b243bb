// Typed errors. Each carries a stable code and a message that tells the user what to do.
// Only src/cli.ts turns them into output and an exit code (see exitCodeFor).

export type ErrorCode = 'usage' | 'config' | 'inventory' | 'report-input' | 'collection' | 'catalogue' | 'internal';

export class HybridReadinessError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** A bad flag or argument. */
export class UsageError extends HybridReadinessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('usage', message, options);
  }
}

/** A bad configuration file or option value. */
export class ConfigError extends HybridReadinessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('config', message, options);
  }
}

/** An inventory file that cannot be read, parsed or validated. */
export class InventoryError extends HybridReadinessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('inventory', message, options);
  }
}

/** A saved report (for `report` / `diff`) that cannot be read or validated. */
export class ReportInputError extends HybridReadinessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('report-input', message, options);
  }
}

/**
 * A collector could not do its job at all (bind refused, no resolver answered).
 * Negative facts (NXDOMAIN, 404, refused TCP) are data, never this error.
 */
export class CollectionError extends HybridReadinessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('collection', message, options);
  }
}

/** A build list or catalogue file that cannot be fetched, read or trusted; nothing was changed. */
export class CatalogueError extends HybridReadinessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('catalogue', message, options);
  }
}

export const EXIT_READY = 0;
export const EXIT_NOT_READY = 1;
export const EXIT_CANNOT_ASSESS = 2;

/** Every error that stops the tool means "could not assess" (exit 2), see docs/architecture.md. */
export function exitCodeFor(_error: unknown): number {
  return EXIT_CANNOT_ASSESS;
}

export function describeError(error: unknown): string {
  if (error instanceof HybridReadinessError) return error.message;
  if (error instanceof Error) return `internal error: ${error.message} (run again with --debug for details)`;
  return `internal error: ${String(error)}`;
}
