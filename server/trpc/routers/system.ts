import { healthSchema } from "../../schemas/system";
import { checkHealth } from "../../services/system/check-health";
import { protectedProcedure, router } from "../init";

export const systemRouter = router({
  /** Readiness as `GET /health` reports it (the database answers), for the console's Overview. */
  health: protectedProcedure.output(healthSchema).query(() => checkHealth("ready")),
});
