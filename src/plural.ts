// Singular or plural, said one way everywhere: "1 finding", "2 servers", "1 mailbox", "3 mailboxes". Reporters,
// messages and the checks' templates (`{{count|server|servers}}`, see checks/api.ts) all count through here, so no
// text reads "1 finding(s)".

/** The word for `count` things: `one` when the count is exactly 1, `other` (default: `one` + "s") otherwise. */
export function plural(count: number, one: string, other = `${one}s`): string {
  return count === 1 ? one : other;
}

/** The count and its word: "1 server", "2 servers", "0 mailboxes". */
export function countOf(count: number, one: string, other?: string): string {
  return `${count} ${plural(count, one, other)}`;
}
