/**
 * The manifest of upstream artifacts (`data/manifest.json`, committed): where each file comes
 * from, where it lands under `data/raw/`, and, for pinned files, its size and sha256.
 */
import { z } from "zod";
import { PrefDissectError, checkSchema, issuePath } from "@prefdissect/shared";

export const ManifestEntrySchema = z.object({
  id: z.string().min(1),
  description: z.string(),
  url: z.url(),
  /** Path relative to the raw data directory. */
  path: z.string().min(1),
  bytes: z.number().int().nonnegative().nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  /** Environment variable holding a bearer token the host requires (gated downloads). */
  auth: z.string().optional(),
});
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;

export const ManifestSchema = z.object({
  description: z.string(),
  source: z.object({ repository: z.string(), commit: z.string(), license: z.string() }),
  artifacts: z.array(ManifestEntrySchema),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** Validates a manifest document; `file` names it in errors. */
export function parseManifest(text: string, file: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PrefDissectError("manifest-invalid", `${file} is not valid JSON: ${(error as Error).message}`, { file });
  }
  const parsed = checkSchema(ManifestSchema, json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issuePath(issue);
    throw new PrefDissectError("manifest-invalid", `${file}: field "${field}" ${issue.message}`, { file, field });
  }
  const ids = new Set<string>();
  for (const entry of parsed.data.artifacts) {
    if (ids.has(entry.id)) {
      throw new PrefDissectError("manifest-invalid", `${file}: artifact id "${entry.id}" appears twice`, { file, field: "id" });
    }
    ids.add(entry.id);
  }
  return parsed.data;
}

/** Artifact id of the released weights of one group. */
export function weightsArtifactId(groupId: string): string {
  return `weights-${groupId}`;
}
