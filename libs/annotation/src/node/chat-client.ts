/**
 * The client for OpenAI-compatible servers (OpenAI, vLLM, llama.cpp, Ollama, the loopback mock):
 * one request per call through the `openai` SDK, to chat completions or, for a call whose
 * `params.endpoint` is "completions", to the completions endpoint with a raw prompt. A call that
 * asks for `topLogprobs` gets the first generated token's top-k list back, read from either
 * endpoint's response shape.
 *
 * Retries are done here rather than by the SDK (which is created with `maxRetries: 0`): the
 * schedule then follows `retry-policy.ts` exactly, takes its randomness and its clock from the
 * caller, and every attempt is counted in the stored record — which is what makes the fault tests
 * deterministic.
 *
 * Outcomes: a completion; a `CallFailedError` for a call that cannot succeed now (retries used up,
 * a 400 on this input) — recorded and retried by the next run; or a `FatalClientError` when no call
 * can succeed (bad key, unknown model, connection refused or unknown host) — the run stops with one
 * message. Every failed request is also reported to the caller by kind, so a run whose requests
 * all fail can say how they failed.
 *
 * No credential leaves this class in a message: the server URL is shown redacted, a URL with a
 * user name or password is refused before anything is sent, and the key and query values are
 * scrubbed from any error text a server or the network layer produced.
 */
import OpenAI from "openai";
import { PrefDissectError, redactUrl } from "@prefdissect/shared";
import type { AnyCallSpec, TokenLogprob } from "../plan/calls.js";
import { estimateTokens, type TokenUsage } from "../pricing.js";
import { DEFAULT_RETRY, isRetryableStatus, retryDelay, type RetrySettings } from "./retry-policy.js";

export interface ChatClientOptions {
  readonly baseURL: string;
  readonly apiKey: string;
  readonly model: string;
  /** Per-request timeout (default 120 s). */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetrySettings>;
  /** Source of jitter in [0, 1) (default Math.random; tests pass a seeded stream). */
  readonly random?: () => number;
  /** Waits `ms` (default a timer); tests may record or shorten waits. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Start without JSON mode (for servers known to reject `response_format`). */
  readonly disableJsonMode?: boolean;
}

/** The answer to one call. */
export interface ChatCompletionResult {
  readonly text: string;
  readonly finishReason: string;
  readonly usage: TokenUsage;
  /** Requests sent, including the successful one. */
  readonly attempts: number;
  /** Whether JSON output mode was requested in the successful request. */
  readonly jsonMode: boolean;
  /** The first generated token's alternatives, most likely first, when the call asked for them. */
  readonly topLogprobs?: TokenLogprob[];
}

/** One request that brought no answer: `kind` is a short label to count by, `reason` says more. */
export interface FailedAttempt {
  /** "HTTP 503", "truncated body", "connection dropped", "timeout", … */
  readonly kind: string;
  readonly reason: string;
}

/** This call failed for now (recorded in the cache; a rerun tries again). */
export class CallFailedError extends Error {
  override readonly name = "CallFailedError";
  constructor(
    message: string,
    readonly attempts: number,
    /** True when every retry was used up on transient failures (false for a request refused outright). */
    readonly retriesUsedUp = false,
  ) {
    super(message);
  }
}

