// Subjects named in one sentence: "DB01, DB02, DB03 and 3,988 more". A summary lists at most a few names; every
// subject keeps its own finding (and the JSON report all of them), so nothing is lost, but a summary never grows with
// the size of the organization: 4,000 failing databases once made a 36 KB summary cell that took the table reporter
// a third of a run to wrap. Every check that names subjects in a message uses this.

/** How many names a list shows before "and N more". */
export const SHOWN_SUBJECTS = 10;

/**
 * The names, in the order given, joined with ", "; past `shown` names the rest are counted ("and 3,988 more").
 * A remainder of one is shown instead, since "and 1 more" is no shorter than the name.
 */
export function listSubjects(names: readonly string[], shown = SHOWN_SUBJECTS): string {
  if (names.length <= shown + 1) return names.join(', ');
  const rest = names.length - shown;
  return `${names.slice(0, shown).join(', ')} and ${rest.toLocaleString('en-US')} more`;
}
