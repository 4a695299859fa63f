import { describe, expect, it } from "vitest";
import { describeSource, propertyLabel, judgeLabel } from "../src/index.js";
import { measureText, vegaTextWidth } from "../src/text/measure.js";

describe("describeSource()", () => {
  it("says released, refit and synthetic figures apart", () => {
    const labels = ["released", "refit", "synthetic"].map(describeSource);
    expect(new Set(labels).size).toBe(3);
    expect(describeSource("synthetic")).toMatch(/not the paper's data/);
  });
});

describe("labels", () => {
  it("come from the catalogs", () => {
    expect(propertyLabel(28)).toBe("lengthy");
    expect(judgeLabel("llama-2-70b-chat")).toBe("LLaMA-2-70B-Chat");
    expect(() => propertyLabel(29)).toThrow(/index 29/);
  });
});

describe("measureText()", () => {
  it("adds DejaVu Sans advance widths, wider for bold", () => {
    // DejaVu Sans: "i" is 0.2778 em and "W" 0.9888 em.
    expect(measureText("iW", 10)).toBeCloseTo(12.666, 3);
    expect(measureText("iW", 10, true)).toBeGreaterThan(measureText("iW", 10));
  });

  it("follows Vega's defaults for a text item (11 px, trimmed)", () => {
    expect(vegaTextWidth({}, "  i ")).toBeCloseTo(0.2778 * 11, 6);
    expect(vegaTextWidth({ fontSize: 20, fontWeight: 700 }, "i")).toBeCloseTo(measureText("i", 20, true), 9);
  });
});
