import { hash32, prng } from "./sim-text.js";

/** A deterministic unit vector for a text: equal texts embed equally, others almost orthogonally. */
export function simulatedEmbedding(text: string, dimensions: number): Float32Array {
  const random = prng(hash32(text));
  const v = new Float32Array(dimensions);
  let norm = 0;
  for (let i = 0; i < dimensions; i++) {
    // Sum of uniforms: roughly Gaussian, so directions spread evenly over the sphere.
    const x = random() + random() + random() - 1.5;
    v[i] = x;
    norm += x * x;
  }
  const scale = 1 / Math.sqrt(norm || 1);
  for (let i = 0; i < dimensions; i++) v[i] = (v[i] as number) * scale;
  return v;
}

/** OpenAI's `encoding_format: "base64"`: little-endian float32 bytes, base64-encoded. */
export function toBase64(v: Float32Array): string {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64");
}
