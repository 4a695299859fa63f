import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import { FIGURES } from "../src/index.js";
import { syntheticWeights } from "./fixtures.js";

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve("vega-lite/vega-lite-schema.json"), "utf8"));
const validate = new Ajv({ allowUnionTypes: true, strict: false, validateFormats: false }).compile(schema);
const weights = syntheticWeights();

describe("every figure spec", () => {
  for (const figure of FIGURES) {
    it(`${figure.name} validates against the Vega-Lite schema`, () => {
      const spec = figure.spec(figure.rows(weights), { sourceLabel: "Source: synthetic test weights" });
      const valid = validate(spec);
      expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
      expect(valid).toBe(true);
    });

    it(`${figure.name} ends its subtitle with the source label and uses DejaVu Sans`, () => {
      const spec = figure.spec(figure.rows(weights), { sourceLabel: "Source: synthetic test weights" }) as {
        title: { subtitle: string[] };
        config: { font: string };
      };
      expect(spec.title.subtitle.at(-1)).toBe("Source: synthetic test weights");
      expect(spec.config.font).toBe("DejaVu Sans");
    });
  }

  it("an invalid spec is rejected (the validator is live)", () => {
    expect(validate({ mark: "no-such-mark", data: { values: [] } })).toBe(false);
  });
});
