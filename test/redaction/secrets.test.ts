import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { valuesOf } from "./find-values.js";

describe("secret recognisers", () => {
  it("finds vendor tokens by prefix", () => {
    const tokens = [
      "sk-proj-abcdefghijklmnopqrstuvwxyz123456",
      "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123",
      "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
      "xoxb-123456789012-1234567890123-abcdefghijklmnopqrstuvwx",
      "AKIAIOSFODNN7EXAMPLE",
      "sk_live_abcdefghijklmnop12345678",
      "AIzaSyA1234567890abcdefghijklmnopqrstuv",
    ];
    assert.deepEqual(valuesOf(tokens.join(" and "), "SECRET"), tokens);
  });

  it("finds JWTs", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    assert.deepEqual(valuesOf(`Authorization: Bearer ${jwt}`, "SECRET"), [jwt]);
  });

  it("redacts only the value of key assignments", () => {
    const text = 'api_key = "abcd1234efgh"\nOPENAI_API_KEY=my-own-key-42\n"password": "hunter2hunter2"\nclient_secret: s3cr3t-value';
    assert.deepEqual(valuesOf(text, "SECRET"), ["abcd1234efgh", "my-own-key-42", "hunter2hunter2", "s3cr3t-value"]);
  });

  it("finds passwords in prose only when they look like one", () => {
    assert.deepEqual(valuesOf("my password is Tr0ub4dor&3. The token is expired.", "SECRET"), ["Tr0ub4dor&3"]);
  });

  it("keeps references, placeholders and settings that are not secrets", () => {
    const text = "api_key=${OPENAI_API_KEY}\napiKey: config.openai.key\npassword: <redacted>\nmax_tokens: 4096\ntoken_count=1234\ntokenizer: cl100k_base";
    assert.deepEqual(valuesOf(text, "SECRET"), []);
  });

  it("finds AWS secret keys near an access key id but not git SHAs", () => {
    const text = "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\ncommit a94a8fe5ccb19ba61c4c0873d391e987982fbbd3";
    assert.deepEqual(valuesOf(text, "SECRET"), ["AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"]);
  });

  it("finds passwords in connection strings and Basic auth", () => {
    const text = "postgres://app:pa55word!@db.internal:5432/prod\nAuthorization: Basic YWRtaW46c2VjcmV0cGFzcw==";
    assert.deepEqual(valuesOf(text, "SECRET"), ["pa55word!", "YWRtaW46c2VjcmV0cGFzcw=="]);
  });

  it("redacts whole PEM private keys, also JSON-escaped or cut off", () => {
    const pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAx4\nbase64base64==\n-----END RSA PRIVATE KEY-----";
    assert.deepEqual(valuesOf(`key:\n${pem}\nafter`, "SECRET"), [pem]);
    const escaped = "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0B\\n-----END PRIVATE KEY-----";
    assert.deepEqual(valuesOf(`{"private_key": "${escaped}"}`, "SECRET"), [escaped]);
    const cut = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oqmw\nLmkq2VcqoAoGCCqGSM49";
    assert.deepEqual(valuesOf(`${cut}\n(truncated)`, "SECRET"), [cut]);
  });

  it("keeps UUIDs, hashes and words that contain a prefix", () => {
    const text = "request 123e4567-e89b-12d3-a456-426614174000, sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08, task-1234567890abcdefghijklmn";
    assert.deepEqual(valuesOf(text, "SECRET"), []);
  });
});
