// The CliXml reader: the XML that PowerShell's Export-Clixml writes (MS-PSRP §2.2.5: Objs, Obj, TN/TNRef, ToString,
// Props, MS, LST/IE/STK/QUE, DCT, primitive elements, Ref) read into plain values (clixml-values.ts).
// The input is hostile until proven otherwise: saxes checks well-formedness and never fetches or expands a DTD, a
// document with a DOCTYPE is refused outright, and nesting and element count are bounded, so a crafted file costs
// bounded work and ends in one sentence that names the problem.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { newPsObject, type PsObject, type PsValue } from './clixml-values.js';

const CLIXML_NAMESPACE = 'http://schemas.microsoft.com/powershell/2004/04';
/** Real exports nest about 20 deep (an object in a list in a property of an object…); far more is hostile. */
export const MAX_CLIXML_DEPTH = 100;
const MAX_CLIXML_ELEMENTS = 5_000_000;

export class ClixmlError extends Error {}

const COLLECTIONS = new Set(['LST', 'IE', 'STK', 'QUE']);
const INTEGERS = new Set(['By', 'SB', 'U16', 'I16', 'U32', 'I32', 'U64', 'I64']);
const TEXTS = new Set(['S', 'DT', 'TS', 'G', 'URI', 'Version', 'XD', 'SBK', 'D', 'Sg', 'Db', 'C']);
/** Elements whose content is never kept: byte arrays, secure strings, progress records. */
const OPAQUE = new Set(['BA', 'SS', 'PR']);

type Frame =
  | { kind: 'objs'; values: PsValue[] }
  | { kind: 'obj'; name: string | null; object: PsObject }
  | { kind: 'members'; object: PsObject }
  | { kind: 'items'; object: PsObject }
  | { kind: 'dct'; object: PsObject }
  | { kind: 'en'; key: PsValue; value: PsValue }
  | { kind: 'tn'; refId: string | null; names: string[] }
  | { kind: 'text'; element: string; name: string | null; buffer: string[] }
  | { kind: 'skip' };

