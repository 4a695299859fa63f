/**
 * A loopback HTTP server speaking the parts of the OpenAI API the annotator uses:
 * `POST /v1/chat/completions`, `GET /v1/models`, and for the Batch API `POST /v1/files`,
 * `GET /v1/files/{id}[/content]`, `POST /v1/batches`, `GET /v1/batches/{id}`.
 *
 * Answers come from `mock-answers.ts` (the annotation prompts, and a plain answer to any other chat
 * request, e.g. a benchmark question); faults are scripted per request (a FIFO queue, or a rule
 * looking at each request). It listens on 127.0.0.1 only, refuses bodies over `maxBodyBytes`, caps
 * connections, and ends hung requests after `hangLimitMs`, so a forgotten server cannot grow
 * without bound. Used by the tests and by `pd mock-server`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { estimateTokens } from "../../pricing.js";
import type { PromptId } from "../../prompts/catalog.js";
import { fnv1a, mockAnswer, plainAnswer, promptIdOfSystemMessage } from "./mock-answers.js";
import type { MockFault } from "./faults.js";

export interface MockServerOptions {
  /** Port to listen on (0 = any free port). */
  readonly port?: number;
  /** When set, requests must carry `Authorization: Bearer <apiKey>` (else 401). */
  readonly apiKey?: string;
  /** Delay before every answer. */
  readonly latencyMs?: number;
  /** Reject `response_format` on every request, like servers without JSON mode. */
  readonly rejectJsonMode?: boolean;
  /** Faults applied to the first chat requests, in order. */
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

/** What the server saw of one chat request (never the Authorization header). */
export interface ChatRequestInfo {
  /** 0-based count of chat requests received so far. */
  readonly index: number;
  readonly promptId: PromptId | undefined;
  readonly body: Record<string, unknown>;
  readonly fault: MockFault["kind"] | undefined;
}

export interface MockServer {
  /** Base URL to give the client, ending in `/v1`. */
  readonly url: string;
  readonly port: number;
  /** Every chat request received, in order. */
  readonly requests: ChatRequestInfo[];
  /** Ids of the batches created so far. */
  readonly batchIds: string[];
  /** Chat requests being answered right now, and the most there ever were at once. */
  readonly load: { inFlight: number; maxInFlight: number };
  /** Appends faults to the queue. */
  enqueueFaults(...faults: MockFault[]): void;
  /** With `holdRequests`: resolves once `count` chat requests are being held at the same time. */
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

/** Builds a chat.completion object for an answer text. */
function completionObject(model: string, promptTokens: number, text: string, finishReason = "stop") {
  return {
    id: `chatcmpl-mock-${fnv1a(text).toString(36)}`,
    object: "chat.completion",
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: finishReason, logprobs: null }],
    usage: { prompt_tokens: promptTokens, completion_tokens: estimateTokens(text), total_tokens: promptTokens + estimateTokens(text) },
  };
}

type CompletionChoice = ReturnType<typeof completionObject>["choices"][number];

/** Computes the normal answer to a chat request body: `[status, json]`. */
function answerChat(body: Record<string, unknown>): [number, unknown] {
  const model = typeof body.model === "string" ? body.model : "";
  if (model === "") return [400, errorBody("you must provide a model parameter", "invalid_request_error", "model")];
  const system = messageText(body, "system");
  const user = messageText(body, "user");
  const promptTokens = estimateTokens(`${system}\n${user}`);
  const answer = mockAnswer(system, user);
  const text = answer?.text ?? plainAnswer(system, user);
  return [200, completionObject(model, promptTokens, text)];
}

/** Sends the normal answer to `body` after `edit` has changed its (successful) choice. */
function sendEditedAnswer(res: ServerResponse, body: Record<string, unknown>, edit: (choice: CompletionChoice) => void): void {
  const [status, json] = answerChat(body);
  const choice = (json as ReturnType<typeof completionObject>).choices[0];
  if (status === 200 && choice !== undefined) edit(choice);
  sendJson(res, status, json);
}

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

  const applyFault = async (fault: MockFault, body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
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
        const [, json] = answerChat(body);
        const text = JSON.stringify(json);
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
        res.write(text.slice(0, Math.floor(text.length / 2)));
        await new Promise((resolve) => setTimeout(resolve, 5));
        req.socket.destroy();
        return true;
      }
      case "malformed-answer": {
        sendJson(res, 200, completionObject(String(body.model), 10, "I looked at both responses and I prefer the first one."));
        return true;
      }
      case "repairable-answer":
        sendEditedAnswer(res, body, (choice) => {
          const pretty = JSON.stringify(JSON.parse(choice.message.content), null, 2).replace(/\n(\s*)([}\]])/g, ",\n$1$2");
          choice.message.content = `Sure, here is the JSON you asked for:\n\`\`\`json\n${pretty}\n\`\`\`\nLet me know if anything is unclear.`;
        });
        return true;
      case "truncated-answer":
        sendEditedAnswer(res, body, (choice) => {
          choice.message.content = choice.message.content.slice(0, Math.floor(choice.message.content.length / 2));
          choice.finish_reason = "length";
        });
        return true;
      case "reject-json-mode": {
        if (body.response_format === undefined) return false;
        sendJson(res, 400, errorBody("response_format is not supported by this server", "invalid_request_error", "response_format"));
        return true;
      }
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
  const handleChat = async (req: IncomingMessage, res: ServerResponse) => {
    load.inFlight += 1;
    load.maxInFlight = Math.max(load.maxInFlight, load.inFlight);
    try {
      await answerChatRequest(req, res);
    } finally {
      load.inFlight -= 1;
    }
  };

  const answerChatRequest = async (req: IncomingMessage, res: ServerResponse) => {
    const body = JSON.parse((await readBody(req, maxBodyBytes)).toString("utf8")) as Record<string, unknown>;
    const system = messageText(body, "system");
    const promptId = promptIdOfSystemMessage(system);
    const index = requests.length;
    const provisional: ChatRequestInfo = { index, promptId, body, fault: undefined };
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
    if (fault !== undefined && (await applyFault(fault, body, req, res))) return;
    const [status, json] = answerChat(body);
    sendJson(res, status, json);
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
      const [status, json] = answerChat(request.body);
      const entry = { id: newId("batch_req"), custom_id: request.custom_id, response: { status_code: status, request_id: newId("req"), body: json }, error: null };
      (status === 200 ? outputs : errors).push(JSON.stringify(entry));
    }
    batch.counts = { total: outputs.length + errors.length, completed: outputs.length, failed: errors.length };
    const store = (lines: string[], name: string) => {
      const file: StoredFile = { id: newId("file"), filename: name, purpose: "batch_output", bytes: Buffer.from(lines.map((l) => `${l}\n`).join("")), createdAt: Math.floor(Date.now() / 1000) };
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
    if (req.method === "POST" && path === "/v1/chat/completions") return handleChat(req, res);
    if (req.method === "GET" && path === "/v1/models") {
      return sendJson(res, 200, { object: "list", data: [{ id: "mock-model", object: "model", created: 0, owned_by: "mock" }] });
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
