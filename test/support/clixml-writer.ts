// Writes CliXml the way Export-Clixml does (MS-PSRP §2.2.5; the shape of the real captures in
// test/vectors/css-exchange/healthchecker): <Objs>, one <Obj RefId> per object with <TN RefId> the first time a type list occurs
// and <TNRef> after, <ToString>, <Props> for adapted properties and <MS> for note properties (PSCustomObject), <LST>
// for collections. Tests use it for the cmdlets no public capture holds (Get-MailboxDatabase, Get-AuthServer, …).
export type ClixmlNode =
  | { S: string }
  | { I32: number }
  | { I64: number | bigint }
  | { B: boolean }
  | { DT: string }
  | { G: string }
  | { URI: string }
  | { Version: string }
  | { Nil: true }
  | ClixmlObject;

export interface ClixmlObject {
  types: string[];
  shown?: string;
  props?: Record<string, ClixmlNode>;
  /** Note properties, as a PSCustomObject carries its fields. */
  ms?: Record<string, ClixmlNode>;
  list?: ClixmlNode[];
  /** A dictionary, as a SearchResult carries its attributes. */
  dict?: [key: ClixmlNode, value: ClixmlNode][];
  /** The underlying value of an enum. */
  value?: ClixmlNode;
}

export const nil: ClixmlNode = { Nil: true };

export function toClixml(objects: readonly ClixmlObject[], options: { bom?: boolean } = {}): string {
  const state = { nextObject: 0, nextTypes: 0, typeIds: new Map<string, number>() };
  const body = objects.map((object) => node(object, null, state, '  ')).join('');
  return `${options.bom === false ? '' : '\uFEFF'}<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">\n${body}</Objs>`;
}

function node(value: ClixmlNode, name: string | null, state: WriterState, indent: string): string {
  const n = name === null ? '' : ` N="${escapeMarkup(encodeName(name))}"`;
  if ('types' in value) return objectXml(value, n, state, indent);
  if ('Nil' in value) return `${indent}<Nil${n} />\n`;
  const [element, content] = Object.entries(value)[0] as [string, string | number | bigint | boolean];
  return `${indent}<${element}${n}>${escapeMarkup(element === 'S' ? encodeString(String(content)) : String(content))}</${element}>\n`;
}

interface WriterState {
  nextObject: number;
  nextTypes: number;
  typeIds: Map<string, number>;
}

function objectXml(object: ClixmlObject, n: string, state: WriterState, indent: string): string {
  const inner = `${indent}  `;
  let out = `${indent}<Obj${n} RefId="${state.nextObject++}">\n`;
  const key = object.types.join('\n');
  const known = state.typeIds.get(key);
  if (known !== undefined) out += `${inner}<TNRef RefId="${known}" />\n`;
  else {
    const id = state.nextTypes++;
    state.typeIds.set(key, id);
    out += `${inner}<TN RefId="${id}">\n${object.types.map((type) => `${inner}  <T>${escapeMarkup(type)}</T>\n`).join('')}${inner}</TN>\n`;
  }
  if (object.shown !== undefined) out += `${inner}<ToString>${escapeMarkup(encodeString(object.shown))}</ToString>\n`;
  if (object.value !== undefined) out += node(object.value, null, state, inner);
  if (object.list !== undefined) {
    out +=
      object.list.length === 0
        ? `${inner}<LST />\n`
        : `${inner}<LST>\n${object.list.map((item) => node(item, null, state, `${inner}  `)).join('')}${inner}</LST>\n`;
  }
  if (object.dict !== undefined) {
    out += `${inner}<DCT>\n${object.dict
      .map(
        ([key, value]) =>
          `${inner}  <En>\n${node(key, 'Key', state, `${inner}    `)}${node(value, 'Value', state, `${inner}    `)}${inner}  </En>\n`,
      )
      .join('')}${inner}</DCT>\n`;
  }
  for (const [element, members] of [
    ['Props', object.props],
    ['MS', object.ms],
  ] as const) {
    if (!members) continue;
    out += `${inner}<${element}>\n${Object.entries(members)
      .map(([member, value]) => node(value, member, state, `${inner}  `))
      .join('')}${inner}</${element}>\n`;
  }
  return `${out}${indent}</Obj>\n`;
}

function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Characters XML cannot carry, and an underscore that would read as an escape, as _xHHHH_ (MS-PSRP §2.2.5.1.1). */
function encodeString(text: string): string {
  return text.replace(/_(?=x[0-9A-Fa-f]{4}_)|[\u0000-\u0008\u000B\u000C\u000E-\u001F\r\n]/g, (char) =>
    char === '_' ? '_x005F_' : `_x${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
  );
}

function encodeName(text: string): string {
  return encodeString(text).replace(/ /g, '_x0020_');
}
