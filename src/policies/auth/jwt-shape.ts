/** Three base64url parts separated by dots (the last may be empty: `alg: none`, which we then refuse). */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** A bearer credential shaped like a JWT goes to the token authenticator, anything else to keys. */
export function looksLikeJwt(value: string): boolean {
  return value.length <= 16_384 && JWT_SHAPE.test(value);
}
