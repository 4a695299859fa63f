import { afterAll, beforeAll, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GROUP_IDS } from "@prefdissect/data";
import { loadReleasedWeights, writeWeightsDirectory } from "@prefdissect/data/node";
import { writeReport } from "../src/node.js";
import { describeUpstream, upstreamDataDir } from "../../../vitest.upstream.js";

describeUpstream("writeReport() with added judges", () => {
  beforeAll(() => {
    // The report reads the released weights through the fetcher: the verified copies.
    process.env.PD_DATA_DIR = upstreamDataDir();
  });
  afterAll(() => {
    delete process.env.PD_DATA_DIR;
  });

  it("places each added judge among the 33 in a section of its own, and leaves the claims alone", async () => {
    const released = await loadReleasedWeights();
    const addOut = mkdtempSync(join(tmpdir(), "pd-report-add-"));
    // A copy of GPT-4-Turbo's weights: GPT-4-Turbo must be its most similar judge (similarity 1).
    const copy = new Map(GROUP_IDS.map((group) => [group, new Map([["gpt4-copy", released.get(group)!.get("gpt-4-1106-preview")!]])]));
    await writeWeightsDirectory(join(addOut, "weights"), copy);
    const plain = await writeReport({ weights: "released", refitDir: "unused", figuresDir: mkdtempSync(join(tmpdir(), "pd-report-")) });
    const withAdded = await writeReport({
      weights: "released",
      refitDir: "unused",
      figuresDir: mkdtempSync(join(tmpdir(), "pd-report-")),
      extraJudges: [addOut],
    });
    expect(withAdded.claims).toEqual(plain.claims);
    const markdown = readFileSync(withAdded.path, "utf8");
    expect(readFileSync(plain.path, "utf8")).not.toContain("## Added judges");
    expect(markdown).toContain("## Added judges");
    expect(markdown).toMatch(/\| gpt4-copy \| GPT-4-Turbo 1\.00, /);
  });
});
