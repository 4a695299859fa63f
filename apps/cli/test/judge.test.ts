/**
 * `pd judge collect` and `pd judge add`, and the scripted judge of `pd mock-server`. The flow at
 * the end runs the whole way without a key: a loopback server imitating GPT-4-Turbo's released
 * weights is asked about a synthetic dataset, and the judge fitted from its answers must land next
 * to GPT-4-Turbo.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "@prefdissect/annotation/node";
import { loadPairDataset, loadReleasedWeights, loadWeights } from "@prefdissect/data/node";
import { COLLECT_SUMMARY_FILE, PlacementSchema } from "@prefdissect/judges";
import { scriptedJudge } from "@prefdissect/judges/node";
import { register as registerJudge } from "../src/commands/judge.js";
import { register as registerMockServer } from "../src/commands/mock-server.js";
import { register as registerSynth } from "../src/commands/synth.js";
import { madeUpWeightsDir, runCommand } from "./run.js";
import { describeUpstream, upstreamDataDir } from "../../../vitest.upstream.js";

const tempDir = () => mkdtempSync(join(tmpdir(), "pd-judge-"));
const savedKey = process.env.OPENAI_API_KEY;
let server: MockServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  if (savedKey === undefined) delete process.env.OPENAI_API_KEY;
  else process.env.OPENAI_API_KEY = savedKey;
});

/** A small synthetic dataset drawn from made-up weights (no download needed). */
async function smallDataset(pairs: number): Promise<{ file: string; weights: string }> {
  const weights = madeUpWeightsDir();
  const file = join(tempDir(), "small.parquet");
  const { error } = await runCommand(registerSynth, ["synth", "--weights", weights, "--seed", "3", "--pairs", String(pairs), "--out", file]);
  expect(error).toBeUndefined();
  return { file, weights };
}

