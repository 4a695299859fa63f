import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadWeightsDirectory } from "@prefdissect/data/node";
import { fingerprintOf, fitPath, loadFit, saveFit, writeWeightSet } from "../src/node.js";

const dir = () => mkdtempSync(join(tmpdir(), "pd-refit-store-"));

describe("fit store", () => {
  it("round-trips a fit and recognises its fingerprint", async () => {
    const d = dir();
    const fp = fingerprintOf({ X: [[1]], y: [1] });
    await saveFit(d, { judge: "human", group: "Code", fingerprint: fp, body: { mean: [0.1] } });
    const outcome = await loadFit<{ mean: number[] }>(d, "human", "Code", fp);
    expect(outcome.status).toBe("hit");
    if (outcome.status === "hit") expect(outcome.fit.body.mean).toEqual([0.1]);
    expect((await loadFit(d, "human", "Advice", fp)).status).toBe("missing");
  });

  it("flags a fit from other inputs as stale", async () => {
    const d = dir();
    await saveFit(d, { judge: "human", group: "Code", fingerprint: "a", body: { mean: [0.1] } });
    expect((await loadFit(d, "human", "Code", "b")).status).toBe("stale");
  });

  it("detects a truncated or edited entry", async () => {
    const d = dir();
    await saveFit(d, { judge: "human", group: "Code", fingerprint: "a", body: { mean: [0.1] } });
    const path = fitPath(d, "human", "Code");
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.slice(0, text.length - 5));
    expect((await loadFit(d, "human", "Code", "a")).status).toBe("corrupt");
    writeFileSync(path, text.replace("0.1", "0.2"));
    const edited = await loadFit(d, "human", "Code", "a");
    expect(edited.status).toBe("corrupt");
  });
});

describe("writeWeightSet()", () => {
  it("writes the released layout, which the released-weights reader reads back", async () => {
    const d = dir();
    const w = Array.from({ length: 29 }, (_, k) => k / 100);
    await writeWeightSet(d, new Map([["Code", new Map([["gpt-4-1106-preview", w], ["human", w.map((x) => -x)]])]]));
    const lines = readFileSync(join(d, "model_Code_fitted_paras.jsonl"), "utf8").trim().split("\n");
    expect(JSON.parse(lines[0]!).model_name).toBe("human");
    const back = await loadWeightsDirectory(d);
    expect(back.get("Code")!.get("gpt-4-1106-preview")).toEqual(w);
  });
});
