// The launcher the suites and benchmarks start Hearth with: the compiled one `npm run build` puts in
// the build folder (scripts/build-launcher.mjs), as production runs it, with no tsx process.
import { existsSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The compiled launcher of the build in NEXT_DIST_DIR (default `.next`). */
export function launcherPath(): string {
  return path.resolve(ROOT, process.env.NEXT_DIST_DIR ?? ".next", "hearth", "start.mjs");
}

/** Throws, saying what to run, unless the production build and its launcher are there. */
export function assertProductionBuild(): void {
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  if (!existsSync(path.resolve(ROOT, distDir, "BUILD_ID")) || !existsSync(launcherPath())) {
    throw new Error(`No production build in ${distDir}: run \`npm run build\` first.`);
  }
}
