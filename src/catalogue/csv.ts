// A small RFC 4180 CSV reader: quoted fields (with "" and line breaks inside), CRLF or LF rows, a byte-order mark
// dropped. Microsoft's build list and IANA's registries are CSV; neither needs more, and a download is hostile input,
// so the reader is bounded (rows, fields, field length) and says where it stopped in one line.

export interface CsvLimits {
  maxRows: number;
  maxFields: number;
  maxFieldLength: number;
}

export class CsvError extends Error {}

const DEFAULT_LIMITS: CsvLimits = { maxRows: 100_000, maxFields: 64, maxFieldLength: 4096 };

/** Every row as its fields; a trailing line break does not make an empty last row. */
export function parseCsv(text: string, limits: CsvLimits = DEFAULT_LIMITS): string[][] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  /** Something of the current row was read: a quoted empty field ("") is a row too. */
  let started = false;
  let line = 1;
  const endField = () => {
    if (row.length >= limits.maxFields) throw new CsvError(`line ${line} has more than ${limits.maxFields} fields`);
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    if (rows.length >= limits.maxRows) throw new CsvError(`more than ${limits.maxRows} rows`);
    rows.push(row);
    row = [];
    started = false;
  };
  for (let i = 0; i < source.length; i++) {
    const char = source[i] as string;
    if (char !== '\n' && char !== '\r') started = true;
    if (quoted) {
      if (char === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === '"') {
      if (field !== '') throw new CsvError(`line ${line}: a quote inside an unquoted field`);
      quoted = true;
    } else if (char === ',') endField();
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i++;
      endRow();
      line++;
    } else field += char;
    if (field.length > limits.maxFieldLength)
      throw new CsvError(`line ${line} has a field longer than ${limits.maxFieldLength} characters`);
  }
  if (quoted) throw new CsvError(`line ${line}: a quoted field is not closed (the text ends inside it)`);
  if (started || row.length > 0) endRow();
  return rows;
}
