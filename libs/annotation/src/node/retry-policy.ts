/**
 * When and how long to wait before retrying a request. Kept apart from the HTTP client so the
 * schedule is a pure function of (attempt, error, random number) and can be tested exactly.
 *
 * Retried: 429 (waiting what Retry-After / retry-after-ms asks, when given), 408, 409, every 5xx,
 * timeouts, dropped or refused connections and response bodies cut off mid-way. Everything else
 * (400 bad request, 401/403 key problems, 404 unknown model) is final.
 */

export interface RetrySettings {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** Delay before the first retry; doubles with every further retry. */
  readonly baseDelayMs: number;
  /** Upper bound of the exponential delay. */
  readonly maxDelayMs: number;
  /** Upper bound on a server-requested Retry-After wait. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetrySettings = {
  maxRetries: 6,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 120_000,
};

/**
 * Exponential backoff with "equal jitter": half of the capped exponential delay is fixed, the
 * other half random, so retries from many concurrent calls spread out but never fire at once.
 * @param retry 0 for the first retry.
 * @param random a number in [0, 1).
 */
export function backoffDelay(retry: number, settings: RetrySettings, random: number): number {
  const capped = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** retry);
  return Math.round(capped / 2 + (capped / 2) * random);
}

/**
 * Milliseconds a server asked us to wait, from `retry-after-ms` or `retry-after` (seconds or an
 * HTTP date); `undefined` when absent or unreadable.
 */
export function retryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  if (headers === undefined) return undefined;
  const milliseconds = headers.get("retry-after-ms");
  if (milliseconds !== null && /^\d+(\.\d+)?$/.test(milliseconds.trim())) return Number(milliseconds);
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Whether an HTTP status is worth retrying. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Delay before retry number `retry` (0-based) after a failure that carried `headers`. */
export function retryDelay(retry: number, settings: RetrySettings, random: number, headers?: Headers): number {
  const requested = retryAfterMs(headers);
  if (requested !== undefined) return Math.min(requested, settings.maxRetryAfterMs);
  return backoffDelay(retry, settings, random);
}
