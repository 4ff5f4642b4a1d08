import packageJson from "../../../package.json" with { type: "json" };
import { env } from "../../env";

export interface VersionInfo {
  name: "hearth";
  version: string;
  commit: string | null;
  build_time: string | null;
  node: string;
}

export function getVersion(): VersionInfo {
  return {
    name: "hearth",
    version: packageJson.version,
    commit: env.HEARTH_BUILD_COMMIT ?? null,
    build_time: env.HEARTH_BUILD_TIME ?? null,
    node: process.version,
  };
}
