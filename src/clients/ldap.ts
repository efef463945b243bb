// A thin wrapper over ldapts 8 that owns what is easy to get wrong (docs/facts/libraries.md §1):
// - TLS always: ldaps:// is implicit TLS; ldap:// runs StartTLS before anything else. A password never travels
//   over an unencrypted connection. ldapts switches to implicit TLS when `tlsOptions` meet an ldap:// URL, so TLS
//   options go only to startTLS(), which also needs the host name (it would otherwise check "localhost").
// - Certificates are verified against the system roots plus --ca-file, for the host the user gave.
// - Timeouts: ldapts waits forever by default and has no timer for the StartTLS handshake; every step here is
//   bounded by --timeout, and on expiry the sockets are destroyed.
// - Errors become LdapFailure (a CollectionError) with a message that names the cause and the fix.
import net from 'node:net';
import tls from 'node:tls';
import { Client, type Entry, type SearchOptions } from 'ldapts';
import { ConfigError } from '../errors.js';
import { LdapFailure, type LdapPhase, translateLdapError } from './ldap-errors.js';
import { trustContext } from './trust.js';

export type LdapTransport = 'ldaps' | 'starttls';

export interface LdapEndpoint {
  host: string;
  port: number;
  transport: LdapTransport;
}

export interface LdapCredentials {
  /** A DN, a UPN (user@domain) or DOMAIN\user: AD accepts all three in a simple bind. */
  dn: string;
  password: string;
  /** The environment variable the password came from, named in error messages. */
  passwordEnv: string | null;
}

export interface LdapConnectOptions {
  endpoint: LdapEndpoint;
  /** PEM of extra trust anchors (--ca-file). */
  caPem: string | null;
  timeoutMs: number;
  /** null: no bind at all (anonymous). */
  credentials: LdapCredentials | null;
}

/** An entry as ldapts returns it: `dn` plus attributes keyed by the server's spelling of the name. */
export type LdapEntry = Entry;

export interface LdapSearchOptions {
  scope: 'base' | 'one' | 'sub';
  filter: string;
  /** Always explicit: asking for fewer attributes is the biggest speed-up (docs/facts/libraries.md §1). */
  attributes: string[];
  /** Attributes to return as bytes (GUIDs, SIDs). Matched against the server's spelling, so use AD's. */
  binaryAttributes?: string[];
  pageSize?: number;
}

export interface LdapPage {
  entries: LdapEntry[];
  /** Continuation references (not chased). */
  references: string[];
}

export const DEFAULT_PAGE_SIZE = 1000; // AD's default MaxPageSize

export const LDAPS_PORT = 636;
export const LDAP_PORT = 389;
export const GLOBAL_CATALOG_LDAPS_PORT = 3269;
export const GLOBAL_CATALOG_LDAP_PORT = 3268;

/** "ldaps://dc01.contoso.com", "ldap://dc01:389", "ldaps://[::1]:636". A path (base DN) is not used. */
export function endpointFromUrl(url: string): LdapEndpoint {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`--ldap-url "${url}" is not a URL; expected ldaps://dc01.contoso.com or ldap://dc01.contoso.com`);
  }
  const scheme = parsed.protocol.replace(/:$/, '').toLowerCase();
  if (scheme !== 'ldap' && scheme !== 'ldaps') {
    throw new ConfigError(
      `--ldap-url "${url}" must start with ldaps:// (TLS) or ldap:// (StartTLS is then used); ldapi and others are not supported`,
    );
  }
  let host = parsed.hostname;
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (!host) throw new ConfigError(`--ldap-url "${url}" has no host name`);
  if (parsed.username || parsed.password)
    throw new ConfigError('--ldap-url must not carry credentials; use --bind-dn and --bind-password-env');
  const transport: LdapTransport = scheme === 'ldaps' ? 'ldaps' : 'starttls';
  const port = parsed.port ? Number(parsed.port) : transport === 'ldaps' ? LDAPS_PORT : LDAP_PORT;
  return { host, port, transport };
}

export function describeEndpoint(endpoint: LdapEndpoint): string {
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  return `${host}:${endpoint.port} (${endpoint.transport === 'ldaps' ? 'LDAPS' : 'LDAP+StartTLS'})`;
}

export class LdapConnection {
  readonly endpoint: LdapEndpoint;
  readonly server: string;
  /** Negotiated TLS version, e.g. "TLSv1.3". */
  readonly tlsProtocol: string | null;
  readonly boundAs: string | null;
  readonly #client: Client;
  readonly #sockets: net.Socket[];
  readonly #timeoutMs: number;
  readonly #passwordEnv: string | null;
  #closed = false;
  #failure: LdapFailure | undefined;

