// Reading and writing our own files: a missing file is named with the reason and the caller's hint,
// and a format file goes through its schema both ways.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { jsonDocumentFormat } from "@prefdissect/shared";
import { readFormatFile, readTextFile, writeFormatFile } from "../src/node.js";
import { asyncFailure } from "./failure.js";

const temp = () => mkdtempSync(join(tmpdir(), "pd-files-"));
const POINT = jsonDocumentFormat({ what: "a point (x, y)", schema: z.object({ x: z.number(), y: z.number() }), indent: 2 });

describe("readTextFile()", () => {
  it("reads the file as UTF-8 text", async () => {
    const path = join(temp(), "a.txt");
    writeFileSync(path, "Größe\n");
    expect(await readTextFile(path)).toBe("Größe\n");
  });

  it("names a missing file with the system's reason, and the hint when given", async () => {
    const path = join(temp(), "absent.json");
    const bare = await asyncFailure(() => readTextFile(path));
    expect(bare).toMatchObject({ code: "missing-file", message: `cannot read ${path} (ENOENT)`, place: { file: path } });
    expect((bare.cause as NodeJS.ErrnoException).code).toBe("ENOENT");
    const hinted = await asyncFailure(() => readTextFile(path, "run `pd refit` first"));
    expect(hinted.message).toBe(`cannot read ${path} (ENOENT); run \`pd refit\` first`);
  });

  it("names a folder where a file was expected", async () => {
    const dir = temp();
    expect((await asyncFailure(() => readTextFile(dir))).message).toBe(`cannot read ${dir} (EISDIR)`);
  });
});

describe("readFormatFile() and writeFormatFile()", () => {
  it("writes the format's text atomically and reads back the same value", async () => {
    const dir = temp();
    const path = join(dir, "p.json");
    await writeFormatFile(POINT, path, { x: 1, y: -2 });
    expect(readFileSync(path, "utf8")).toBe('{\n  "x": 1,\n  "y": -2\n}\n');
    expect(readdirSync(dir)).toEqual(["p.json"]);
    expect(await readFormatFile(POINT, path)).toEqual({ x: 1, y: -2 });
  });

  it("rejects a file that does not match the schema, naming file and field", async () => {
    const path = join(temp(), "p.json");
    writeFileSync(path, '{"x": 1, "y": "2"}');
    const error = await asyncFailure(() => readFormatFile(POINT, path));
    expect(error.message).toMatch(new RegExp(`^${path}: field "y" must be a number, got string`));
  });

  it("passes the hint on when the file is missing", async () => {
    const path = join(temp(), "p.json");
    expect((await asyncFailure(() => readFormatFile(POINT, path, "write it first"))).message).toBe(`cannot read ${path} (ENOENT); write it first`);
  });
});
