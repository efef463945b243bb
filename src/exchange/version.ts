// Exchange build numbers: every form in which a build shows up (AD serialNumber and versionNumber,
// AdminDisplayVersion, X-OWA-Version, X-ServerApplication, short and long dotted forms), one parsed shape,
// numeric comparison and product classification. Parsers never throw: anything unrecognised is null.
// Build numbers doc: https://learn.microsoft.com/en-us/exchange/new-features/build-numbers-and-release-dates

export interface ExchangeBuild {
  major: number;
  minor: number;
  build: number;
  /** null when the source carries no revision (versionNumber, three-part strings). */
  revision: number | null;
}

export type ExchangeProduct =
  | 'Exchange 2013'
  | 'Exchange 2016'
  | 'Exchange 2019'
  | 'Exchange Server SE'
  | 'Exchange Online'
  | 'Exchange 2010 or older'
  | 'unknown';

/** The on-premises products the build table and the lifecycle data describe. */
export type OnPremisesProduct = 'Exchange 2013' | 'Exchange 2016' | 'Exchange 2019' | 'Exchange Server SE';

/** Exchange 2016 CU3, the first build with the REST /api virtual directory. */
export const EXCHANGE_2016_CU3: ExchangeBuild = { major: 15, minor: 1, build: 544, revision: 27 };

/** SE shares 15.2 with Exchange 2019; HealthChecker tells them apart by build >= 2562 (SE RTM 15.2.2562.17). */
export const SE_FIRST_BUILD = 2562;

/** serialNumber stores Build + 30000 for Major >= 8 (decompiled Microsoft.Exchange.Data.ServerVersion). */
const SERIAL_NUMBER_OFFSET = 30000;
const LEGACY_SERIAL_NUMBER_OFFSET = 10000;

// Up to 9 digits keeps every component a safe integer; longer runs are not Exchange builds.
const COMPONENT = '(\\d{1,9})';
const DOTTED = new RegExp(`^${COMPONENT}\\.${COMPONENT}\\.${COMPONENT}(?:\\.${COMPONENT})?$`);
const SERVER_APPLICATION = new RegExp(`^\\s*Exchange/${COMPONENT}\\.${COMPONENT}\\.${COMPONENT}(?:\\.${COMPONENT})?\\s*$`, 'i');
// TryParseFromSerialNumber: "version (\d+\.\d+)" and "build (\d+(\.\d+)*)", case-insensitive, anywhere in the text.
const VERSION_PART = /version\s+(\d{1,9})\.(\d{1,9})(?!\d)/i;
const BUILD_PART = /build\s+(\d{1,9})(?:\.(\d{1,9}))?(?!\d)(?!\.\d)/i;

/** "15.1.544.27", "15.01.0544.027" or "15.1.544" (short, long, or without revision). */
export function parseDottedBuild(text: unknown): ExchangeBuild | null {
  if (typeof text !== 'string') return null;
  const match = DOTTED.exec(text.trim());
  if (!match) return null;
  return buildOf(match[1], match[2], match[3], match[4]);
}

/** X-OWA-Version carries the short form, e.g. "15.2.721.2". */
export function parseOwaVersion(text: unknown): ExchangeBuild | null {
  return parseDottedBuild(text);
}

/** X-ServerApplication carries the long form behind "Exchange/", e.g. "Exchange/15.01.2176.009". */
export function parseServerApplication(text: unknown): ExchangeBuild | null {
  if (typeof text !== 'string') return null;
  const match = SERVER_APPLICATION.exec(text);
  if (!match) return null;
  return buildOf(match[1], match[2], match[3], match[4]);
}

/**
 * AD serialNumber, e.g. "Version 15.1 (Build 30544.27)" or the long form "Version 15.2 (Build 31118.007: …)".
 * Mirrors TryParseFromSerialNumber: for Major >= 8 a build >= 30000 loses 30000, else one >= 10000 loses 10000.
 */
export function parseSerialNumber(text: unknown): ExchangeBuild | null {
  if (typeof text !== 'string') return null;
  const version = VERSION_PART.exec(text);
  const build = BUILD_PART.exec(text);
  if (!version || !build) return null;
  const parsed = buildOf(version[1], version[2], build[1], build[2]);
  if (!parsed) return null;
  if (parsed.major >= 8) {
    if (parsed.build >= SERIAL_NUMBER_OFFSET) parsed.build -= SERIAL_NUMBER_OFFSET;
    else if (parsed.build >= LEGACY_SERIAL_NUMBER_OFFSET) parsed.build -= LEGACY_SERIAL_NUMBER_OFFSET;
  }
  return parsed;
}

/**
 * Get-ExchangeServer's AdminDisplayVersion, e.g. "Version 15.1 (Build 544.27)": the serialNumber without the offset.
 * The same Exchange parser reads both (no real build reaches 10000), so a serialNumber passed here parses too.
 */
export function parseAdminDisplayVersion(text: unknown): ExchangeBuild | null {
  return parseSerialNumber(text);
}

// versionNumber = 0x70008000 | (Major & 63) << 22 | (Minor & 63) << 16 | (Build & 32767) (decompiled ServerVersion.ToInt()).
const VERSION_NUMBER_MARKER = 0x70008000;

