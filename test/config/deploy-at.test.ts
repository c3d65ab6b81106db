import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDeployAt } from "../../src/config/deploy-at.js";

test("accepts the deployAt form our users write, ISO 8601 and plain dates", () => {
  const midnight = Date.UTC(2024, 6, 2);
  assert.equal(parseDeployAt("2024-07-02T00:00:0000"), midnight);
  assert.equal(parseDeployAt("2024-07-02T00:00:00Z"), midnight);
  assert.equal(parseDeployAt("2024-07-02T00:00:00.000Z"), midnight);
  assert.equal(parseDeployAt("2024-07-02"), midnight);
  assert.equal(parseDeployAt("2024-07-02T02:00:00+02:00"), midnight);
  assert.equal(parseDeployAt("2024-07-02T02:00:00+0200"), midnight);
  assert.equal(parseDeployAt("2024-07-02T00:00:0050"), midnight + 500);
});

test("rejects what is not a date", () => {
  for (const bad of ["", "soon", "2024-13-01", "2024-02-31", "2024-07-02T25:00:00Z", "02/07/2024"]) {
    assert.equal(parseDeployAt(bad), undefined, bad);
  }
});
