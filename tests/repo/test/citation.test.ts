import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateCFF } from "cffjs";
import { readRepoFile } from "./repo-root.js";

type Cff = Record<string, unknown>;

function citation(): Cff {
  return parse(readRepoFile("CITATION.cff")) as Cff;
}

describe("CITATION.cff", () => {
  it("is valid against the Citation File Format 1.2.0 schema", () => {
    expect(() => validateCFF(citation())).not.toThrow();
  });

  it("is rejected by the same schema when a required key is missing", () => {
    // Proves the validator is live: without this, a no-op validator would pass the test above.
    const broken = citation();
    delete broken.authors;
    expect(() => validateCFF(broken)).toThrow(/authors/);
  });

  it("cites the paper as the preferred citation and matches the package version and license", () => {
    const cff = citation();
    const preferred = cff["preferred-citation"] as Cff;
    expect(preferred.title).toBe("Dissecting Human and LLM Preferences");
    expect(preferred.year).toBe(2024);
    expect((preferred.authors as Cff[]).map((author) => author["family-names"])).toEqual(["Li", "Zhou", "Sun", "Zhang", "Zhao", "Liu"]);
    const pkg = JSON.parse(readRepoFile("package.json")) as { version: string; license: string };
    expect(cff.version).toBe(pkg.version);
    expect(cff.license).toBe(pkg.license);
  });
});
