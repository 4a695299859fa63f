import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { asyncFailure } from "./failure.js";
import { fixture, synthetic8Parquet } from "./fixture-files.js";
import { detectFormat, loadFeatureDataset, loadHfDataset, loadPairDataset, manifestEntry, mirrorPath, writeFileAtomic } from "../src/node.js";

const temp = () => mkdtempSync(join(tmpdir(), "pd-dataset-"));

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe("loading files", () => {
  it("detects each format from the extension and the first line", async () => {
    expect(await detectFormat(synthetic8Parquet())).toBe("hf-parquet");
    expect(await detectFormat(fixture("pairs-8.jsonl"))).toBe("pairs-jsonl");
    expect(await detectFormat(fixture("pairs-8.csv"))).toBe("pairs-csv");
    expect(await detectFormat(fixture("resolved-8.jsonl"))).toBe("resolved-jsonl");
    const error = await asyncFailure(() => detectFormat("data.xlsx"));
    expect(error.message).toMatch(/^cannot tell the format of data\.xlsx from its extension; pass --format/);
  });

  it("gives the same feature rows for all four formats", async () => {
    const [parquet, jsonl, csv, resolved] = await Promise.all([
      loadFeatureDataset({ data: synthetic8Parquet() }),
      loadFeatureDataset({ data: fixture("pairs-8.jsonl") }),
      loadFeatureDataset({ data: fixture("pairs-8.csv") }),
      loadFeatureDataset({
        data: fixture("resolved-8.jsonl"),
        groupIndexFile: fixture("resolved-8-group-index.json"),
        labels: [{ judge: "human", file: fixture("resolved-8-labels.json") }],
      }),
    ]);
    expect(jsonl.rows).toEqual(parquet.rows);
    expect(csv.rows).toEqual(parquet.rows);
    expect(resolved.rows).toEqual(parquet.rows);
    expect(resolved.labels.get("human")).toEqual(parquet.labels.get("human"));
    expect([...parquet.labels.keys()].sort()).toEqual(["gpt-4-1106-preview", "human", "llama-2-70b-chat"]);
  });

  it("fetches the authors' resolved JSONL on demand for --data resolved", async () => {
    const mirror = temp();
    const target = mirrorPath(mirror, manifestEntry("resolved-jsonl").url);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(fixture("resolved-8.jsonl"), target);
    const dataDir = temp();
    const data = await loadFeatureDataset({
      data: "resolved",
      mirror,
      dataDir,
      groupIndexFile: fixture("resolved-8-group-index.json"),
      labels: [{ judge: "human", file: fixture("resolved-8-labels.json") }],
    });
    expect(data.source.format).toBe("resolved-jsonl");
    expect(data.rows).toHaveLength(8);
    expect(readdirSync(join(dataDir, "Preference-Dissection", "visualization", "data"))).toEqual(["chatbot_arena_no-tie_group_balanced_resolved.jsonl"]);
  });

  it("compares group membership with a group index file when given one", async () => {
    const data = await loadFeatureDataset({ data: fixture("pairs-8.csv"), groupIndexFile: fixture("resolved-8-group-index.json") });
    expect(data.rows).toHaveLength(8);
    const dir = temp();
    const index = JSON.parse(readFileSync(fixture("resolved-8-group-index.json"), "utf8"));
    index.w_constraints = [];
    writeFileSync(join(dir, "index.json"), JSON.stringify(index));
    const error = await asyncFailure(() => loadFeatureDataset({ data: fixture("pairs-8.csv"), groupIndexFile: join(dir, "index.json") }));
    expect(error.message).toContain('is in group "w_constraints" but');
  });

  it("adds a judge's labels file and rejects one of the wrong length, naming it", async () => {
    const dir = temp();
    writeFileSync(join(dir, "mine.json"), JSON.stringify(["A", "B", "B", "A", "A", "A", "B", "B"]));
    writeFileSync(join(dir, "short.json"), JSON.stringify(["A", "B"]));
    const data = await loadPairDataset({ data: fixture("pairs-8.jsonl"), labels: [{ judge: "mine", file: join(dir, "mine.json") }] });
    expect(data.pairs.map((p) => p.labels.mine)).toEqual(["A", "B", "B", "A", "A", "A", "B", "B"]);
    const error = await asyncFailure(() => loadPairDataset({ data: fixture("pairs-8.jsonl"), labels: [{ judge: "mine", file: join(dir, "short.json") }] }));
    expect(error.message).toBe(`${join(dir, "short.json")} holds 2 labels but the dataset has 8 pairs`);
  });

  it("names a missing file", async () => {
    const error = await asyncFailure(() => loadPairDataset({ data: "/nonexistent/pairs.csv" }));
    expect(error.message).toBe("cannot read /nonexistent/pairs.csv (ENOENT)");
  });
});

describe("the gated Hugging Face download", () => {
  const setup = () => {
    vi.stubEnv("PD_DATA_DIR", temp());
    vi.stubEnv("PD_MIRROR", "");
  };

  it("says to accept the terms and set HF_TOKEN when no token is set", async () => {
    setup();
    vi.stubEnv("HF_TOKEN", "");
    const fetchSpy = vi.fn();
    vi.stubGlobal("fetch", fetchSpy);
    const error = await asyncFailure(() => loadHfDataset());
    expect(error.message).toBe(
      "GAIR/preference-dissection is gated and HF_TOKEN is not set: accept the terms on https://huggingface.co/datasets/GAIR/preference-dissection " +
        "with your account, then set HF_TOKEN to a token with read access (https://huggingface.co/settings/tokens)",
    );
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it.each([401, 403])("explains an HTTP %i the same way and sends the token", async (status) => {
    setup();
    vi.stubEnv("HF_TOKEN", "hf_test");
    const fetchSpy = vi.fn(async () => new Response("denied", { status }));
    vi.stubGlobal("fetch", fetchSpy);
    const error = await asyncFailure(() => loadHfDataset());
    expect(error.message).toMatch(new RegExp(`^GAIR/preference-dissection is gated and the download was refused \\(${status}\\): accept the terms on https://huggingface\\.co/datasets/GAIR/preference-dissection`));
    const init = (fetchSpy.mock.calls[0] as unknown[])[1] as { headers: Record<string, string> };
    expect(init.headers.Authorization).toBe("Bearer hf_test");
  });

  it("reads the downloaded file with the column check", async () => {
    setup();
    vi.stubEnv("HF_TOKEN", "hf_test");
    const bytes = readFileSync(synthetic8Parquet());
    vi.stubGlobal("fetch", vi.fn(async () => new Response(bytes, { status: 200 })));
    const data = await loadHfDataset();
    expect(data.pairs).toHaveLength(8);
    expect(data.source.synthetic).toBe(true);
  });
});
