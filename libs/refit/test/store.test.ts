import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fingerprintOf, fitPath, loadFit, readFitDraws, saveFit } from "../src/node.js";

const dir = () => mkdtempSync(join(tmpdir(), "pd-refit-store-"));
const Body = z.object({ mean: z.array(z.number()) });

describe("fit store", () => {
  it("round-trips a fit and recognises its fingerprint", async () => {
    const d = dir();
    const fp = fingerprintOf({ X: [[1]], y: [1] });
    await saveFit(d, { judge: "human", group: "Code", fold: 0, folds: 1, fingerprint: fp, body: { mean: [0.1] } });
    const outcome = await loadFit(d, { judge: "human", group: "Code", fold: 0 }, fp, Body);
    expect(outcome.status).toBe("hit");
    if (outcome.status === "hit") expect(outcome.fit.body.mean).toEqual([0.1]);
    expect((await loadFit(d, { judge: "human", group: "Advice", fold: 0 }, fp, Body)).status).toBe("missing");
  });

  it("flags a fit from other inputs as stale", async () => {
    const d = dir();
    await saveFit(d, { judge: "human", group: "Code", fold: 0, folds: 1, fingerprint: "a", body: { mean: [0.1] } });
    expect((await loadFit(d, { judge: "human", group: "Code", fold: 0 }, "b", Body)).status).toBe("stale");
  });

  it("detects a truncated or edited entry", async () => {
    const d = dir();
    await saveFit(d, { judge: "human", group: "Code", fold: 0, folds: 1, fingerprint: "a", body: { mean: [0.1] } });
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
    await saveFit(d, { judge: "human", group: "Code", fold: 0, folds: 1, fingerprint: "a", body: { mean: [0.1] } });
    const path = fitPath(d, "human", "Code", 0);
    const text = readFileSync(path, "utf8");
    expect(JSON.parse(text).format).toBe("prefdissect.fit/2");
    writeFileSync(path, text.replace("prefdissect.fit/2", "prefdissect.fit/1"));
    expect((await loadFit(d, { judge: "human", group: "Code", fold: 0 }, "a", Body)).status).toBe("corrupt");
    writeFileSync(path, text);
    mkdirSync(dirname(fitPath(d, "human", "Code", 1)), { recursive: true });
    writeFileSync(fitPath(d, "human", "Code", 1), text);
    expect(await loadFit(d, { judge: "human", group: "Code", fold: 1 }, "a", Body)).toMatchObject({
      status: "corrupt",
      reason: expect.stringMatching(/fold 1/),
    });
    expect((await loadFit(d, { judge: "human", group: "Code", fold: 0 }, "a", Body)).status).toBe("hit");
    const wrong = await loadFit(d, { judge: "human", group: "Code", fold: 0 }, "a", z.object({ mean: z.array(z.string()) }));
    expect(wrong).toMatchObject({ status: "corrupt", reason: expect.stringMatching(/field "mean\.0" must be a string, got number/) });
  });

  it("leaves one whole, verified file when overlapping shards write the same job at once, and readers never see half of one", async () => {
    const d = dir();
    const job = { judge: "human", group: "Code", fold: 3, folds: 10 };
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

  it("gives a fit's posterior draws pooled over its folds in fold order, and refuses a damaged, missing or foreign fold", async () => {
    const d = dir();
    const draw = (sign: number, k: number) => Array.from({ length: 29 }, (_, p) => (sign * (p + k)) / 100);
    const nuts = (draws: number[][]) => ({ result: { kind: "nuts", fit: { mean: draws[0], draws } }, seconds: 1 });
    const folds = [[draw(1, 0), draw(1, 1)], [draw(-1, 2)], [draw(1, 3), draw(-1, 4)]];
    const save = (fold: number, body: unknown, fingerprint = "a") => saveFit(d, { judge: "human", group: "Code", fold, folds: 3, fingerprint, body });
    for (const [fold, draws] of folds.entries()) await save(fold, nuts(draws));
    expect(await readFitDraws(d, "human", "Code")).toEqual(folds.flat());
    expect(await readFitDraws(d, "human", "Advice")).toBeUndefined();

    const path = fitPath(d, "human", "Code", 1);
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.replace("-0.03", "-0.04"));
    await expect(readFitDraws(d, "human", "Code")).rejects.toThrow(`${path} does not hold an intact fit of human × Code, fold 1; rerun pd refit`);
    await save(1, nuts(folds[1]!), "b");
    await expect(readFitDraws(d, "human", "Code")).rejects.toThrow(`${path} was fitted from other data or settings than fold 0 of human × Code`);
    await save(1, nuts([[0.1, 0.2]]));
    await expect(readFitDraws(d, "human", "Code")).rejects.toMatchObject({ code: "malformed-file", place: { field: "body.result.fit.draws.0" } });
    rmSync(path);
    await expect(readFitDraws(d, "human", "Code")).rejects.toMatchObject({ code: "missing-file", message: expect.stringContaining("has 3 folds") });

    // The mode fast path keeps no draws.
    for (let fold = 0; fold < 3; fold++) await save(fold, { result: { kind: "mode", weights: draw(1, fold) }, seconds: 0 });
    expect(await readFitDraws(d, "human", "Code")).toEqual([]);
  });

  it("files each fold under its judge and group, with unsafe characters replaced, and saveFit says where", async () => {
    const d = dir();
    expect(fitPath(d, "human", "Code", 0)).toBe(join(d, "fits", "human", "Code", "fold-0.json"));
    expect(fitPath(d, "org/model v2", "Creative Writing", 9)).toBe(join(d, "fits", "org_model_v2", "Creative_Writing", "fold-9.json"));
    expect(fitPath(d, "a.b-c_d", "x", 1)).toBe(join(d, "fits", "a.b-c_d", "x", "fold-1.json"));
    // a run of unsafe characters becomes one underscore
    expect(fitPath(d, "a / b", "x", 2)).toBe(join(d, "fits", "a_b", "x", "fold-2.json"));
    // a name of dots only would climb out of fits/ as a folder
    expect(fitPath(d, "..", "..", 2)).toBe(join(d, "fits", "__", "__", "fold-2.json"));
    expect(fitPath(d, "human", ".", 2)).toBe(join(d, "fits", "human", "_", "fold-2.json"));
    const path = await saveFit(d, { judge: "org/model v2", group: "Creative Writing", fold: 2, folds: 10, fingerprint: "a", body: { mean: [1] } });
    expect(path).toBe(fitPath(d, "org/model v2", "Creative Writing", 2));
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({
      format: "prefdissect.fit/2",
      judge: "org/model v2",
      group: "Creative Writing",
      fold: 2,
      folds: 10,
      fingerprint: "a",
      body: { mean: [1] },
      sha256: fingerprintOf({ mean: [1] }),
    });
  });

  it("fingerprints a value by the sha256 of its JSON text", () => {
    // sha256 of the text {"a":1}
    expect(fingerprintOf({ a: 1 })).toBe("015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862");
    expect(fingerprintOf({ a: 1 })).not.toBe(fingerprintOf({ a: 2 }));
  });

  it("returns the stored fit on a hit", async () => {
    const d = dir();
    await saveFit(d, { judge: "human", group: "Code", fold: 4, folds: 10, fingerprint: "a", body: { mean: [0.1, 0.2] } });
    expect(await loadFit(d, { judge: "human", group: "Code", fold: 4 }, "a", Body)).toEqual({
      status: "hit",
      fit: { judge: "human", group: "Code", fold: 4, folds: 10, fingerprint: "a", body: { mean: [0.1, 0.2] } },
    });
  });

  it("says why an entry is not used: another fit's file, a failed checksum, other inputs, unreadable text", async () => {
    const d = dir();
    const job = { judge: "human", group: "Code", fold: 0 };
    await saveFit(d, { ...job, folds: 1, fingerprint: "a", body: { mean: [0.1] } });
    const path = fitPath(d, "human", "Code", 0);
    const text = readFileSync(path, "utf8");
    expect(await loadFit(d, job, "b", Body)).toEqual({ status: "stale", reason: `${path} was fitted from other data or settings` });
    const other = `${path} does not hold the fit of human × Code, fold 0`;
    writeFileSync(path, text.replace('"group":"Code"', '"group":"Advice"'));
    expect(await loadFit(d, job, "a", Body)).toEqual({ status: "corrupt", reason: other });
    writeFileSync(path, text.replace('"judge":"human"', '"judge":"gpt-4-1106-preview"'));
    expect(await loadFit(d, job, "a", Body)).toEqual({ status: "corrupt", reason: other });
    writeFileSync(path, text.replace("0.1", "0.2"));
    expect(await loadFit(d, job, "a", Body)).toEqual({ status: "corrupt", reason: `${path} fails its checksum` });
    // a checksum failure is reported before a stale fingerprint
    expect((await loadFit(d, job, "b", Body)).status).toBe("corrupt");
    writeFileSync(path, "{");
    const unreadable = await loadFit(d, job, "a", Body);
    expect(unreadable).toMatchObject({ status: "corrupt", reason: expect.stringContaining(path) });
  });
});