/** The top-level values of a CliXml document (usually one object per exported pipeline item). */
export function parseClixml(xml: string): PsValue[] {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: Frame[] = [];
  const objects = new Map<string, PsObject>();
  const typeNames = new Map<string, string[]>();
  const done: { values: PsValue[] | null } = { values: null };
  let elements = 0;
  let failure: ClixmlError | null = null;

  const fail = (message: string): never => {
    failure ??= new ClixmlError(message);
    throw failure;
  };
  const top = (): Frame | undefined => stack[stack.length - 1];
  const deliver = (name: string | null, value: PsValue) => {
    const parent = top();
    if (!parent) return;
    switch (parent.kind) {
      case 'objs':
        parent.values.push(value);
        return;
      case 'members': {
        const key = (name ?? '').toLowerCase();
        if (!parent.object.properties.has(key)) parent.object.properties.set(key, value);
        return;
      }
      case 'items':
        parent.object.items?.push(value);
        return;
      case 'en':
        if (name === 'Key') parent.key = value;
        else if (name === 'Value') parent.value = value;
        return;
      case 'obj':
        // A primitive directly inside <Obj>: the value of an enum, for instance.
        parent.object.value = value;
        return;
      default:
        return;
    }
  };

  parser.on('doctype', () => fail('it declares a DOCTYPE, which Export-Clixml never writes'));
  parser.on('processinginstruction', (pi) => {
    if (pi.target.toLowerCase() !== 'xml') fail(`it holds a processing instruction (<?${pi.target}?>), which Export-Clixml never writes`);
  });
  parser.on('error', (error) => fail(`it is not well-formed XML (${error.message.replace(/\.$/, '')})`));
  parser.on('opentag', (tag: SaxesTagPlain) => {
    elements += 1;
    if (elements > MAX_CLIXML_ELEMENTS) fail(`it holds more than ${MAX_CLIXML_ELEMENTS.toLocaleString('en')} elements`);
    if (stack.length >= MAX_CLIXML_DEPTH) fail(`it nests elements deeper than ${MAX_CLIXML_DEPTH} levels`);
    const parent = top();
    const rawName = attribute(tag, 'N');
    const name = rawName === null ? null : decodeString(rawName);
    if (!parent) {
      if (tag.name !== 'Objs' || attribute(tag, 'xmlns') !== CLIXML_NAMESPACE) {
        fail(`its root element is <${tag.name}>, not the <Objs xmlns="${CLIXML_NAMESPACE}"> Export-Clixml writes`);
      }
      stack.push({ kind: 'objs', values: [] });
      return;
    }
    if (parent.kind === 'skip' || parent.kind === 'text') {
      stack.push({ kind: 'skip' });
      return;
    }
    if (parent.kind === 'tn') {
      stack.push(tag.name === 'T' ? { kind: 'text', element: 'T', name: null, buffer: [] } : { kind: 'skip' });
      return;
    }
    if (parent.kind === 'obj') {
      const object = parent.object;
      if (tag.name === 'TN') {
        stack.push({ kind: 'tn', refId: attribute(tag, 'RefId'), names: [] });
        return;
      }
      if (tag.name === 'TNRef') {
        const names =
          typeNames.get(attribute(tag, 'RefId') ?? '') ??
          fail(`a <TNRef> names type list ${attribute(tag, 'RefId')}, never defined before`);
        setTypeNames(object, names);
        stack.push({ kind: 'skip' });
        return;
      }
      if (tag.name === 'ToString') {
        stack.push({ kind: 'text', element: 'ToString', name: null, buffer: [] });
        return;
      }
      if (tag.name === 'Props' || tag.name === 'MS') {
        stack.push({ kind: 'members', object });
        return;
      }
      if (COLLECTIONS.has(tag.name)) {
        object.items ??= [];
        stack.push({ kind: 'items', object });
        return;
      }
      if (tag.name === 'DCT') {
        object.entries ??= [];
        stack.push({ kind: 'dct', object });
        return;
      }
    }
    if (parent.kind === 'dct') {
      stack.push(tag.name === 'En' ? { kind: 'en', key: null, value: null } : { kind: 'skip' });
      return;
    }
    // A value element: in <Objs>, <Props>/<MS>, a collection, an <En>, or directly in an <Obj>.
    if (tag.name === 'Obj') {
      const object = newPsObject();
      const refId = attribute(tag, 'RefId');
      if (refId !== null) objects.set(refId, object);
      stack.push({ kind: 'obj', name, object });
      return;
    }
    if (tag.name === 'Ref') {
      const target =
        objects.get(attribute(tag, 'RefId') ?? '') ?? fail(`a <Ref> points at object ${attribute(tag, 'RefId')}, never defined before`);
      deliver(name, target);
      stack.push({ kind: 'skip' });
      return;
    }
    if (tag.name === 'Nil') {
      deliver(name, null);
      stack.push({ kind: 'skip' });
      return;
    }
    if (tag.name === 'BA') {
      deliver(name, { bytes: 0 });
      stack.push({ kind: 'skip' });
      return;
    }
    if (tag.name === 'SS') {
      deliver(name, { secret: true });
      stack.push({ kind: 'skip' });
      return;
    }
    if (OPAQUE.has(tag.name)) {
      deliver(name, null);
      stack.push({ kind: 'skip' });
      return;
    }
    if (tag.name === 'B' || INTEGERS.has(tag.name) || TEXTS.has(tag.name)) {
      stack.push({ kind: 'text', element: tag.name, name, buffer: [] });
      return;
    }
    // Anything else (a newer serializer's element) is skipped whole rather than guessed at.
    stack.push({ kind: 'skip' });
  });
  parser.on('text', (chunk) => {
    const frame = top();
    if (frame?.kind === 'text') frame.buffer.push(chunk);
  });
  parser.on('closetag', () => {
    const frame = stack.pop();
    if (!frame) return;
    const parent = top();
    switch (frame.kind) {
      case 'objs':
        done.values = frame.values;
        return;
      case 'obj':
        deliver(frame.name, frame.object);
        return;
      case 'en':
        if (parent?.kind === 'dct') parent.object.entries?.push({ key: frame.key, value: frame.value });
        return;
      case 'tn':
        if (frame.refId !== null) typeNames.set(frame.refId, frame.names);
        if (parent?.kind === 'obj') setTypeNames(parent.object, frame.names);
        return;
      case 'text': {
        const raw = frame.buffer.join('');
        if (frame.element === 'T') {
          if (parent?.kind === 'tn') parent.names.push(decodeName(raw));
        } else if (frame.element === 'ToString') {
          if (parent?.kind === 'obj') parent.object.toStringValue = decodeString(raw);
        } else {
          deliver(frame.name, primitive(frame.element, raw, fail));
        }
        return;
      }
      default:
        return;
    }
  });

  try {
    parser.write(xml).close();
  } catch (error) {
    if (failure) throw failure;
    throw new ClixmlError(`it could not be read as XML (${(error as Error).message})`, { cause: error });
  }
  return done.values ?? fail('it ends before its <Objs> element is closed');
}

function attribute(tag: SaxesTagPlain, name: string): string | null {
  const value = tag.attributes[name];
  return typeof value === 'string' ? value : null;
}

function setTypeNames(object: PsObject, names: readonly string[]): void {
  object.deserialized = names.some((name) => name.startsWith('Deserialized.'));
  object.typeNames = names.map((name) => name.replace(/^Deserialized\./, ''));
}

function primitive(element: string, raw: string, fail: (message: string) => never): PsValue {
  if (element === 'B') {
    const value = raw.trim().toLowerCase();
    if (value === 'true') return true;
    if (value === 'false') return false;
    return fail(`a <B> holds "${raw.slice(0, 20)}", not true or false`);
  }
  if (INTEGERS.has(element)) {
    const value = raw.trim();
    if (!/^-?\d{1,20}$/.test(value)) return fail(`an <${element}> holds "${value.slice(0, 20)}", not an integer`);
    const big = BigInt(value);
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  }
  if (element === 'C') {
    const code = Number.parseInt(raw.trim(), 10);
    return Number.isInteger(code) && code >= 0 && code <= 0xffff ? String.fromCharCode(code) : null;
  }
  return decodeString(raw);
}

/**
 * Export-Clixml writes characters XML cannot carry (control characters, CR/LF in ToString) as _xHHHH_, and an
 * underscore that would read as such an escape as _x005F_ (MS-PSRP §2.2.5.1.1).
 */
function decodeString(raw: string): string {
  return raw.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

function decodeName(raw: string): string {
  return decodeString(raw.trim());
}
