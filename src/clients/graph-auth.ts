// App-only access to Microsoft Graph: a ready token (--graph-token-env), or the client-credentials grant with a
// client secret or a certificate (signed client assertion), through msal-node.
// https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
import { ConfidentialClientApplication, type Configuration, type INetworkModule, LogLevel } from '@azure/msal-node';
import type { Dispatcher } from 'undici';
import type { CollectOptions } from '../options.js';
import { type ClientCertificate, parseClientCertificate } from './client-certificate.js';
import { type GraphEndpoints, nationalCloudEndpoints } from './graph-endpoints.js';
import type { HttpBudget } from './graph-http.js';
import { createMsalNetworkClient, type NetworkProblem } from './msal-network.js';
import type { Redactor } from './redact.js';

export type GraphCredential =
  | { kind: 'token'; token: string }
  | { kind: 'secret'; tenantId: string; clientId: string; secret: string; secretEnv: string | null }
  | { kind: 'certificate'; tenantId: string; clientId: string; certificate: ClientCertificate; certificateFile: string | null };

/** Why no credential could be formed; the message tells which flags to pass. */
export class GraphCredentialError extends Error {
  readonly code: 'graph-not-configured' | 'graph-bad-credential';
  constructor(code: GraphCredentialError['code'], message: string) {
    super(message);
    this.code = code;
    this.name = 'GraphCredentialError';
  }
}

const HOW_TO_CONFIGURE =
  'pass --tenant-id and --client-id with --client-secret-file FILE (or --client-secret-env VAR) or --client-certificate PEM, or a ready token with --graph-token-file FILE (or --graph-token-env VAR)';

/** Picks the credential the options describe. A ready token wins: it is what CI with workload identity hands over. */
export function graphCredentialFrom(options: CollectOptions): GraphCredential {
  const { secrets, tenantId, clientId } = options;
  if (secrets.graphToken) return { kind: 'token', token: secrets.graphToken.trim() };
  const hasSecret = Boolean(secrets.clientSecret);
  const hasCertificate = Boolean(secrets.clientCertificatePem);
  if (!tenantId && !clientId && !hasSecret && !hasCertificate) {
    throw new GraphCredentialError('graph-not-configured', `no Microsoft Graph access was configured: ${HOW_TO_CONFIGURE}`);
  }
  if (!tenantId || !clientId) {
    throw new GraphCredentialError(
      'graph-not-configured',
      `Graph app-only access needs both --tenant-id and --client-id (${HOW_TO_CONFIGURE})`,
    );
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(tenantId)) {
    throw new GraphCredentialError(
      'graph-bad-credential',
      '--tenant-id must be the tenant GUID or one of its domain names, e.g. contoso.onmicrosoft.com',
    );
  }
  if (hasCertificate) {
    try {
      const certificate = parseClientCertificate(secrets.clientCertificatePem ?? '');
      return { kind: 'certificate', tenantId, clientId, certificate, certificateFile: options.clientCertificate };
    } catch (error) {
      throw new GraphCredentialError('graph-bad-credential', (error as Error).message);
    }
  }
  if (hasSecret) return { kind: 'secret', tenantId, clientId, secret: secrets.clientSecret ?? '', secretEnv: options.clientSecretEnv };
  throw new GraphCredentialError(
    'graph-not-configured',
    `--tenant-id and --client-id were given without a credential: ${HOW_TO_CONFIGURE}`,
  );
}

export interface TokenRequestContext {
  endpoints: GraphEndpoints;
  dispatcher: Dispatcher;
  timeoutMs: number;
  redactor: Redactor;
  debug: (message: string) => void;
  onRetry?: HttpBudget['onRetry'];
}

/** Why the login host gave no token; the message is redacted and says what to fix. */
export class GraphTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GraphTokenError';
  }
}

export async function acquireGraphToken(credential: GraphCredential, context: TokenRequestContext): Promise<string> {
  if (credential.kind === 'token') return credential.token;
  const { endpoints, redactor } = context;
  const network = createMsalNetworkClient(context.dispatcher, context.timeoutMs, context.onRetry);
  const app = new ConfidentialClientApplication(msalConfiguration(credential, endpoints, network, context));
  try {
    // `.default` asks for every application permission admin-consented to the app on this resource.
    const result = await app.acquireTokenByClientCredential({ scopes: [`${endpoints.graphUrl}/.default`], skipCache: true });
    if (!result?.accessToken) throw new GraphTokenError(`the login endpoint ${endpoints.loginUrl} returned no access token`);
    redactor.add(result.accessToken);
    return result.accessToken;
  } catch (error) {
    if (error instanceof GraphTokenError) throw error;
    throw new GraphTokenError(redactor.redact(describeTokenFailure(error, credential, endpoints, network.lastProblem)));
  }
}

