// Benchmark: the LDAP collector's mailbox placement against `ldapsearch -E pr=1000/noprompt` fetching the same
// attributes with the same filter over the same LDAPS connection type, on a slapd directory of 100,000 mailbox users
// over 50 databases. Run with `npx tsx bench/ldap-collector.ts [users] [rounds]`.
// The collector runs compiled (as users run it) in a child process of its own, so its peak RSS is clean.
// Targets (issue 3): time ratio collector/ldapsearch <= 1.5, collector peak RSS <= 150 MB.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAILBOX_USER_FILTER } from '../src/collectors/ldap/mailbox-scan.js';
import { createCertificateAuthority } from '../src/lab/pki.js';
import { BIND_DN, BIND_PASSWORD, CONTOSO_SUFFIX, contosoLdif, contosoRootDse } from '../test/support/ldap-fixtures.js';
import { startSlapd } from '../test/support/slapd.js';

const USERS = Number(process.argv[2] ?? 100_000);
const ROUNDS = Number(process.argv[3] ?? 5);
const DATABASES = 50;
/** What the collector asks for when only MailboxPlacement is wanted (mailbox-scan.ts). */
const ATTRIBUTES = ['homeMDB', 'msExchRecipientTypeDetails'];

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ORG = 'CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=test';
const DB_CONTAINER = `CN=Databases,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,${ORG}`;
// Mostly user mailboxes, some shared/room/equipment/linked, a few system ones (excluded by the collector).
const TYPES = ['1', '1', '1', '1', '1', '1', '1', '4', '16', '32', '2', '1', '8388608', '549755813888'];

