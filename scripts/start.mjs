// `npm start`: builds once on a fresh clone (`npm run build`: the app and the compiled launcher),
// then runs the compiled launcher in this process, so that no tsx process runs with Hearth.
// Production runs the launcher directly, without npm: `node .next/hearth/start.mjs`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const distDir = path.resolve(root, process.env.NEXT_DIST_DIR || ".next");
const launcher = path.join(distDir, "hearth", "start.mjs");

if (!existsSync(path.join(distDir, "BUILD_ID")) || !existsSync(launcher)) {
  console.log("No production build yet: building once (a few minutes)...");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, ["run", "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("The production build failed");
    process.exit(1);
  }
}
await import(pathToFileURL(launcher).href);