  private constructor(init: {
    endpoint: LdapEndpoint;
    client: Client;
    sockets: net.Socket[];
    timeoutMs: number;
    tlsProtocol: string | null;
    boundAs: string | null;
    passwordEnv: string | null;
  }) {
    this.endpoint = init.endpoint;
    this.server = describeEndpoint(init.endpoint);
    this.#client = init.client;
    this.#sockets = init.sockets;
    this.#timeoutMs = init.timeoutMs;
    this.tlsProtocol = init.tlsProtocol;
    this.boundAs = init.boundAs;
    this.#passwordEnv = init.passwordEnv;
  }

  /** Connects, secures the connection (LDAPS or StartTLS) and binds. Throws LdapFailure. */
  static async open(options: LdapConnectOptions): Promise<LdapConnection> {
    const { endpoint, timeoutMs, credentials } = options;
    if (credentials && credentials.password === '') {
      // RFC 4513 §5.1.2: a DN with an empty password is an "unauthenticated bind" that AD answers as anonymous.
      throw new LdapFailure(
        'empty-password',
        `The bind password is empty${credentials.passwordEnv ? ` ($${credentials.passwordEnv} is set but empty)` : ''}. ` +
          'An empty password would make an unauthenticated (anonymous) bind; set the variable named by --bind-password-env.',
      );
    }
    const sockets: net.Socket[] = [];
    const progress = { tcpConnected: false, secured: false };
    const isIp = net.isIP(endpoint.host) !== 0;
    const tlsOptions: tls.ConnectionOptions = {
      // The run's shared trust store (roots parsed once), TLS 1.2 at least.
      secureContext: trustContext(options.caPem, { minVersion: 'TLSv1.2' }),
      host: endpoint.host,
      // SNI must not be an IP address (RFC 6066 §3); the identity check then uses `host`.
      ...(isIp ? {} : { servername: endpoint.host }),
    };
    const remember = <T extends net.Socket>(socket: T): T => {
      sockets.push(socket);
      socket.once('connect', () => (progress.tcpConnected = true));
      socket.once('secureConnect', () => (progress.secured = true));
      return socket;
    };
    const client = new Client({
      url: `${endpoint.transport === 'ldaps' ? 'ldaps' : 'ldap'}://${isIp && endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host}:${endpoint.port}`,
      timeout: timeoutMs,
      connectTimeout: timeoutMs,
      // Only for ldaps: with an ldap:// URL, tlsOptions would switch ldapts to implicit TLS.
      ...(endpoint.transport === 'ldaps' ? { tlsOptions } : {}),
      createConnection: ((...args: unknown[]) => remember(Reflect.apply(net.connect, net, args) as net.Socket)) as typeof net.connect,
      createSecureConnection: ((...args: unknown[]) =>
        remember(Reflect.apply(tls.connect, tls, args) as tls.TLSSocket)) as typeof tls.connect,
    });
    const fail = (error: unknown, step: 'starttls' | 'bind'): never => {
      destroyAll(sockets);
      // Which phase failed decides the advice: no TCP yet → connect; LDAP result during StartTLS → starttls…
      const phase: LdapPhase = isResultError(error)
        ? step
        : !progress.tcpConnected
          ? 'connect'
          : !progress.secured && endpoint.transport === 'starttls'
            ? 'starttls'
            : step === 'bind' && !progress.secured
              ? 'connect'
              : step;
      throw translateLdapError(error, {
        phase,
        server: describeEndpoint(endpoint),
        host: endpoint.host,
        timeoutMs,
        bindDn: credentials?.dn ?? null,
        passwordEnv: credentials?.passwordEnv ?? null,
        tcpConnected: progress.tcpConnected,
      });
    };

    if (endpoint.transport === 'starttls') {
      // connect + StartTLS request + TLS handshake, bounded as one step (ldapts times only the first two).
      await withDeadline(client.startTLS({ ...tlsOptions }), timeoutMs, sockets).catch((error: unknown) => fail(error, 'starttls'));
      assertVerifiedTls(sockets, endpoint);
    }
    if (credentials) {
      // For ldaps:// this also opens the connection (TLS handshake bounded by connectTimeout).
      await withDeadline(client.bind(credentials.dn, credentials.password), timeoutMs * 2, sockets).catch((error: unknown) =>
        fail(error, 'bind'),
      );
    } else if (endpoint.transport === 'ldaps') {
      // No bind: open the TLS connection with a RootDSE read so that connection errors surface here.
      await withDeadline(
        client.search('', { scope: 'base', filter: '(objectClass=*)', attributes: ['1.1'] }),
        timeoutMs * 2,
        sockets,
      ).catch((error: unknown) => fail(error, 'bind'));
    }
    const tlsSocket = assertVerifiedTls(sockets, endpoint);
    return new LdapConnection({
      endpoint,
      client,
      sockets,
      timeoutMs,
      tlsProtocol: tlsSocket.getProtocol() ?? null,
      boundAs: credentials?.dn ?? null,
      passwordEnv: credentials?.passwordEnv ?? null,
    });
  }

