// Characters that end the literal head of a phrase; what follows is kept as a regex tail.
const META = new Set(["\\", "[", "]", "(", ")", "{", "}", "?", "*", "+", "|", ".", "^", "$"]);

interface TrieNode {
  readonly children: Map<string, TrieNode>;
  /** Regex fragments that complete a phrase here ("" when the phrase ends here). */
  readonly tails: string[];
}

const newNode = (): TrieNode => ({ children: new Map(), tails: [] });

function insert(root: TrieNode, phrase: string, caseInsensitive: boolean): void {
  let node = root;
  let i = 0;
  // A quantifier applies to the character before it, so that character stays in the tail.
  while (i < phrase.length && !META.has(phrase[i] ?? "") && !"?*+{".includes(phrase[i + 1] ?? "x")) {
    const ch = caseInsensitive ? (phrase[i] ?? "").toLowerCase() : (phrase[i] ?? "");
    let child = node.children.get(ch);
    if (child === undefined) {
      child = newNode();
      node.children.set(ch, child);
    }
    node = child;
    i++;
  }
  node.tails.push(phrase.slice(i));
}

function emit(node: TrieNode): string {
  // Longer phrases (children) before the ones ending here, so "contact person" wins over "contact".
  const alternatives = [...node.children].map(([ch, child]) => ch + emit(child));
  alternatives.push(...node.tails);
  if (alternatives.length === 1) return alternatives[0] ?? "";
  return `(?:${alternatives.join("|")})`;
}

/**
 * Builds one alternation from phrases as a trie on their literal heads:
 * ["born(?: on)?", "birth ?date"] → `b(?:orn(?: on)?|irth ?date)`. V8 tries a flat
 * alternation one branch at a time at every position; the trie lets it reject on the first
 * characters, which makes the long cue lists several times cheaper. Phrases are regex fragments
 * whose head is literal text; longer phrases win over their prefixes.
 */
export function keywordPattern(phrases: readonly string[], caseInsensitive = true): string {
  const root = newNode();
  for (const phrase of phrases) {
    if (phrase === "") throw new Error("empty cue phrase");
    insert(root, phrase, caseInsensitive);
  }
  return `(?:${emit(root)})`;
}