function bulkLdif(): string {
  const parts: string[] = [contosoLdif(), `dn: OU=Bulk,${CONTOSO_SUFFIX}\nobjectClass: organizationalUnit\nou: Bulk\n`];
  for (let db = 0; db < DATABASES; db++) {
    parts.push(
      `dn: CN=BDB${String(db).padStart(2, '0')},${DB_CONTAINER}\nobjectClass: msExchPrivateMDB\ncn: BDB${String(db).padStart(2, '0')}\n`,
    );
  }
  for (let i = 0; i < USERS; i++) {
    const db = `CN=BDB${String(i % DATABASES).padStart(2, '0')},${DB_CONTAINER}`;
    const guid = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
    parts.push(
      `dn: CN=User ${i},OU=Bulk,${CONTOSO_SUFFIX}\nobjectClass: user\ncn: User ${i}\nsn: ${i}\nsAMAccountName: user${i}\n` +
        `userPrincipalName: user${i}@contoso.test\nmail: user${i}@contoso.test\nproxyAddresses: SMTP:user${i}@contoso.test\n` +
        `proxyAddresses: smtp:u${i}@contoso.mail.onmicrosoft.com\nhomeMDB: ${db}\nmsExchRecipientTypeDetails: ${TYPES[i % TYPES.length]}\n` +
        `msExchVersion: 88218628259840\nobjectGUID:: ${guid}\n` +
        (i % 3 === 0 ? `msDS-ExternalDirectoryObjectId: User_${crypto.randomUUID()}\n` : ''),
    );
  }
  return parts.join('\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, stdout: 'pipe' | number = 'pipe') {
  const result = spawnSync(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', stdout, 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (result.status !== 0) throw new Error(`${command} exited ${result.status}: ${result.stderr}`);
  return result;
}

const work = mkdtempSync(path.join(tmpdir(), 'hr-bench-ldap-'));
mkdirSync(path.join(repoRoot, '.tmp'), { recursive: true }); // git-ignored; inside the repo so node_modules resolve
const build = mkdtempSync(path.join(repoRoot, '.tmp', 'bench-ldap-'));
let stop: (() => Promise<void>) | undefined;
try {
  console.log(
    `LDAP collector benchmark: ${USERS.toLocaleString('en')} mailbox users over ${DATABASES} databases, ${ROUNDS} rounds, Node ${process.version}`,
  );
  const ca = await createCertificateAuthority('bench CA');
  const leaf = await ca.issue({ names: ['127.0.0.1'] });
  const caFile = path.join(work, 'ca.pem');
  const passwordFile = path.join(work, 'password');
  writeFileSync(caFile, ca.cert);
  writeFileSync(passwordFile, BIND_PASSWORD, { mode: 0o600 });

  let started = performance.now();
  const ldif = bulkLdif();
  const slapd = await startSlapd({
    suffix: CONTOSO_SUFFIX,
    ldif,
    rootDse: contosoRootDse(),
    tls: { ...leaf, ca: ca.cert },
    indexes: ['homeMDB', 'mail', 'proxyAddresses', 'sAMAccountName'],
  });
  stop = slapd.stop;
  console.log(
    `directory generated and loaded in ${((performance.now() - started) / 1000).toFixed(1)} s (${(ldif.length / 1e6).toFixed(0)} MB LDIF)`,
  );

  // Compile the collector as `npm run build` would, but only the files the child needs.
  started = performance.now();
  run(
    path.join(repoRoot, 'node_modules/.bin/tsc'),
    [
      '--outDir',
      build,
      '--rootDir',
      repoRoot,
      '--module',
      'NodeNext',
      '--moduleResolution',
      'NodeNext',
      '--target',
      'ES2022',
      '--strict',
      '--skipLibCheck',
      '--types',
      'node',
      '--declaration',
      'false',
      '--sourceMap',
      'false',
      path.join(repoRoot, 'bench/ldap-placement-child.ts'),
    ],
    {},
  );
  console.log(`collector compiled in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const child = path.join(build, 'bench/ldap-placement-child.js');
  const url = slapd.ldapsUrl!;

  const ldapsearchArgs = [
    '-x',
    '-LLL',
    '-o',
    'ldif-wrap=no',
    '-H',
    url,
    '-D',
    BIND_DN,
    '-y',
    passwordFile,
    '-E',
    'pr=1000/noprompt',
    '-b',
    CONTOSO_SUFFIX,
    MAILBOX_USER_FILTER,
    ...ATTRIBUTES,
  ];
  const ldapEnv = { LDAPTLS_CACERT: caFile, LDAPTLS_REQCERT: 'demand' };

  // Warm-up (slapd's page cache) and a correctness check: both sides must see the same entries.
  const warm = run('ldapsearch', ldapsearchArgs, ldapEnv);
  const ldapsearchEntries = (warm.stdout.match(/^dn:/gm) ?? []).length;
  const baseline = JSON.parse(run(process.execPath, [child, url, caFile, '--baseline'], {}).stdout) as { maxRssMb: number };

  const devNull = openSync('/dev/null', 'w');
  const rows: { ldapsearch: number; collector: number; rss: number; scanned: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    started = performance.now();
    run('ldapsearch', ldapsearchArgs, ldapEnv, devNull);
    const ldapsearchMillis = performance.now() - started;
    const measured = JSON.parse(run(process.execPath, [child, url, caFile], { HR_BENCH_PASSWORD: BIND_PASSWORD }).stdout) as {
      millis: number;
      maxRssMb: number;
      scanned: number;
      databases: number;
    };
    if (measured.scanned !== ldapsearchEntries)
      throw new Error(`collector saw ${measured.scanned} mailbox users, ldapsearch ${ldapsearchEntries}`);
    rows.push({ ldapsearch: ldapsearchMillis, collector: measured.millis, rss: measured.maxRssMb, scanned: measured.scanned });
    console.log(
      `round ${round}: ldapsearch ${ldapsearchMillis.toFixed(0)} ms, collector ${measured.millis.toFixed(0)} ms ` +
        `(ratio ${(measured.millis / ldapsearchMillis).toFixed(2)}), collector peak RSS ${measured.maxRssMb.toFixed(0)} MB, ` +
        `${measured.scanned} users on ${measured.databases} databases`,
    );
  }
  closeSync(devNull);

  const ldapsearchMedian = median(rows.map((row) => row.ldapsearch));
  const collectorMedian = median(rows.map((row) => row.collector));
  const ratio = collectorMedian / ldapsearchMedian;
  const peakRss = Math.max(...rows.map((row) => row.rss));
  console.log('');
  console.log(`ldapsearch -E pr=1000/noprompt (median): ${ldapsearchMedian.toFixed(0)} ms`);
  console.log(`collector mailbox placement (median):   ${collectorMedian.toFixed(0)} ms`);
  console.log(`ratio collector/ldapsearch:             ${ratio.toFixed(2)} (target <= 1.5: ${ratio <= 1.5 ? 'met' : 'MISSED'})`);
  console.log(
    `collector peak RSS:                     ${peakRss.toFixed(0)} MB (target <= 150 MB: ${peakRss <= 150 ? 'met' : 'MISSED'}); ` +
      `Node with the modules loaded and nothing collected: ${baseline.maxRssMb.toFixed(0)} MB`,
  );
} finally {
  await stop?.();
  rmSync(work, { recursive: true, force: true });
  rmSync(build, { recursive: true, force: true });
}
