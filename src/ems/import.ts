// import-ems: a folder of Exchange Management Shell exports → the same versioned inventory the LDAP collector's
// facts make, so every check runs on it unchanged. Each artifact is built only from exports that hold it; what the
// folder lacks (or what the manifest says failed) becomes an artifactErrors entry with the reason, never a guess.
import { type ArtifactName, artifactNames, artifactSchemas, type ExchangeServers } from '../inventory/artifacts.js';
import { type ArtifactError, type EmsProvenance, INVENTORY_SCHEMA_VERSION, type Inventory } from '../inventory/inventory.js';
import { formatFirstIssue } from '../validation.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { mailboxDatabasesFrom } from './databases.js';
import { EXPORT_KINDS, type ExportKindName } from './export-kinds.js';
import { readExportFolder } from './folder.js';
import { hybridConfigurationFrom } from './hybrid.js';
import { type Manifest, manifestSays, manifestTime, readManifest } from './manifest.js';
import { exchangeOrganizationFrom } from './organization.js';
import { scopeToOrganization } from './organization-scope.js';
import { mailboxPlacementFrom } from './placement.js';
import { type ExportRecord, type Recognised, recognise } from './recognise.js';
import { exchangeServersFrom } from './servers.js';
import { type ImportSummary, noExportsError } from './summary.js';
import { DIRECTORY_KIND_OF_CMDLET, directoryKind, REQUIRED_DIRECTORY_CMDLETS, virtualDirectoriesFrom } from './virtual-directories.js';

/** What no Exchange Management Shell export holds: collected live from the network and Graph. */
const LIVE_ONLY: Partial<Record<ArtifactName, string>> = {
  DirectorySyncFootprints: 'directory-sync footprints (sync accounts, written-back ids), which are read over LDAP',
  PublicDns: 'public DNS answers',
  EndpointProbes: 'TLS probes of the published endpoints',
  AutodiscoverProbes: 'Autodiscover probes',
  RestEndpointProbes: 'probes of the /api endpoint',
  FrontEndSamples: 'samples of the load-balanced front ends',
  GraphOrganization: 'Microsoft Graph organization facts',
  GraphUsers: 'Microsoft Graph user facts',
};

export interface ImportOptions {
  /** The import's time, used as collectedAt when the folder holds no manifest. */
  now?: () => Date;
}

export interface ImportResult {
  inventory: Inventory;
  summary: ImportSummary;
}