describe("pd judge collect", () => {
  let data: { file: string; weights: string };
  beforeAll(async () => {
    data = await smallDataset(40);
  });

  it("collects both orders from a scripted judge, prints a summary, never the key, and resumes", async () => {
    const weights = await loadWeights({ source: "refit", dir: data.weights });
    server = await startMockServer({ responder: scriptedJudge({ dataset: await loadPairDataset({ data: data.file }), weights, judge: "human" }) });
    process.env.OPENAI_API_KEY = "sk-never-printed-anywhere";
    const out = tempDir();
    const args = ["judge", "collect", "--data", data.file, "--model", "mock", "--base-url", server.url, "--endpoint", "completions", "--out", out];
    const first = await runCommand(registerJudge, args);
    expect(first.error).toBeUndefined();
    expect(first.stdout).toContain("(the loopback server): completions endpoint, first-token log-probabilities, top 5");
    expect(first.stdout).toContain("pairs: 40 of 40 complete");
    expect(first.stdout).toContain("calls: 80 done, 0 failed, 0 skipped");
    expect(JSON.parse(readFileSync(join(out, "labels.json"), "utf8"))).toHaveLength(40);
    expect(COLLECT_SUMMARY_FILE.parse(readFileSync(join(out, "summary.json"), "utf8"), "summary.json")).toMatchObject({
      endpoint: "completions",
      pairs: 40,
      data: { synthetic: true },
    });
    const again = await runCommand(registerJudge, args);
    expect(again.stdout).toContain("calls: 0 done, 0 failed, 80 skipped");
    expect(`${first.stdout}${first.stderr}${again.stdout}${again.stderr}${readFileSync(join(out, "cache.jsonl"), "utf8")}`).not.toContain("sk-never-printed");
  });

  it("prints the request and an estimate on --dry-run, without a key or a request", async () => {
    delete process.env.OPENAI_API_KEY;
    const { stdout, error } = await runCommand(registerJudge, ["judge", "collect", "--data", data.file, "--model", "gpt-4o-mini", "--dry-run", "--limit", "3"]);
    expect(error).toBeUndefined();
    expect(stdout).toContain("Which response is better? Answer with the single letter A or B.");
    expect(stdout).toContain("Estimate for 3 pairs (both orders: 6 calls) with gpt-4o-mini");
    expect(stdout).toMatch(/Estimated cost: \$\d+\.\d+ \(list price/);
  });

  it("names the file when it has no texts, and checks --top-k", async () => {
    const resolved = join(tempDir(), "resolved.jsonl");
    writeFileSync(resolved, `${JSON.stringify({ query_info: {}, comparison: {} })}\n`);
    const noTexts = await runCommand(registerJudge, ["judge", "collect", "--data", resolved, "--model", "m", "--dry-run"]);
    expect(noTexts.error?.message).toMatch(
      /resolved\.jsonl holds the authors' resolved comparisons, which have features but not the query and responses' text/,
    );
    const topK = await runCommand(registerJudge, ["judge", "collect", "--data", data.file, "--model", "m", "--top-k", "50", "--dry-run"]);
    expect(topK.error?.message).toBe('--top-k must be a whole number from 1 to 20, got "50"');
  });
});

describe("pd judge add", () => {
  let data: { file: string; weights: string };
  beforeAll(async () => {
    data = await smallDataset(30);
  });
  /** `pd judge add --fast` on the small dataset with a labels file, a judge name and more flags. */
  const addJudge = (labels: string, name: string, ...flags: string[]) =>
    runCommand(registerJudge, ["judge", "add", "--data", data.file, "--labels", labels, "--name", name, "--fast", ...flags, "--out", tempDir()]);

  it("names the labels file and the first pair without a label when the lengths differ", async () => {
    const labels = join(tempDir(), "labels.json");
    writeFileSync(labels, JSON.stringify(Array(28).fill("A")));
    const { error } = await addJudge(labels, "x", "--weights", data.weights);
    expect(error?.message).toMatch(/labels\.json holds 28 labels but .*small\.parquet has 30 pairs \(the first pair without a label is index 28\)/);
  });

  it("names the index of a label that is neither A nor B", async () => {
    const labels = join(tempDir(), "labels.json");
    writeFileSync(labels, JSON.stringify([...Array(29).fill("B"), "tie"]));
    const { error } = await addJudge(labels, "x", "--weights", data.weights);
    expect(error?.message).toMatch(/labels\.json/);
    expect(error?.message).toMatch(/29/);
  });

  it("refuses a name that is already a judge, and --fast beside --method nuts", async () => {
    const labels = join(tempDir(), "labels.json");
    writeFileSync(labels, JSON.stringify(Array(30).fill("A")));
    const taken = await addJudge(labels, "human", "--weights", data.weights);
    expect(taken.error?.message).toBe('--name "human" is already a judge; choose another name');
    const both = await addJudge(labels, "x", "--method", "nuts");
    expect(both.error?.message).toBe("--fast (short for --method mode) contradicts --method nuts");
  });
});

describe("pd mock-server --judge", () => {
  it("needs the pairs the judge reads", async () => {
    const { error } = await runCommand(registerMockServer, ["mock-server", "--judge", "human"]);
    expect(error?.message).toBe("--judge needs --judge-data <file>: the annotated pairs whose features the scripted judge reads");
  });
});

describeUpstream("adding a judge end to end, without a key", () => {
  beforeAll(() => {
    // pd synth and pd judge add read the released weights through the fetcher: the verified copies.
    process.env.PD_DATA_DIR = upstreamDataDir();
  });
  afterAll(() => {
    delete process.env.PD_DATA_DIR;
  });

  it("collects from a loopback server imitating GPT-4-Turbo and places the judge next to GPT-4-Turbo", async () => {
    const dir = tempDir();
    const synth = join(dir, "synth.parquet");
    expect((await runCommand(registerSynth, ["synth", "--weights", "released", "--seed", "0", "--pairs", "3000", "--out", synth])).error).toBeUndefined();
    const released = await loadReleasedWeights({ dataDir: upstreamDataDir() });
    server = await startMockServer({
      responder: scriptedJudge({ dataset: await loadPairDataset({ data: synth }), weights: released, judge: "gpt-4-1106-preview", certainty: 2 }),
    });
    process.env.OPENAI_API_KEY = "none";

    const collected = join(dir, "collect");
    const collect = await runCommand(registerJudge, [
      "judge",
      "collect",
      "--data",
      synth,
      "--model",
      "imitation",
      "--base-url",
      server.url,
      "--endpoint",
      "completions",
      "--concurrency",
      "16",
      "--out",
      collected,
    ]);
    expect(collect.error).toBeUndefined();
    expect(collect.stdout).toContain("pairs: 3000 of 3000 complete");

    const added = join(dir, "added");
    const add = await runCommand(registerJudge, [
      "judge",
      "add",
      "--data",
      synth,
      "--labels",
      join(collected, "labels.json"),
      "--name",
      "imitated-gpt-4",
      "--fast",
      "--out",
      added,
    ]);
    expect(add.error).toBeUndefined();
    const placement = PlacementSchema.parse(JSON.parse(readFileSync(join(added, "placement.json"), "utf8")));
    expect(placement.mostSimilar[0]!.judge).toBe("gpt-4-1106-preview");
    expect(placement.synthetic).toBe(true);
    expect(add.stdout).toContain("# Where imitated-gpt-4 sits among the paper's judges");
    expect(add.stdout).toMatch(/\| 1 \| GPT-4-Turbo \| 0\.\d\d \|/);
    const advice = readFileSync(join(added, "weights", "model_Advice_fitted_paras.jsonl"), "utf8");
    expect(JSON.parse(advice.trim())).toMatchObject({ model_name: "imitated-gpt-4", parameters: expect.any(Array) });
    for (const chart of ["placement-dissection.svg", "placement-similarity.svg"]) expect(readFileSync(join(added, chart), "utf8")).toContain("imitated-gpt-4");
  }, 300_000);
});
