import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PrefDissectError } from "@prefdissect/shared";
import { AnnotationCache, CacheRecordSchema, cacheKey, type CacheRecord } from "../src/node.js";
import { queryAnalysisCall } from "../src/index.js";
import { tempDir } from "./helpers.js";

function record(key: string, status: "ok" | "failed", text = "{}"): CacheRecord {
  const base = {
    key,
    pairId: "0",
    promptId: "query-analysis" as const,
    promptVersion: 1,
    model: "m",
    params: { temperature: 0, topP: 1, seed: 42, maxTokens: 10, json: true },
    attempts: 1,
    via: "chat" as const,
    finishedAt: "2024-01-01T00:00:00.000Z",
  };
  return status === "ok"
    ? { ...base, status, text, answer: {}, repaired: [], usage: { input: 1, output: 1 }, jsonMode: true }
    : { ...base, status, reason: "boom", raw: "nope" };
}

describe("AnnotationCache", () => {
  it("keeps appended records across reopenings and never writes an ok key twice", () => {
    const path = join(tempDir(), "cache.jsonl");
    const cache = AnnotationCache.open(path, { sync: false });
    cache.append(record("k1", "failed"));
    cache.append(record("k1", "ok"));
    cache.append(record("k1", "ok"));
    cache.append(record("k2", "ok"));
    cache.close();
    expect(readFileSync(path, "utf8").trim().split("\n")).toHaveLength(3);
    const reopened = AnnotationCache.open(path);
    expect(reopened.get("k1")?.status).toBe("ok");
    expect(reopened.size).toBe(2);
    reopened.close();
  });

  it("cuts off a torn last line and appends cleanly after it", () => {
    const path = join(tempDir(), "cache.jsonl");
    const cache = AnnotationCache.open(path);
    cache.append(record("k1", "ok"));
    cache.close();
    appendFileSync(path, '{"key":"k2","status":"o');
    const repaired = AnnotationCache.open(path);
    expect(repaired.report.tornBytes).toBe('{"key":"k2","status":"o'.length);
    expect(repaired.get("k2")).toBeUndefined();
    repaired.append(record("k2", "ok"));
    repaired.close();
    const lines = readFileSync(path, "utf8")
      .split("\n")
      .filter((line) => line !== "");
    expect(lines.map((line) => (JSON.parse(line) as CacheRecord).key)).toEqual(["k1", "k2"]);
  });

  it("skips unreadable lines in the middle instead of failing", () => {
    const path = join(tempDir(), "cache.jsonl");
    writeFileSync(path, `${JSON.stringify(record("k1", "ok"))}\nnot json\n${JSON.stringify(record("k2", "ok"))}\n`);
    const cache = AnnotationCache.open(path);
    expect(cache.report.unreadableLines).toBe(1);
    expect(cache.size).toBe(2);
    cache.close();
  });

  /**
   * What a cache file says, read the simple way: every line parsed and checked, the newest line of
   * a key winning unless the key already has an ok answer. Opening must agree with it.
   */
  function readWhole(path: string): Map<string, CacheRecord> {
    const records = new Map<string, CacheRecord>();
    for (const line of readFileSync(path, "utf8").split("\n")) {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        continue;
      }
      const parsed = CacheRecordSchema.safeParse(json);
      if (parsed.success && records.get(parsed.data.key)?.status !== "ok") records.set(parsed.data.key, parsed.data);
    }
    return records;
  }

  it("resumes with exactly the records of the file, however its lines fall across the chunks it is read in", () => {
    const path = join(tempDir(), "cache.jsonl");
    const lines: string[] = [];
    for (let i = 0; i < 60; i++) {
      const key = `k${i % 23}`;
      // Failures then answers, repeated keys, answers of every length (some longer than a chunk), non-ASCII text.
      const status = i % 5 === 0 ? "failed" : "ok";
      const plain = record(key, status, `{"a":"${"é✓x".repeat(i * 7)}"}`);
      // A pair id that looks like the fields around it, escaped: it must not be taken for them.
      const written = i === 10 ? { ...plain, pairId: 'p\\","status":"failed","promptId":"query-analysis' } : plain;
      // Most lines as append writes them; some with the fields in another order (another writer).
      const { status: first, ...rest } = written;
      lines.push(i % 4 === 1 ? JSON.stringify({ status: first, ...rest }) : JSON.stringify(written));
      if (i % 17 === 3) lines.push("not json");
      if (i === 30) lines.push(JSON.stringify({ ...record("k99", "ok"), promptId: "" }), "");
    }
    writeFileSync(path, `${lines.join("\n")}\n`);
    const expected = readWhole(path);
    for (const scanChunkBytes of [64, 1000, 4096, 2 ** 20]) {
      const cache = AnnotationCache.open(path, { sync: false, scanChunkBytes });
      expect(cache.size).toBe(expected.size);
      for (const [key, want] of expected) {
        expect(cache.status(key)).toBe(want.status);
        expect(cache.get(key)).toEqual(want);
      }
      expect(cache.report).toEqual({ tornBytes: 0, unreadableLines: 5 });
      cache.close();
    }
  });

  it("reads back what it appended in this run and after a torn line was cut", () => {
    const path = join(tempDir(), "cache.jsonl");
    writeFileSync(path, `${JSON.stringify(record("k1", "ok"))}\n{"key":"k2","sta`);
    const cache = AnnotationCache.open(path, { sync: false, scanChunkBytes: 32 });
    expect(cache.report.tornBytes).toBe('{"key":"k2","sta'.length);
    cache.append(record("k2", "failed"));
    cache.append(record("k3", "ok", '{"long":"' + "y".repeat(500) + '"}'));
    cache.append(record("k2", "ok", '{"b":1}'));
    expect(cache.get("k2")).toEqual(record("k2", "ok", '{"b":1}'));
    expect(cache.get("k3")).toEqual(record("k3", "ok", '{"long":"' + "y".repeat(500) + '"}'));
    expect(cache.get("k1")).toEqual(record("k1", "ok"));
    expect(cache.status("k4")).toBeUndefined();
    cache.close();
    expect(readWhole(path)).toEqual(
      new Map([
        ["k1", record("k1", "ok")],
        ["k2", record("k2", "ok", '{"b":1}')],
        ["k3", record("k3", "ok", '{"long":"' + "y".repeat(500) + '"}')],
      ]),
    );
  });

  it("treats a line that is JSON but not a record as unreadable when it is read, so the call runs again", () => {
    const path = join(tempDir(), "cache.jsonl");
    const broken = { ...record("k1", "ok"), usage: "lots" };
    writeFileSync(path, `${JSON.stringify(broken)}\n`);
    const cache = AnnotationCache.open(path, { sync: false });
    expect(cache.status("k1")).toBe("ok");
    expect(cache.get("k1")).toBeUndefined();
    expect(cache.report.unreadableLines).toBe(1);
    expect(cache.status("k1")).toBeUndefined();
    cache.append(record("k1", "ok"));
    expect(cache.get("k1")).toEqual(record("k1", "ok"));
    cache.close();
  });

  it("refuses a cache locked by a live process and takes over a dead one's lock", () => {
    const path = join(tempDir(), "cache.jsonl");
    writeFileSync(`${path}.lock`, `${process.ppid}\n`);
    expect(() => AnnotationCache.open(path)).toThrow(PrefDissectError);
    writeFileSync(`${path}.lock`, "2147483646\n");
    const cache = AnnotationCache.open(path);
    expect(readFileSync(`${path}.lock`, "utf8").trim()).toBe(String(process.pid));
    cache.close();
  });
});

describe("cacheKey()", () => {
  const spec = queryAnalysisCall({ query: "q", responseA: "a", responseB: "b" });
  it("depends on model, prompt version, inputs and parameters, not on key order", () => {
    const key = cacheKey("m", spec);
    expect(cacheKey("m", { ...spec, inputs: { query: "q" } })).toBe(key);
    expect(cacheKey("m2", spec)).not.toBe(key);
    expect(cacheKey("m", { ...spec, promptVersion: 2 })).not.toBe(key);
    expect(cacheKey("m", { ...spec, inputs: { query: "q2" } })).not.toBe(key);
    expect(cacheKey("m", { ...spec, params: { ...spec.params, seed: 1 } })).not.toBe(key);
    const reordered = { ...spec, params: { json: true, maxTokens: spec.params.maxTokens, seed: 42, topP: 1, temperature: 0 } };
    expect(cacheKey("m", reordered)).toBe(key);
  });
});
