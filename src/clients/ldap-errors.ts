// Turns what ldapts, node:net and node:tls throw into a CollectionError that names the cause and the fix.
// Messages never contain the password; they may contain the bind DN, host and search base (not secrets).
import { ResultCodeError } from 'ldapts';
import { CollectionError } from '../errors.js';

export type LdapFailureReason =
  | 'configuration'
  | 'host-not-found'
  | 'dc-not-found'
  | 'refused'
  | 'unreachable'
  | 'connect-timeout'
  | 'timeout'
  | 'connection-lost'
  | 'tls-untrusted'
  | 'tls-expired'
  | 'tls-name-mismatch'
  | 'tls-handshake'
  | 'starttls-refused'
  | 'invalid-credentials'
  | 'strong-auth-required'
  | 'bind-required'
  | 'empty-password'
  | 'insufficient-access'
  | 'no-such-object'
  | 'referral'
  | 'not-active-directory'
  | 'no-exchange-organization'
  | 'server-busy'
  | 'unexpected';

/** A CollectionError with a stable reason; the artifact error code is `ldap-<reason>`. */
export class LdapFailure extends CollectionError {
  readonly reason: LdapFailureReason;
  constructor(reason: LdapFailureReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
  get artifactCode(): string {
    return `ldap-${this.reason}`;
  }
}

export type LdapPhase = 'connect' | 'starttls' | 'bind' | 'search';

export interface LdapErrorContext {
  phase: LdapPhase;
  /** "dc01.contoso.com:636 (LDAPS)". */
  server: string;
  host: string;
  timeoutMs: number;
  bindDn?: string | null;
  /** Name of the environment variable holding the password, for the message. */
  passwordEnv?: string | null;
  /** Search base, for search failures. */
  base?: string;
  /** Whether TCP was established before the failure (a timeout then means "nothing answers", not "unreachable"). */
  tcpConnected?: boolean;
}

const TLS_UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REVOKED',
  'INVALID_CA',
]);
const TLS_EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const HANDSHAKE_CODES = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'EPROTO']);

const RESULT_REFERRAL = 10;

/** AD's bind diagnostics carry "data <hex>" (e.g. "… AcceptSecurityContext error, data 52e, v4563"). */
const AD_BIND_DATA: Record<string, string> = {
  '525': 'the user was not found',
  '52e': 'the password is wrong',
  '530': 'the account may not log on at this time',
  '531': 'the account may not log on from this workstation',
  '532': 'the password has expired',
  '533': 'the account is disabled',
  '701': 'the account has expired',
  '773': 'the user must change the password before logging on',
  '775': 'the account is locked out',
};

export function isLdapFailure(error: unknown): error is LdapFailure {
  return error instanceof LdapFailure;
}

/** An LDAP result code carried by an ldapts error, or null for socket/TLS/other errors. */
export function ldapResultCode(error: unknown): number | null {
  if (error instanceof ResultCodeError) return error.code;
  return null;
}

export function translateLdapError(error: unknown, context: LdapErrorContext): LdapFailure {
  if (error instanceof LdapFailure) return error;
  const resultCode = ldapResultCode(error);
  if (resultCode !== null) return fromResultCode(resultCode, error as ResultCodeError, context);
  return fromSystemError(error, context);
}