  /** Reads one entry; null when it does not exist (noSuchObject) or is not visible. */
  async read(dn: string, attributes: string[], binaryAttributes: string[] = []): Promise<LdapEntry | null> {
    this.#assertUsable();
    try {
      const result = await this.#client.search(dn, {
        scope: 'base',
        filter: '(objectClass=*)',
        attributes,
        explicitBufferAttributes: binaryAttributes,
      });
      return result.searchEntries[0] ?? null;
    } catch (error) {
      const failure = this.#translate(error, dn);
      if (failure.reason === 'no-such-object') return null;
      throw failure;
    }
  }

  /** A paged search collected in memory: for configuration objects (hundreds, not millions). */
  async search(base: string, options: LdapSearchOptions): Promise<LdapPage> {
    const entries: LdapEntry[] = [];
    const references: string[] = [];
    for await (const page of this.pages(base, options)) {
      for (const entry of page.entries) entries.push(entry);
      for (const reference of page.references) references.push(reference);
    }
    return { entries, references };
  }

  /** A paged search, one page at a time: callers aggregate and drop each page (memory stays flat). */
  async *pages(base: string, options: LdapSearchOptions): AsyncGenerator<LdapPage> {
    const searchOptions: SearchOptions = {
      scope: options.scope,
      filter: options.filter,
      attributes: options.attributes,
      explicitBufferAttributes: options.binaryAttributes ?? [],
      paged: { pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE },
    };
    this.#assertUsable();
    const iterator = this.#client.searchPaginated(base, searchOptions);
    try {
      while (true) {
        let step: IteratorResult<{ searchEntries: Entry[]; searchReferences: string[] }>;
        try {
          step = await iterator.next();
        } catch (error) {
          throw this.#translate(error, base);
        }
        if (step.done) return;
        yield { entries: step.value.searchEntries, references: step.value.searchReferences };
      }
    } finally {
      await iterator.return?.(undefined).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await withDeadline(this.#client.unbind(), this.#timeoutMs, this.#sockets).catch(() => undefined);
    destroyAll(this.#sockets);
  }

  /**
   * ldapts silently reconnects a dropped connection on the next operation: unbound, and for ldap:// without
   * StartTLS. Searches on such a connection would return less (or go out in clear text), so after any loss
   * the connection is finished.
   */
  #assertUsable(): void {
    if (this.#failure) throw this.#failure;
    if (this.#closed) throw new LdapFailure('connection-lost', `The connection to ${this.server} is already closed.`);
    // After StartTLS ldapts listens for "close" on the plain socket only and keeps reporting isConnected;
    // our own record of the sockets tells the truth.
    if (!this.#client.isConnected || this.#sockets.some((socket) => socket.destroyed)) {
      this.#failure = new LdapFailure(
        'connection-lost',
        `The LDAP server ${this.server} closed the connection; not reconnecting (a new connection would be neither bound nor, for ldap://, encrypted). Run again.`,
      );
      throw this.#failure;
    }
  }

  #translate(error: unknown, base: string): LdapFailure {
    const failure = this.#translateOnly(error, base);
    // Timeouts and lost connections leave the connection unusable (ldapts destroys the socket on a timeout).
    if (
      ['timeout', 'connection-lost', 'connect-timeout', 'unexpected'].includes(failure.reason) ||
      !this.#client.isConnected ||
      this.#sockets.some((socket) => socket.destroyed)
    ) {
      this.#failure ??= failure;
    }
    return failure;
  }

  #translateOnly(error: unknown, base: string): LdapFailure {
    return translateLdapError(error, {
      phase: 'search',
      server: this.server,
      host: this.endpoint.host,
      timeoutMs: this.#timeoutMs,
      bindDn: this.boundAs,
      passwordEnv: this.#passwordEnv,
      base,
      tcpConnected: true,
    });
  }
}

/**
 * Unreachable by construction (ldaps:// connects with TLS, StartTLS failures throw before the bind); a guard so
 * that a library change can never make us bind or search in clear text.
 */
function assertVerifiedTls(sockets: net.Socket[], endpoint: LdapEndpoint): tls.TLSSocket {
  const tlsSocket = sockets.find((socket): socket is tls.TLSSocket => socket instanceof tls.TLSSocket);
  if (!tlsSocket?.encrypted || !tlsSocket.authorized || tlsSocket.destroyed) {
    destroyAll(sockets);
    throw new LdapFailure(
      'tls-handshake',
      `The connection to ${describeEndpoint(endpoint)} is not protected by verified TLS; refusing to continue.`,
    );
  }
  return tlsSocket;
}

function destroyAll(sockets: net.Socket[]): void {
  for (const socket of sockets) socket.destroy();
}

function isResultError(error: unknown): boolean {
  return typeof (error as { code?: unknown })?.code === 'number';
}

class DeadlineExceeded extends Error {
  constructor(ms: number) {
    super(`Operation timed out after ${ms} ms`);
  }
}

/** Rejects after `ms` and destroys the sockets, so that a silent peer can never hang the run. */
function withDeadline<T>(promise: Promise<T>, ms: number, sockets: net.Socket[]): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      destroyAll(sockets);
      reject(new DeadlineExceeded(ms));
    }, ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
