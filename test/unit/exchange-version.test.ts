import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeServerRoles, isClientAccess, isEdge, isMailbox } from '../../src/exchange/server-roles.js';
import {
  compareBuilds,
  decodeVersionNumber,
  type ExchangeBuild,
  encodeVersionNumber,
  formatAdminDisplayVersion,
  formatLong,
  formatSerialNumber,
  formatServerApplication,
  formatShort,
  isCu3OrLater,
  parseAdminDisplayVersion,
  parseDottedBuild,
  parseExchangeVersion,
  parseOwaVersion,
  parseSerialNumber,
  parseServerApplication,
  productOf,
} from '../../src/exchange/version.js';

const b = (major: number, minor: number, build: number, revision: number | null = null): ExchangeBuild => ({
  major,
  minor,
  build,
  revision,
});

const component = (max: number) => fc.integer({ min: 0, max });
const anyBuild = fc.record({
  major: component(99),
  minor: component(99),
  build: component(99_999),
  revision: fc.option(component(9_999), { nil: null }),
});
// Strings made of the pieces real version texts are made of, so the fuzzing reaches the interesting branches.
const nearlyVersions = fc
  .array(
    fc.oneof(
      fc.constantFrom('Version ', 'version', '(Build ', 'build ', 'Exchange/', '.', '..', ' ', ')', ':', '0', '007'),
      fc.nat().map(String),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));
const withRevision = fc.record({ major: component(99), minor: component(99), build: component(99_999), revision: component(9_999) });

