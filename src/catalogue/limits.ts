// The bounds of `catalogue update`, in a module of their own so the option registry can show the default without
// loading the download code.

/** Microsoft's list is ~60 KB; 2 MB leaves room for decades of builds and none for a runaway answer. */
export const MAX_LIST_BYTES = 2 * 1024 * 1024;
/** A download of ~60 KB: generous for slow proxies, still bounded. */
export const DEFAULT_UPDATE_TIMEOUT_MS = 30_000;
