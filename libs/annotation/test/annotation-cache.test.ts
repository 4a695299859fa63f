import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PrefDissectError } from "@prefdissect/shared";
import { AnnotationCache, cacheKey, type CacheRecord } from "../src/node.js";
import { queryAnalysisCall } from "../src/index.js";
import { tempDir } from "./helpers.js";

function record(key: string, status: "ok" | "failed"): CacheRecord {
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
    ? { ...base, status, text: "{}", answer: {}, repaired: [], usage: { input: 1, output: 1 }, jsonMode: true }
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
