/**
 * The manifest of upstream artifacts (`data/manifest.json`, committed): where each file comes
 * from, where it lands under `data/raw/`, and, for pinned files, its size and sha256.
 */
import { z } from "zod";
import { jsonDocumentFormat } from "@prefdissect/shared";

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

/** `data/manifest.json`: the upstream artifacts, with unique ids. */
export const MANIFEST_FILE = jsonDocumentFormat({
  what: "the manifest of upstream artifacts (description, source, artifacts with unique ids)",
  schema: ManifestSchema.superRefine((manifest, context) => {
    const ids = new Set<string>();
    manifest.artifacts.forEach((entry, index) => {
      if (ids.has(entry.id)) context.addIssue({ code: "custom", message: `artifact id "${entry.id}" appears twice`, path: ["artifacts", index, "id"] });
      ids.add(entry.id);
    });
  }),
  indent: 2,
});

/** Validates a manifest document; `file` names it in errors. */
export function parseManifest(text: string, file: string): Manifest {
  return MANIFEST_FILE.parse(text, file);
}

/** Artifact id of the released weights of one group. */
export function weightsArtifactId(groupId: string): string {
  return `weights-${groupId}`;
}
