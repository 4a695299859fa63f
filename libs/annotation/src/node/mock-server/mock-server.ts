/**
 * A loopback HTTP server speaking the parts of the OpenAI API the annotator and the judge
 * collector use: `POST /v1/chat/completions`, `POST /v1/completions` (both with log-probabilities
 * on request), `GET /v1/models`, and for the Batch API `POST /v1/files`,
 * `GET /v1/files/{id}[/content]`, `POST /v1/batches`, `GET /v1/batches/{id}`.
 *
 * Answers come from a scripted `responder` when one is given and it knows the request (a scripted
 * judge), else from `mock-answers.ts` (the annotation prompts, and a plain answer to any other chat
 * request, e.g. a benchmark question); response bodies are built by `answer-shapes.ts`. Faults
 * are scripted per request (a FIFO queue, or a rule looking at each request). It listens on 127.0.0.1 only, refuses bodies over `maxBodyBytes`, caps
 * connections, and ends hung requests after `hangLimitMs`, so a forgotten server cannot grow
 * without bound. Used by the tests and by `pd mock-server`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { estimateTokens } from "../../pricing.js";
import type { PromptId } from "../../prompts/catalog.js";
import { mockAnswer, plainAnswer, promptIdOfSystemMessage } from "./mock-answers.js";
import { chatCompletionBody, fillerTokens, textCompletionBody, type ScriptedAnswer } from "./answer-shapes.js";
import type { MockFault } from "./faults.js";

/** The owner `GET /v1/models` names, so a client can tell it is talking to this server. */
export const LOOPBACK_OWNER = "prefdissect-loopback";

/** What a scripted responder sees of a request. */
export interface MockRequest {
  readonly endpoint: MockEndpoint;
  /** The raw prompt of a completions request ("" for chat). */
  readonly prompt: string;
  /** The system and user messages of a chat request ("" for completions). */
  readonly system: string;
  readonly user: string;
}

export type MockEndpoint = "chat" | "completions";

/** Answers the requests it knows (returns `undefined` for the others). */
export type MockResponder = (request: MockRequest) => ScriptedAnswer | undefined;

export interface MockServerOptions {
  /** Port to listen on (0 = any free port). */
  readonly port?: number;
  /** When set, requests must carry `Authorization: Bearer <apiKey>` (else 401). */
  readonly apiKey?: string;
  /** Delay before every answer. */
  readonly latencyMs?: number;
  /** Reject `response_format` on every request, like servers without JSON mode. */
  readonly rejectJsonMode?: boolean;
  /** Answers requests before the annotation prompts' answers are tried (a scripted judge). */
  readonly responder?: MockResponder;
  /** Faults applied to the first chat or completions requests, in order. */
  readonly faults?: readonly MockFault[];
  /** A fault for a given request (checked after the queue is empty). */
  readonly faultFor?: (request: ChatRequestInfo) => MockFault | undefined;
  /** How many `GET /v1/batches/{id}` polls report `in_progress` before `completed` (default 1). */
  readonly batchPollsBeforeDone?: number;
  /**
   * Hold every chat request (before answering) until `releaseHeld()` is called, so a test can
   * see exactly how many requests a client has open at once without depending on timing.
   */
  readonly holdRequests?: boolean;
  readonly maxBodyBytes?: number;
  readonly hangLimitMs?: number;
  readonly maxConnections?: number;
}

/** What the server saw of one chat or completions request (never the Authorization header). */
export interface ChatRequestInfo {
  /** 0-based count of chat and completions requests received so far. */
  readonly index: number;
  readonly endpoint: MockEndpoint;
  readonly promptId: PromptId | undefined;
  readonly body: Record<string, unknown>;
  readonly fault: MockFault["kind"] | undefined;
}