function fromSystemError(error: unknown, context: LdapErrorContext): LdapFailure {
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : '';
  const message = error instanceof Error ? error.message : String(error);
  const { server, host, timeoutMs } = context;
  const cause = { cause: error };

  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return new LdapFailure(
      'host-not-found',
      `Cannot resolve the LDAP server name "${host}" (${code}). Check the host in --ldap-url, or this machine's DNS settings.`,
      cause,
    );
  }
  if (code === 'ECONNREFUSED') {
    return new LdapFailure(
      'refused',
      `The LDAP server ${server} refused the connection (ECONNREFUSED). Check the host and port in --ldap-url ` +
        '(LDAPS listens on 636, LDAP with StartTLS on 389; the global catalog on 3269/3268) and that the service runs.',
      cause,
    );
  }
  if (['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL'].includes(code)) {
    return new LdapFailure(
      'unreachable',
      `The LDAP server ${server} is unreachable (${code}). Check the network path and firewalls between this machine and the domain controller.`,
      cause,
    );
  }
  if ((message === 'Connection timeout' || code === 'ETIMEDOUT') && !context.tcpConnected) {
    return new LdapFailure(
      'connect-timeout',
      `No connection to the LDAP server ${server} within ${timeoutMs} ms (--timeout). ` +
        'A firewall may be dropping the traffic, or the host is down; check the host and port in --ldap-url, or raise --timeout.',
      cause,
    );
  }
  if (message === 'Connection timeout' || /timed out/i.test(message)) {
    return new LdapFailure(
      'timeout',
      `The LDAP server ${server} did not answer ${describePhase(context)} within ${timeoutMs} ms (--timeout). ` +
        'The port accepts connections but nothing answers: check that it is an LDAP port (LDAPS on 636 expects TLS from the first byte, ' +
        'ldap:// on 389 expects StartTLS), or raise --timeout for a slow domain controller.',
      cause,
    );
  }
  if (TLS_UNTRUSTED.has(code)) {
    return new LdapFailure(
      'tls-untrusted',
      `The TLS certificate of the LDAP server ${server} is not trusted (${code}). Domain controllers usually present a certificate ` +
        'from an internal (AD CS) certificate authority that Node.js does not trust by default: export that root CA as PEM and pass it with --ca-file.',
      cause,
    );
  }
  if (TLS_EXPIRED.has(code)) {
    return new LdapFailure(
      'tls-expired',
      `The TLS certificate of the LDAP server ${server} is not valid now (${code}). Renew the domain controller's certificate; ` +
        'this tool does not connect with an invalid certificate.',
      cause,
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const reason = (error as { reason?: unknown }).reason;
    return new LdapFailure(
      'tls-name-mismatch',
      `The TLS certificate of the LDAP server does not cover the name "${host}" you connected to` +
        `${typeof reason === 'string' ? ` (${reason})` : ''}. Use a name that the certificate carries in --ldap-url ` +
        '(usually the domain controller FQDN, e.g. ldaps://dc01.contoso.com), not an IP address or alias.',
      cause,
    );
  }
  if (HANDSHAKE_CODES.has(code) || /before secure TLS connection|wrong version number|handshake/i.test(message)) {
    return new LdapFailure(
      'tls-handshake',
      `The TLS handshake with the LDAP server ${server} failed (${code || message}). ` +
        'If the port is a plain LDAP port use ldap://host:389 (this tool then starts TLS with StartTLS); for LDAPS use ldaps://host:636.',
      cause,
    );
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || /Connection closed|Socket error/i.test(message)) {
    return new LdapFailure(
      'connection-lost',
      `The LDAP server ${server} closed the connection ${describePhase(context)} (${code || message}). ` +
        (context.phase === 'connect' || context.phase === 'starttls'
          ? 'If this is a plain LDAP port, use ldap:// (StartTLS) rather than ldaps://; if it is an LDAPS port, use ldaps://.'
          : 'Try again; if it repeats, check the domain controller and any proxy or firewall on the way.'),
      cause,
    );
  }
  return new LdapFailure('unexpected', `LDAP ${context.phase} with ${server} failed: ${message}${code ? ` (${code})` : ''}.`, cause);
}

