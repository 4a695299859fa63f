/** Shared fixtures for the annotation tests: synthetic pairs and fast client settings. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRandomStream } from "@prefdissect/shared";
import type { AnnotationInput } from "../src/index.js";
import { parsePairsFile } from "../src/index.js";

/** A fresh temporary folder. */
export function tempDir(prefix = "pd-annotation-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

const QUERIES = [
  "Generate a list of steps needed to book a flight. Be concise.",
  "I think cats are better than dogs. Write a short poem about a cat in exactly four lines.",
  "I'm so stressed about my exam tomorrow, any tips?",
  "help",
  "What is 17 times 23? Show the working.",
  "Explain how a hash map works in at most three sentences.",
  "Summarise the plot of Hamlet.",
  "Write a JSON object describing a book with title and author.",
];

/** `count` raw-format pairs (the authors' keys), deterministic. */
export function syntheticRawLines(count: number): string[] {
  return Array.from({ length: count }, (_unused, index) => {
    const query = `${QUERIES[index % QUERIES.length]} (case ${index})`;
    return JSON.stringify({
      id: index,
      prompt: query,
      response_a: `Response A to case ${index}.\n1. First point.\n2. Second point about ${query.slice(0, 20)}.`,
      response_b: `Sure! Here is a reply for case ${index}, written in one paragraph with a few more words ${"and more ".repeat(index % 5)}.`,
      group: ["Advice", "Code", "Others"][index % 3],
      scenario: "default",
      winner: index % 2 === 0 ? "model_a" : "model_b",
      model_a: "model-x",
      model_b: "model-y",
    });
  });
}

export function syntheticPairs(count: number): AnnotationInput[] {
  return parsePairsFile(new TextEncoder().encode(syntheticRawLines(count).join("\n")), "synthetic.jsonl");
}

/** Writes `count` synthetic raw pairs to a file and returns its path. */
export function writeSyntheticPairs(dir: string, count: number): string {
  const path = join(dir, "pairs.jsonl");
  writeFileSync(path, `${syntheticRawLines(count).join("\n")}\n`);
  return path;
}

/** Client settings that keep fault tests fast: short backoff, seeded jitter. */
export function fastRetry() {
  return { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 5_000 };
}

export function seededRandom(seed = 7): () => number {
  const stream = createRandomStream(seed, 0);
  return () => stream.uniform();
}
