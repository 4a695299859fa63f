// The fetcher's checksum paths against a real HTTP server on the loopback interface: what is
// served, what lands on disk, and what is refused.
import { once } from "node:events";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ManifestEntry } from "../src/index.js";
import { fetchArtifact, mirrorPath, sha256, type FetchEvent } from "../src/node.js";
import { asyncFailure } from "./failure.js";

const good = new TextEncoder().encode('{"model_name":"human","parameters":[0.1,0.2]}\n'.repeat(200));
const corrupt = good.map((byte, i) => (i === 100 ? byte ^ 1 : byte));

type Handler = (response: ServerResponse) => void;
const handlers = new Map<string, Handler>();
const requests: string[] = [];
/** The authorization header of each request, in order (null when none was sent). */
const authorizations: (string | null)[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url!);
    authorizations.push(request.headers.authorization ?? null);
    const handler = handlers.get(request.url!);
    if (handler === undefined) {
      response.writeHead(404).end();
      return;
    }
    handler(response);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  handlers.clear();
  requests.length = 0;
  authorizations.length = 0;
  // These cases are about the download path; PD_MIRROR would take it over.
  vi.stubEnv("PD_MIRROR", "");
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const temp = () => mkdtempSync(join(tmpdir(), "pd-fetch-http-"));

/** A pinned entry served at `/<name>`. */
function entryFor(name: string, pinned = true): ManifestEntry {
  return {
    id: name,
    description: "test",
    url: `${base}/${name}`,
    path: `repo/${name}`,
    bytes: pinned ? good.byteLength : null,
    sha256: pinned ? sha256(good) : null,
  };
}

const serve = (name: string, body: Uint8Array) => handlers.set(`/${name}`, (response) => response.writeHead(200, { "content-length": body.byteLength }).end(body));

/** Announces the whole length, sends half of it, and drops the connection. */
const serveTruncated = (name: string) =>
  handlers.set(`/${name}`, (response) => {
    response.writeHead(200, { "content-length": good.byteLength });
    response.write(good.subarray(0, good.byteLength / 2), () => response.destroy());
  });

/** A data dir already holding `body` where the entry's file goes. */
function dataDirWith(entry: ManifestEntry, body: Uint8Array | string): string {
  const dataDir = temp();
  mkdirSync(dirname(join(dataDir, entry.path)), { recursive: true });
  writeFileSync(join(dataDir, entry.path), body);
  return dataDir;
}

