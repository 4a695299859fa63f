// The atomic writer when the disk fills up mid-write, in-process: the file system's writeFile is
// replaced by one that writes half the bytes and then fails with ENOSPC.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import * as fsPromises from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { writeFileAtomic } from "../src/node.js";

vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  return { ...actual, writeFile: vi.fn(actual.writeFile) };
});

/** The next writeFile writes the first half of its bytes, then fails as a full disk does. */
function diskFullAfterHalf(): void {
  vi.mocked(fsPromises.writeFile).mockImplementationOnce(async (file, data) => {
    const bytes = typeof data === "string" ? Buffer.from(data) : (data as Uint8Array);
    writeFileSync(file as string, bytes.subarray(0, bytes.length / 2));
    throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
  });
}

/** The next writeFile fails before it creates anything, as a full disk can at open. */
function diskFullAtOpen(): void {
  vi.mocked(fsPromises.writeFile).mockImplementationOnce(async () => {
    throw Object.assign(new Error("ENOSPC: no space left on device, open"), { code: "ENOSPC" });
  });
}

describe("writeFileAtomic() on a full disk", () => {
  it("rejects with ENOSPC, keeps the old file whole and leaves no partial file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pd-atomic-enospc-"));
    const target = join(dir, "weights.jsonl");
    writeFileSync(target, "old\n");
    diskFullAfterHalf();
    await expect(writeFileAtomic(target, "new contents that do not fit\n")).rejects.toMatchObject({ code: "ENOSPC" });
    expect(readFileSync(target, "utf8")).toBe("old\n");
    expect(readdirSync(dir)).toEqual(["weights.jsonl"]);
  });

  it("leaves no file at all when there was none before", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pd-atomic-enospc-"));
    diskFullAfterHalf();
    await expect(writeFileAtomic(join(dir, "new.json"), "{}")).rejects.toMatchObject({ code: "ENOSPC" });
    expect(readdirSync(dir)).toEqual([]);
  });

  it("passes on the disk's own error when the temporary file could not even be created", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pd-atomic-enospc-"));
    const target = join(dir, "weights.jsonl");
    writeFileSync(target, "old\n");
    diskFullAtOpen();
    // the clean-up finds no temporary file, and that must not replace the reason
    await expect(writeFileAtomic(target, "new\n")).rejects.toThrow("ENOSPC: no space left on device, open");
    expect(readFileSync(target, "utf8")).toBe("old\n");
    expect(readdirSync(dir)).toEqual(["weights.jsonl"]);
  });
});
