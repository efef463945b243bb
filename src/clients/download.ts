// One HTTPS GET of a whole file (the build list for `catalogue update`): the certificate verified against the system's
// roots plus --ca-file, HTTPS_PROXY/NO_PROXY honoured, redirects never followed (the next host is one the user did
// not name), the body capped in bytes and the whole exchange in time. Any failure is a DownloadFailure with a stable
// code and one line saying what happened.
import { Agent, type Dispatcher, ProxyAgent, request } from 'undici';
import { proxyFor } from './proxy-env.js';
import { trustContext } from './trust.js';

export interface DownloadOptions {
  caPem: string | null;
  /** Bounds the connection, the answer and the whole body together. */
  timeoutMs: number;
  maxBytes: number;
  /** Where HTTPS_PROXY/NO_PROXY are read from. */
  env: Readonly<Record<string, string | undefined>>;
}

export class DownloadFailure extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'DownloadFailure';
  }
}

export async function downloadFile(url: string, options: DownloadOptions): Promise<Buffer> {
  const target = new URL(url);
  if (target.protocol !== 'https:')
    throw new DownloadFailure('EPROTOCOL', `only https:// URLs are fetched (TLS verified), not ${target.protocol}//`);
  const dispatcher = dispatcherFor(target, options);
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await request(target, {
      dispatcher,
      method: 'GET',
      headers: { 'user-agent': 'hybrid-readiness', accept: 'text/csv, text/plain, */*' },
      signal,
    });
    // Abandoning a body makes undici abort the request: an error nobody else listens for.
    const abandon = () => response.body.on('error', () => undefined).destroy();
    if (response.statusCode !== 200) {
      abandon();
      const location = response.statusCode >= 300 && response.statusCode < 400 ? headerText(response.headers.location) : null;
      throw new DownloadFailure(
        'EHTTPSTATUS',
        location
          ? `it answered HTTP ${response.statusCode} pointing at ${location}; redirects are not followed: pass that URL with --from if you trust it`
          : `it answered HTTP ${response.statusCode}, not the file`,
      );
    }
    const declared = Number(headerText(response.headers['content-length']) ?? Number.NaN);
    if (declared > options.maxBytes) {
      abandon();
      throw tooLarge(options.maxBytes);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > options.maxBytes) {
        abandon();
        throw tooLarge(options.maxBytes);
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  } catch (error) {
    if (error instanceof DownloadFailure) throw error;
    if (signal.aborted)
      throw new DownloadFailure('ETIMEDOUT', `it did not answer in full within ${options.timeoutMs} ms (--timeout)`, { cause: error });
    throw networkFailure(error);
  } finally {
    await dispatcher.close().catch(() => undefined);
  }
}

function dispatcherFor(target: URL, options: DownloadOptions): Dispatcher {
  const secureContext = trustContext(options.caPem);
  const port = target.port ? Number(target.port) : 443;
  const proxy = proxyFor(target.hostname.replace(/^\[|\]$/g, ''), port, options.env);
  const timeouts = { headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs };
  if (!proxy) return new Agent({ connect: { secureContext, timeout: options.timeoutMs }, ...timeouts });
  return new ProxyAgent({
    uri: proxy.origin,
    ...(proxy.authorization ? { token: proxy.authorization } : {}),
    requestTls: { secureContext, timeout: options.timeoutMs },
    proxyTls: { secureContext, timeout: options.timeoutMs },
    ...timeouts,
  });
}

function tooLarge(maxBytes: number): DownloadFailure {
  return new DownloadFailure('ETOOLARGE', `its answer is larger than ${maxBytes} bytes, far more than the build list`);
}

const reasons: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'the name does not resolve',
  EAI_AGAIN: 'the name could not be resolved (DNS did not answer)',
  ECONNRESET: 'the connection was reset',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no answer arrived in time',
  UND_ERR_BODY_TIMEOUT: 'the body stopped arriving',
  UND_ERR_SOCKET: 'the connection closed before the whole file arrived',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'the file arrived shorter than the server announced (truncated)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate is not signed by a trusted authority (a lab CA goes in --ca-file)',
  SELF_SIGNED_CERT_IN_CHAIN: 'its certificate chain ends in an untrusted root (a lab CA goes in --ca-file)',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed and not trusted',
  CERT_HAS_EXPIRED: 'its certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is not valid for that host name',
};

function networkFailure(error: unknown): DownloadFailure {
  const code = codeOf(error) ?? codeOf((error as { cause?: unknown } | null)?.cause) ?? 'ENETWORK';
  // undici reports a body cut short as a socket error whose message says so.
  const message = error instanceof Error ? error.message : String(error);
  const reason = reasons[code] ?? `the download failed (${code}: ${message.split('\n')[0]})`;
  return new DownloadFailure(code, reason, { cause: error });
}

function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code !== '' ? code : null;
}

/** A header value fit for a one-line message: the first value, control characters out, length capped. */
function headerText(value: string | string[] | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return null;
  const clean = first.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}