/** Every file under `dir`, temporary ones included, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

describe("fetchArtifact() over HTTP", () => {
  it("downloads and verifies a file", async () => {
    serve("a.jsonl", good);
    const dataDir = temp();
    const path = await fetchArtifact(entryFor("a.jsonl"), { dataDir });
    expect(new Uint8Array(readFileSync(path))).toEqual(good);
    expect(filesUnder(dataDir)).toEqual(["repo/a.jsonl"]);
  });

  it("refetches a present file whose checksum is wrong and replaces it", async () => {
    serve("a.jsonl", good);
    const entry = entryFor("a.jsonl");
    const dataDir = dataDirWith(entry, corrupt);
    const statuses: string[] = [];
    await fetchArtifact(entry, { dataDir, onProgress: (event) => statuses.push(event.status) });
    expect(requests).toEqual(["/a.jsonl"]);
    expect(statuses.at(-1)).toBe("done");
    expect(new Uint8Array(readFileSync(join(dataDir, entry.path)))).toEqual(good);
    expect(filesUnder(dataDir)).toEqual(["repo/a.jsonl"]);
  });

  it("keeps a present, verified file without a request", async () => {
    const entry = entryFor("a.jsonl");
    const dataDir = dataDirWith(entry, good);
    const statuses: string[] = [];
    await fetchArtifact(entry, { dataDir, onProgress: (event) => statuses.push(event.status) });
    expect(requests).toEqual([]);
    expect(statuses).toEqual(["present"]);
  });

  it("refuses a corrupt body and writes nothing", async () => {
    serve("a.jsonl", corrupt);
    const dataDir = temp();
    const entry = entryFor("a.jsonl");
    const error = await asyncFailure(() => fetchArtifact(entry, { dataDir }));
    expect(error.code).toBe("checksum-mismatch");
    expect(error.message).toBe(
      `checksum mismatch for repo/a.jsonl (from ${entry.url}): expected sha256 ${sha256(good)}, got ${sha256(corrupt)}; refusing to use it`,
    );
    expect(filesUnder(dataDir)).toEqual([]);
  });

  it("refuses a corrupt refetch of a corrupt present file, leaving no new file beside it", async () => {
    serve("a.jsonl", corrupt);
    const entry = entryFor("a.jsonl");
    const dataDir = dataDirWith(entry, "stale");
    expect((await asyncFailure(() => fetchArtifact(entry, { dataDir }))).code).toBe("checksum-mismatch");
    expect(filesUnder(dataDir)).toEqual(["repo/a.jsonl"]);
    expect(readFileSync(join(dataDir, entry.path), "utf8")).toBe("stale");
  });

  it("refuses a truncated download of a pinned file and writes nothing", async () => {
    serveTruncated("a.jsonl");
    const dataDir = temp();
    const error = await asyncFailure(() => fetchArtifact(entryFor("a.jsonl"), { dataDir }));
    expect(error.code).toBe("download-incomplete");
    expect(error.message).toMatch(new RegExp(`^the download of ${base}/a.jsonl broke off after \\d+ of ${good.byteLength} bytes \\(.+\\)$`));
    // the connection's own error stays attached, for whoever has to find out why it broke off
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.message).toContain(`(${(error.cause as Error).message})`);
    expect(filesUnder(dataDir)).toEqual([]);
  });

  it("refuses a truncated download of an unpinned file too, where no checksum would catch it", async () => {
    serveTruncated("big.jsonl");
    const dataDir = temp();
    const error = await asyncFailure(() => fetchArtifact(entryFor("big.jsonl", false), { dataDir }));
    expect(error.code).toBe("download-incomplete");
    expect(filesUnder(dataDir)).toEqual([]);
  });

  it("names the status of a refused request", async () => {
    const error = await asyncFailure(() => fetchArtifact(entryFor("missing.jsonl"), { dataDir: temp() }));
    expect(error).toMatchObject({ code: "http", message: `${base}/missing.jsonl answered HTTP 404 Not Found`, place: { file: `${base}/missing.jsonl` } });
  });

  it("reports each step with the entry and its pinned size: bytes so far while downloading, then done", async () => {
    // The server holds the rest of the body until the first bytes have been reported, so the
    // running count shows at least two steps.
    let sendRest = () => {};
    handlers.set("/a.jsonl", (response) => {
      response.writeHead(200, { "content-length": good.byteLength });
      response.write(good.subarray(0, 1000));
      sendRest = () => response.end(good.subarray(1000));
    });
    const entry = entryFor("a.jsonl");
    const events: FetchEvent[] = [];
    const onProgress = (event: FetchEvent) => {
      if (events.length === 0) sendRest();
      events.push(event);
    };
    await fetchArtifact(entry, { dataDir: temp(), onProgress });
    expect(events.every((event) => event.entry === entry && event.totalBytes === good.byteLength)).toBe(true);
    const downloading = events.filter((event) => event.status === "downloading").map((event) => event.bytes);
    expect(downloading.length).toBeGreaterThanOrEqual(2);
    expect(downloading).toEqual([...downloading].sort((a, b) => a - b));
    expect(downloading.at(-1)).toBe(good.byteLength);
    expect(events.at(-1)).toMatchObject({ status: "done", bytes: good.byteLength });
    expect(events.slice(0, -1).every((event) => event.status === "downloading")).toBe(true);
  });

  it("keeps a present unpinned file as it is, reporting its size, without a request", async () => {
    const entry = entryFor("big.jsonl", false);
    const dataDir = dataDirWith(entry, "anything at all");
    const events: FetchEvent[] = [];
    expect(await fetchArtifact(entry, { dataDir, onProgress: (event) => events.push(event) })).toBe(join(dataDir, entry.path));
    expect(requests).toEqual([]);
    expect(events).toEqual([{ entry, status: "present", bytes: 15, totalBytes: null }]);
    expect(readFileSync(join(dataDir, entry.path), "utf8")).toBe("anything at all");
  });

  it("downloads an unpinned file as served", async () => {
    serve("big.jsonl", corrupt);
    const dataDir = temp();
    const path = await fetchArtifact(entryFor("big.jsonl", false), { dataDir });
    expect(new Uint8Array(readFileSync(path))).toEqual(corrupt);
  });

  it("names what it expected when a download without a length header breaks off", async () => {
    handlers.set("/big.jsonl", (response) => {
      response.writeHead(200);
      response.write(good.subarray(0, 512), () => response.destroy());
    });
    const unpinned = await asyncFailure(() => fetchArtifact(entryFor("big.jsonl", false), { dataDir: temp() }));
    expect(unpinned.message).toMatch(new RegExp(`^the download of ${base}/big.jsonl broke off after \\d+ bytes \\(.+\\)$`));
    expect(unpinned.place).toEqual({ file: `${base}/big.jsonl` });
    // a pinned entry falls back on the manifest's size
    const pinned = await asyncFailure(() => fetchArtifact({ ...entryFor("big.jsonl"), path: "repo/b.jsonl" }, { dataDir: temp() }));
    expect(pinned.message).toMatch(new RegExp(` broke off after \\d+ of ${good.byteLength} bytes `));
  });
});

describe("fetchArtifact() from a gated host", () => {
  /** A pinned entry whose host wants the token in PD_TEST_TOKEN. */
  const gatedEntry = (name: string): ManifestEntry => ({ ...entryFor(name), auth: "PD_TEST_TOKEN" });

  it("sends the token from the entry's variable as a bearer token", async () => {
    serve("g.jsonl", good);
    vi.stubEnv("PD_TEST_TOKEN", "secret-1");
    await fetchArtifact(gatedEntry("g.jsonl"), { dataDir: temp() });
    expect(authorizations).toEqual(["Bearer secret-1"]);
  });

  it("sends the caller's own authorization header as it is, and needs no token then", async () => {
    serve("g.jsonl", good);
    vi.stubEnv("PD_TEST_TOKEN", "");
    await fetchArtifact(gatedEntry("g.jsonl"), { dataDir: temp(), headers: { Authorization: "Basic abc" } });
    expect(authorizations).toEqual(["Basic abc"]);
  });

  it("sends no authorization to a host that needs none", async () => {
    serve("a.jsonl", good);
    vi.stubEnv("PD_TEST_TOKEN", "secret-1");
    await fetchArtifact(entryFor("a.jsonl"), { dataDir: temp() });
    expect(authorizations).toEqual([null]);
  });

  it("asks for the token before any request when its variable is empty", async () => {
    vi.stubEnv("PD_TEST_TOKEN", "");
    const entry = gatedEntry("g.jsonl");
    const error = await asyncFailure(() => fetchArtifact(entry, { dataDir: temp() }));
    expect(error).toMatchObject({
      code: "auth-missing",
      message: `${entry.url} needs a token: set PD_TEST_TOKEN (and accept the dataset's terms on its page first)`,
      place: { file: entry.url },
    });
    expect(requests).toEqual([]);
  });

  it.each([401, 403])("names the gated-dataset fix when the host answers %i", async (status) => {
    handlers.set("/g.jsonl", (response) => response.writeHead(status).end());
    vi.stubEnv("PD_TEST_TOKEN", "secret-1");
    const entry = gatedEntry("g.jsonl");
    const error = await asyncFailure(() => fetchArtifact(entry, { dataDir: temp() }));
    expect(error).toMatchObject({
      code: "auth-refused",
      message: `${entry.url} answered ${status}: the download is gated; accept the terms on the dataset page and set PD_TEST_TOKEN to a token with read access`,
      place: { file: entry.url },
    });
  });

  it("says 'a token' when an ungated entry is refused", async () => {
    handlers.set("/a.jsonl", (response) => response.writeHead(401).end());
    const error = await asyncFailure(() => fetchArtifact(entryFor("a.jsonl"), { dataDir: temp() }));
    expect(error.message).toMatch(/answered 401: .* set a token to a token with read access$/);
  });
});