function msalConfiguration(
  credential: Exclude<GraphCredential, { kind: 'token' }>,
  endpoints: GraphEndpoints,
  network: INetworkModule,
  context: TokenRequestContext,
): Configuration {
  const loginHost = new URL(endpoints.loginUrl).host;
  const isMicrosoftLoginHost = Object.values(nationalCloudEndpoints).some((cloud) => cloud.loginUrl === endpoints.loginUrl);
  return {
    auth: {
      clientId: credential.clientId,
      authority: `${endpoints.loginUrl}/${credential.tenantId}`,
      // msal trusts Microsoft's login hosts by name; any other (a lab) must be declared, and is then asked for its
      // OpenID configuration instead of Microsoft's instance discovery.
      ...(isMicrosoftLoginHost ? {} : { knownAuthorities: [loginHost] }),
      ...(credential.kind === 'secret'
        ? { clientSecret: credential.secret }
        : {
            clientCertificate: {
              thumbprintSha256: credential.certificate.thumbprintSha256,
              privateKey: credential.certificate.privateKeyPem,
            },
          }),
    },
    system: {
      networkClient: network,
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (_level, message) => {
          // Client credentials never return client info (there is no user); msal warns about it on every token.
          if (!message.includes('No client info in response')) context.debug(`msal: ${context.redactor.redact(message)}`);
        },
      },
    },
  };
}

/** One line naming the cause and the fix. AADSTS codes: https://learn.microsoft.com/entra/identity-platform/reference-error-codes */
function describeTokenFailure(
  error: unknown,
  credential: Exclude<GraphCredential, { kind: 'token' }>,
  endpoints: GraphEndpoints,
  problem: NetworkProblem | null,
): string {
  const code = typeof (error as { errorCode?: unknown }).errorCode === 'string' ? (error as { errorCode: string }).errorCode : null;
  const raw = (error as { errorMessage?: unknown }).errorMessage;
  const text = typeof raw === 'string' ? raw : error instanceof Error ? error.message : String(error);
  // msal wraps Entra's answer as "Error(s): 7000215 - Timestamp: … - Description: AADSTS7000215: …", and Entra
  // appends "Trace ID… Correlation ID…" on new lines; its generic errors say only "See https://aka.ms/msal…".
  let detail = (text.trim().split(/\r?\n/)[0] ?? '').replace(/^Error\(s\):.*? - Description: /, '');
  if (/^See https:\/\/aka\.ms\/msal/.test(detail)) detail = '';
  if (problem?.summary === detail) detail = '';
  if (detail === '' && problem?.entraError) detail = problem.entraError;
  const parts = [code, detail].filter((part): part is string => Boolean(part) && part !== '');
  const below = problem ? ` (${problem.summary})` : '';
  const aadsts = /AADSTS(\d+)/.exec(detail)?.[1] ?? null;
  const hint = hintFor(code, aadsts, credential);
  return `could not get a Graph token from ${endpoints.loginUrl} for client ${credential.clientId} in tenant ${credential.tenantId}: ${parts.join(': ')}${below}${hint ? `. ${hint}` : ''}`;
}

function hintFor(code: string | null, aadsts: string | null, credential: Exclude<GraphCredential, { kind: 'token' }>): string | null {
  // Where the user fixes it: the variable the secret came from, or the certificate file.
  const secretHome = credential.kind === 'secret' ? (credential.secretEnv ?? 'the client secret variable') : null;
  const certificateHome = credential.kind === 'certificate' ? (credential.certificateFile ?? 'the --client-certificate file') : null;
  const refused =
    credential.kind === 'secret'
      ? `The client secret was rejected${aadsts ? ` (AADSTS${aadsts})` : ''}: create a new secret under Certificates & secrets of the app registration (copy its value, not its ID) and update ${secretHome}`
      : `The client certificate was rejected${aadsts ? ` (AADSTS${aadsts})` : ''}: upload the certificate of ${certificateHome} under Certificates & secrets of the app registration, or point --client-certificate at the one registered there`;
  switch (aadsts) {
    case '7000215':
    case '7000222':
    case '7000218':
      return credential.kind === 'secret' ? `${refused}${aadsts === '7000222' ? ' (the secret has expired)' : ''}` : refused;
    case '700016':
      return 'No application with that --client-id exists in the tenant: check the IDs and that the app is registered in this tenant';
    case '90002':
      return 'The tenant was not found: check --tenant-id and --cloud';
    case '700027':
    case '700021':
    case '700023':
    case '50027':
      return refused;
    case '700024':
      return "The client assertion is outside its validity time: check this machine's clock";
    case '500011':
      return 'Entra does not know the resource: --graph-url must be the Graph of the same cloud as --login-url';
    case '90055':
      return 'The login host is throttling: run again later or raise --timeout';
    case '90033':
      return 'The login service had a transient error: run again later';
    default:
      break;
  }
  if (code === 'invalid_client') return refused;
  if (code === 'network_error' || code === 'endpoints_resolution_error') return 'Check --login-url/--cloud, the network path and --ca-file';
  return null;
}
