// The CliXml reader against real Export-Clixml output (microsoft/CSS-Exchange, commit f88378b1e7a252e413cb2e579e88411393737c11,
// Diagnostics/HealthChecker/Tests/DataCollection/E16|E19/Exchange/, copied to test/vectors/css-exchange/healthchecker as <lab>-<file>) and against
// crafted hostile documents, which must end in one sentence, never in a hang, an expansion or a stack trace.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClixmlError, MAX_CLIXML_DEPTH, parseClixml } from '../../src/ems/clixml.js';
import { integer, isPsObject, list, type PsObject, prop, text } from '../../src/ems/clixml-values.js';
import { searchResultDn, searchResultValues } from '../../src/ems/export-kinds.js';
import { toClixml } from '../support/clixml-writer.js';
import { capturePath } from '../support/ems-folders.js';

function capture(lab: 'E16' | 'E19', name: string): PsObject[] {
  const values = parseClixml(readFileSync(capturePath(lab, name), 'utf8').replace(/^\uFEFF/, ''));
  return values.filter(isPsObject);
}

const OBJS = '<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">';

describe('real captures', () => {
  it('reads a FileVersionInfo: type names, a ToString with encoded CR/LF, integers, Version and booleans', () => {
    const [exSetup] = capture('E16', 'ExSetup.xml');
    expect(exSetup?.typeNames).toEqual(['System.Diagnostics.FileVersionInfo', 'System.Object']);
    expect(exSetup?.deserialized).toBe(false);
    expect(text(exSetup)).toContain('ExSetup.exe\r\nInternalName:     ExSetup.exe\r\n');
    expect(integer(prop(exSetup, 'FileBuildPart'))).toBe(2375);
    expect(prop(exSetup, 'FileVersionRaw')).toBe('15.1.2375.7');
    expect(prop(exSetup, 'IsDebug')).toBe(false);
    // Property names are case-insensitive, as in PowerShell.
    expect(text(prop(exSetup, 'fileversion'))).toBe('15.01.2375.007');
  });

  it('resolves <TNRef> type lists and <Ref> objects of Get-ExchangeServer', () => {
    const [server] = capture('E16', 'GetExchangeServer.xml');
    expect(server?.typeNames[0]).toBe('Microsoft.Exchange.Data.Directory.Management.ExchangeServer');
    const addresses = list(prop(server, 'NetworkAddress')).filter(isPsObject);
    expect(addresses.length).toBeGreaterThan(1);
    // The second address carries only <TNRef RefId="4"/>: it shares the first one's type list.
    expect(addresses[1]?.typeNames).toEqual(addresses[0]?.typeNames);
    expect(addresses.map((address) => text(address))).toContain('ncacn_ip_tcp:Solo-E16A.Solo.local');
    // <Ref N="Id" RefId="19"/> is the very object serialized earlier as Identity.
    expect(prop(server, 'Id')).toBe(prop(server, 'Identity'));
    expect(prop(server, 'InternetWebProxy')).toBeNull();
    expect(prop(server, 'Guid')).toBe('38142983-080a-4e34-90b6-401759c3f3e7');
    expect(prop(server, 'WhenChangedUTC')).toMatch(/^\d{4}-\d\d-\d\dT/);
    // An enum: ToString plus the underlying number.
    const role = prop(server, 'ServerRole') as PsObject;
    expect([text(role), integer(role)]).toEqual(['Mailbox', 2]);
    // Byte arrays are never kept.
    expect(prop(server, 'SerializationData')).toEqual({ bytes: 0 });
  });

  it("reads a deserialized SearchResult's dictionary of attribute lists (HealthChecker's schema export)", () => {
    const [schema] = capture('E19', 'GetExchangeAdSchemaClass_ms-Exch-Schema-Version-Pt.xml');
    expect(schema?.deserialized).toBe(true);
    expect(schema?.typeNames[0]).toBe('System.DirectoryServices.SearchResult');
    expect(searchResultDn(schema!)).toBe('CN=ms-Exch-Schema-Version-Pt,CN=Schema,CN=Configuration,DC=Solo,DC=com');
    expect(searchResultValues(schema!, 'rangeupper')).toEqual(['17003']);
    expect(searchResultValues(schema!, 'objectclass')).toEqual(['top', 'attributeSchema']);
  });

  it('reads every object of a multi-object export', () => {
    const applications = capture('E19', 'GetPartnerApplication.xml');
    expect(applications.map((application) => text(prop(application, 'Name')))).toEqual([
      'Exchange Online',
      'Microsoft Graph',
      'TeamsScheduler',
      'CloudVoicemail',
      'SfBLegacy',
    ]);
  });
});

