import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readLabelsFile, readWeightsDirectory, writeLabelsFile, writeWeightsDirectory } from "../src/node.js";
import { asyncFailure } from "./failure.js";

const dir = () => mkdtempSync(join(tmpdir(), "pd-released-files-"));

describe("weights folders and labels files on disk", () => {
  it("writes the released layout, which the reader reads back", async () => {
    const d = dir();
    const w = Array.from({ length: 29 }, (_, k) => k / 100);
    await writeWeightsDirectory(d, new Map([["Code", new Map([["gpt-4-1106-preview", w], ["human", w.map((x) => -x)]])]]));
    const lines = readFileSync(join(d, "model_Code_fitted_paras.jsonl"), "utf8").trim().split("\n");
    expect(JSON.parse(lines[0]!).model_name).toBe("human");
    const back = await readWeightsDirectory(d);
    expect([...back.keys()]).toEqual(["Code"]);
    expect(back.get("Code")!.get("gpt-4-1106-preview")).toEqual(w);
  });

  it("round-trips a labels file and names a missing one", async () => {
    const file = join(dir(), "labels.json");
    await writeLabelsFile(file, ["A", "B", "B"]);
    expect(await readLabelsFile(file, 3)).toEqual(["A", "B", "B"]);
    const error = await asyncFailure(() => readLabelsFile(join(dir(), "none.json")));
    expect(error.message).toMatch(/^cannot read .*none\.json \(ENOENT\)$/);
  });
});
