// The loopback lab: one bundled scenario served over real protocols on 127.0.0.x, for `demo`, `lab start` and the
// end-to-end tests. An LDAPS/StartTLS directory, an authoritative DNS server for the public zone, the load balancer
// in front of the Exchange servers, and Graph with its login endpoint, all under a CA minted for this run. It needs
// nothing beyond `npm ci` (no packages, no root, free ports) and says how to point `assess` at it.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { ConfigError } from '../errors.js';
import { type LabDnsServer, startLabDnsServer } from './dns-server.js';
import { type GraphLabServer, startGraphLabServer } from './graph-server.js';
import { type LdapLabServer, startLdapLabServer } from './ldap-server.js';
import { type RunningLoadBalancer, startLoadBalancer } from './load-balancer.js';
import { createCertificateAuthority } from './pki.js';
import { scenarioDirectory } from './scenario-directory.js';
import { graphTenantOf, LAB_CLIENT_ID } from './scenario-graph.js';
import { labAddressOf, loadBalancerOf, publicZone, recordedVips, type VipAddresses } from './scenario-internet.js';
import { directoryArtifacts } from './scenarios/artifacts.js';
import { type ScenarioName, scenarioDefinition, scenarioSetup } from './scenarios/catalogue.js';
import { AD_DOMAIN, BIND_DN, DC_HOST_NAME, LAB_NAMES, siteDn, TENANT_ID } from './scenarios/contoso.js';
import type { Setup } from './scenarios/setup.js';

/** Where each part of the lab listens, when this machine routes all of 127/8 (Linux, Windows). */
export const LAB_ADDRESSES = {
  directory: '127.0.0.10',
  graph: '127.0.0.20',
  publicVip: '127.0.0.42',
  dns: '127.0.0.53',
  /** The internal load balancer: outside the lab's "Internet" below. */
  internalVip: '127.0.0.215',
} as const;
/** macOS configures only 127.0.0.1 on lo0; every part but the internal VIP can share it (ports differ). */
const FALLBACK_ADDRESS = '127.0.0.1';

/** The lab's Internet: addresses in this range count as public (--treat-as-public); the internal VIP is outside. */
export const LAB_PUBLIC_RANGE = '127.0.0.0/25';

/** Environment variables that carry the lab's secrets to `assess` (never its argv). */
export const LAB_SECRET_VARIABLES = { bindPassword: 'LAB_BIND_PASSWORD', clientSecret: 'LAB_CLIENT_SECRET' } as const;

export interface LabAssessCommand {
  /** The arguments after `hybrid-readiness`, starting with "assess". */
  args: string[];
  /** Secret values by variable name (LAB_SECRET_VARIABLES). */
  env: Record<string, string>;
}

export interface RunningLab {
  scenario: ScenarioName;
  summary: string;
  setup: Setup;
  /** Temporary folder holding the CA certificate and the config file; removed by close(). */
  folder: string;
  caFile: string;
  directory: LdapLabServer;
  dns: LabDnsServer;
  balancer: RunningLoadBalancer | null;
  graph: GraphLabServer | null;
  assess: LabAssessCommand;
  /** Things worth telling the user (a fallback address, a deliberately wrong password). */
  notes: string[];
  close(): Promise<void>;
}

/** This machine lacks a loopback address the scenario needs (macOS configures only 127.0.0.1). */
export class LabAddressError extends ConfigError {}

function secret(): string {
  return `lab-${randomBytes(18).toString('base64url')}`;
}

/** Starts on the preferred loopback address, or on 127.0.0.1 where the OS has no such address. */
async function onLoopback<T>(preferred: string, start: (address: string) => Promise<T>, notes: string[]): Promise<T> {
  try {
    return await start(preferred);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRNOTAVAIL' || preferred === FALLBACK_ADDRESS) throw error;
    notes.push(`${preferred} is not configured on this machine's loopback interface; using ${FALLBACK_ADDRESS} instead`);
    return start(FALLBACK_ADDRESS);
  }
}

