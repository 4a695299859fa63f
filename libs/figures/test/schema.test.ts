import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import { FIGURES } from "../src/index.js";
import { figureInput } from "./figure-inputs.js";

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve("vega-lite/vega-lite-schema.json"), "utf8"));
const validate = new Ajv({ allowUnionTypes: true, strict: false, validateFormats: false }).compile(schema);

type Titled = { title: { text: string; subtitle: string[] }; config: { font: string } };

describe("every figure spec", () => {
  it("is listed once, paper figures first", () => {
    expect(FIGURES.map((figure) => figure.name)).toEqual([
      "fig01-communication-dissection",
      "table03-top-bottom-properties",
      "table04-error-sensitivity",
      "fig-similarity-heatmap",
      "fig-size-group-similarity",
      "fig06-alignment-similarity",
      "fig07-gameability",
      "data-mean-ratings",
      "data-label-balance",
      "data-property-correlation",
      "refit-preference-intervals",
      "refit-similarity-intervals",
      "fig06-preference-strength",
      "fig06-preference-agreement",
    ]);
  });

  for (const figure of FIGURES) {
    const spec = figure.spec(figure.rows(figureInput(figure)), { sourceLabel: "Source: test data", synthetic: true });

    it(`${figure.name} validates against the Vega-Lite schema`, () => {
      const valid = validate(spec);
      expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
      expect(valid).toBe(true);
    });

    it(`${figure.name} ends its subtitle with the source label, uses DejaVu Sans and marks synthetic data`, () => {
      const typed = spec as unknown as Titled;
      expect(typed.title.subtitle.at(-1)).toBe("Source: test data");
      expect(typed.config.font).toBe("DejaVu Sans");
      // Weight figures say "synthetic" in their source line; the others put it in the headline.
      if (figure.input !== "weights" && figure.input !== "gameability") expect(typed.title.text).toMatch(/^SYNTHETIC DATA/);
    });
  }

  it("an invalid spec is rejected (the validator is live)", () => {
    expect(validate({ mark: "no-such-mark", data: { values: [] } })).toBe(false);
  });
});