describe('encoding and values', () => {
  it('decodes _xHHHH_ escapes in strings and names, keeping an escaped underscore literal', () => {
    const [object] = parseClixml(
      `${OBJS}<Obj RefId="0"><TN RefId="0"><T>X</T></TN><MS><S N="A_x0020_B">line_x000A_two _x005F_x0041_</S></MS></Obj></Objs>`,
    ) as PsObject[];
    expect(prop(object, 'A B')).toBe('line\ntwo _x0041_');
  });

  it('keeps 64-bit integers beyond 2^53 exact', () => {
    const [value] = parseClixml(`${OBJS}<U64>18446744073709551615</U64></Objs>`);
    expect(value).toBe(18446744073709551615n);
  });

  it('never keeps a SecureString', () => {
    const [object] = parseClixml(
      `${OBJS}<Obj RefId="0"><TN RefId="0"><T>X</T></TN><MS><SS N="Password">01000000d08c9ddf0115d1</SS></MS></Obj></Objs>`,
    );
    expect(prop(object, 'Password')).toEqual({ secret: true });
    expect(JSON.stringify([...(object as PsObject).properties.values()])).not.toContain('01000000');
  });

  it('reads back every string the way Export-Clixml writes it (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const valid = value.replace(/[\uD800-\uDFFF\uFFFE\uFFFF]/g, '?');
        const [object] = parseClixml(toClixml([{ types: ['T'], ms: { V: { S: valid } } }], { bom: false })) as PsObject[];
        expect(prop(object, 'V')).toBe(valid);
      }),
    );
  });
});

describe('hostile documents end in one sentence', () => {
  const rejects = (xml: string, message: RegExp) => {
    expect(() => parseClixml(xml)).toThrowError(ClixmlError);
    expect(() => parseClixml(xml)).toThrowError(message);
  };

  it('refuses a DOCTYPE, so no entity is ever declared, expanded or fetched', () => {
    rejects(`<!DOCTYPE Objs [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>${OBJS}<S>&b;</S></Objs>`, /DOCTYPE/);
    rejects(`<!DOCTYPE Objs SYSTEM "file:///etc/passwd">${OBJS}</Objs>`, /DOCTYPE/);
  });

  it('refuses undeclared entities, malformed and truncated XML', () => {
    rejects(`${OBJS}<S>&xxe;</S></Objs>`, /not well-formed XML \(1:\d+: undefined entity\)/);
    rejects(`${OBJS}<S>a</B></Objs>`, /not well-formed/);
    rejects(`${OBJS}<Obj RefId="0"><TN RefId="0"><T>X</T></TN>`, /not well-formed|ends before/);
  });

  it('refuses a root other than Objs in the PowerShell namespace', () => {
    rejects('<configuration><appSettings/></configuration>', /root element is <configuration>/);
    rejects('<Objs Version="1.1.0.1"></Objs>', /root element is <Objs>/);
  });

  it('refuses references to objects and type lists never defined', () => {
    rejects(`${OBJS}<Ref RefId="7" /></Objs>`, /<Ref> points at object 7/);
    rejects(`${OBJS}<Obj RefId="0"><TNRef RefId="3" /></Obj></Objs>`, /<TNRef> names type list 3/);
  });

  it('bounds nesting depth', () => {
    const deep = `${OBJS}${'<Obj RefId="0"><LST>'.repeat(MAX_CLIXML_DEPTH)}${'</LST></Obj>'.repeat(MAX_CLIXML_DEPTH)}</Objs>`;
    rejects(deep, new RegExp(`deeper than ${MAX_CLIXML_DEPTH} levels`));
  });

  it('refuses values that are not what their element says', () => {
    rejects(`${OBJS}<I32>12abc</I32></Objs>`, /<I32> holds "12abc", not an integer/);
    rejects(`${OBJS}<B>yes</B></Objs>`, /<B> holds "yes"/);
  });
});