export async function startLab(scenario: ScenarioName): Promise<RunningLab> {
  const setup = scenarioSetup(scenario, LAB_NAMES);
  const notes: string[] = [];
  const started: { close(): Promise<void> }[] = [];
  const folder = await mkdtemp(join(tmpdir(), 'hybrid-readiness-lab-'));
  const cleanUp = async () => {
    await Promise.allSettled(started.map((server) => server.close()));
    await rm(folder, { recursive: true, force: true });
  };
  try {
    const ca = await createCertificateAuthority(`hybrid-readiness lab CA (${scenario})`);
    const caFile = join(folder, 'lab-ca.pem');
    await writeFile(caFile, ca.cert);

    const bindPassword = secret();
    const clientSecret = secret();
    // A refused bind is a password the directory does not accept: the assessment gets a stale one.
    const assessPassword = setup.ldap === 'bind-refused' ? secret() : bindPassword;
    if (setup.ldap === 'bind-refused')
      notes.push(`${LAB_SECRET_VARIABLES.bindPassword} holds an old password in this scenario: the directory refuses the bind`);

    const directory = await onLoopback(
      LAB_ADDRESSES.directory,
      async (address) =>
        startLdapLabServer({
          address,
          tls: await ca.issue({ names: [address, DC_HOST_NAME] }),
          directory: scenarioDirectory(directoryArtifacts(setup), {
            adDomain: AD_DOMAIN,
            smtpDomain: setup.names.smtpDomain,
            dnsHostName: DC_HOST_NAME,
            siteDn,
            bindDn: BIND_DN,
          }),
          accounts: [{ dn: BIND_DN, password: bindPassword, aliases: [`svc-hybridcheck@${AD_DOMAIN}`, 'CORP\\svc-hybridcheck'] }],
        }),
      notes,
    );
    started.push(directory);

    const tenant = graphTenantOf(setup, clientSecret);
    const graph = tenant ? await onLoopback(LAB_ADDRESSES.graph, (host) => startGraphLabServer(tenant, { host, ca }), notes) : null;
    if (graph) started.push(graph);

    const { balancer, vips } = await startBalancer(
      setup,
      await ca.issue({ names: [setup.names.namespace, setup.names.autodiscoverHost] }),
      notes,
    );
    if (balancer) started.push(balancer);

    const zone = publicZone(setup, vips);
    const dns = await onLoopback(
      LAB_ADDRESSES.dns,
      (address) => startLabDnsServer({ address, zones: [zone.zone], records: zone.records }),
      notes,
    );
    started.push(dns);

    const configFile = setup.calls.length > 0 ? join(folder, 'assess.yaml') : null;
    if (configFile) {
      const header = `# Written by \`hybrid-readiness lab\` for the scenario ${scenario}: the Graph calls the application makes.\n`;
      await writeFile(configFile, header + toYaml({ apis: setup.calls.map((call) => ({ method: call.method, url: call.url })) }));
    }

    const args = ['assess', '--domain', setup.names.smtpDomain, '--namespace', setup.names.namespace];
    for (const mailbox of setup.names.mailboxes) args.push('--mailbox', mailbox);
    args.push('--ldap-url', directory.ldapsUrl, '--bind-dn', BIND_DN, '--bind-password-env', LAB_SECRET_VARIABLES.bindPassword);
    args.push(
      '--resolver',
      dns.resolver,
      '--https-port',
      String(balancer?.port ?? 443),
      '--treat-as-public',
      LAB_PUBLIC_RANGE,
      '--ca-file',
      caFile,
    );
    const env: Record<string, string> = { [LAB_SECRET_VARIABLES.bindPassword]: assessPassword };
    if (graph) {
      args.push('--tenant-id', TENANT_ID, '--client-id', LAB_CLIENT_ID, '--client-secret-env', LAB_SECRET_VARIABLES.clientSecret);
      args.push('--graph-url', graph.graphUrl, '--login-url', graph.loginUrl);
      env[LAB_SECRET_VARIABLES.clientSecret] = clientSecret;
    }
    if (configFile) args.push('--config', configFile);

    let closed = false;
    return {
      scenario,
      summary: scenarioDefinition(scenario).summary,
      setup,
      folder,
      caFile,
      directory,
      dns,
      balancer,
      graph,
      assess: { args, env },
      notes,
      async close() {
        if (closed) return;
        closed = true;
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

async function startBalancer(
  setup: Setup,
  tls: { cert: string; key: string },
  notes: string[],
): Promise<{ balancer: RunningLoadBalancer | null; vips: VipAddresses }> {
  const vips: VipAddresses = { public: LAB_ADDRESSES.publicVip, internal: LAB_ADDRESSES.internalVip };
  const recorded = recordedVips(setup);
  if (recorded.length === 0) return { balancer: null, vips };
  const pools = loadBalancerOf(setup);
  const start = () => startLoadBalancer({ addresses: recorded.map((address) => labAddressOf(address, vips)), tls, ...pools });
  try {
    return { balancer: await start(), vips };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRNOTAVAIL') throw error;
  }
  const needsInternal = recorded.some((address) => labAddressOf(address, vips) === vips.internal);
  vips.public = FALLBACK_ADDRESS;
  notes.push(
    `${LAB_ADDRESSES.publicVip} is not configured on this machine's loopback interface; the public load balancer uses ${FALLBACK_ADDRESS}`,
  );
  try {
    return { balancer: await start(), vips };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRNOTAVAIL' || !needsInternal) throw error;
    throw new LabAddressError(
      `this scenario needs a second loopback address, ${LAB_ADDRESSES.internalVip}, for the internal load balancer, and this machine has only ${FALLBACK_ADDRESS}. ` +
        `On macOS add it with: sudo ifconfig lo0 alias ${LAB_ADDRESSES.internalVip} up`,
      { cause: error },
    );
  }
}
