/**
 * The durable record of a run: an append-only JSONL file with one line per finished call.
 *
 * - Each line is written with a single `write` on a file opened for appending, so a killed process
 *   leaves every finished line intact; at worst the line being written is cut short. On opening,
 *   such a torn last line is cut off (its call simply runs again).
 * - Lines reach the disk itself (fdatasync) together, at most `FLUSH_WINDOW_MS` after they were
 *   written, and on close: one flush per line would cost a run of thousands of short calls far
 *   more time than the calls, while a machine that crashes loses at most the last moment's answers.
 * - A key with an `ok` line is done and is never written again; a `failed` line records why a call
 *   failed (with the raw answer when there was one) and the next run retries it. The newest line
 *   for a key wins.
 * - A lock file holding the process id stops two runs from appending to the same cache; a lock
 *   left by a killed process (its pid is gone) is taken over.
 * - No credentials are ever part of a line: records hold the model, prompt, parameters, inputs'
 *   hash and answers only.
 * - Opening reads the file in chunks and keeps only an index (key → status, where its line is), so
 *   a cache of a million answers opens in seconds and in a few hundred MB; an answer is read back
 *   from disk, and checked against its schema, when it is asked for (`bench/annotation-resume.bench.ts`).
 */
import { closeSync, existsSync, fdatasyncSync, fstatSync, openSync, readFileSync, readSync, rmSync, truncateSync, writeFileSync, writeSync } from "node:fs";
import { z } from "zod";
import { PrefDissectError } from "@prefdissect/shared";
import type { CallParams, TokenLogprob } from "../plan/calls.js";
import type { TokenUsage } from "../pricing.js";

interface RecordBase {
  readonly key: string;
  readonly pairId: string;
  /** An annotation prompt's id, or another catalog's (a judge's comparison prompt). */
  readonly promptId: string;
  readonly promptVersion: number;
  readonly model: string;
  readonly params: CallParams;
  /** Requests sent for this call in the run that wrote the line. */
  readonly attempts: number;
  /** How the call was made. */
  readonly via: "chat" | "batch";
  readonly finishedAt: string;
}

/** A call that produced a valid answer. */
export interface OkRecord extends RecordBase {
  readonly status: "ok";
  /** The answer exactly as the model wrote it. */
  readonly text: string;
  /** The validated, normalised answer. */
  readonly answer: unknown;
  /** Repairs applied before validation (code fence, trailing comma, …). */
  readonly repaired: readonly string[];
  readonly usage: TokenUsage;
  readonly jsonMode: boolean;
  /** The first token's top-k list, for calls that asked for log-probabilities. */
  readonly logprobs?: readonly TokenLogprob[];
}

/** A call that failed; retried by the next run. */
export interface FailedRecord extends RecordBase {
  readonly status: "failed";
  readonly reason: string;
  /** The model's answer when one arrived but could not be used. */
  readonly raw?: string;
  readonly logprobs?: readonly TokenLogprob[];
  readonly usage?: TokenUsage;
}

export type CacheRecord = OkRecord | FailedRecord;

const TokenUsageSchema = z.object({ input: z.number(), output: z.number() });
const TokenLogprobsSchema = z.array(z.object({ token: z.string(), logprob: z.number() }));
const RecordBaseSchema = z.object({
  key: z.string(),
  pairId: z.string(),
  // an annotation prompt's id or another catalog's (answers generated through the same cache)
  promptId: z.string().min(1),
  promptVersion: z.number(),
  model: z.string(),
  params: z.object({
    temperature: z.number(),
    topP: z.number(),
    seed: z.number(),
    maxTokens: z.number(),
    json: z.boolean(),
    endpoint: z.literal("completions").optional(),
    topLogprobs: z.number().int().optional(),
  }),
  attempts: z.number(),
  via: z.enum(["chat", "batch"]),
  finishedAt: z.string(),
});

/** One line of the cache file; a line that does not match is left in place and ignored. */
export const CacheRecordSchema: z.ZodType<CacheRecord> = z.discriminatedUnion("status", [
  RecordBaseSchema.extend({
    status: z.literal("ok"),
    text: z.string(),
    answer: z.unknown(),
    repaired: z.array(z.string()),
    usage: TokenUsageSchema,
    jsonMode: z.boolean(),
    logprobs: TokenLogprobsSchema.optional(),
  }),
  RecordBaseSchema.extend({
    status: z.literal("failed"),
    reason: z.string(),
    raw: z.string().optional(),
    logprobs: TokenLogprobsSchema.optional(),
    usage: TokenUsageSchema.optional(),
  }),
]);

export interface CacheOpenReport {
  /** Bytes of a torn last line that were cut off. */
  readonly tornBytes: number;
  /** Lines that were not valid records (left in place, ignored), found on opening or when read. */
  readonly unreadableLines: number;
}

