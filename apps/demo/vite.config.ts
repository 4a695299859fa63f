// The demo is bundled by Vite into a static site in dist/. Workspace libraries resolve to their
// TypeScript sources (the `@prefdissect/source` export condition), so no library build is needed;
// `base: "./"` makes every URL relative, so the site works from any folder of any static host.
import { defaultClientConditions, defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  resolve: { conditions: ["@prefdissect/source", ...defaultClientConditions] },
  worker: { format: "es" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Top-level await (vega) and module workers.
    target: "es2022",
    // vega and vega-lite are one large chunk; it is split from the app and cached separately.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // zod's sources carry comments Rollup cannot place; it drops them harmlessly, once per file.
      onwarn: (warning, warn) => (warning.code === "INVALID_ANNOTATION" ? undefined : warn(warning)),
      output: { manualChunks: (id) => (/node_modules\/(vega|vega-[a-z-]+|d3-[a-z-]+)\//.test(id) ? "vega" : undefined) },
    },
  },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
});
