/** Deterministic text for the simulated model: the same prompt always gets the same reply. */
const WORDS = (
  "the gateway routes every request to a deployment in its pool and meters each token so that " +
  "platform teams can share capacity fairly between consumers while streams flow back without delay " +
  "a simulated model answers here with text that depends only on the prompt it was given"
).split(" ");

/** FNV-1a: a stable 32-bit seed from a string. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small seeded PRNG, good enough for made-up words and unit vectors. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The reply's words, each with its leading space so that chunks concatenate to the text. */
export function simulatedWords(prompt: string): string[] {
  const random = prng(hash32(prompt));
  const wanted = 12 + Math.floor(random() * 36);
  const opening = ["This", "is", "a", "simulated", "reply:"];
  const words: string[] = [];
  for (let i = 0; i < wanted; i++) {
    const word = i < opening.length ? (opening[i] as string) : (WORDS[Math.floor(random() * WORDS.length)] as string);
    words.push(i === 0 ? word : ` ${word}`);
  }
  words[words.length - 1] += ".";
  return words;
}