/** No call can succeed with this server and settings: the run stops. */
export class FatalClientError extends Error {
  override readonly name = "FatalClientError";
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Codes meaning the server cannot be reached at all (refused, unknown host), with their tally label. */
const UNREACHABLE_CODES: ReadonlyMap<string, string> = new Map([
  ["ECONNREFUSED", "connection refused"],
  ["ENOTFOUND", "unknown host"],
  ["EAI_AGAIN", "unknown host"],
  ["EHOSTUNREACH", "host unreachable"],
  ["ENETUNREACH", "host unreachable"],
]);

function unreachableCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === "object"; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && UNREACHABLE_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The innermost message of an error chain ("bad port", "other side closed", …). */
function describeCause(error: unknown): string {
  let current: unknown = error;
  let message = (error as Error).message;
  for (let depth = 0; depth < 5 && current !== null && typeof current === "object"; depth += 1) {
    if (typeof (current as Error).message === "string" && (current as Error).message !== "") message = (current as Error).message;
    current = (current as { cause?: unknown }).cause;
  }
  return message;
}

/**
 * Checks a server base URL before anything is sent: it must be http(s), and it must not carry a
 * user name or password (fetch refuses such URLs, and a key there would end up in messages and
 * shell history). `source` names where the URL came from in the error ("--base-url").
 * @returns the parsed URL.
 */
export function checkServerUrl(url: string, source = "the server URL"): URL {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || !/^https?:$/.test(parsed.protocol)) {
    throw new PrefDissectError("bad-base-url", `${source} must be an http(s) URL such as http://127.0.0.1:8787/v1, got "${redactUrl(url)}"`, { field: source });
  }
  if (parsed.username !== "" || parsed.password !== "") {
    throw new PrefDissectError(
      "bad-base-url",
      `${source} carries a user name or password (${redactUrl(url)}); leave credentials out of the URL and pass the key in OPENAI_API_KEY or --api-key`,
      { field: source },
    );
  }
  return parsed;
}

/** Shorter strings are not treated as secrets: scrubbing "none" or "k" from messages would mangle them. */
const MIN_SECRET_LENGTH = 8;

function mentionsResponseFormat(error: InstanceType<typeof OpenAI.APIError>): boolean {
  return /response_format|json_object|json mode|response format/i.test(`${error.message} ${JSON.stringify(error.error ?? "")}`);
}

/** "chat-completions" or "completions", for messages. */
function endpointName(spec: AnyCallSpec): string {
  return spec.params.endpoint === "completions" ? "completions" : "chat-completions";
}

/**
 * Most likely first, entries without a usable number dropped. Two entries with the same text (two
 * token ids that decode alike) are both kept: they are different tokens.
 */
function ranked(entries: readonly TokenLogprob[]): TokenLogprob[] {
  return entries.filter((entry) => typeof entry.logprob === "number" && !Number.isNaN(entry.logprob)).sort((a, b) => b.logprob - a.logprob);
}

/**
 * The first token's alternatives in a chat answer: `logprobs.content[0].top_logprobs`, or the
 * sampled token alone when the list is empty; `undefined` when the answer has no log-probabilities.
 */
function chatFirstToken(logprobs: OpenAI.ChatCompletion.Choice["logprobs"] | undefined): TokenLogprob[] | undefined {
  const first = logprobs?.content?.[0];
  if (first === undefined) return undefined;
  const top = (first.top_logprobs ?? []).map(({ token, logprob }) => ({ token, logprob }));
  return ranked(top.length > 0 ? top : [{ token: first.token, logprob: first.logprob }]);
}

/**
 * The first token's alternatives in a completions answer: `logprobs.top_logprobs[0]` (token →
 * log-probability), or the sampled token alone; `undefined` without log-probabilities.
 */
function completionsFirstToken(logprobs: OpenAI.CompletionChoice["logprobs"] | undefined): TokenLogprob[] | undefined {
  const top = logprobs?.top_logprobs?.[0];
  if (top !== undefined && top !== null && Object.keys(top).length > 0) {
    return ranked(Object.entries(top).map(([token, logprob]) => ({ token, logprob })));
  }
  const token = logprobs?.tokens?.[0];
  const logprob = logprobs?.token_logprobs?.[0];
  return token !== undefined && typeof logprob === "number" ? [{ token, logprob }] : undefined;
}

export class ChatClient {
  readonly model: string;
  /** The server URL as it may be shown: without query string (see `redactUrl`). */
  readonly baseURL: string;
  private readonly rawBaseURL: string;
  /** The key and the URL's query values, scrubbed from every message. */
  private readonly secrets: readonly string[];
  private readonly sdk: OpenAI;
  private readonly timeoutMs: number;
  private readonly retry: RetrySettings;
  private readonly random: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private jsonModeSupported: boolean;
  private everSucceeded = false;
  private everGotLogprobs = false;

