// Small hand-made checks for pipeline and CLI tests that must not depend on the real catalogue's contents.
import { type AnyCheck, defineCheck } from '../../checks/api.js';
import type { ArtifactName } from '../../src/inventory/artifacts.js';

const source = { title: 'Test requirement source', url: 'https://example.test/requirement' };

/** A blocker over ExchangeServers: fails when any server's build starts with "15.1.466". */
export function serverBuildCheck(id = 'synthetic-server-build', severity: AnyCheck['severity'] = 'blocker'): AnyCheck {
  return defineCheck({
    id,
    title: 'Synthetic: every server is above CU2',
    description: 'A synthetic check used by the pipeline tests; it fails for builds 15.1.466.x.',
    requirement: { id: 'R2', text: 'Servers above CU2.', sources: [source] },
    requirementSet: 'graph-rest',
    severity,
    requiredArtifacts: ['ExchangeServers'],
    optionalArtifacts: [],
    messages: {
      ok: '{{server}} runs {{build}}.',
      old: '{{server}} runs {{build}}, too old.',
      fix: 'Update {{server}}.',
      summary: '{{count}} {{count|server|servers}} judged.',
    },
    remediation: { summary: 'Install the latest cumulative update.', links: [source] },
    run({ artifacts }) {
      const servers = artifacts.ExchangeServers.servers;
      return {
        summary: { messageId: 'summary', data: { count: servers.length } },
        findings: servers.map((server) => {
          const old = (server.build ?? '').startsWith('15.1.466');
          return {
            subject: { kind: 'server', name: server.name },
            status: old ? 'fail' : 'pass',
            messageId: old ? 'old' : 'ok',
            remediationId: old ? 'fix' : undefined,
            data: { server: server.name, build: server.build ?? 'unknown' },
            evidence: { build: server.build, serialNumber: server.serialNumber },
          };
        }),
      } as const;
    },
  }) as unknown as AnyCheck;
}

/** A check that needs the given artifacts and passes whenever they are present. */
export function needsCheck(id: string, required: ArtifactName[], optional: ArtifactName[] = []): AnyCheck {
  return defineCheck({
    id,
    title: `Synthetic check ${id}`,
    description: 'A synthetic check that passes whenever its artifacts are present.',
    requirement: { id: null, text: 'Synthetic.', sources: [source] },
    requirementSet: 'graph-rest',
    severity: 'advice',
    requiredArtifacts: required,
    optionalArtifacts: optional,
    messages: { present: 'The artifacts are present.' },
    remediation: { summary: 'Nothing to do for a synthetic check.', links: [source] },
    run: () => ({ summary: { messageId: 'present' }, findings: [], status: 'pass' }),
  }) as unknown as AnyCheck;
}
