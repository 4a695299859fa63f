/**
 * The chat-completions client: one request per call through the `openai` SDK, against any
 * OpenAI-compatible server (OpenAI, vLLM, llama.cpp, Ollama, the loopback mock).
 *
 * Retries are done here rather than by the SDK (which is created with `maxRetries: 0`): the
 * schedule then follows `retry-policy.ts` exactly, takes its randomness and its clock from the
 * caller, and every attempt is counted in the stored record — which is what makes the fault tests
 * deterministic.
 *
 * Outcomes: a completion; a `CallFailedError` for a call that cannot succeed now (retries used up,
 * a 400 on this input) — recorded and retried by the next run; or a `FatalClientError` when no call
 * can succeed (bad key, unknown model, server unreachable) — the run stops with one message.
 */
import OpenAI from "openai";
import type { CallSpec } from "../plan/calls.js";
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
}

/** This call failed for now (recorded in the cache; a rerun tries again). */
export class CallFailedError extends Error {
  override readonly name = "CallFailedError";
  constructor(
    message: string,
    readonly attempts: number,
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

const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

function causeCode(error: unknown): string | undefined {
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

function mentionsResponseFormat(error: InstanceType<typeof OpenAI.APIError>): boolean {
  return /response_format|json_object|json mode|response format/i.test(`${error.message} ${JSON.stringify(error.error ?? "")}`);
}

export class ChatClient {
  readonly model: string;
  readonly baseURL: string;
  private readonly sdk: OpenAI;
  private readonly timeoutMs: number;
  private readonly retry: RetrySettings;
  private readonly random: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private jsonModeSupported: boolean;
  private everSucceeded = false;

  constructor(options: ChatClientOptions) {
    this.model = options.model;
    this.baseURL = options.baseURL;
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? defaultSleep;
    this.jsonModeSupported = !options.disableJsonMode;
    this.sdk = new OpenAI({ baseURL: options.baseURL, apiKey: options.apiKey, maxRetries: 0, timeout: this.timeoutMs });
  }

  /** The SDK instance (used by the Batch API path for files and batches). */
  get openai(): OpenAI {
    return this.sdk;
  }

  /** The request body for one call (also what a Batch API line carries). */
  requestBody(spec: CallSpec, jsonMode = this.jsonModeSupported): OpenAI.ChatCompletionCreateParamsNonStreaming {
    return {
      model: this.model,
      messages: spec.messages.map((message) => ({ role: message.role, content: message.content })),
      temperature: spec.params.temperature,
      top_p: spec.params.topP,
      seed: spec.params.seed,
      max_tokens: spec.params.maxTokens,
      ...(spec.params.json && jsonMode ? { response_format: { type: "json_object" as const } } : {}),
    };
  }

  /** Sends one call, retrying transient failures. */
  async complete(spec: CallSpec, signal?: AbortSignal): Promise<ChatCompletionResult> {
    let attempts = 0;
    let retries = 0;
    for (;;) {
      const jsonMode = spec.params.json && this.jsonModeSupported;
      attempts += 1;
      let waitHeaders: Headers | undefined;
      let reason: string;
      let connectionFailure = false;
      try {
        const completion = await this.sdk.chat.completions.create(this.requestBody(spec), {
          timeout: this.timeoutMs,
          ...(signal !== undefined ? { signal } : {}),
        });
        this.everSucceeded = true;
        const choice = completion.choices?.[0];
        const text = choice?.message?.content ?? "";
        const usage = completion.usage
          ? { input: completion.usage.prompt_tokens, output: completion.usage.completion_tokens }
          : {
              input: estimateTokens(spec.messages.map((message) => message.content).join("\n")),
              output: estimateTokens(text),
            };
        return { text, finishReason: choice?.finish_reason ?? "unknown", usage, attempts, jsonMode };
      } catch (error) {
        if (error instanceof OpenAI.APIUserAbortError || signal?.aborted) throw error;
        if (error instanceof OpenAI.APIConnectionTimeoutError) {
          reason = `no answer within ${this.timeoutMs} ms`;
        } else if (error instanceof OpenAI.APIConnectionError) {
          const code = causeCode(error);
          if (code !== undefined && !this.everSucceeded) {
            throw new FatalClientError(`cannot reach the server at ${this.baseURL} (${code}); is it running and is the URL right?`);
          }
          reason = `connection failed (${code ?? describeCause(error)})`;
          connectionFailure = true;
        } else if (error instanceof OpenAI.APIError && error.status !== undefined) {
          const status = error.status;
          if (status === 401 || status === 403) {
            throw new FatalClientError(`the server at ${this.baseURL} rejected the API key (HTTP ${status}); check OPENAI_API_KEY or --api-key`);
          }
          if (status === 404) {
            throw new FatalClientError(`the server at ${this.baseURL} does not know model "${this.model}" or the chat-completions endpoint (HTTP 404)`);
          }
          if ((status === 400 || status === 422) && jsonMode && mentionsResponseFormat(error)) {
            // The server does not support JSON output mode: ask again without it, from now on.
            this.jsonModeSupported = false;
            continue;
          }
          if (!isRetryableStatus(status)) {
            throw new CallFailedError(`the server refused the request (HTTP ${status}: ${error.message})`, attempts);
          }
          reason = `HTTP ${status}`;
          waitHeaders = error.headers;
        } else {
          // A body cut off mid-way or a reset socket surfaces as a plain error from fetch/JSON.
          reason = `broken response (${(error as Error).message})`;
        }
      }
      if (retries >= this.retry.maxRetries) {
        if (connectionFailure && !this.everSucceeded) {
          // Nothing has ever got through: every other call would fail the same way.
          throw new FatalClientError(`cannot reach the server at ${this.baseURL} (${reason}); is it running and is the URL right?`);
        }
        throw new CallFailedError(`${reason}; gave up after ${attempts} attempts`, attempts);
      }
      await this.sleep(retryDelay(retries, this.retry, this.random(), waitHeaders), signal);
      retries += 1;
    }
  }
}