export async function importEmsFolder(folder: string, options: ImportOptions = {}): Promise<ImportResult> {
  const read = await readExportFolder(folder);
  const recognised = recognise(read);
  if (recognised.files.length === 0) throw noExportsError(folder, read, recognised);

  const manifests = recognised.byKind.Manifest.map((record) => readManifest(record.object, record.file)).sort(
    (a, b) => Date.parse(manifestTime(b) ?? '') - Date.parse(manifestTime(a) ?? '') || 0,
  );
  const manifest = manifests[0] ?? null;
  const scope = scopeToOrganization(recognised);
  const artifacts: Partial<Record<ArtifactName, unknown>> = {};
  const errors: Partial<Record<ArtifactName, ArtifactError>> = {};
  const notes: string[] = [];
  let replaced = 0;
  const availability = (kind: ExportKindName) =>
    available(recognised.byKind[kind], manifests, EXPORT_KINDS[kind].cmdlets, EXPORT_KINDS[kind].label, scope.problem);

  const serverExports = availability('ExchangeServer');
  let exchangeServers: ExchangeServers | undefined;
  if (serverExports.ok) {
    const servers = exchangeServersFrom(serverExports.records, recognised.byKind.ExSetup);
    exchangeServers = servers.artifact;
    artifacts.ExchangeServers = servers.artifact;
    replaced += servers.replaced;
    notes.push(...servers.notes);
  } else errors.ExchangeServers = serverExports.error;

  const databaseExports = availability('MailboxDatabase');
  if (databaseExports.ok) {
    const databases = mailboxDatabasesFrom(databaseExports.records, exchangeServers);
    artifacts.MailboxDatabases = databases.artifact;
    replaced += databases.replaced;
  } else errors.MailboxDatabases = databaseExports.error;

  const countExports = availability('MailboxCount');
  if (countExports.ok) {
    const recipients = availability('Recipient');
    const placement = mailboxPlacementFrom(countExports.records, recipients.ok ? recipients.records : null, manifest);
    artifacts.MailboxPlacement = placement.artifact;
    notes.push(...placement.notes);
  } else errors.MailboxPlacement = countExports.error;

  const organization = exchangeOrganizationFrom(
    scope.organization,
    recognised.byKind.OrganizationConfig,
    recognised.byKind.SchemaVersion,
    recognised.byKind.DomainObjectVersion,
  );
  if ('artifact' in organization) {
    artifacts.ExchangeOrganization = organization.artifact;
    replaced += organization.replaced;
  } else errors.ExchangeOrganization = scope.problem ? mixed(scope.problem) : { code: 'ems-not-exported', message: organization.missing };

  const directoryExports = REQUIRED_DIRECTORY_CMDLETS.map((cmdlet) => ({
    cmdlet,
    result: directoryAvailability(recognised, manifests, cmdlet, scope.problem),
  }));
  const missingDirectories = directoryExports.flatMap(({ cmdlet, result }) => (result.ok ? [] : [{ label: cmdlet, error: result.error }]));
  if (missingDirectories.length === 0) {
    const directories = virtualDirectoriesFrom(recognised.byKind.VirtualDirectory);
    artifacts.VirtualDirectories = directories.artifact;
    replaced += directories.replaced;
  } else {
    errors.VirtualDirectories = combined(missingDirectories, 'some virtual directories are unknown');
  }

  const hybridKinds = ['AuthServer', 'PartnerApplication', 'IntraOrganizationConnector', 'HybridConfiguration'] as const;
  const hybrid = hybridKinds.map((kind) => availability(kind));
  const hybridErrors = hybrid.flatMap((result, index) => (result.ok ? [] : [{ kind: hybridKinds[index]!, error: result.error }]));
  if (hybridErrors.length === 0) {
    const [authServers, partnerApplications, intraOrganizationConnectors, hybridConfigurations] = hybrid.map((result) =>
      result.ok ? result.records : [],
    );
    const built = hybridConfigurationFrom({
      authServers: authServers!,
      partnerApplications: partnerApplications!,
      intraOrganizationConnectors: intraOrganizationConnectors!,
      hybridConfigurations: hybridConfigurations!,
    });
    artifacts.HybridConfiguration = built.artifact;
    replaced += built.replaced;
  } else {
    errors.HybridConfiguration = combined(
      hybridErrors.map(({ kind, error }) => ({ label: EXPORT_KINDS[kind].label, error })),
      'the hybrid OAuth objects are unknown',
    );
  }

  for (const [name, what] of Object.entries(LIVE_ONLY) as [ArtifactName, string][]) {
    errors[name] = {
      code: 'not-in-ems-export',
      message: `Exchange Management Shell exports hold no ${what}; collect it live with \`hybrid-readiness collect\` from a machine that can reach it`,
    };
  }

  const validated = validate(artifacts, errors);
  const collectedAt = manifest ? manifestTime(manifest) : null;
  const inventory: Inventory = {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    collectedAt: collectedAt ?? (options.now ?? (() => new Date()))().toISOString(),
    target: {
      domains: [],
      namespaces: [],
      mailboxes: manifest?.requestedMailboxes ?? [],
      adDomain: scope.organization ? dnsNameOf(scope.organization.forestDn) : null,
      ldapUrl: null,
      tenantId: null,
    },
    settings: {
      mode: 'ems',
      timeoutMs: null,
      httpsPort: null,
      resolvers: [],
      treatAsPublic: [],
      globalCatalog: manifest?.mailboxCountForest ?? false,
      cloud: null,
      ...(manifest?.computer ? { collectedFrom: manifest.computer } : {}),
      ems: provenanceOf(
        manifest,
        collectedAt !== null,
        recognised,
        manifests,
        read.skipped.map((entry) => entry.name),
      ),
    },
    artifacts: validated.artifacts,
    artifactErrors: validated.artifactErrors,
  };
  return {
    inventory,
    summary: {
      folder,
      recognised: recognised.files,
      unrecognised: recognised.unrecognised.filter((file) => !accountedFor(manifests, file.name)),
      emptyExports: recognised.unrecognised.filter((file) => accountedFor(manifests, file.name)).length,
      skipped: read.skipped,
      setAside: scope.setAside,
      replaced,
      notes,
      manifest: manifest !== null,
      missing: (Object.keys(validated.artifactErrors) as ArtifactName[]).filter((name) => !(name in LIVE_ONLY)),
    },
  };
}

type Availability = { ok: true; records: readonly ExportRecord[] } | { ok: false; error: ArtifactError };