export interface MockServer {
  /** Base URL to give the client, ending in `/v1`. */
  readonly url: string;
  readonly port: number;
  /** Every chat and completions request received, in order. */
  readonly requests: ChatRequestInfo[];
  /** Ids of the batches created so far. */
  readonly batchIds: string[];
  /** Chat requests being answered right now, and the most there ever were at once. */
  readonly load: { inFlight: number; maxInFlight: number };
  /** Appends faults to the queue. */
  enqueueFaults(...faults: MockFault[]): void;
  /** With `holdRequests`: resolves once `count` requests are being held at the same time. */
  whenHeld(count: number): Promise<void>;
  /** With `holdRequests`: answers the held requests and stops holding new ones. */
  releaseHeld(): void;
  close(): Promise<void>;
}

interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  bytes: Buffer;
  createdAt: number;
}

interface StoredBatch {
  id: string;
  inputFileId: string;
  endpoint: string;
  completionWindow: string;
  createdAt: number;
  polls: number;
  outputFileId?: string;
  errorFileId?: string;
  counts: { total: number; completed: number; failed: number };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

function errorBody(message: string, type: string, param: string | null = null) {
  return { error: { message, type, param, code: null } };
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `request body larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function messageText(body: Record<string, unknown>, role: string): string {
  const messages = Array.isArray(body.messages) ? (body.messages as Array<{ role?: unknown; content?: unknown }>) : [];
  const message = messages.find((item) => item.role === role);
  return typeof message?.content === "string" ? message.content : "";
}

/** The request's first text (completions accept a string or a list of strings). */
function promptText(body: Record<string, unknown>): string {
  if (typeof body.prompt === "string") return body.prompt;
  return Array.isArray(body.prompt) && typeof body.prompt[0] === "string" ? body.prompt[0] : "";
}

/** The top-k the request asks for: `logprobs: true, top_logprobs: k` (chat) or `logprobs: k` (completions). */
function requestedTopLogprobs(endpoint: MockEndpoint, body: Record<string, unknown>): number | undefined {
  if (endpoint === "chat") return body.logprobs === true ? (typeof body.top_logprobs === "number" ? body.top_logprobs : 0) : undefined;
  return typeof body.logprobs === "number" ? body.logprobs : undefined;
}

/** How a fault changes an answer that is otherwise sent normally. */
interface AnswerEdit {
  readonly text?: (answer: ScriptedAnswer) => ScriptedAnswer;
  readonly finishReason?: string;
  readonly withholdLogprobs?: boolean;
}

/**
 * Computes the answer to a request body: `[status, json]`. A scripted `responder` is asked first;
 * chat requests then get the annotation prompts' answers.
 */
function answerRequest(endpoint: MockEndpoint, body: Record<string, unknown>, responder: MockResponder | undefined, edit: AnswerEdit = {}): [number, unknown] {
  const model = typeof body.model === "string" ? body.model : "";
  if (model === "") return [400, errorBody("you must provide a model parameter", "invalid_request_error", "model")];
  const request: MockRequest =
    endpoint === "chat"
      ? { endpoint, prompt: "", system: messageText(body, "system"), user: messageText(body, "user") }
      : { endpoint, prompt: promptText(body), system: "", user: "" };
  if (endpoint === "completions" && request.prompt === "") return [400, errorBody("you must provide a prompt", "invalid_request_error", "prompt")];
  let answer: ScriptedAnswer = responder?.(request) ?? {
    text:
      endpoint === "chat"
        ? (mockAnswer(request.system, request.user)?.text ?? plainAnswer(request.system, request.user))
        : " This mock server knows no prompt like this one.",
  };
  if (edit.text) answer = edit.text(answer);
  const shape = {
    model,
    promptTokens: estimateTokens(endpoint === "chat" ? `${request.system}\n${request.user}` : request.prompt),
    ...(typeof body.max_tokens === "number" ? { maxTokens: body.max_tokens } : {}),
    ...(requestedTopLogprobs(endpoint, body) !== undefined ? { topLogprobs: requestedTopLogprobs(endpoint, body) } : {}),
    ...(edit.withholdLogprobs ? { withholdLogprobs: true } : {}),
  };
  return [200, endpoint === "chat" ? chatCompletionBody(answer, shape, edit.finishReason) : textCompletionBody(answer, shape)];
}

/** The first token of a top-k list that never names a choice: a filler, fairly likely. */
const NO_CHOICE_ANSWER: ScriptedAnswer = { text: fillerTokens()[0]!, firstToken: [{ token: fillerTokens()[0]!, probability: 0.6 }] };

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const maxBodyBytes = options.maxBodyBytes ?? 20 * 1024 * 1024;
  const hangLimitMs = options.hangLimitMs ?? 30_000;
  const faults: MockFault[] = [...(options.faults ?? [])];
  const requests: ChatRequestInfo[] = [];
  const files = new Map<string, StoredFile>();
  const batches = new Map<string, StoredBatch>();
  const sockets = new Set<Socket>();
  const hangTimers = new Set<NodeJS.Timeout>();
  let nextId = 1;
  const newId = (prefix: string) => `${prefix}-mock-${nextId++}`;

  const answer = (endpoint: MockEndpoint, body: Record<string, unknown>, edit?: AnswerEdit) => answerRequest(endpoint, body, options.responder, edit);
  const sendAnswer = (res: ServerResponse, endpoint: MockEndpoint, body: Record<string, unknown>, edit?: AnswerEdit) => {
    const [status, json] = answer(endpoint, body, edit);
    sendJson(res, status, json);
  };

  const applyFault = async (
    fault: MockFault,
    endpoint: MockEndpoint,
    body: Record<string, unknown>,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<boolean> => {
    switch (fault.kind) {
      case "status": {
        const headers: Record<string, string> = {};
        if (fault.retryAfterSeconds !== undefined) headers["retry-after"] = String(fault.retryAfterSeconds);
        if (fault.retryAfterMs !== undefined) headers["retry-after-ms"] = String(fault.retryAfterMs);
        const type = fault.status === 429 ? "rate_limit_error" : fault.status >= 500 ? "server_error" : "invalid_request_error";
        sendJson(res, fault.status, errorBody(`mock fault: HTTP ${fault.status}`, type), headers);
        return true;
      }
      case "hang": {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            hangTimers.delete(timer);
            resolve();
          }, hangLimitMs);
          hangTimers.add(timer);
          req.socket.once("close", () => {
            clearTimeout(timer);
            hangTimers.delete(timer);
            resolve();
          });
        });
        req.socket.destroy();
        return true;
      }
      case "drop":
        req.socket.destroy();
        return true;
      case "truncated-body": {
        const [, json] = answer(endpoint, body);
        const text = JSON.stringify(json);
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
        res.write(text.slice(0, Math.floor(text.length / 2)));
        await new Promise((resolve) => setTimeout(resolve, 5));
        req.socket.destroy();
        return true;
      }
      case "malformed-answer":
        sendAnswer(res, endpoint, body, { text: () => ({ text: "I looked at both responses and I prefer the first one." }) });
        return true;
      case "repairable-answer":
        sendAnswer(res, endpoint, body, {
          text: ({ text }) => {
            let pretty: string;
            try {
              pretty = JSON.stringify(JSON.parse(text), null, 2).replace(/\n(\s*)([}\]])/g, ",\n$1$2");
            } catch {
              return { text }; // not a JSON answer: nothing to wrap
            }
            return { text: `Sure, here is the JSON you asked for:\n\`\`\`json\n${pretty}\n\`\`\`\nLet me know if anything is unclear.` };
          },
        });
        return true;
      case "truncated-answer":
        sendAnswer(res, endpoint, body, { text: ({ text }) => ({ text: text.slice(0, Math.floor(text.length / 2)) }), finishReason: "length" });
        return true;
      case "reject-json-mode": {
        if (body.response_format === undefined) return false;
        sendJson(res, 400, errorBody("response_format is not supported by this server", "invalid_request_error", "response_format"));
        return true;
      }
      case "no-logprobs":
        sendAnswer(res, endpoint, body, { withholdLogprobs: true });
        return true;
      case "topk-without-choices":
        sendAnswer(res, endpoint, body, { text: () => NO_CHOICE_ANSWER });
        return true;
    }
  };

  const load = { inFlight: 0, maxInFlight: 0 };
  let holding = options.holdRequests ?? false;
  const held: Array<() => void> = [];
  const heldWaiters: Array<{ count: number; resolve: () => void }> = [];
  const notifyHeld = () => {
    for (const waiter of [...heldWaiters]) {
      if (held.length < waiter.count) continue;
      heldWaiters.splice(heldWaiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  const releaseHeld = () => {
    holding = false;
    for (const resume of held.splice(0)) resume();
  };
  const batchIds: string[] = [];
  const handleModelRequest = async (endpoint: MockEndpoint, req: IncomingMessage, res: ServerResponse) => {
    load.inFlight += 1;
    load.maxInFlight = Math.max(load.maxInFlight, load.inFlight);
    try {
      await answerModelRequest(endpoint, req, res);
    } finally {
      load.inFlight -= 1;
    }
  };

  const answerModelRequest = async (endpoint: MockEndpoint, req: IncomingMessage, res: ServerResponse) => {
    const body = JSON.parse((await readBody(req, maxBodyBytes)).toString("utf8")) as Record<string, unknown>;
    const promptId = endpoint === "chat" ? promptIdOfSystemMessage(messageText(body, "system")) : undefined;
    const index = requests.length;
    const provisional: ChatRequestInfo = { index, endpoint, promptId, body, fault: undefined };
    let fault = faults.shift() ?? options.faultFor?.(provisional);
    if (fault === undefined && options.rejectJsonMode && body.response_format !== undefined) fault = { kind: "reject-json-mode" };
    requests.push({ ...provisional, fault: fault?.kind });
    if (holding) {
      await new Promise<void>((resume) => {
        held.push(resume);
        notifyHeld();
      });
    }
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    if (fault !== undefined && (await applyFault(fault, endpoint, body, req, res))) return;
    sendAnswer(res, endpoint, body);
  };

  const fileObject = (file: StoredFile) => ({
    id: file.id,
    object: "file",
    bytes: file.bytes.length,
    created_at: file.createdAt,
    filename: file.filename,
    purpose: file.purpose,
    status: "processed",
  });

  const handleFileUpload = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req, maxBodyBytes);
    const form = await new Response(new Uint8Array(raw), { headers: { "content-type": req.headers["content-type"] ?? "" } }).formData();
    const upload = form.get("file");
    if (upload === null || typeof upload === "string") throw new HttpError(400, "missing file part");
    const file: StoredFile = {
      id: newId("file"),
      filename: upload.name,
      purpose: String(form.get("purpose") ?? "batch"),
      bytes: Buffer.from(await upload.arrayBuffer()),
      createdAt: Math.floor(Date.now() / 1000),
    };
    files.set(file.id, file);
    sendJson(res, 200, fileObject(file));
  };

  const runBatch = (batch: StoredBatch) => {
    const input = files.get(batch.inputFileId);
    if (input === undefined) return;
    const outputs: string[] = [];
    const errors: string[] = [];
    for (const line of input.bytes.toString("utf8").split("\n")) {
      if (line.trim() === "") continue;
      const request = JSON.parse(line) as { custom_id: string; body: Record<string, unknown> };
      const [status, json] = answer("chat", request.body);
      const entry = {
        id: newId("batch_req"),
        custom_id: request.custom_id,
        response: { status_code: status, request_id: newId("req"), body: json },
        error: null,
      };
      (status === 200 ? outputs : errors).push(JSON.stringify(entry));
    }
    batch.counts = { total: outputs.length + errors.length, completed: outputs.length, failed: errors.length };
    const store = (lines: string[], name: string) => {
      const file: StoredFile = {
        id: newId("file"),
        filename: name,
        purpose: "batch_output",
        bytes: Buffer.from(lines.map((l) => `${l}\n`).join("")),
        createdAt: Math.floor(Date.now() / 1000),
      };
      files.set(file.id, file);
      return file.id;
    };
    batch.outputFileId = store(outputs, "output.jsonl");
    if (errors.length > 0) batch.errorFileId = store(errors, "errors.jsonl");
  };

  const batchObject = (batch: StoredBatch) => {
    const done = batch.polls > (options.batchPollsBeforeDone ?? 1);
    return {
      id: batch.id,
      object: "batch",
      endpoint: batch.endpoint,
      input_file_id: batch.inputFileId,
      completion_window: batch.completionWindow,
      status: done ? "completed" : "in_progress",
      output_file_id: done ? (batch.outputFileId ?? null) : null,
      error_file_id: done ? (batch.errorFileId ?? null) : null,
      created_at: batch.createdAt,
      request_counts: done ? batch.counts : { total: batch.counts.total, completed: 0, failed: 0 },
      errors: null,
    };
  };

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      sendJson(res, 401, errorBody("Incorrect API key provided.", "invalid_request_error"));
      return;
    }
    if (req.method === "POST" && path === "/v1/chat/completions") return handleModelRequest("chat", req, res);
    if (req.method === "POST" && path === "/v1/completions") return handleModelRequest("completions", req, res);
    if (req.method === "GET" && path === "/v1/models") {
      return sendJson(res, 200, { object: "list", data: [{ id: "mock-model", object: "model", created: 0, owned_by: LOOPBACK_OWNER }] });
    }
    if (req.method === "POST" && path === "/v1/files") return handleFileUpload(req, res);
    const fileMatch = /^\/v1\/files\/([^/]+)(\/content)?$/.exec(path);
    if (req.method === "GET" && fileMatch !== null) {
      const file = files.get(fileMatch[1] ?? "");
      if (file === undefined) throw new HttpError(404, `no file ${fileMatch[1]}`);
      if (fileMatch[2] === undefined) return sendJson(res, 200, fileObject(file));
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": file.bytes.length });
      res.end(file.bytes);
      return;
    }
    if (req.method === "POST" && path === "/v1/batches") {
      const body = JSON.parse((await readBody(req, maxBodyBytes)).toString("utf8")) as Record<string, unknown>;
      const inputFileId = String(body.input_file_id ?? "");
      if (!files.has(inputFileId)) throw new HttpError(400, `unknown input_file_id ${inputFileId}`);
      const batch: StoredBatch = {
        id: newId("batch"),
        inputFileId,
        endpoint: String(body.endpoint ?? "/v1/chat/completions"),
        completionWindow: String(body.completion_window ?? "24h"),
        createdAt: Math.floor(Date.now() / 1000),
        polls: 0,
        counts: { total: 0, completed: 0, failed: 0 },
      };
      runBatch(batch);
      batches.set(batch.id, batch);
      batchIds.push(batch.id);
      return sendJson(res, 200, batchObject(batch));
    }
    const batchMatch = /^\/v1\/batches\/([^/]+)$/.exec(path);
    if (req.method === "GET" && batchMatch !== null) {
      const batch = batches.get(batchMatch[1] ?? "");
      if (batch === undefined) throw new HttpError(404, `no batch ${batchMatch[1]}`);
      batch.polls += 1;
      return sendJson(res, 200, batchObject(batch));
    }
    throw new HttpError(404, `unknown endpoint ${req.method} ${path}`);
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent || req.socket.destroyed) return;
      const status = error instanceof HttpError ? error.status : error instanceof SyntaxError ? 400 : 500;
      sendJson(res, status, errorBody((error as Error).message, status >= 500 ? "server_error" : "invalid_request_error"));
    });
  });
  server.maxConnections = options.maxConnections ?? 64;
  server.requestTimeout = hangLimitMs + 5_000;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    load,
    batchIds,
    enqueueFaults: (...more) => faults.push(...more),
    whenHeld: (count) =>
      new Promise<void>((resolve) => {
        heldWaiters.push({ count, resolve });
        notifyHeld();
      }),
    releaseHeld,
    close: () =>
      new Promise<void>((resolve) => {
        releaseHeld();
        for (const timer of hangTimers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