export interface CacheOptions {
  /** Flush lines to disk (fdatasync) within `FLUSH_WINDOW_MS` and on close; default true. */
  readonly sync?: boolean;
  /** Bytes read at a time when opening (default 8 MiB); a longer line grows the buffer. */
  readonly scanChunkBytes?: number;
}

/** Where the newest line of a key is, and what it says. */
interface IndexEntry {
  readonly status: CacheRecord["status"];
  readonly offset: number;
  readonly length: number;
}

const SCAN_CHUNK = 8 * 2 ** 20;

const STATUS_FIELD = Buffer.from(',"status":"');
/** The head of a line as `append` writes it: key, pair id (any JSON string), prompt id. */
const HEAD = /^\{"key":"([^"\\]*)","pairId":"(?:[^"\\]|\\.)*","promptId":"([^"\\]*)",/;

/** Key, status and prompt of a parsed line, when it has them with the right types. */
function checkedFields(parsed: unknown, status: unknown): { key: string; status: CacheRecord["status"] } | undefined {
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const { key, promptId } = parsed as Record<string, unknown>;
  if (typeof key !== "string" || (status !== "ok" && status !== "failed") || typeof promptId !== "string" || promptId === "") return undefined;
  return { key, status };
}

/**
 * What opening needs of a line (bytes start…end of `buffer`): its key and status, from a line
 * that names a prompt. The rest of the schema is checked when the record is read (`get`).
 *
 * Fast path: `append` writes the short fields (key, pair, prompt, parameters, …) before the status
 * and the long ones (text, answer) after it, and `,"status":"` cannot occur inside a JSON string
 * (its quotes would be escaped); so only the head of the line up to the status is decoded, and the
 * key and prompt are read from its start. A line of any other shape is parsed whole.
 */
function indexFieldsOf(buffer: Buffer, start: number, end: number): { key: string; status: CacheRecord["status"] } | undefined {
  const line = buffer.subarray(start, end);
  const at = line.indexOf(STATUS_FIELD);
  if (at > 0) {
    const valueStart = at + STATUS_FIELD.length;
    const status = line.toString("latin1", valueStart, valueStart + 7);
    const value = status.startsWith('ok"') ? "ok" : status.startsWith('failed"') ? "failed" : undefined;
    if (value !== undefined) {
      const head = line.toString("utf8", 0, at);
      const match = HEAD.exec(head);
      if (match !== null) {
        const fields = checkedFields({ key: match[1], promptId: match[2] }, value);
        if (fields !== undefined) return fields;
      }
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.toString("utf8"));
  } catch {
    return undefined;
  }
  return checkedFields(parsed, (parsed as Record<string, unknown> | null)?.status);
}