describe('parsing the forms of docs/facts/builds.md §1 and docs/facts/active-directory.md §2', () => {
  it.each([
    ['Version 15.1 (Build 30544.27)', b(15, 1, 544, 27)],
    ['Version 15.1 (Build 32375.7)', b(15, 1, 2375, 7)],
    ['Version 15.1 (Build 31034.26)', b(15, 1, 1034, 26)],
    ['Version 15.2 (Build 31118.007)', b(15, 2, 1118, 7)],
    ['Version 15.2 (Build 30986.005)', b(15, 2, 986, 5)],
    ['Version 15.1 (Build 32507.006)', b(15, 1, 2507, 6)],
    ['Version 15.2 (Build 32562.17: Exchange Server SE RTM)', b(15, 2, 2562, 17)],
    ['version 15.0 (build 31497.48)', b(15, 0, 1497, 48)],
    ['VERSION 15.1 (BUILD 30544.27)', b(15, 1, 544, 27)],
    // TryParseFromSerialNumber's fallback: builds between 10000 and 30000 lose 10000.
    ['Version 14.3 (Build 10123.4)', b(14, 3, 123, 4)],
    ['Version 15.1 (Build 30544)', b(15, 1, 544, null)],
  ])('serialNumber %j', (text, expected) => {
    expect(parseSerialNumber(text)).toEqual(expected);
  });

  it.each([
    ['Version 15.1 (Build 544.27)', b(15, 1, 544, 27)],
    ['Version 15.2 (Build 2562.17)', b(15, 2, 2562, 17)],
    ['Version 15.0 (Build 1497.2)', b(15, 0, 1497, 2)],
  ])('AdminDisplayVersion %j', (text, expected) => {
    expect(parseAdminDisplayVersion(text)).toEqual(expected);
  });

  it('decodes versionNumber without a revision (FACTS: 1942061600 = 15.1.544, SE RTM 1942129154 = 15.2.2562)', () => {
    expect(decodeVersionNumber(1942061600)).toEqual(b(15, 1, 544));
    expect(decodeVersionNumber(1942129154)).toEqual(b(15, 2, 2562));
    expect(decodeVersionNumber(1937801568)).toEqual(b(14, 0, 352));
  });

  it.each([[0], [-1], [1.5], [0x80000000], [Number.NaN], ['1942061600'], [null], [12345]])('rejects versionNumber %j', (value) => {
    expect(decodeVersionNumber(value)).toBeNull();
  });

  it('reads X-OWA-Version, X-ServerApplication and the short and long dotted forms', () => {
    expect(parseOwaVersion('15.2.721.2')).toEqual(b(15, 2, 721, 2));
    expect(parseServerApplication('Exchange/15.01.2176.009')).toEqual(b(15, 1, 2176, 9));
    expect(parseServerApplication('Exchange/15.20.0485.000')).toEqual(b(15, 20, 485, 0));
    expect(parseServerApplication('exchange/15.00.0847.4040')).toEqual(b(15, 0, 847, 4040));
    expect(parseDottedBuild('15.1.544.27')).toEqual(b(15, 1, 544, 27));
    expect(parseDottedBuild('15.01.0544.027')).toEqual(b(15, 1, 544, 27));
    expect(parseDottedBuild(' 15.1.544 ')).toEqual(b(15, 1, 544));
    expect(parseExchangeVersion('Exchange/15.02.1748.010')).toEqual(b(15, 2, 1748, 10));
    expect(parseExchangeVersion('Version 15.1 (Build 30544.27)')).toEqual(b(15, 1, 544, 27));
  });

  it.each([
    [''],
    ['15'],
    ['15.1'],
    ['15.1.544.27.1'],
    ['v15.1.544.27'],
    ['Apache/2.4.58'],
    ['Exchange/'],
    ['Version 15.1'],
    ['(Build 30544.27)'],
    ['Version 15.1 (Build 1234567890.1)'],
    ['Version 15.1 (Build 30544.1234567890)'],
    ['15.1.9999999999.1'],
  ])('returns null for %j', (text) => {
    expect(parseExchangeVersion(text)).toBeNull();
  });

  it('never throws and returns null or a well-formed build for arbitrary input', () => {
    const parsers = [
      parseDottedBuild,
      parseOwaVersion,
      parseServerApplication,
      parseSerialNumber,
      parseAdminDisplayVersion,
      parseExchangeVersion,
    ];
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), nearlyVersions, fc.anything()), (input) => {
        for (const parse of parsers) {
          const result = parse(input);
          if (result !== null) {
            for (const value of [result.major, result.minor, result.build]) expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
            expect(result.revision === null || Number.isSafeInteger(result.revision)).toBe(true);
          }
        }
        expect(() => decodeVersionNumber(input)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatting', () => {
  it('writes the forms Microsoft writes', () => {
    const cu3 = b(15, 1, 544, 27);
    expect(formatShort(cu3)).toBe('15.1.544.27');
    expect(formatLong(cu3)).toBe('15.01.0544.027');
    expect(formatSerialNumber(cu3)).toBe('Version 15.1 (Build 30544.27)');
    expect(formatAdminDisplayVersion(cu3)).toBe('Version 15.1 (Build 544.27)');
    expect(formatServerApplication(b(15, 1, 2176, 9))).toBe('Exchange/15.01.2176.009');
    expect(formatShort(b(15, 1, 544))).toBe('15.1.544');
    expect(encodeVersionNumber(b(15, 1, 544))).toBe(1942061600);
    expect(encodeVersionNumber(b(15, 2, 2562))).toBe(1942129154);
    expect(encodeVersionNumber(b(64, 0, 1))).toBeNull();
  });

  it('round-trips the short and long dotted forms', () => {
    fc.assert(
      fc.property(anyBuild, (build) => {
        expect(parseDottedBuild(formatShort(build))).toEqual(build);
        expect(parseDottedBuild(formatLong(build))).toEqual(build);
        expect(parseServerApplication(formatServerApplication(build))).toEqual(build);
      }),
    );
  });

  it('round-trips serialNumber (with its +30000 offset for Major >= 8)', () => {
    fc.assert(
      fc.property(anyBuild, (build) => {
        expect(parseSerialNumber(formatSerialNumber(build))).toEqual(build);
      }),
    );
  });

  it('round-trips AdminDisplayVersion for every real build (< 10000)', () => {
    const real = fc.record({
      major: component(99),
      minor: component(99),
      build: component(9_999),
      revision: fc.option(component(9_999), { nil: null }),
    });
    fc.assert(
      fc.property(real, (build) => {
        expect(parseAdminDisplayVersion(formatAdminDisplayVersion(build))).toEqual(build);
      }),
    );
  });

  it('round-trips versionNumber for every build that fits its bit fields', () => {
    const fits = fc.record({ major: component(63), minor: component(63), build: component(32_767), revision: fc.constant(null) });
    fc.assert(
      fc.property(fits, (build) => {
        const encoded = encodeVersionNumber(build);
        expect(encoded).not.toBeNull();
        expect(decodeVersionNumber(encoded)).toEqual(build);
      }),
    );
  });
});

describe('ordering', () => {
  it('is numeric, not textual: 15.1.1034 > 15.1.544', () => {
    expect(compareBuilds(b(15, 1, 1034, 26), b(15, 1, 544, 27))).toBeGreaterThan(0);
    expect(compareBuilds(b(15, 1, 2507, 66), b(15, 1, 2507, 9))).toBeGreaterThan(0);
    expect(compareBuilds(b(15, 1, 544), b(15, 1, 544, 0))).toBeLessThan(0);
  });

  it('agrees with tuple order and is antisymmetric', () => {
    const tuple = (x: ExchangeBuild) => [x.major, x.minor, x.build, x.revision ?? -1];
    const lexical = (x: number[], y: number[]) => {
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return Math.sign((x[i] as number) - (y[i] as number));
      return 0;
    };
    fc.assert(
      fc.property(anyBuild, anyBuild, (x, y) => {
        expect(Math.sign(compareBuilds(x, y))).toBe(lexical(tuple(x), tuple(y)));
        expect(Math.sign(compareBuilds(x, y))).toBe(-Math.sign(compareBuilds(y, x)) || 0);
      }),
    );
  });

  it('orders parsed long forms like their tuples', () => {
    fc.assert(
      fc.property(withRevision, withRevision, (x, y) => {
        const px = parseDottedBuild(formatLong(x));
        const py = parseDottedBuild(formatLong(y));
        expect(px && py && Math.sign(compareBuilds(px, py))).toBe(Math.sign(compareBuilds(x, y)));
      }),
    );
  });
});

describe('products', () => {
  it.each([
    ['15.0.1497.48', 'Exchange 2013', false],
    ['15.1.466.34', 'Exchange 2016', false],
    ['15.1.543.99', 'Exchange 2016', false],
    ['15.1.544.27', 'Exchange 2016', true],
    ['15.1.544.0', 'Exchange 2016', true],
    ['15.1.2507.66', 'Exchange 2016', true],
    ['15.2.221.12', 'Exchange 2019', true],
    ['15.2.2561.99', 'Exchange 2019', true],
    ['15.2.2562.17', 'Exchange Server SE', true],
    ['15.2.2562.0', 'Exchange Server SE', true],
    ['15.20.485.0', 'Exchange Online', false],
    ['15.20.8000.1', 'Exchange Online', false],
    ['14.3.513.0', 'Exchange 2010 or older', false],
    ['8.3.517.0', 'Exchange 2010 or older', false],
    ['15.3.1.1', 'unknown', false],
    ['16.0.1.1', 'unknown', false],
  ])('%s is %s (CU3 or later: %s)', (text, product, cu3) => {
    const build = parseDottedBuild(text);
    expect(build).not.toBeNull();
    expect(productOf(build as ExchangeBuild)).toBe(product);
    expect(isCu3OrLater(build as ExchangeBuild)).toBe(cu3);
  });

  it('counts CU3+ exactly for 2016 >= 544 and every 2019/SE build', () => {
    fc.assert(
      fc.property(anyBuild, (build) => {
        const expected = build.major === 15 && ((build.minor === 1 && build.build >= 544) || build.minor === 2);
        expect(isCu3OrLater(build)).toBe(expected);
      }),
    );
  });
});

describe('server roles (msExchCurrentServerRoles)', () => {
  it('decodes the composites seen in the wild by bit', () => {
    expect(decodeServerRoles(16439)).toEqual(['Cafe', 'Mailbox', 'ClientAccess', 'UnifiedMessaging', 'HubTransport', 'FrontendTransport']);
    expect(decodeServerRoles(54)).toEqual(['Mailbox', 'ClientAccess', 'UnifiedMessaging', 'HubTransport']);
    expect(decodeServerRoles(16385)).toEqual(['Cafe', 'FrontendTransport']);
    expect(decodeServerRoles(64)).toEqual(['Edge']);
    expect(decodeServerRoles(512 | 2)).toEqual(['Mailbox', 'Unknown(512)']);
    expect(decodeServerRoles(null)).toEqual([]);
    expect(decodeServerRoles(0)).toEqual([]);
  });

  it('answers mailbox/edge/client-access questions', () => {
    expect(isMailbox(16439)).toBe(true);
    expect(isMailbox(16385)).toBe(false);
    expect(isClientAccess(16385)).toBe(true);
    expect(isClientAccess(54)).toBe(true);
    expect(isClientAccess(2)).toBe(false);
    expect(isEdge(64)).toBe(true);
    expect(isEdge(16439)).toBe(false);
    expect(isEdge(null)).toBe(false);
  });
});
