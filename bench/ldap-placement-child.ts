// The measured side of bench/ldap-collector.ts: runs the real LDAP collector for MailboxPlacement in a process of
// its own (so its peak RSS is the collector's, not the benchmark's) and prints one JSON line with the figures.
// Usage: node ldap-placement-child.js <ldaps-url> <ca-file> [--baseline]; the password comes from HR_BENCH_PASSWORD.
import { readFileSync } from 'node:fs';
import { createLdapCollector } from '../src/collectors/ldap/index.js';
import { collectOptions } from '../test/support/collect-options.js';

const [url, caFile, mode] = process.argv.slice(2);
if (!url || !caFile) throw new Error('usage: ldap-placement-child <ldaps-url> <ca-file> [--baseline]');

const options = collectOptions({
  ldapUrl: url,
  bindDn: 'CN=svc-readiness,CN=Users,DC=contoso,DC=test',
  bindPasswordEnv: 'HR_BENCH_PASSWORD',
  caFile,
  caPem: readFileSync(caFile, 'utf8'),
  timeoutMs: 30_000,
  secrets: { bindPassword: process.env.HR_BENCH_PASSWORD ?? null },
});

const maxRssMb = () => process.resourceUsage().maxRSS / 1024;

if (mode === '--baseline') {
  // Everything loaded, nothing collected: what Node and the modules cost before the first entry.
  console.log(JSON.stringify({ maxRssMb: maxRssMb() }));
} else {
  const started = performance.now();
  const output = await createLdapCollector().collect(['MailboxPlacement'], { options, progress: () => {}, debug: () => {} });
  const millis = performance.now() - started;
  const placement = output.artifacts.MailboxPlacement;
  if (!placement) throw new Error(`collection failed: ${JSON.stringify(output.errors)}`);
  console.log(JSON.stringify({ millis, maxRssMb: maxRssMb(), scanned: placement.scanned, databases: placement.byDatabase.length }));
}