/** How long a written line may wait for the flush that takes it to disk. */
export const FLUSH_WINDOW_MS = 1000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export class AnnotationCache {
  readonly path: string;
  private readonly index = new Map<string, IndexEntry>();
  private readonly lockPath: string;
  private fd: number | undefined;
  /** A second descriptor for reading lines back (the appending one is write-only). */
  private readFd: number | undefined;
  /** Bytes in the file: where the next line goes. */
  private end = 0;
  private readonly sync: boolean;
  private flushTimer: NodeJS.Timeout | undefined;
  private tornBytes = 0;
  private unreadable = 0;

  private constructor(path: string, options: CacheOptions) {
    this.path = path;
    this.lockPath = `${path}.lock`;
    this.sync = options.sync ?? true;
    this.acquireLock();
    try {
      this.load(options.scanChunkBytes ?? SCAN_CHUNK);
      this.fd = openSync(path, "a");
      this.readFd = openSync(path, "r");
    } catch (error) {
      if (this.fd !== undefined) closeSync(this.fd);
      this.releaseLock();
      throw error;
    }
  }

  get report(): CacheOpenReport {
    return { tornBytes: this.tornBytes, unreadableLines: this.unreadable };
  }

  /** Opens (or creates) the cache at `path`, repairing a torn last line. */
  static open(path: string, options: CacheOptions = {}): AnnotationCache {
    return new AnnotationCache(path, options);
  }

  private acquireLock(): void {
    for (let tries = 0; tries < 2; tries += 1) {
      try {
        writeFileSync(this.lockPath, `${process.pid}\n`, { flag: "wx" });
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        const pid = Number.parseInt(readFileSync(this.lockPath, "utf8"), 10);
        if (Number.isInteger(pid) && pid !== process.pid && processAlive(pid)) {
          throw new PrefDissectError("cache-locked", `${this.path} is in use by another annotate run (process ${pid}); wait for it to finish or stop it`, {
            file: this.path,
          });
        }
        if (pid === process.pid) {
          throw new PrefDissectError("cache-locked", `${this.path} is already open in this process`, { file: this.path });
        }
        rmSync(this.lockPath, { force: true }); // left behind by a process that no longer exists
      }
    }
    throw new PrefDissectError("cache-locked", `could not lock ${this.path}`, { file: this.path });
  }

  private releaseLock(): void {
    rmSync(this.lockPath, { force: true });
  }

  /** Indexes every line; cuts off a torn last line. */
  private load(chunkBytes: number): void {
    if (!existsSync(this.path)) return;
    const fd = openSync(this.path, "r");
    let size: number;
    try {
      size = fstatSync(fd).size;
      let buffer = Buffer.alloc(Math.min(chunkBytes, Math.max(size, 1)));
      // File offset of buffer[0], and bytes of buffer in use (a partial line carried over, then a chunk).
      let base = 0;
      let filled = 0;
      while (base + filled < size) {
        if (filled === buffer.length) {
          const grown = Buffer.alloc(buffer.length * 2);
          buffer.copy(grown, 0, 0, filled);
          buffer = grown;
        }
        const read = readSync(fd, buffer, filled, buffer.length - filled, base + filled);
        if (read === 0) break;
        filled += read;
        let start = 0;
        for (let newline = buffer.indexOf(0x0a, start); newline >= 0 && newline < filled; newline = buffer.indexOf(0x0a, start)) {
          this.indexLine(buffer, start, newline, base + start);
          start = newline + 1;
        }
        // Carry the unfinished line over to the front.
        buffer.copy(buffer, 0, start, filled);
        base += start;
        filled -= start;
      }
      this.tornBytes = filled;
      this.end = base;
    } finally {
      closeSync(fd);
    }
    if (this.tornBytes > 0) truncateSync(this.path, this.end);
  }

  private indexLine(buffer: Buffer, start: number, end: number, offset: number): void {
    const fields = indexFieldsOf(buffer, start, end);
    if (fields === undefined) {
      // Blank lines are not records, but not damage either.
      if (buffer.toString("utf8", start, end).trim() !== "") this.unreadable += 1;
      return;
    }
    // An ok answer is final; a later failure line for the same key cannot exist, but never let
    // one hide a finished answer.
    if (this.index.get(fields.key)?.status !== "ok") this.index.set(fields.key, { status: fields.status, offset, length: end - start });
  }

  /** Whether `key` has a finished answer ("ok"), a failure to retry ("failed"), or nothing yet. */
  status(key: string): CacheRecord["status"] | undefined {
    return this.index.get(key)?.status;
  }

  /** The newest record for `key`, read from the file; a line that fails its schema counts as unreadable and as absent. */
  get(key: string): CacheRecord | undefined {
    const entry = this.index.get(key);
    if (entry === undefined) return undefined;
    if (this.readFd === undefined) throw new Error("the annotation cache is closed");
    const bytes = Buffer.alloc(entry.length);
    let done = 0;
    while (done < entry.length) {
      const read = readSync(this.readFd, bytes, done, entry.length - done, entry.offset + done);
      if (read === 0) break;
      done += read;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString("utf8", 0, done));
    } catch {
      parsed = undefined;
    }
    const record = CacheRecordSchema.safeParse(parsed);
    if (!record.success || record.data.key !== key) {
      this.unreadable += 1;
      this.index.delete(key);
      return undefined;
    }
    return record.data;
  }

  get size(): number {
    return this.index.size;
  }

  /** Appends `record` and flushes it; an `ok` key is never written twice. */
  append(record: CacheRecord): void {
    if (this.fd === undefined) throw new Error("the annotation cache is closed");
    if (this.index.get(record.key)?.status === "ok") return;
    const bytes = Buffer.from(`${JSON.stringify(record)}\n`, "utf8");
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written);
    if (this.sync) this.flushSoon();
    this.index.set(record.key, { status: record.status, offset: this.end, length: bytes.length - 1 });
    this.end += bytes.length;
  }

  /** One fdatasync for every line written in the next `FLUSH_WINDOW_MS`. */
  private flushSoon(): void {
    if (this.flushTimer !== undefined) return;
    this.flushTimer = setTimeout(() => this.flush(), FLUSH_WINDOW_MS);
    // A pending flush never keeps the process alive: the lines are written already.
    this.flushTimer.unref();
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.fd !== undefined && this.sync) fdatasyncSync(this.fd);
  }

  /** Flushes what is written, closes the file and releases the lock. */
  close(): void {
    if (this.fd === undefined) return;
    this.flush();
    closeSync(this.fd);
    if (this.readFd !== undefined) closeSync(this.readFd);
    this.fd = undefined;
    this.readFd = undefined;
    this.releaseLock();
  }
}
