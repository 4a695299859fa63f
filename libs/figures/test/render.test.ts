import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FIGURES, normalizeSvg, renderSvg, rowsToJson, sizeGroupSimilarityFigure, similarityHeatmap } from "../src/index.js";
import { removeFigureFiles, svgToPng, writeFigureFiles } from "../src/node.js";
import { figureInput } from "./figure-inputs.js";
import { syntheticWeights } from "./fixtures.js";

const weights = syntheticWeights();

describe("renderSvg() and svgToPng()", () => {
  it("give byte-identical SVG and PNG when rendering the same spec twice", async () => {
    // The heatmap is the biggest figure; rendering another figure in between checks that ids do
    // not depend on what the process rendered before.
    const spec = similarityHeatmap.spec(similarityHeatmap.rows(weights));
    const first = await renderSvg(spec);
    await renderSvg(sizeGroupSimilarityFigure.spec(sizeGroupSimilarityFigure.rows(weights)));
    const second = await renderSvg(spec);
    expect(second).toBe(first);
    expect(Buffer.compare(svgToPng(first), svgToPng(second))).toBe(0);
  });

  it("produces a PNG at twice the SVG size with a white background", async () => {
    const svg = await renderSvg(sizeGroupSimilarityFigure.spec(sizeGroupSimilarityFigure.rows(weights)));
    const width = Number(/<svg[^>]*width="(\d+(\.\d+)?)"/.exec(svg)![1]);
    const png = svgToPng(svg);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(Math.ceil(width * 2));
  });

  it("sets text in DejaVu Sans", async () => {
    const svg = await renderSvg(sizeGroupSimilarityFigure.spec(sizeGroupSimilarityFigure.rows(weights)));
    expect(svg).toContain('font-family="DejaVu Sans"');
  });
});

describe("normalizeSvg()", () => {
  it("renumbers generated ids in order of appearance, with their references", () => {
    const svg = '<clipPath id="clip7"/><g clip-path="url(#clip7)"/><clipPath id="clip9"/><use href="#clip9"/>';
    expect(normalizeSvg(svg)).toBe('<clipPath id="clip1"/><g clip-path="url(#clip1)"/><clipPath id="clip2"/><use href="#clip2"/>');
  });
});

describe("writeFigureFiles() / removeFigureFiles()", () => {
  for (const figure of FIGURES) {
    it(`writes ${figure.name} as SVG, PNG and JSON rows equal to the input rows, byte-identical twice`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "figures-"));
      const rows = figure.rows(figureInput(figure));
      const written = await writeFigureFiles(figure, rows, dir, { sourceLabel: "Source: test data" });
      expect(readFileSync(join(dir, `${figure.name}.svg`), "utf8")).toBe(written.svg);
      expect(readFileSync(join(dir, `${figure.name}.png`)).equals(written.png)).toBe(true);
      const json = readFileSync(join(dir, `${figure.name}.json`), "utf8");
      expect(JSON.parse(json)).toEqual(rows);
      expect(Object.keys(JSON.parse(json)[0])).toEqual(figure.columns);
      const again = await writeFigureFiles(figure, figure.rows(figureInput(figure)), mkdtempSync(join(tmpdir(), "figures-")), {
        sourceLabel: "Source: test data",
      });
      expect(again.svg).toBe(written.svg);
      expect(again.png.equals(written.png)).toBe(true);
    });
  }

  it("removes all three files of a figure and nothing else", async () => {
    const dir = mkdtempSync(join(tmpdir(), "figures-"));
    for (const name of ["a.svg", "a.png", "a.json", "b.png"]) writeFileSync(join(dir, name), "old");
    await removeFigureFiles("a", dir);
    expect(readdirSync(dir)).toEqual(["b.png"]);
  });
});

describe("rowsToJson()", () => {
  it("writes keys in column order whatever the row's own key order", () => {
    const json = rowsToJson([{ b: 2, a: 1 }], ["a", "b"]);
    expect(json).toBe('[\n  {\n    "a": 1,\n    "b": 2\n  }\n]\n');
  });

  it("refuses rows with missing or unlisted columns", () => {
    expect(() => rowsToJson([{ a: 1 }] as { a: number; b?: number }[], ["a", "b"])).toThrow(/missing column "b"/);
    expect(() => rowsToJson([{ a: 1, c: 3 }], ["a"])).toThrow(/not listed.*c/);
  });
});
