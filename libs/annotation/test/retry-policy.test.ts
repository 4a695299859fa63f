import { describe, expect, it } from "vitest";
import { backoffDelay, retryAfterMs, retryDelay, isRetryableStatus } from "../src/node.js";

const settings = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 3000 };

describe("retry policy", () => {
  it("doubles the delay per retry, caps it, and jitters the upper half", () => {
    expect([0, 1, 2, 3, 4].map((retry) => backoffDelay(retry, settings, 0))).toEqual([50, 100, 200, 400, 500]);
    expect([0, 1, 2, 3, 4].map((retry) => backoffDelay(retry, settings, 0.999999))).toEqual([100, 200, 400, 800, 1000]);
  });

  it("reads Retry-After in seconds, milliseconds and as an HTTP date", () => {
    expect(retryAfterMs(new Headers({ "retry-after": "2" }))).toBe(2000);
    expect(retryAfterMs(new Headers({ "retry-after-ms": "250", "retry-after": "9" }))).toBe(250);
    const now = Date.parse("2024-01-01T00:00:00Z");
    expect(retryAfterMs(new Headers({ "retry-after": "Mon, 01 Jan 2024 00:00:05 GMT" }), now)).toBe(5000);
    expect(retryAfterMs(new Headers({ "retry-after": "soon" }))).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });

  it("prefers the server's wait, bounded, over the backoff", () => {
    expect(retryDelay(0, settings, 0.5, new Headers({ "retry-after": "1" }))).toBe(1000);
    expect(retryDelay(0, settings, 0.5, new Headers({ "retry-after": "60" }))).toBe(3000);
    expect(retryDelay(2, settings, 0.5)).toBe(300);
  });

  it("retries rate limits, conflicts, timeouts and server errors only", () => {
    expect([408, 409, 429, 500, 502, 503].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 422].some(isRetryableStatus)).toBe(false);
  });
});