  constructor(options: ChatClientOptions) {
    const url = checkServerUrl(options.baseURL);
    this.model = options.model;
    this.rawBaseURL = options.baseURL;
    this.baseURL = redactUrl(options.baseURL);
    const queryValues = [...url.searchParams.values()];
    this.secrets = [options.apiKey, ...queryValues]
      .filter((secret) => secret.length >= MIN_SECRET_LENGTH)
      .flatMap((secret) => [secret, encodeURIComponent(secret)]);
    // Query parameters (an api-version, a key some proxies want) go with every request; left in
    // the base URL, the SDK would append the endpoint path after them.
    const defaultQuery = Object.fromEntries(url.searchParams);
    const hasExtras = url.search !== "" || url.hash !== "";
    url.search = "";
    url.hash = "";
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? defaultSleep;
    this.jsonModeSupported = !options.disableJsonMode;
    this.sdk = new OpenAI({
      baseURL: hasExtras ? url.toString() : options.baseURL,
      apiKey: options.apiKey,
      maxRetries: 0,
      timeout: this.timeoutMs,
      ...(queryValues.length > 0 ? { defaultQuery } : {}),
    });
  }

  /** `text` with the server URL redacted and the key and query values replaced by "***". */
  scrub(text: string): string {
    let clean = text.split(this.rawBaseURL).join(this.baseURL);
    for (const secret of this.secrets) clean = clean.split(secret).join("***");
    return clean;
  }

  /** The SDK instance (used by the Batch API path for files and batches). */
  get openai(): OpenAI {
    return this.sdk;
  }

  /** The chat-completions request body for one call (also what a Batch API line carries). */
  requestBody(spec: AnyCallSpec, jsonMode = this.jsonModeSupported): OpenAI.ChatCompletionCreateParamsNonStreaming {
    const k = spec.params.topLogprobs;
    return {
      model: this.model,
      messages: spec.messages.map((message) => ({ role: message.role, content: message.content })),
      temperature: spec.params.temperature,
      top_p: spec.params.topP,
      seed: spec.params.seed,
      max_tokens: spec.params.maxTokens,
      ...(spec.params.json && jsonMode ? { response_format: { type: "json_object" as const } } : {}),
      ...(k !== undefined ? { logprobs: true, top_logprobs: k } : {}),
    };
  }

  /** The completions request body for a call with a raw prompt. */
  completionsBody(spec: AnyCallSpec): OpenAI.CompletionCreateParamsNonStreaming {
    if (spec.prompt === undefined) throw new Error(`call ${spec.promptId} has no raw prompt for the completions endpoint`);
    const k = spec.params.topLogprobs;
    return {
      model: this.model,
      prompt: spec.prompt,
      temperature: spec.params.temperature,
      top_p: spec.params.topP,
      seed: spec.params.seed,
      max_tokens: spec.params.maxTokens,
      ...(k !== undefined ? { logprobs: k } : {}),
    };
  }

  /** Sends one request of `spec` to its endpoint; the answer in one shape for both. */
  private async send(spec: AnyCallSpec, signal: AbortSignal | undefined): Promise<Omit<ChatCompletionResult, "attempts" | "jsonMode">> {
    const options = { timeout: this.timeoutMs, ...(signal !== undefined ? { signal } : {}) };
    let text: string;
    let finishReason: string | undefined;
    let usage: OpenAI.CompletionUsage | undefined;
    let topLogprobs: TokenLogprob[] | undefined;
    if (spec.params.endpoint === "completions") {
      const completion = await this.sdk.completions.create(this.completionsBody(spec), options);
      const choice = completion.choices?.[0];
      text = choice?.text ?? "";
      finishReason = choice?.finish_reason;
      usage = completion.usage;
      topLogprobs = completionsFirstToken(choice?.logprobs);
    } else {
      const completion = await this.sdk.chat.completions.create(this.requestBody(spec), options);
      const choice = completion.choices?.[0];
      text = choice?.message?.content ?? "";
      finishReason = choice?.finish_reason;
      usage = completion.usage;
      topLogprobs = chatFirstToken(choice?.logprobs);
    }
    const input = spec.params.endpoint === "completions" ? (spec.prompt ?? "") : spec.messages.map((message) => message.content).join("\n");
    return {
      text,
      finishReason: finishReason ?? "unknown",
      usage: usage ? { input: usage.prompt_tokens, output: usage.completion_tokens } : { input: estimateTokens(input), output: estimateTokens(text) },
      ...(spec.params.topLogprobs !== undefined && topLogprobs !== undefined ? { topLogprobs } : {}),
    };
  }