describe("fetchArtifact() without a network", () => {
  it("says how to work offline, naming the URL and the cause", async () => {
    const cause = new TypeError("fetch failed");
    const fetchImpl = (() => Promise.reject(cause)) as typeof fetch;
    const entry = entryFor("a.jsonl");
    const error = await asyncFailure(() => fetchArtifact(entry, { dataDir: temp(), fetchImpl }));
    expect(error).toMatchObject({
      code: "network",
      message: `could not download ${entry.url} (fetch failed); without network, set PD_MIRROR to a folder holding <host>/<path> copies`,
      place: { file: entry.url },
      cause,
    });
  });
});

describe("fetchArtifact() from a mirror", () => {
  function mirrorWith(entry: ManifestEntry, body: Uint8Array): string {
    const mirror = temp();
    const path = mirrorPath(mirror, entry.url);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, body);
    return mirror;
  }

  it("copies a verified file without touching the network", async () => {
    const entry = entryFor("a.jsonl");
    const dataDir = temp();
    await fetchArtifact(entry, { dataDir, mirror: mirrorWith(entry, good) });
    expect(requests).toEqual([]);
    expect(new Uint8Array(readFileSync(join(dataDir, entry.path)))).toEqual(good);
  });

  it("replaces a corrupt present file with the mirror's verified copy", async () => {
    const entry = entryFor("a.jsonl");
    const dataDir = dataDirWith(entry, corrupt);
    await fetchArtifact(entry, { dataDir, mirror: mirrorWith(entry, good) });
    expect(new Uint8Array(readFileSync(join(dataDir, entry.path)))).toEqual(good);
  });

  it("refuses a corrupt mirror copy, naming where it came from, and writes nothing", async () => {
    const entry = entryFor("a.jsonl");
    const dataDir = temp();
    const mirror = mirrorWith(entry, corrupt);
    const error = await asyncFailure(() => fetchArtifact(entry, { dataDir, mirror }));
    expect(error.code).toBe("checksum-mismatch");
    expect(error.message).toContain(`(from ${mirrorPath(mirror, entry.url)})`);
    expect(error.place).toEqual({ file: entry.path });
    expect(filesUnder(dataDir)).toEqual([]);
  });

  it("names the missing mirror copy, and falls back on PD_MIRROR when no mirror is passed", async () => {
    const entry = entryFor("a.jsonl");
    const mirror = temp();
    const error = await asyncFailure(() => fetchArtifact(entry, { dataDir: temp(), mirror }));
    expect(error).toMatchObject({
      code: "mirror-missing",
      message: `PD_MIRROR is set to ${mirror}, but it has no copy of ${entry.url} (looked for ${mirrorPath(mirror, entry.url)})`,
      place: { file: mirrorPath(mirror, entry.url) },
    });
    vi.stubEnv("PD_MIRROR", mirrorWith(entry, good));
    const dataDir = temp();
    await fetchArtifact(entry, { dataDir });
    expect(requests).toEqual([]);
    expect(existsSync(join(dataDir, entry.path))).toBe(true);
  });
});
