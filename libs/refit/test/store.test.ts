import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fingerprintOf, fitPath, loadFit, readFitDraws, saveFit } from "../src/node.js";

const dir = () => mkdtempSync(join(tmpdir(), "pd-refit-store-"));
const Body = z.object({ mean: z.array(z.number()) });

describe("fit store", () => {
  it("round-trips a fit and recognises its fingerprint", async () => {
    const d = dir();
    const fp = fingerprintOf({ X: [[1]], y: [1] });
    await saveFit(d, { judge: "human", group: "Code", fingerprint: fp, body: { mean: [0.1] } });
    const outcome = await loadFit(d, "human", "Code", fp, Body);
    expect(outcome.status).toBe("hit");
    if (outcome.status === "hit") expect(outcome.fit.body.mean).toEqual([0.1]);
    expect((await loadFit(d, "human", "Advice", fp, Body)).status).toBe("missing");
  });

  it("flags a fit from other inputs as stale", async () => {
    const d = dir();
    await saveFit(d, { judge: "human", group: "Code", fingerprint: "a", body: { mean: [0.1] } });
    expect((await loadFit(d, "human", "Code", "b", Body)).status).toBe("stale");
  });

  it("detects a truncated or edited entry", async () => {
    const d = dir();
    await saveFit(d, { judge: "human", group: "Code", fingerprint: "a", body: { mean: [0.1] } });
    const path = fitPath(d, "human", "Code");
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.slice(0, text.length - 5));
    expect((await loadFit(d, "human", "Code", "a", Body)).status).toBe("corrupt");
    writeFileSync(path, text.replace("0.1", "0.2"));
    const edited = await loadFit(d, "human", "Code", "a", Body);
    expect(edited.status).toBe("corrupt");
  });

  it("reads entries stored under the older format tag, and rejects a body of the wrong shape", async () => {
    const d = dir();
    await saveFit(d, { judge: "human", group: "Code", fingerprint: "a", body: { mean: [0.1] } });
    const path = fitPath(d, "human", "Code");
    const text = readFileSync(path, "utf8");
    expect(JSON.parse(text).format).toBe("prefdissect.fit/1");
    writeFileSync(path, text.replace("prefdissect.fit/1", "prefdissect-fit/1"));
    expect((await loadFit(d, "human", "Code", "a", Body)).status).toBe("hit");
    const wrong = await loadFit(d, "human", "Code", "a", z.object({ mean: z.array(z.string()) }));
    expect(wrong).toMatchObject({ status: "corrupt", reason: expect.stringMatching(/field "mean\.0" must be a string, got number/) });
  });

  it("gives a stored fit's posterior draws, and refuses a damaged fit or draws of the wrong length", async () => {
    const d = dir();
    const draws = [Array.from({ length: 29 }, (_, p) => p / 100), Array.from({ length: 29 }, (_, p) => -(p + 1) / 100)];
    await saveFit(d, { judge: "human", group: "Code", fingerprint: "a", body: { mean: draws[0], draws } });
    expect(await readFitDraws(d, "human", "Code")).toEqual(draws);
    expect(await readFitDraws(d, "human", "Advice")).toBeUndefined();
    const path = fitPath(d, "human", "Code");
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.replace("0.28", "0.27"));
    await expect(readFitDraws(d, "human", "Code")).rejects.toThrow(/does not hold an intact fit of human × Code/);
    await saveFit(d, { judge: "human", group: "Code", fingerprint: "a", body: { draws: [[0.1, 0.2]] } });
    await expect(readFitDraws(d, "human", "Code")).rejects.toMatchObject({ code: "malformed-file", place: { field: "body.draws.0" } });
  });

  it("files each fit under its judge and group, with unsafe characters replaced, and saveFit says where", async () => {
    const d = dir();
    expect(fitPath(d, "human", "Code")).toBe(join(d, "fits", "human", "Code.json"));
    expect(fitPath(d, "org/model v2", "Creative Writing")).toBe(join(d, "fits", "org_model_v2", "Creative_Writing.json"));
    expect(fitPath(d, "a.b-c_d", "x")).toBe(join(d, "fits", "a.b-c_d", "x.json"));
    // a run of unsafe characters becomes one underscore
    expect(fitPath(d, "a / b", "..")).toBe(join(d, "fits", "a_b", "...json"));
    const path = await saveFit(d, { judge: "org/model v2", group: "Creative Writing", fingerprint: "a", body: { mean: [1] } });
    expect(path).toBe(fitPath(d, "org/model v2", "Creative Writing"));
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({
      format: "prefdissect.fit/1",
      judge: "org/model v2",
      group: "Creative Writing",
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
    await saveFit(d, { judge: "human", group: "Code", fingerprint: "a", body: { mean: [0.1, 0.2] } });
    expect(await loadFit(d, "human", "Code", "a", Body)).toEqual({
      status: "hit",
      fit: { judge: "human", group: "Code", fingerprint: "a", body: { mean: [0.1, 0.2] } },
    });
  });

  it("says why an entry is not used: another fit's file, a failed checksum, other inputs, unreadable text", async () => {
    const d = dir();
    await saveFit(d, { judge: "human", group: "Code", fingerprint: "a", body: { mean: [0.1] } });
    const path = fitPath(d, "human", "Code");
    const text = readFileSync(path, "utf8");
    expect(await loadFit(d, "human", "Code", "b", Body)).toEqual({ status: "stale", reason: `${path} was fitted from other data or settings` });
    writeFileSync(path, text.replace('"group":"Code"', '"group":"Advice"'));
    expect(await loadFit(d, "human", "Code", "a", Body)).toEqual({ status: "corrupt", reason: `${path} does not hold the fit of human × Code` });
    writeFileSync(path, text.replace('"judge":"human"', '"judge":"gpt-4-1106-preview"'));
    expect(await loadFit(d, "human", "Code", "a", Body)).toEqual({ status: "corrupt", reason: `${path} does not hold the fit of human × Code` });
    writeFileSync(path, text.replace("0.1", "0.2"));
    expect(await loadFit(d, "human", "Code", "a", Body)).toEqual({ status: "corrupt", reason: `${path} fails its checksum` });
    // a checksum failure is reported before a stale fingerprint
    expect((await loadFit(d, "human", "Code", "b", Body)).status).toBe("corrupt");
    writeFileSync(path, "{");
    const unreadable = await loadFit(d, "human", "Code", "a", Body);
    expect(unreadable).toMatchObject({ status: "corrupt", reason: expect.stringContaining(path) });
  });
});