/** The exports of one kind, or why there are none: set aside, failed (per the manifest), or never exported. */
function available(
  records: readonly ExportRecord[],
  manifests: readonly Manifest[],
  sources: readonly string[],
  label: string,
  problem: string | null,
): Availability {
  if (problem) return { ok: false, error: mixed(problem) };
  const said = sources.map((source) => manifestSays(manifests, source)).find((entry) => entry !== null) ?? null;
  if (said?.error) {
    return { ok: false, error: { code: 'ems-export-failed', message: `${said.source} failed when collect-ems.ps1 ran: ${said.error}` } };
  }
  if (records.length > 0) return { ok: true, records };
  // Export-Clixml of an empty result is an <Objs/> with no type names: only the manifest can say it ran.
  if (said && said.count === 0) return { ok: true, records: [] };
  return {
    ok: false,
    error: {
      code: 'ems-not-exported',
      message: `the folder holds no ${label} export; run collect-ems.ps1 again, or export it with Export-Clixml`,
    },
  };
}

function directoryAvailability(
  recognised: Recognised,
  manifests: readonly Manifest[],
  cmdlet: string,
  problem: string | null,
): Availability {
  const kind = DIRECTORY_KIND_OF_CMDLET[cmdlet];
  const ofKind = recognised.byKind.VirtualDirectory.filter((record) => directoryKind(record.object) === kind);
  return available(ofKind, manifests, [cmdlet], cmdlet, problem);
}

/** One error for an artifact that needs several exports: a failure or a mixed folder as it is, else the missing ones named. */
function combined(missing: readonly { label: string; error: ArtifactError }[], consequence: string): ArtifactError {
  const serious = missing.find(({ error }) => error.code !== 'ems-not-exported');
  if (serious) return serious.error;
  return {
    code: 'ems-not-exported',
    message: `the folder holds no ${missing.map(({ label }) => label).join(', ')} export, so ${consequence}; run collect-ems.ps1 again`,
  };
}

/** A file the manifest lists: an export with no objects (or a failed one), read for what the manifest says of it. */
function accountedFor(manifests: readonly Manifest[], file: string): boolean {
  return manifests.some((manifest) => manifest.exports.some((entry) => entry.file?.toLowerCase() === file.toLowerCase()));
}

function mixed(problem: string): ArtifactError {
  return { code: 'ems-mixed-organizations', message: problem };
}

/** Each artifact checked against its schema, as the live pipeline does: a malformed one becomes an error too. */
function validate(artifacts: Partial<Record<ArtifactName, unknown>>, errors: Partial<Record<ArtifactName, ArtifactError>>) {
  const out: Pick<Inventory, 'artifacts' | 'artifactErrors'> = { artifacts: {}, artifactErrors: {} };
  for (const name of artifactNames) {
    const value = artifacts[name];
    if (value !== undefined) {
      const parsed = artifactSchemas[name].safeParse(value);
      if (parsed.success) (out.artifacts as Record<string, unknown>)[name] = parsed.data;
      else
        out.artifactErrors[name] = {
          code: 'invalid-artifact',
          message: `the exports made an invalid ${name}: ${formatFirstIssue(parsed.error, value)}`,
        };
    }
    const error = errors[name];
    if (error) out.artifactErrors[name] = error;
  }
  return out;
}

function provenanceOf(
  manifest: Manifest | null,
  fromManifest: boolean,
  recognised: Recognised,
  manifests: readonly Manifest[],
  skipped: string[],
): EmsProvenance {
  return {
    collectedAtSource: fromManifest ? 'manifest' : 'import',
    manifest: manifest && {
      tool: manifest.tool,
      toolVersion: manifest.toolVersion,
      startedAt: manifest.startedAt,
      finishedAt: manifest.finishedAt,
      ranBy: manifest.ranBy,
      computer: manifest.computer,
      mailboxCountMethod: manifest.mailboxCountMethod,
      failures: manifest.exports
        .filter((entry) => entry.error !== null)
        .map((entry) => ({ source: entry.source, error: entry.error ?? '' })),
    },
    files: recognised.files.map((file) => ({ file: file.name, kinds: [...file.kinds], objects: file.objects })),
    notRead: [...recognised.unrecognised.filter((file) => !accountedFor(manifests, file.name)).map((file) => file.name), ...skipped].sort(),
  };
}

/** DC=corp,DC=contoso,DC=com → corp.contoso.com */
function dnsNameOf(domainDn: string): string | null {
  const labels = domainDn
    .split(',')
    .map((part) => /^\s*dc=(.+)$/i.exec(part)?.[1]?.trim())
    .filter((label): label is string => Boolean(label));
  return labels.length > 0 ? labels.join('.').toLowerCase() : null;
}
