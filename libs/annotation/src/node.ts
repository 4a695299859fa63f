/**
 * Node-only entry of @prefdissect/annotation: the OpenAI-compatible client with retries (chat and
 * completions, with log-probabilities on request), the durable JSONL cache and the call executor
 * that other collectors reuse, live and Batch API runs, reading pairs files, and the loopback server.
 */
export { annotateToDirectory, type AnnotateOptions, type AnnotateSummary } from "./node/annotate-directory.js";
export { AnnotationCache, CacheRecordSchema, type CacheRecord, type OkRecord, type FailedRecord, type CacheOpenReport } from "./node/annotation-cache.js";
export { cacheKey, canonicalJson } from "./node/cache-key.js";
export {
  ChatClient,
  CallFailedError,
  FatalClientError,
  checkServerUrl,
  type ChatClientOptions,
  type ChatCompletionResult,
  type FailedAttempt,
} from "./node/chat-client.js";
export { FailureTally } from "./node/failure-tally.js";
export { clientFor, type ServerRunOptions } from "./node/run-options.js";
export { DEFAULT_RETRY, backoffDelay, retryAfterMs, retryDelay, isRetryableStatus, type RetrySettings } from "./node/retry-policy.js";
export { createLimiter } from "./node/limiter.js";
export { createCallExecutor, cachedAnswer, emptyStats, type CallStats, type CallOwner } from "./node/call-executor.js";
export { runBatchStages, type BatchOptions } from "./node/batch-runner.js";
export { readPairsFile } from "./node/read-pairs.js";
export {
  startMockServer,
  LOOPBACK_OWNER,
  type MockServer,
  type MockServerOptions,
  type ChatRequestInfo,
  type MockEndpoint,
  type MockRequest,
  type MockResponder,
} from "./node/mock-server/mock-server.js";
export { imitateTokens, type ScriptedAnswer } from "./node/mock-server/answer-shapes.js";
export { parseFaultList, type MockFault, type MockFaultKind } from "./node/mock-server/faults.js";
export { mockAnswer, plainAnswer } from "./node/mock-server/mock-answers.js";
