import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fingerprintOf, fitPath, loadFit, saveFit } from "../src/node.js";

const dir = () => mkdtempSync(join(tmpdir(), "pd-refit-store-"));
const Body = z.object({ mean: z.array(z.number()) });

describe("fit store", () => {
  it("round-trips a fit and recognises its fingerprint", async () => {
    const d = dir();
    const fp = fingerprintOf({ X: [[1]], y: [1] });
    await saveFit(d, { judge: "human", group: "Code", fold: 0, fingerprint: fp, body: { mean: [0.1] } });
    const outcome = await loadFit(d, { judge: "human", group: "Code", fold: 0 }, fp, Body);
    expect(outcome.status).toBe("hit");
    if (outcome.status === "hit") expect(outcome.fit.body.mean).toEqual([0.1]);
    expect((await loadFit(d, { judge: "human", group: "Advice", fold: 0 }, fp, Body)).status).toBe("missing");
  });

  it("flags a fit from other inputs as stale", async () => {
    const d = dir();
    await saveFit(d, { judge: "human", group: "Code", fold: 0, fingerprint: "a", body: { mean: [0.1] } });
    expect((await loadFit(d, { judge: "human", group: "Code", fold: 0 }, "b", Body)).status).toBe("stale");
  });

  it("detects a truncated or edited entry", async () => {
    const d = dir();
    await saveFit(d, { judge: "human", group: "Code", fold: 0, fingerprint: "a", body: { mean: [0.1] } });
    const path = fitPath(d, "human", "Code", 0);
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.slice(0, text.length - 5));
    expect((await loadFit(d, { judge: "human", group: "Code", fold: 0 }, "a", Body)).status).toBe("corrupt");
    writeFileSync(path, text.replace("0.1", "0.2"));
    const edited = await loadFit(d, { judge: "human", group: "Code", fold: 0 }, "a", Body);
    expect(edited.status).toBe("corrupt");
  });

  it("rejects the earlier per-group layout's tag, a file moved to another fold, and a body of the wrong shape", async () => {
    const d = dir();
    await saveFit(d, { judge: "human", group: "Code", fold: 0, fingerprint: "a", body: { mean: [0.1] } });
    const path = fitPath(d, "human", "Code", 0);
    const text = readFileSync(path, "utf8");
    expect(JSON.parse(text).format).toBe("prefdissect.fit/2");
    writeFileSync(path, text.replace("prefdissect.fit/2", "prefdissect.fit/1"));
    expect((await loadFit(d, { judge: "human", group: "Code", fold: 0 }, "a", Body)).status).toBe("corrupt");
    writeFileSync(path, text);
    mkdirSync(dirname(fitPath(d, "human", "Code", 1)), { recursive: true });
    writeFileSync(fitPath(d, "human", "Code", 1), text);
    expect(await loadFit(d, { judge: "human", group: "Code", fold: 1 }, "a", Body)).toMatchObject({ status: "corrupt", reason: expect.stringMatching(/fold 1/) });
    expect((await loadFit(d, { judge: "human", group: "Code", fold: 0 }, "a", Body)).status).toBe("hit");
    const wrong = await loadFit(d, { judge: "human", group: "Code", fold: 0 }, "a", z.object({ mean: z.array(z.string()) }));
    expect(wrong).toMatchObject({ status: "corrupt", reason: expect.stringMatching(/field "mean\.0" must be a string, got number/) });
  });

  it("leaves one whole, verified file when overlapping shards write the same job at once, and readers never see half of one", async () => {
    const d = dir();
    const job = { judge: "human", group: "Code", fold: 3 };
    // Bodies of different sizes, so a mix of two writes or a partly written file cannot pass as whole.
    const sizes = [5_000, 40_000, 12_000, 30_000, 20_000, 8_000];
    const bodies = sizes.map((size, w) => ({ mean: Array.from({ length: size }, (_, k) => w + k / 7) }));
    await saveFit(d, { ...job, fingerprint: "a", body: bodies[0]! });
    const seen: string[] = [];
    let writing = true;
    const reader = (async () => {
      while (writing) seen.push((await loadFit(d, job, "a", Body)).status);
    })();
    for (let round = 0; round < 6; round++) await Promise.all(bodies.map((body) => saveFit(d, { ...job, fingerprint: "a", body })));
    writing = false;
    await reader;
    expect(seen.length).toBeGreaterThan(5);
    expect(new Set(seen)).toEqual(new Set(["hit"]));
    const outcome = await loadFit(d, job, "a", Body);
    expect(outcome.status).toBe("hit");
    if (outcome.status === "hit") expect(bodies).toContainEqual(outcome.fit.body);
    // No temporary files are left beside it.
    expect(readdirSync(dirname(fitPath(d, "human", "Code", 3)))).toEqual(["fold-3.json"]);
  });
});
