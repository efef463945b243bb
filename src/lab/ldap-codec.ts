// LDAPv3 on the wire for the lab's directory server (RFC 4511 §4): framing of LDAPMessages, requests decoded with
// ldapts's BER reader and writer (the same code the collector's client uses, so both sides agree on the encoding),
// and the few responses a read-only directory sends. Search requests and their filters are decoded here: ldapts
// only ever writes filters, and its reader for a presence filter reads from the wrong offset.
import {
  Ber,
  BerReader,
  BerWriter,
  BindRequest,
  type Control,
  ControlParser,
  ExtendedRequest,
  PagedResultsControl,
  type PagedResultsValue,
} from 'ldapts';
import { type LdapFilter, readFilter } from './ldap-filter.js';

// Application tags of the protocol operations (RFC 4511 §4.2–§4.12).
const OP = {
  bindRequest: 0x60,
  bindResponse: 0x61,
  unbindRequest: 0x42,
  searchRequest: 0x63,
  searchResultEntry: 0x64,
  searchResultDone: 0x65,
  searchResultReference: 0x73,
  abandonRequest: 0x50,
  extendedRequest: 0x77,
  extendedResponse: 0x78,
} as const;
const CONTROLS_TAG = 0xa0;
const SET = 0x31;
const EXTENDED_RESPONSE_NAME = 0x8a;

/** RFC 4511 §4.1.9 result codes the lab uses. */
export const RESULT = {
  success: 0,
  operationsError: 1,
  protocolError: 2,
  sizeLimitExceeded: 4,
  authMethodNotSupported: 7,
  strongAuthRequired: 8,
  unavailableCriticalExtension: 12,
  noSuchObject: 32,
  invalidCredentials: 49,
  unwillingToPerform: 53,
} as const;

export interface LdapResult {
  code: number;
  matchedDn?: string;
  message?: string;
}

export type SearchScope = 'base' | 'one' | 'sub' | 'children';
const SCOPES: readonly SearchScope[] = ['base', 'one', 'sub', 'children'];

export interface SearchQuery {
  base: string;
  scope: SearchScope;
  filter: LdapFilter;
  /** As requested; empty or "*" = all user attributes, "1.1" = none. */
  attributes: string[];
}

export type LdapRequest =
  | { kind: 'bind'; messageId: number; dn: string; password: string }
  /** A SASL bind: the lab offers simple binds only, as the tool does. */
  | { kind: 'bind-sasl'; messageId: number }
  | { kind: 'search'; messageId: number; search: SearchQuery; paged: PagedResultsValue | null }
  | { kind: 'extended'; messageId: number; oid: string }
  | { kind: 'unbind' }
  | { kind: 'abandon' }
  | { kind: 'unsupported'; messageId: number; operation: number; responseTag: number | null };

/** Splits one LDAPMessage (a complete BER SEQUENCE) off the front of `buffer`; null while it is incomplete. */
export function takeFrame(buffer: Buffer): { frame: Buffer; rest: Buffer } | null {
  if (buffer.length < 2) return null;
  if (buffer[0] !== 0x30) throw new Error(`not an LDAPMessage (tag 0x${buffer[0]!.toString(16)})`);
  const first = buffer[1]!;
  let length = first;
  let header = 2;
  if (first & 0x80) {
    const octets = first & 0x7f;
    if (octets === 0 || octets > 4) throw new Error('unsupported BER length');
    if (buffer.length < 2 + octets) return null;
    length = 0;
    for (let index = 0; index < octets; index++) length = length * 256 + buffer[2 + index]!;
    header = 2 + octets;
  }
  if (buffer.length < header + length) return null;
  return { frame: buffer.subarray(0, header + length), rest: buffer.subarray(header + length) };
}

/** The response tag for a request operation the lab does not perform (modify, add, delete, modDN, compare). */
const RESPONSE_OF: Readonly<Record<number, number>> = { 102: 0x67, 104: 0x69, 74: 0x6b, 108: 0x6d, 110: 0x6f };

export function parseRequest(frame: Buffer): LdapRequest {
  const reader = new BerReader(frame);
  reader.readSequence();
  const messageId = reader.readInt();
  if (messageId === null) throw new Error('LDAPMessage without a message id');
  const operation = reader.readSequence();
  switch (operation) {
    case OP.bindRequest: {
      const bind = new BindRequest({ messageId });
      try {
        bind.parse(reader, []);
      } catch {
        return { kind: 'bind-sasl', messageId };
      }
      return { kind: 'bind', messageId, dn: bind.dn, password: bind.password };
    }
    case OP.searchRequest: {
      const search = readSearch(reader);
      const paged = readControls(reader).find((control): control is PagedResultsControl => control instanceof PagedResultsControl);
      return { kind: 'search', messageId, search, paged: paged ? (paged.value ?? { size: 0 }) : null };
    }
    case OP.extendedRequest: {
      const extended = new ExtendedRequest({ messageId });
      extended.parse(reader, []);
      return { kind: 'extended', messageId, oid: extended.oid };
    }
    case OP.unbindRequest:
      return { kind: 'unbind' };
    case OP.abandonRequest:
      return { kind: 'abandon' };
    default:
      return { kind: 'unsupported', messageId, operation: operation ?? 0, responseTag: RESPONSE_OF[operation ?? -1] ?? null };
  }
}

