import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import { GPT4_TURBO, HUMAN } from "@prefdissect/data";
import { INPUT_FIGURES, type InputFigureDefinition } from "../src/index.js";
import { drawInputFigure, renderSvg, svgToPng } from "../src/node.js";
import { syntheticWeights } from "./fixtures.js";
import { intervalsFor, smallFeatureDataset, smallPairDataset } from "./input-fixtures.js";

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve("vega-lite/vega-lite-schema.json"), "utf8"));
const validate = new Ajv({ allowUnionTypes: true, strict: false, validateFormats: false }).compile(schema);
const weights = syntheticWeights();
const pairs = smallPairDataset(120);
const features = smallFeatureDataset(120);
const intervals = intervalsFor(weights, [HUMAN, GPT4_TURBO, "llama-2-70b-chat"]);

/** The input each kind of figure reads. */
function inputOf(figure: InputFigureDefinition<any, any>): unknown {
  switch (figure.input) {
    case "pair-dataset":
      return pairs.pairs;
    case "feature-dataset":
      return features;
    case "refit-intervals":
      return figure.name === "refit-similarity-intervals" ? { intervals, weights } : intervals;
  }
}

describe("every input-fed figure", () => {
  it("is listed once with a notebook-style name", () => {
    expect(INPUT_FIGURES.map((figure) => figure.name)).toEqual([
      "data-mean-ratings",
      "data-label-balance",
      "data-property-correlation",
      "refit-preference-intervals",
      "refit-similarity-intervals",
    ]);
  });

  for (const figure of INPUT_FIGURES) {
    const rows = figure.rows(inputOf(figure));
    const spec = figure.spec(rows, { sourceLabel: "Source: test data", synthetic: true });

    it(`${figure.name} validates against the Vega-Lite schema, ends with the source and uses DejaVu Sans`, () => {
      const valid = validate(spec);
      expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
      expect(valid).toBe(true);
      const typed = spec as unknown as { title: { text: string; subtitle: string[] }; config: { font: string } };
      expect(typed.title.subtitle.at(-1)).toBe("Source: test data");
      expect(typed.title.text).toMatch(/^SYNTHETIC DATA/);
      expect(typed.config.font).toBe("DejaVu Sans");
    });

    it(`${figure.name} renders byte-identical SVG and PNG twice and writes its rows as JSON`, async () => {
      const first = await renderSvg(spec);
      const second = await renderSvg(figure.spec(figure.rows(inputOf(figure)), { sourceLabel: "Source: test data", synthetic: true }));
      expect(second).toBe(first);
      expect(Buffer.compare(svgToPng(first), svgToPng(second))).toBe(0);
      const dir = mkdtempSync(join(tmpdir(), "input-figures-"));
      const written = await drawInputFigure(figure, rows, { outDir: dir, sourceLabel: "Source: test data", synthetic: true });
      expect(written.svg).toBe(first);
      const json = JSON.parse(readFileSync(join(dir, `${figure.name}.json`), "utf8"));
      expect(json).toEqual(rows);
      expect(Object.keys(json[0])).toEqual(figure.columns);
    });
  }
});
