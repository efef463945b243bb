// A pure-JS LDAP server for the lab: serves an LdapDirectory over LDAPS and over LDAP with StartTLS, to simple
// binds, with the simple paged results control (RFC 2696), the way a Windows domain controller answers: a simple
// bind over plain LDAP is refused (strongAuthRequired), a wrong password gets AD's "data 52e" diagnostic, an
// unbound connection may read only the RootDSE, and a page holds at most MaxPageSize (1000) entries.
// It needs no Debian package, no root and no fixed port, so `demo` runs wherever Node does.
import { createServer as createTcpServer, type Socket } from 'node:net';
import { createSecureContext, createServer as createTlsServer, TLSSocket } from 'node:tls';
import { dnKey } from '../clients/ldap-escape.js';
import {
  bindResponse,
  extendedResponse,
  type LdapRequest,
  type LdapResult,
  operationResponse,
  parseRequest,
  RESULT,
  searchDone,
  searchEntry,
  searchReference,
  takeFrame,
} from './ldap-codec.js';
import type { LdapDirectory } from './ldap-directory.js';
import { filterText, UnsupportedFilterError } from './ldap-filter.js';
import { listenOn } from './listen.js';

export const START_TLS_OID = '1.3.6.1.4.1.1466.20037';
/** AD's default MaxPageSize (LDAP policy). */
const AD_MAX_PAGE_SIZE = 1000;

// AD's diagnostic texts (the collector recognises the "data 52e" and 000004DC forms).
const AD_MESSAGES = {
  invalidCredentials: '80090308: LdapErr: DSID-0C090447, comment: AcceptSecurityContext error, data 52e, v4563',
  strongAuthRequired:
    '00002028: LdapErr: DSID-0C090259, comment: The server requires binds to turn on integrity checking if SSL\\TLS are not already active on the connection, data 0, v4563',
  bindRequired:
    '000004DC: LdapErr: DSID-0C090A5C, comment: In order to perform this operation a successful bind must be completed on the connection., data 0, v4563',
  noSuchObject: (matched: string) => `0000208D: NameErr: DSID-0310028F, problem 2001 (NO_OBJECT), data 0, best match of:\n\t'${matched}'\n`,
};

export interface LdapAccount {
  dn: string;
  password: string;
  /** Other names AD accepts in a simple bind: the UPN and DOMAIN\user. */
  aliases?: readonly string[];
}

export interface LdapLabServerOptions {
  /** Loopback address to listen on, e.g. "127.0.0.10". */
  address: string;
  /** 0 (default) picks free ports. */
  ldapsPort?: number;
  ldapPort?: number;
  /** Server certificate and key (src/lab/pki.ts); it must cover the address or name clients connect to. */
  tls: { cert: string; key: string };
  directory: LdapDirectory;
  accounts: readonly LdapAccount[];
  maxPageSize?: number;
}

export interface LdapLabServer {
  address: string;
  ldapsPort: number;
  ldapPort: number;
  /** ldaps://address:port */
  ldapsUrl: string;
  /** ldap://address:port (StartTLS) */
  ldapUrl: string;
  /** What happened, in order: "bind <name>: <code>", "search <base> <scope> <filter> [paged N]", "starttls" (never a password). */
  log: string[];
  close(): Promise<void>;
}

interface Session {
  socket: Socket;
  secure: boolean;
  boundAs: string | null;
  buffer: Buffer;
}

