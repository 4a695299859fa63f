import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer } from "@prefdissect/annotation/node";
import { describeUpstream, upstreamDataDir } from "../../../vitest.upstream.js";
import { register as registerAnnotate } from "../src/commands/annotate.js";
import { useLoopbackServer } from "./loopback.js";
import { runCommand } from "./run.js";

const loopback = useLoopbackServer();

const tempDir = () => mkdtempSync(join(tmpdir(), "pd-annotate-"));

/** A pairs file with one made-up pair, for tests about flags and errors rather than the data. */
function onePairFile(): string {
  const file = join(tempDir(), "one-pair.jsonl");
  writeFileSync(file, '{"prompt":"Name a long river.","response_a":"The Nile.","response_b":"The Amazon, in South America."}\n');
  return file;
}

describeUpstream("pd annotate on the authors' sample pairs", () => {
  beforeAll(() => {
    // `artifact:<id>` reads through the fetcher from the data dir: the verified copies.
    process.env.PD_DATA_DIR = upstreamDataDir();
  });
  afterAll(() => {
    delete process.env.PD_DATA_DIR;
  });

  it("annotates the authors' sample pairs against the loopback server and resumes from the cache", async () => {
    process.env.OPENAI_API_KEY = "sk-never-printed";
    const out = tempDir();
    const args = ["annotate", "--in", "artifact:sample-unannotated", "--out", out, "--model", "gpt-4o-mini", "--base-url", loopback.server.url];
    const first = await runCommand(registerAnnotate, args);
    expect(first.error).toBeUndefined();
    expect(first.stdout).toContain("calls: 12 done, 0 failed, 0 skipped");
    expect(first.stdout).toContain("pairs: 2 of 2 complete");
    expect(first.stdout).toMatch(/estimated cost: \$0\.00\d+ \(list price/);
    const features = readFileSync(join(out, "features.jsonl"), "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(features.map((line) => line.index)).toEqual([0, 1]);
    const second = await runCommand(registerAnnotate, args);
    expect(second.stdout).toContain("calls: 0 done, 0 failed, 12 skipped");
    expect(`${first.stdout}${first.stderr}${second.stdout}${second.stderr}`).not.toContain("sk-never-printed");
  });

  it("prints prompts and an estimate on --dry-run without sending anything or needing a key", async () => {
    delete process.env.OPENAI_API_KEY;
    const before = loopback.server.requests.length;
    const { stdout, error } = await runCommand(registerAnnotate, [
      "annotate",
      "--in",
      "artifact:sample-unannotated",
      "--model",
      "gpt-4-1106-preview",
      "--dry-run",
    ]);
    expect(error).toBeUndefined();
    expect(stdout).toContain("=== query-analysis v1 (JSON mode, max_tokens 1024) ===");
    expect(stdout).toMatch(/total\s+12 calls/);
    expect(stdout).toMatch(/Estimated cost: \$\d+\.\d+ live, \$\d+\.\d+ with --batch/);
    expect(loopback.server.requests.length).toBe(before);
    const one = await runCommand(registerAnnotate, [
      "annotate",
      "--in",
      "artifact:sample-unannotated",
      "--model",
      "gpt-4-1106-preview",
      "--dry-run",
      "--limit",
      "1",
    ]);
    expect(one.stdout).toContain("Estimate for 1 pair with gpt-4-1106-preview");
    expect(one.stdout).toMatch(/ query-analysis\s+1 call\s/);
    expect(one.stdout).toContain("[the reference answer written by the reference-answer call goes here; the estimate assumes 400 tokens for it]");
    expect(one.stdout).not.toMatch(/(word ){5}/);
  });
});

describe("pd annotate", () => {
  it("refuses credentials in the base URL with one line and never prints a secret from the URL", async () => {
    process.env.OPENAI_API_KEY = "sk-never-printed";
    const before = loopback.server.requests.length;
    const withUser = `http://user:SECRET-PASSWORD@127.0.0.1:${loopback.server.port}/v1`;
    const refused = await runCommand(registerAnnotate, ["annotate", "--in", onePairFile(), "--out", tempDir(), "--model", "m", "--base-url", withUser]);
    expect(refused.error?.message).toBe(
      `--base-url carries a user name or password (${loopback.server.url}); leave credentials out of the URL and pass the key in OPENAI_API_KEY or --api-key`,
    );
    expect(loopback.server.requests.length).toBe(before);
    process.env.OPENAI_BASE_URL = "user:SECRET-PASSWORD@127.0.0.1/v1";
    const unparsed = await runCommand(registerAnnotate, ["annotate", "--in", onePairFile(), "--out", tempDir(), "--model", "m"]);
    expect(unparsed.error?.message).toBe('OPENAI_BASE_URL must be an http(s) URL such as http://127.0.0.1:8787/v1, got "127.0.0.1/v1"');
    delete process.env.OPENAI_BASE_URL;
    const withQuery = await runCommand(registerAnnotate, [
      "annotate",
      "--in",
      onePairFile(),
      "--out",
      tempDir(),
      "--model",
      "m",
      "--base-url",
      `${loopback.server.url}?api-key=QUERY-SECRET-42`,
    ]);
    expect(withQuery.error).toBeUndefined();
    expect(withQuery.stdout).toContain(`Annotated with m at ${loopback.server.url}\n`);
    const printed = [refused, unparsed, withQuery].map((result) => `${result.stdout}${result.stderr}${result.error?.message ?? ""}`).join("\n");
    for (const secret of ["SECRET-PASSWORD", "QUERY-SECRET-42", "sk-never-printed"]) expect(printed).not.toContain(secret);
  });

  it("explains a missing key, a bad input line and an unreachable server in one sentence each", async () => {
    delete process.env.OPENAI_API_KEY;
    const base = ["--model", "m", "--out", tempDir(), "--base-url", loopback.server.url];
    const noKey = await runCommand(registerAnnotate, ["annotate", "--in", onePairFile(), ...base]);
    expect(noKey.error?.message).toMatch(/^no API key: set OPENAI_API_KEY/);

    process.env.OPENAI_API_KEY = "k";
    const bad = join(tempDir(), "bad.jsonl");
    writeFileSync(bad, '{"prompt":"q","response_a":"a","response_b":"b"}\n{"prompt":"q","response_a":"a","response_b":""}\n');
    const badLine = await runCommand(registerAnnotate, ["annotate", "--in", bad, ...base]);
    expect(badLine.error?.message).toBe(`${bad}:2, field "response_b": "response_b" is empty`);

    const closed = await startMockServer();
    const url = closed.url;
    await closed.close();
    const down = await runCommand(registerAnnotate, ["annotate", "--in", onePairFile(), "--model", "m", "--out", tempDir(), "--base-url", url]);
    expect(down.error?.message).toBe(`cannot reach the server at ${url} (ECONNREFUSED); is it running and is the URL right?`);
  });
});
