import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { PrefDissectError, type JsonFormat } from "@prefdissect/shared";

export interface AtomicWriteOptions {
  /**
   * Runs once the temporary file holds every byte, just before it is renamed over the target:
   * the point where a crash must leave the old file whole (tests stop a writer here).
   */
  readonly beforeRename?: (temporary: string) => void | Promise<void>;
}

/**
 * Writes a file so that readers never see it half-written: the bytes go to a temporary file in
 * the same folder, which is then renamed over the target.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array | ArrayBuffer, options: AtomicWriteOptions = {}): Promise<void> {
  return replaceAtomically(path, (temporary) => writeFile(temporary, data instanceof ArrayBuffer ? new Uint8Array(data) : data), options);
}

/**
 * Lets `write` fill a temporary file in `path`'s folder, then renames it over `path`; on failure
 * the temporary file is removed and `path` is left as it was. For files written in pieces.
 */
export async function replaceAtomically(path: string, write: (temporary: string) => Promise<void>, options: AtomicWriteOptions = {}): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await write(temporary);
    await options.beforeRename?.(temporary);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** The error for a file that cannot be opened or read. */
export function cannotRead(file: string, error: unknown): PrefDissectError {
  return new PrefDissectError("missing-file", `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { file }, { cause: error });
}

/**
 * Reads a text file; a missing or unreadable file is a `PrefDissectError` naming it, with `hint`
 * (e.g. "run `pd refit` first") appended when given.
 */
export async function readTextFile(path: string, hint?: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new PrefDissectError("missing-file", `cannot read ${path} (${reason})${hint ? `; ${hint}` : ""}`, { file: path }, { cause: error });
  }
}

/** Reads and validates a file of the given format (see `jsonDocumentFormat` in @prefdissect/shared). */
export async function readFormatFile<T>(format: JsonFormat<T>, path: string, hint?: string): Promise<T> {
  return format.parse(await readTextFile(path, hint), path);
}

/** Writes a value in the given format, atomically. */
export function writeFormatFile<T>(format: JsonFormat<T>, path: string, value: T): Promise<void> {
  return writeFileAtomic(path, format.stringify(value));
}
