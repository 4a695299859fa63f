/**
 * What every run against a server takes (an annotation run, a judge collection): which model
 * where, how hard to push the server, what its tokens cost, how the cache is kept.
 */
import type { ModelPrice } from "../pricing.js";
import { ChatClient, type ChatClientOptions } from "./chat-client.js";
import type { RetrySettings } from "./retry-policy.js";

export interface ServerRunOptions {
  readonly model: string;
  readonly baseURL: string;
  readonly apiKey: string;
  /** Requests in flight at once (default 8). */
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetrySettings>;
  readonly random?: () => number;
  /** Overrides the price table for this model. */
  readonly price?: ModelPrice;
  /** Flush cache lines to disk (default true; see `AnnotationCache`). */
  readonly syncCache?: boolean;
}

/** The client for a run; a base URL carrying credentials is refused here, before anything else. */
export function clientFor(options: ServerRunOptions, extra: Pick<ChatClientOptions, "disableJsonMode"> = {}): ChatClient {
  return new ChatClient({
    baseURL: options.baseURL,
    apiKey: options.apiKey,
    model: options.model,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retry !== undefined ? { retry: options.retry } : {}),
    ...(options.random !== undefined ? { random: options.random } : {}),
    ...extra,
  });
}
