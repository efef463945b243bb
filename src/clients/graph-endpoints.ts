// Which Microsoft Graph and Entra login hosts to talk to: the national cloud's (--cloud), or overrides (--graph-url,
// --login-url) for labs. Tokens are not interchangeable across clouds, so both hosts come from the same choice.
// https://learn.microsoft.com/graph/deployments
import { ConfigError } from '../errors.js';
import type { Cloud } from '../options.js';

export type GraphCloud = Cloud | 'custom';

export interface GraphEndpoints {
  /** Origin of Graph, without a trailing slash, e.g. https://graph.microsoft.com. */
  graphUrl: string;
  /** Origin of the Entra login host, without a trailing slash, e.g. https://login.microsoftonline.com. */
  loginUrl: string;
  /** The cloud as recorded in the artifact: `custom` when an override replaced a national cloud's host. */
  cloud: GraphCloud;
}

export const nationalCloudEndpoints: Readonly<Record<Cloud, { graphUrl: string; loginUrl: string }>> = {
  global: { graphUrl: 'https://graph.microsoft.com', loginUrl: 'https://login.microsoftonline.com' },
  usgov: { graphUrl: 'https://graph.microsoft.us', loginUrl: 'https://login.microsoftonline.us' },
  usgovdod: { graphUrl: 'https://dod-graph.microsoft.us', loginUrl: 'https://login.microsoftonline.us' },
  china: { graphUrl: 'https://microsoftgraph.chinacloudapi.cn', loginUrl: 'https://login.chinacloudapi.cn' },
};

export function resolveGraphEndpoints(cloud: Cloud, graphUrl: string | null, loginUrl: string | null): GraphEndpoints {
  const defaults = nationalCloudEndpoints[cloud];
  const graph = graphUrl === null ? defaults.graphUrl : httpsOrigin(graphUrl, '--graph-url');
  const login = loginUrl === null ? defaults.loginUrl : httpsOrigin(loginUrl, '--login-url');
  const custom = graph !== defaults.graphUrl || login !== defaults.loginUrl;
  return { graphUrl: graph, loginUrl: login, cloud: custom ? 'custom' : cloud };
}

/** The URL's origin (scheme, host, port); Graph and login paths are added by the callers. */
function httpsOrigin(value: string, flag: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${flag} ${JSON.stringify(value)} is not a URL; give an https:// origin such as https://127.0.0.1:8443`);
  }
  if (url.protocol !== 'https:')
    throw new ConfigError(`${flag} must be an https:// URL (tokens never travel over plain HTTP), got ${url.protocol}`);
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new ConfigError(`${flag} takes an origin only (scheme, host and port), without a path: ${value}`);
  }
  return url.origin;
}