function fromResultCode(resultCode: number, error: ResultCodeError, context: LdapErrorContext): LdapFailure {
  const { server } = context;
  const serverText = error.message.replace(/\s*Code: 0x[0-9a-f]+\s*$/i, '').trim();
  const diagnostic = serverText ? ` Server said: "${serverText}".` : '';
  const cause = { cause: error };
  const who = context.bindDn ? `"${context.bindDn}"` : 'the anonymous user';

  if (context.phase === 'starttls') {
    return new LdapFailure(
      'starttls-refused',
      `The LDAP server ${server} refused StartTLS (result ${resultCode}).${diagnostic} ` +
        'This tool never sends a password over an unencrypted connection: enable TLS on the domain controller ' +
        '(it needs a server certificate) or connect with ldaps://host:636.',
      cause,
    );
  }
  switch (resultCode) {
    case 49: {
      const data = /data ([0-9a-f]{3,4})/i.exec(error.message)?.[1]?.toLowerCase();
      const detail = data && AD_BIND_DATA[data] ? ` (Active Directory: ${AD_BIND_DATA[data]}, data ${data})` : '';
      return new LdapFailure(
        'invalid-credentials',
        `The LDAP server ${server} rejected the bind of ${who}: invalid credentials${detail}. Check --bind-dn ` +
          `(a DN, user@domain or DOMAIN\\user) and the password in ${context.passwordEnv ? `$${context.passwordEnv}` : 'the variable named by --bind-password-env'}.`,
        cause,
      );
    }
    case 8:
    case 13:
      return new LdapFailure(
        'strong-auth-required',
        `The LDAP server ${server} refused the simple bind of ${who} with ${resultCode === 8 ? 'strongAuthRequired (8)' : 'confidentialityRequired (13)'}.${diagnostic} ` +
          'Domain controllers that require LDAP signing accept a simple bind only inside TLS: use ldaps://host:636 or ldap://host:389 ' +
          '(this tool then runs StartTLS before binding). If the server refuses simple binds even over TLS, it wants Kerberos or NTLM (SASL) ' +
          'binds, which this tool cannot do (a pure-JavaScript LDAP client has no GSSAPI/NTLM): use an account allowed to simple-bind over TLS.',
        cause,
      );
    case 48:
    case 7:
      return new LdapFailure(
        'strong-auth-required',
        `The LDAP server ${server} refused the bind of ${who} (result ${resultCode}: inappropriate or unsupported authentication).${diagnostic} ` +
          'This tool only does simple binds over LDAPS or StartTLS; Kerberos and NTLM are not supported. Pass --bind-dn and --bind-password-env.',
        cause,
      );
    case 1:
      if (/successful bind must be completed|000004DC/i.test(error.message)) {
        return new LdapFailure(
          'bind-required',
          `The LDAP server ${server} requires a bind before searching.${diagnostic} Pass --bind-dn and --bind-password-env.`,
          cause,
        );
      }
      break;
    case 50:
      return new LdapFailure(
        'insufficient-access',
        `${who} may not read ${context.base ? `"${context.base}"` : 'the requested entries'} on ${server} (insufficientAccessRights).${diagnostic} ` +
          'Any authenticated domain user can read the Configuration partition by default; use such an account, or grant read access.',
        cause,
      );
    case 32:
      return new LdapFailure(
        'no-such-object',
        `${context.base ? `"${context.base}"` : 'The search base'} does not exist on ${server}, or ${who} may not see it (noSuchObject).${diagnostic}`,
        cause,
      );
    case RESULT_REFERRAL:
      return new LdapFailure(
        'referral',
        `The LDAP server ${server} answered the search of ${context.base ? `"${context.base}"` : 'the base'} with a referral to another server.${diagnostic} ` +
          'This tool does not chase referrals: point --ldap-url at a domain controller that holds that naming context, or use --global-catalog for recipients in other domains.',
        cause,
      );
    case 51:
    case 52:
      return new LdapFailure(
        'server-busy',
        `The LDAP server ${server} is busy or unavailable (result ${resultCode}).${diagnostic} Try again later or another domain controller.`,
        cause,
      );
    case 3:
    case 4:
    case 11:
      return new LdapFailure(
        'server-busy',
        `The LDAP server ${server} stopped the search of ${context.base ? `"${context.base}"` : 'the base'} at its limits (result ${resultCode}).${diagnostic} ` +
          'Ask the directory administrators about MaxPageSize/MaxQueryDuration, or raise the limits for this account.',
        cause,
      );
    default:
      break;
  }
  return new LdapFailure('unexpected', `LDAP ${context.phase} on ${server} failed with result ${resultCode}.${diagnostic}`, cause);
}

function describePhase(context: LdapErrorContext): string {
  switch (context.phase) {
    case 'connect':
      return context.tcpConnected ? 'to the TLS handshake' : 'while connecting';
    case 'starttls':
      return 'to StartTLS';
    case 'bind':
      return 'to the bind';
    case 'search':
      return context.base ? `to the search of "${context.base}"` : 'to a search';
  }
}
