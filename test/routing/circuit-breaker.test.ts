import { test } from "node:test";
import assert from "node:assert/strict";
import { CircuitBreaker } from "../../src/routing/circuit-breaker.js";

const settings = { failures: 3, windowMs: 1000, cooldownMs: 500 };

test("failures spread wider than the window do not open the circuit", () => {
  const b = new CircuitBreaker();
  b.failed(0, settings);
  b.failed(600, settings);
  b.failed(1200, settings); // the first has left the window
  assert.equal(b.state(1200), "closed");
  b.failed(1300, settings);
  assert.equal(b.state(1300), "open");
});

test("open → half-open after the cool-down → one probe at a time → closed on success", () => {
  const b = new CircuitBreaker();
  for (const at of [0, 10, 20]) b.failed(at, settings);
  assert.equal(b.acquire(100), false);
  assert.equal(b.waitMs(100), 420);
  assert.equal(b.state(520), "half-open");
  assert.equal(b.acquire(520), true);
  assert.equal(b.acquire(521), false, "a second request must not probe while the first is out");
  b.succeeded();
  assert.equal(b.state(530), "closed");
  assert.equal(b.acquire(530), true);
  assert.equal(b.acquire(530), true);
});

test("a failed probe opens the circuit for another cool-down; a released one frees the probe", () => {
  const b = new CircuitBreaker();
  for (const at of [0, 10, 20]) b.failed(at, settings);
  assert.equal(b.acquire(600), true);
  b.released();
  assert.equal(b.acquire(601), true);
  b.failed(700, settings);
  assert.equal(b.state(1100), "open");
  assert.equal(b.state(1200), "half-open");
});