/** AD versionNumber (an int without revision), e.g. 1942061600 = 15.1.544. */
export function decodeVersionNumber(value: unknown): ExchangeBuild | null {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0x7fffffff) return null;
  if ((value & VERSION_NUMBER_MARKER) !== VERSION_NUMBER_MARKER) return null;
  return { major: (value >> 22) & 63, minor: (value >> 16) & 63, build: value & 32767, revision: null };
}

/** The versionNumber Exchange setup would write; null when a component does not fit its bit field. */
export function encodeVersionNumber(build: ExchangeBuild): number | null {
  if (build.major > 63 || build.minor > 63 || build.build > 32767) return null;
  return (VERSION_NUMBER_MARKER | (build.major << 22) | (build.minor << 16) | build.build) >>> 0;
}

/** Any textual form: dotted (short/long), "Exchange/…", or "Version x.y (Build b.r)". */
export function parseExchangeVersion(text: unknown): ExchangeBuild | null {
  return parseDottedBuild(text) ?? parseServerApplication(text) ?? parseSerialNumber(text);
}

/** "15.1.544.27" (or "15.1.544" without revision). */
export function formatShort(build: ExchangeBuild): string {
  const base = `${build.major}.${build.minor}.${build.build}`;
  return build.revision === null ? base : `${base}.${build.revision}`;
}

/** "15.01.0544.027", as in the build numbers doc and X-ServerApplication. */
export function formatLong(build: ExchangeBuild): string {
  const base = `${build.major}.${pad(build.minor, 2)}.${pad(build.build, 4)}`;
  return build.revision === null ? base : `${base}.${pad(build.revision, 3)}`;
}

/** "Version 15.1 (Build 30544.27)", as setup writes serialNumber. */
export function formatSerialNumber(build: ExchangeBuild): string {
  const stored = build.major >= 8 ? build.build + SERIAL_NUMBER_OFFSET : build.build;
  return `Version ${build.major}.${build.minor} (Build ${stored}${build.revision === null ? '' : `.${build.revision}`})`;
}

/** "Version 15.1 (Build 544.27)", as Get-ExchangeServer shows AdminDisplayVersion. */
export function formatAdminDisplayVersion(build: ExchangeBuild): string {
  return `Version ${build.major}.${build.minor} (Build ${build.build}${build.revision === null ? '' : `.${build.revision}`})`;
}

/** "Exchange/15.01.2176.009", as the X-ServerApplication header. */
export function formatServerApplication(build: ExchangeBuild): string {
  return `Exchange/${formatLong(build)}`;
}

/**
 * Numeric tuple order (never string or double order: 15.1.1034 > 15.1.544). An unknown revision sorts before
 * every known one of the same build, so "15.1.544" < "15.1.544.0".
 */
export function compareBuilds(a: ExchangeBuild, b: ExchangeBuild): number {
  return a.major - b.major || a.minor - b.minor || a.build - b.build || (a.revision ?? -1) - (b.revision ?? -1);
}

export function sameCumulativeUpdate(a: ExchangeBuild, b: ExchangeBuild): boolean {
  return a.major === b.major && a.minor === b.minor && a.build === b.build;
}

export function productOf(build: ExchangeBuild): ExchangeProduct {
  if (build.major < 15) return 'Exchange 2010 or older';
  if (build.major > 15) return 'unknown';
  if (build.minor === 0) return 'Exchange 2013';
  if (build.minor === 1) return 'Exchange 2016';
  if (build.minor === 2) return build.build >= SE_FIRST_BUILD ? 'Exchange Server SE' : 'Exchange 2019';
  // Exchange Online reports 15.20.x (EWS MinorVersion=20); never compare it with on-premises tables.
  if (build.minor >= 20) return 'Exchange Online';
  return 'unknown';
}

export function isOnPremisesProduct(product: ExchangeProduct): product is OnPremisesProduct {
  return product === 'Exchange 2013' || product === 'Exchange 2016' || product === 'Exchange 2019' || product === 'Exchange Server SE';
}

/**
 * "Exchange 2016 CU3 or later" in Microsoft's sense: 2016 at build >= 544, or any 2019/SE build.
 * Never 2013 (no REST integration) and never Exchange Online (not an on-premises server).
 */
export function isCu3OrLater(build: ExchangeBuild): boolean {
  const product = productOf(build);
  if (product === 'Exchange 2016') return build.build >= EXCHANGE_2016_CU3.build;
  return product === 'Exchange 2019' || product === 'Exchange Server SE';
}

function buildOf(major?: string, minor?: string, build?: string, revision?: string): ExchangeBuild | null {
  if (major === undefined || minor === undefined || build === undefined) return null;
  const numbers = [major, minor, build, revision].map((part) => (part === undefined ? null : Number.parseInt(part, 10)));
  if (numbers.some((n) => n !== null && !Number.isSafeInteger(n))) return null;
  return { major: numbers[0] as number, minor: numbers[1] as number, build: numbers[2] as number, revision: numbers[3] ?? null };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