export async function startLdapLabServer(options: LdapLabServerOptions): Promise<LdapLabServer> {
  const secureContext = createSecureContext({ cert: options.tls.cert, key: options.tls.key });
  const maxPageSize = options.maxPageSize ?? AD_MAX_PAGE_SIZE;
  const sockets = new Set<Socket>();
  const log: string[] = [];

  const serve = (socket: Socket, secure: boolean) => {
    // One write per response and no Nagle delay: small request/response exchanges would otherwise wait ~40 ms each.
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const session: Session = { socket, secure, boundAs: null, buffer: Buffer.alloc(0) };
    listen(session, socket);
  };

  const listen = (session: Session, socket: Socket) => {
    const onData = (chunk: Buffer) => {
      session.buffer = Buffer.concat([session.buffer, chunk]);
      try {
        for (let next = takeFrame(session.buffer); next; next = takeFrame(session.buffer)) {
          session.buffer = next.rest;
          const upgraded = handle(session, parseRequest(next.frame));
          if (upgraded) {
            socket.removeListener('data', onData);
            upgrade(session);
            return;
          }
        }
      } catch {
        // Not LDAP, or BER we cannot read: a DC drops such a connection.
        socket.destroy();
      }
    };
    socket.on('data', onData);
  };

  /** StartTLS (RFC 4511 §4.14): the response went out in clear; from here on the same TCP stream carries TLS. */
  const upgrade = (session: Session) => {
    const plain = session.socket;
    const secured = new TLSSocket(plain, { isServer: true, secureContext });
    secured.on('error', () => plain.destroy());
    sockets.add(secured);
    secured.on('close', () => sockets.delete(secured));
    session.socket = secured;
    session.secure = true;
    session.buffer = Buffer.alloc(0);
    listen(session, secured);
  };

  /** Answers one request in one write; true when the connection must switch to TLS now. */
  const handle = (session: Session, request: LdapRequest): boolean => {
    const out: Buffer[] = [];
    const startTls = answer(session, request, (bytes) => out.push(bytes));
    if (out.length > 0) session.socket.write(out.length === 1 ? out[0]! : Buffer.concat(out));
    if (request.kind === 'unbind') session.socket.end();
    return startTls;
  };

  const answer = (session: Session, request: LdapRequest, send: (bytes: Buffer) => void): boolean => {
    switch (request.kind) {
      case 'bind': {
        const result = bind(session, request.dn, request.password);
        log.push(`bind ${request.dn || '(anonymous)'}: ${result.code}`);
        send(bindResponse(request.messageId, result));
        return false;
      }
      case 'bind-sasl':
        send(
          bindResponse(request.messageId, { code: RESULT.authMethodNotSupported, message: 'the lab directory accepts simple binds only' }),
        );
        return false;
      case 'search':
        search(session, request, send);
        return false;
      case 'extended':
        if (request.oid !== START_TLS_OID) {
          send(
            extendedResponse(
              request.messageId,
              { code: RESULT.protocolError, message: `unsupported extended operation ${request.oid}` },
              null,
            ),
          );
          return false;
        }
        if (session.secure) {
          send(
            extendedResponse(
              request.messageId,
              { code: RESULT.operationsError, message: 'TLS is already in effect on this connection' },
              START_TLS_OID,
            ),
          );
          return false;
        }
        log.push('starttls');
        send(extendedResponse(request.messageId, { code: RESULT.success }, START_TLS_OID));
        return true;
      case 'unbind':
        return false;
      case 'abandon':
        return false;
      case 'unsupported':
        if (request.responseTag === null) throw new Error(`unknown LDAP operation 0x${request.operation.toString(16)}`);
        else
          send(
            operationResponse(request.messageId, request.responseTag, {
              code: RESULT.unwillingToPerform,
              message: 'the lab directory is read-only',
            }),
          );
        return false;
    }
  };

  const bind = (session: Session, name: string, password: string): LdapResult => {
    session.boundAs = null;
    // RFC 4513 §5.1.1–5.1.2: anonymous and unauthenticated binds leave the connection anonymous.
    if (password === '') return { code: RESULT.success };
    if (!session.secure) return { code: RESULT.strongAuthRequired, message: AD_MESSAGES.strongAuthRequired };
    const account = options.accounts.find((candidate) => namesAccount(candidate, name));
    if (!account || account.password !== password) return { code: RESULT.invalidCredentials, message: AD_MESSAGES.invalidCredentials };
    session.boundAs = account.dn;
    return { code: RESULT.success };
  };

  const search = (session: Session, request: Extract<LdapRequest, { kind: 'search' }>, send: (bytes: Buffer) => void) => {
    const { search: query, paged, messageId } = request;
    log.push(`search ${query.base || '(RootDSE)'} ${query.scope} ${filterText(query.filter)}${paged ? ` paged ${paged.size}` : ''}`);
    const rootDse = query.base.trim() === '' && query.scope === 'base';
    if (!session.boundAs && !rootDse)
      return send(searchDone(messageId, { code: RESULT.operationsError, message: AD_MESSAGES.bindRequired }));
    let result: ReturnType<typeof options.directory.search>;
    try {
      result = options.directory.search(query);
    } catch (error) {
      if (!(error instanceof UnsupportedFilterError)) throw error;
      return send(searchDone(messageId, { code: RESULT.unwillingToPerform, message: error.message }));
    }
    if (!result.found) {
      return send(
        searchDone(messageId, {
          code: RESULT.noSuchObject,
          matchedDn: result.matchedDn,
          message: AD_MESSAGES.noSuchObject(result.matchedDn),
        }),
      );
    }
    if (!paged) {
      for (const entry of result.entries.slice(0, maxPageSize)) send(searchEntry(messageId, entry));
      if (result.references.length > 0) send(searchReference(messageId, result.references));
      const truncated = result.entries.length > maxPageSize;
      return send(
        searchDone(messageId, truncated ? { code: RESULT.sizeLimitExceeded, message: 'Size Limit Exceeded' } : { code: RESULT.success }),
      );
    }
    // The cookie is the offset of the next page: the directory never changes while the lab runs.
    const offset = paged.cookie && paged.cookie.length > 0 ? Number(paged.cookie.toString('latin1')) : 0;
    if (!Number.isSafeInteger(offset) || offset < 0 || offset > result.entries.length) {
      return send(
        searchDone(messageId, { code: RESULT.unwillingToPerform, message: 'the paged results cookie is not one this server issued' }),
      );
    }
    if (paged.size <= 0) return send(searchDone(messageId, { code: RESULT.success }, { size: 0 })); // RFC 2696 §3: abandon
    const end = Math.min(offset + Math.min(paged.size, maxPageSize), result.entries.length);
    for (const entry of result.entries.slice(offset, end)) send(searchEntry(messageId, entry));
    if (offset === 0 && result.references.length > 0) send(searchReference(messageId, result.references));
    const cookie = end < result.entries.length ? Buffer.from(String(end), 'latin1') : undefined;
    send(searchDone(messageId, { code: RESULT.success }, cookie ? { size: result.entries.length, cookie } : { size: 0 }));
  };

  const tlsServer = createTlsServer({ cert: options.tls.cert, key: options.tls.key }, (socket) => serve(socket, true));
  tlsServer.on('tlsClientError', () => undefined);
  const tcpServer = createTcpServer((socket) => serve(socket, false));
  const ldapsPort = await listenOn(tlsServer, options.address, options.ldapsPort ?? 0);
  const ldapPort = await listenOn(tcpServer, options.address, options.ldapPort ?? 0).catch(async (error: unknown) => {
    await new Promise<void>((resolve) => tlsServer.close(() => resolve()));
    throw error;
  });
  const host = options.address.includes(':') ? `[${options.address}]` : options.address;

  return {
    address: options.address,
    ldapsPort,
    ldapPort,
    ldapsUrl: `ldaps://${host}:${ldapsPort}`,
    ldapUrl: `ldap://${host}:${ldapPort}`,
    log,
    async close() {
      const closed = Promise.all([
        new Promise<void>((resolve) => tlsServer.close(() => resolve())),
        new Promise<void>((resolve) => tcpServer.close(() => resolve())),
      ]);
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

function namesAccount(account: LdapAccount, name: string): boolean {
  const wanted = name.trim().toLowerCase();
  if (dnKey(name) === dnKey(account.dn)) return true;
  return (account.aliases ?? []).some((alias) => alias.toLowerCase() === wanted);
}