/** SearchRequest (RFC 4511 §4.5.1), the reader positioned inside the operation. */
function readSearch(reader: BerReader): SearchQuery {
  const base = reader.readString() ?? '';
  const scope = SCOPES[reader.readEnumeration() ?? -1];
  if (!scope) throw new Error('search request with an unknown scope');
  reader.readEnumeration(); // derefAliases: the lab has no aliases
  reader.readInt(); // sizeLimit: the server's own limit applies
  reader.readInt(); // timeLimit
  reader.readBoolean(); // typesOnly: never asked by the tool
  const filter = readFilter(reader);
  const attributes: string[] = [];
  if (reader.readSequence() !== null) {
    const end = reader.offset + reader.length;
    while (reader.offset < end) attributes.push(reader.readString() ?? '');
  }
  return { base, scope, filter, attributes };
}

function readControls(reader: BerReader): Control[] {
  if (reader.remain <= 0 || reader.peek() !== CONTROLS_TAG) return [];
  reader.readSequence();
  const end = reader.offset + reader.length;
  const controls: Control[] = [];
  while (reader.offset < end) {
    const control = ControlParser.parse(reader, []);
    if (control) controls.push(control);
  }
  return controls;
}

function message(messageId: number, body: (writer: BerWriter) => void, controls: readonly Control[] = []): Buffer {
  const writer = new BerWriter();
  writer.startSequence();
  writer.writeInt(messageId);
  body(writer);
  if (controls.length > 0) {
    writer.startSequence(CONTROLS_TAG);
    for (const control of controls) control.write(writer);
    writer.endSequence();
  }
  writer.endSequence();
  return writer.buffer;
}

function writeResult(writer: BerWriter, result: LdapResult): void {
  writer.writeEnumeration(result.code);
  writer.writeString(result.matchedDn ?? '');
  writer.writeString(result.message ?? '');
}

function resultMessage(messageId: number, tag: number, result: LdapResult, controls: readonly Control[] = []): Buffer {
  return message(
    messageId,
    (writer) => {
      writer.startSequence(tag);
      writeResult(writer, result);
      writer.endSequence();
    },
    controls,
  );
}

export function bindResponse(messageId: number, result: LdapResult): Buffer {
  return resultMessage(messageId, OP.bindResponse, result);
}

export function searchDone(messageId: number, result: LdapResult, paged: PagedResultsValue | null = null): Buffer {
  return resultMessage(messageId, OP.searchResultDone, result, paged ? [new PagedResultsControl({ value: paged })] : []);
}

export function extendedResponse(messageId: number, result: LdapResult, oid: string | null): Buffer {
  return message(messageId, (writer) => {
    writer.startSequence(OP.extendedResponse);
    writeResult(writer, result);
    if (oid) writer.writeString(oid, EXTENDED_RESPONSE_NAME);
    writer.endSequence();
  });
}

export function operationResponse(messageId: number, tag: number, result: LdapResult): Buffer {
  return resultMessage(messageId, tag, result);
}

export interface OutgoingEntry {
  dn: string;
  attributes: readonly { name: string; values: readonly (string | Buffer)[] }[];
}

export function searchEntry(messageId: number, entry: OutgoingEntry): Buffer {
  return message(messageId, (writer) => {
    writer.startSequence(OP.searchResultEntry);
    writer.writeString(entry.dn);
    writer.startSequence();
    for (const attribute of entry.attributes) {
      writer.startSequence();
      writer.writeString(attribute.name);
      writer.startSequence(SET);
      for (const value of attribute.values) {
        if (typeof value === 'string') writer.writeString(value);
        else writer.writeBuffer(value, Ber.OctetString);
      }
      writer.endSequence();
      writer.endSequence();
    }
    writer.endSequence();
    writer.endSequence();
  });
}

export function searchReference(messageId: number, uris: readonly string[]): Buffer {
  return message(messageId, (writer) => {
    writer.startSequence(OP.searchResultReference);
    for (const uri of uris) writer.writeString(uri);
    writer.endSequence();
  });
}
