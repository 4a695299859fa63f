import { describe, expect, it } from "vitest";
import { z } from "zod";
import { PrefDissectError, formatTag, jsonDocumentFormat, jsonLinesFormat } from "../src/index.js";

function failure(action: () => unknown): PrefDissectError {
  try {
    action();
  } catch (error) {
    if (error instanceof PrefDissectError) return error;
    throw error;
  }
  throw new Error("expected a PrefDissectError");
}

const summary = jsonDocumentFormat({
  what: "a test summary (prefdissect.test/2)",
  schema: z.object({ format: formatTag("prefdissect.test/2", "prefdissect-test/1"), fits: z.array(z.object({ judge: z.string(), rows: z.number().int() })) }),
  indent: 1,
});

describe("jsonDocumentFormat()", () => {
  it("round-trips a value and accepts the older tag", () => {
    const value = { format: "prefdissect.test/2" as const, fits: [{ judge: "human", rows: 3 }] };
    expect(summary.stringify(value)).toBe('{\n "format": "prefdissect.test/2",\n "fits": [\n  {\n   "judge": "human",\n   "rows": 3\n  }\n ]\n}\n');
    expect(summary.parse(summary.stringify(value), "s.json")).toEqual(value);
    expect(summary.parse('{"format":"prefdissect-test/1","fits":[]}', "s.json").format).toBe("prefdissect-test/1");
  });

  it("names the file, the field and what was expected", () => {
    const error = failure(() => summary.parse('{"format":"prefdissect.test/2","fits":[{"judge":"human","rows":"3"}]}', "out/s.json"));
    expect(error.message).toBe('out/s.json: field "fits.0.rows" must be a number, got string; expected a test summary (prefdissect.test/2)');
    expect(error.place).toEqual({ file: "out/s.json", field: "fits.0.rows" });
    expect(error.code).toBe("malformed-file");
    expect(failure(() => summary.parse('{"format":"other/1","fits":[]}', "s.json")).place.field).toBe("format");
  });

  it("says when the text is not JSON", () => {
    expect(failure(() => summary.parse("{", "s.json")).message).toMatch(/^s\.json is not valid JSON \(.+\); expected a test summary/);
  });
});

describe("jsonLinesFormat()", () => {
  const rows = jsonLinesFormat({ what: "test rows", line: z.object({ id: z.string() }) });

  it("writes one value per line and skips blank lines on reading", () => {
    expect(rows.stringify([{ id: "a" }, { id: "b" }])).toBe('{"id":"a"}\n{"id":"b"}\n');
    expect(rows.stringify([])).toBe("");
    expect(rows.parse('{"id":"a"}\n\n{"id":"b"}\n', "r.jsonl")).toEqual([{ id: "a" }, { id: "b" }]);
  });

  it("names the line of a bad value", () => {
    const error = failure(() => rows.parse('{"id":"a"}\n{"id":1}\n', "r.jsonl"));
    expect(error.message).toBe('r.jsonl:2: field "id" must be a string, got number; expected test rows');
    expect(error.place).toEqual({ file: "r.jsonl", line: 2, field: "id" });
    expect(failure(() => rows.parse('{"id":"a"}\nnope\n', "r.jsonl")).message).toBe("r.jsonl:2 is not valid JSON");
  });
});
