// Compiles the launcher (server/cli/start.ts) and the embedded database's process
// (server/cli/embedded-db.ts) into plain JavaScript in the build folder, `<NEXT_DIST_DIR>/hearth/`,
// so that a running Hearth needs neither npm nor tsx: `node .next/hearth/start.mjs`. Packages stay
// imports of node_modules; Hearth's own modules are bundled in. Run by `npm run build` after
// `next build` (which empties the build folder first).
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.resolve(root, process.env.NEXT_DIST_DIR || ".next", "hearth");

await build({
  absWorkingDir: root,
  entryPoints: { start: "server/cli/start.ts", "embedded-db": "server/cli/embedded-db.ts" },
  outdir,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20.19",
  sourcemap: "linked",
  logLevel: "warning",
});
console.log(`Launcher compiled into ${path.relative(root, outdir) || "."}/`);
