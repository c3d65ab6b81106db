/**
 * Builds `a(?:lpha|nt)|b(?:eta)` from ["alpha", "ant", "beta"]. V8 tries the alternatives of a
 * flat alternation one by one at every position; grouped by first letter it dispatches on one
 * character, which makes long cue lists (names, dates of birth, ids) about twice as fast.
 * Each phrase is a regex fragment that must start with a literal letter, digit or space; order
 * within a letter is kept, so list longer phrases before their prefixes.
 */
export function keywordPattern(phrases: readonly string[], caseInsensitive = true): string {
  const groups = new Map<string, string[]>();
  for (const phrase of phrases) {
    const first = phrase[0];
    if (first === undefined || !/[\p{L}\d ]/u.test(first)) throw new Error(`cue must start with a literal: ${phrase}`);
    const key = caseInsensitive ? first.toLowerCase() : first;
    const rest = groups.get(key) ?? [];
    rest.push(phrase.slice(1));
    groups.set(key, rest);
  }
  const alternatives: string[] = [];
  for (const [first, rests] of groups) {
    alternatives.push(rests.length === 1 ? `${first}${rests[0] ?? ""}` : `${first}(?:${rests.join("|")})`);
  }
  return `(?:${alternatives.join("|")})`;
}
