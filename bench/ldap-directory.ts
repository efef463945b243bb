// A slapd directory of many mailbox users for the LDAP benchmarks: the contoso fixture (Exchange configuration,
// the bind account) plus N users spread over 50 databases, served over LDAPS under a CA made for the run, with the
// files ldapsearch and the CLI need (CA, password file). Users are mostly user mailboxes, some shared, room,
// equipment and linked ones, and a few system mailboxes (which the collector excludes).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCertificateAuthority } from '../src/lab/pki.js';
import { BIND_DN, BIND_PASSWORD, CONTOSO_SUFFIX, contosoLdif, contosoRootDse } from '../test/support/ldap-fixtures.js';
import { startSlapd } from '../test/support/slapd.js';

export const DATABASES = 50;
const ORG = 'CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=test';
const DB_CONTAINER = `CN=Databases,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,${ORG}`;
const TYPES = ['1', '1', '1', '1', '1', '1', '1', '4', '16', '32', '2', '1', '8388608', '549755813888'];

export interface BenchDirectory {
  ldapsUrl: string;
  suffix: string;
  bindDn: string;
  /** The bind password, also in `passwordFile` (for `ldapsearch -y`). */
  password: string;
  passwordFile: string;
  caFile: string;
  /** Seconds spent generating and loading the directory. */
  loadSeconds: number;
  ldifMegabytes: number;
  stop(): Promise<void>;
}

function bulkLdif(users: number): string {
  const parts: string[] = [contosoLdif(), `dn: OU=Bulk,${CONTOSO_SUFFIX}\nobjectClass: organizationalUnit\nou: Bulk\n`];
  for (let db = 0; db < DATABASES; db++) {
    parts.push(
      `dn: CN=BDB${String(db).padStart(2, '0')},${DB_CONTAINER}\nobjectClass: msExchPrivateMDB\ncn: BDB${String(db).padStart(2, '0')}\n`,
    );
  }
  for (let i = 0; i < users; i++) {
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

export async function startBenchDirectory(users: number): Promise<BenchDirectory> {
  const started = performance.now();
  const work = mkdtempSync(path.join(tmpdir(), 'hr-bench-ldap-'));
  const ca = await createCertificateAuthority('bench CA');
  const leaf = await ca.issue({ names: ['127.0.0.1'] });
  const caFile = path.join(work, 'ca.pem');
  const passwordFile = path.join(work, 'password');
  writeFileSync(caFile, ca.cert);
  writeFileSync(passwordFile, BIND_PASSWORD, { mode: 0o600 });
  const ldif = bulkLdif(users);
  const slapd = await startSlapd({
    suffix: CONTOSO_SUFFIX,
    ldif,
    rootDse: contosoRootDse(),
    tls: { ...leaf, ca: ca.cert },
    indexes: ['homeMDB', 'mail', 'proxyAddresses', 'sAMAccountName'],
  });
  return {
    ldapsUrl: slapd.ldapsUrl!,
    suffix: CONTOSO_SUFFIX,
    bindDn: BIND_DN,
    password: BIND_PASSWORD,
    passwordFile,
    caFile,
    loadSeconds: (performance.now() - started) / 1000,
    ldifMegabytes: ldif.length / 1e6,
    async stop() {
      await slapd.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