  /**
   * Sends one call, retrying transient failures.
   * @param onFailedAttempt told about every request that brought no answer (for a `FailureTally`).
   */
  async complete(spec: AnyCallSpec, signal?: AbortSignal, onFailedAttempt?: (failure: FailedAttempt) => void): Promise<ChatCompletionResult> {
    let attempts = 0;
    let retries = 0;
    for (;;) {
      const jsonMode = spec.params.json && this.jsonModeSupported;
      attempts += 1;
      let waitHeaders: Headers | undefined;
      let failure: FailedAttempt;
      try {
        const answer = await this.send(spec, signal);
        this.everSucceeded = true;
        if (spec.params.topLogprobs !== undefined && answer.topLogprobs === undefined) {
          if (!this.everGotLogprobs) {
            // Every other call would come back the same way: say so once and stop.
            throw new FatalClientError(
              `the server at ${this.baseURL} answered without log-probabilities (model "${this.model}", ${endpointName(spec)}); it may not return them for this model or endpoint (pass --no-logprobs to read a sampled answer instead)`,
            );
          }
          const reason = "the answer came without log-probabilities";
          onFailedAttempt?.({ kind: "no log-probabilities", reason });
          throw new CallFailedError(reason, attempts);
        }
        if (answer.topLogprobs !== undefined) this.everGotLogprobs = true;
        return { ...answer, attempts, jsonMode };
      } catch (error) {
        if (error instanceof FatalClientError || error instanceof CallFailedError) throw error;
        if (error instanceof OpenAI.APIUserAbortError || signal?.aborted) throw error;
        if (error instanceof OpenAI.APIConnectionTimeoutError) {
          failure = { kind: "timeout", reason: `no answer within ${this.timeoutMs} ms` };
        } else if (error instanceof OpenAI.APIConnectionError) {
          const code = unreachableCode(error);
          if (code !== undefined && !this.everSucceeded) {
            throw new FatalClientError(`cannot reach the server at ${this.baseURL} (${code}); is it running and is the URL right?`);
          }
          failure =
            code !== undefined
              ? { kind: UNREACHABLE_CODES.get(code)!, reason: `connection failed (${code})` }
              : { kind: "connection dropped", reason: `connection failed (${this.scrub(describeCause(error))})` };
        } else if (error instanceof OpenAI.APIError && error.status !== undefined) {
          const status = error.status;
          if (status === 401 || status === 403) {
            throw new FatalClientError(`the server at ${this.baseURL} rejected the API key (HTTP ${status}); check OPENAI_API_KEY or --api-key`);
          }
          if (status === 404) {
            throw new FatalClientError(`the server at ${this.baseURL} does not know model "${this.model}" or the ${endpointName(spec)} endpoint (HTTP 404)`);
          }
          if ((status === 400 || status === 422) && jsonMode && mentionsResponseFormat(error)) {
            // The server does not support JSON output mode: ask again without it, from now on.
            this.jsonModeSupported = false;
            continue;
          }
          if (!isRetryableStatus(status)) {
            const reason = `the server refused the request (HTTP ${status}: ${this.scrub(error.message)})`;
            onFailedAttempt?.({ kind: `HTTP ${status}`, reason });
            throw new CallFailedError(reason, attempts);
          }
          failure = { kind: `HTTP ${status}`, reason: `HTTP ${status}` };
          waitHeaders = error.headers;
        } else {
          // A body cut off mid-way or a socket reset while reading it surfaces as a plain error
          // from fetch; a body that arrived whole but is not JSON as a SyntaxError.
          const message = this.scrub((error as Error).message);
          failure =
            error instanceof SyntaxError
              ? { kind: "unreadable body", reason: `unreadable response (${message})` }
              : { kind: "truncated body", reason: `broken response (${message})` };
        }
      }
      onFailedAttempt?.(failure);
      if (retries >= this.retry.maxRetries) {
        throw new CallFailedError(`${failure.reason}; gave up after ${attempts} attempts`, attempts, true);
      }
      await this.sleep(retryDelay(retries, this.retry, this.random(), waitHeaders), signal);
      retries += 1;
    }
  }
}
