/**
 * Downloads upstream artifacts named in the manifest, verifies them and writes them atomically.
 *
 * - A file already present with the right checksum is left alone.
 * - `PD_MIRROR=<dir>` (or `mirror`) reads `<dir>/<host>/<decoded url path>` instead of the network.
 * - Bytes go to a temporary file beside the target and are renamed into place only after the
 *   checksum matched, so an interrupted or corrupt download never leaves a partial file.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { PrefDissectError } from "@prefdissect/shared";
import type { ManifestEntry } from "../manifest.js";
import { writeFileAtomic } from "./files.js";

export interface FetchEvent {
  readonly entry: ManifestEntry;
  readonly status: "present" | "downloading" | "done";
  readonly bytes: number;
  readonly totalBytes: number | null;
}

export interface FetchOptions {
  /** Folder laid out as `<host>/<path>`; defaults to `PD_MIRROR`. */
  readonly mirror?: string | undefined;
  /** Destination root; entries land at `<dataDir>/<entry.path>`. */
  readonly dataDir: string;
  /** Extra request headers (e.g. authorisation for gated hosts). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly onProgress?: (event: FetchEvent) => void;
  /** Replaceable for tests. */
  readonly fetchImpl?: typeof fetch;
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Where a URL lives inside a mirror folder. */
export function mirrorPath(mirror: string, url: string): string {
  const parsed = new URL(url);
  return join(mirror, parsed.host, decodeURIComponent(parsed.pathname));
}

/** Local path of an artifact. */
export function artifactPath(entry: ManifestEntry, dataDir: string): string {
  return join(dataDir, entry.path);
}

/** Makes sure one artifact is present and verified; returns its local path. */
export async function fetchArtifact(entry: ManifestEntry, options: FetchOptions): Promise<string> {
  const target = artifactPath(entry, options.dataDir);
  const report = (status: FetchEvent["status"], bytes: number) =>
    options.onProgress?.({ entry, status, bytes, totalBytes: entry.bytes });

  if (existsSync(target)) {
    // An unpinned file (large or gated) has nothing to verify; reading it here would only repeat
    // the caller's own read.
    if (entry.sha256 === null) {
      report("present", (await stat(target)).size);
      return target;
    }
    const present = await readFile(target);
    if (sha256(present) === entry.sha256) {
      report("present", present.byteLength);
      return target;
    }
    // A stale or damaged copy: fetch again rather than trusting it.
  }

  const mirror = options.mirror ?? process.env.PD_MIRROR;
  const bytes = mirror ? await readFromMirror(entry, mirror) : await download(entry, options, (n) => report("downloading", n));
  if (entry.sha256 !== null) {
    const actual = sha256(bytes);
    if (actual !== entry.sha256) {
      throw new PrefDissectError(
        "checksum-mismatch",
        `checksum mismatch for ${entry.path} (from ${mirror ? mirrorPath(mirror, entry.url) : entry.url}): expected sha256 ${entry.sha256}, got ${actual}; refusing to use it`,
        { file: entry.path },
      );
    }
  }
  await writeFileAtomic(target, bytes);
  report("done", bytes.byteLength);
  return target;
}

async function readFromMirror(entry: ManifestEntry, mirror: string): Promise<Uint8Array> {
  const path = mirrorPath(mirror, entry.url);
  try {
    return new Uint8Array(await readFile(path));
  } catch {
    throw new PrefDissectError("mirror-missing", `PD_MIRROR is set to ${mirror}, but it has no copy of ${entry.url} (looked for ${path})`, {
      file: path,
    });
  }
}

async function download(entry: ManifestEntry, options: FetchOptions, onBytes: (n: number) => void): Promise<Uint8Array> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const headers: Record<string, string> = { ...options.headers };
  if (entry.auth !== undefined && headers.Authorization === undefined) {
    const token = process.env[entry.auth];
    if (!token) {
      throw new PrefDissectError(
        "auth-missing",
        `${entry.url} needs a token: set ${entry.auth} (and accept the dataset's terms on its page first)`,
        { file: entry.url },
      );
    }
    headers.Authorization = `Bearer ${token}`;
  }
  let response: Response;
  try {
    response = await fetchImpl(entry.url, { headers, redirect: "follow" });
  } catch (error) {
    throw new PrefDissectError(
      "network",
      `could not download ${entry.url} (${(error as Error).message}); without network, set PD_MIRROR to a folder holding <host>/<path> copies`,
      { file: entry.url },
      { cause: error },
    );
  }
  if (response.status === 401 || response.status === 403) {
    throw new PrefDissectError(
      "auth-refused",
      `${entry.url} answered ${response.status}: the download is gated; accept the terms on the dataset page and set ${entry.auth ?? "a token"} to a token with read access`,
      { file: entry.url },
    );
  }
  if (!response.ok || response.body === null) {
    throw new PrefDissectError("http", `${entry.url} answered HTTP ${response.status} ${response.statusText}`, { file: entry.url });
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      onBytes(received);
    }
  } catch (error) {
    // A connection dropped mid-body: an unpinned file has no checksum to catch the short copy.
    const expected = Number(response.headers.get("content-length")) || entry.bytes;
    throw new PrefDissectError(
      "download-incomplete",
      `the download of ${entry.url} broke off after ${received}${expected ? ` of ${expected}` : ""} bytes (${(error as Error).message})`,
      { file: entry.url },
      { cause: error },
    );
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
