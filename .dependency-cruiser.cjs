// The layering of Hearth's code, checked by dependency-cruiser in `npm run lint`: no module takes
// part in an import cycle, and each part imports only the parts below it. Type-only imports count.
// Tests (and server/test) may reach across layers, but not into a cycle.
//
// From the bottom: the foundations (server/env, errors, logger, db, schemas), the services (in
// the layers below, lowest first; a service domain imports only domains of lower layers), the
// adapters (server/auth, server/http, server/trpc: they resolve callers and translate HTTP and
// tRPC, then call services), and app/ (routes and pages). Client code in the console may import
// only server/schemas (an ESLint rule, which can tell type imports apart).

/** Service domains (server/services/<domain>), lowest layer first. */
const serviceLayers = [
  ["cluster"],
  ["access", "pagination", "cache", "observability", "rate-limits", "llama-cpp"],
  ["audit", "auth-limits"],
  ["users", "api-keys", "knowledge"],
  ["settings"],
  ["gateway", "assistants"],
  ["backends", "sessions", "loadtest", "usage", "quotas"],
  // telemetry's history reads the usage rollups; drafting records its model call's usage
  ["chat", "sla", "telemetry", "drafting"],
  ["tools"],
  ["runtime", "widget"],
  ["openai-facade"],
  ["alerts"],
  ["system"],
];

const TESTS = "(\\.test\\.tsx?$|^server/test/|^e2e/)";
const domainPath = (domain) => `^server/services/${domain}/`;

/** A domain may not import a domain of its own layer or of a higher one. */
const serviceRules = serviceLayers.flatMap((layer, index) => {
  const notBelow = serviceLayers.slice(index).flat();
  return layer.flatMap((domain) => {
    const forbidden = notBelow.filter((other) => other !== domain);
    return forbidden.length === 0
      ? []
      : [
          {
            name: `services-layer-${domain}`,
            comment: `server/services/${domain} imports only service domains of lower layers (.dependency-cruiser.cjs)`,
            severity: "error",
            from: { path: domainPath(domain), pathNot: TESTS },
            to: { path: forbidden.map(domainPath) },
          },
        ];
  });
});

const knownDomains = serviceLayers.flat().join("|");

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "No module may import itself, however indirectly.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "services-domain-listed",
      comment: "Every service domain has a layer in .dependency-cruiser.cjs: add the new one there.",
      severity: "error",
      from: { path: "^server/services/", pathNot: `^server/services/(${knownDomains})/` },
      to: {},
    },
    ...serviceRules,
    {
      name: "foundations-import-no-layer-above",
      comment: "server/env, errors, logger, db and schemas know nothing of services, adapters or app/.",
      severity: "error",
      from: { path: "^server/(env|errors|logger|db|schemas)", pathNot: TESTS },
      // Log lines carry the active trace's ids: the logger reads them from the tracing helper.
      to: {
        path: ["^server/(services|auth|http|trpc|openapi|cli)/", "^app/"],
        pathNot: "^server/services/observability/tracing\\.ts$",
      },
    },
    {
      name: "services-know-no-adapters",
      comment: "Services know nothing of Next.js, tRPC, HTTP or the routes: adapters call services.",
      severity: "error",
      from: { path: "^server/services/", pathNot: TESTS },
      to: { path: ["^server/(auth|http|trpc|openapi|cli)/", "^app/", "node_modules/(next|@trpc/server)/"] },
    },
    {
      name: "simulator-stands-alone",
      comment: "The vLLM simulator is a test double with no part in Hearth's own code.",
      severity: "error",
      from: { path: "^server/simulator/", pathNot: TESTS },
      to: {
        path: ["^server/(services|auth|http|trpc|openapi|db)/", "^app/", "node_modules/(next|@trpc/server)/"],
      },
    },
    {
      name: "http-below-trpc",
      comment: "The REST edge does not import the tRPC adapter.",
      severity: "error",
      from: { path: "^server/http/", pathNot: TESTS },
      to: { path: "^server/trpc/" },
    },
    {
      name: "app-reaches-data-through-services",
      comment: "app/ reaches the database only through services.",
      severity: "error",
      from: { path: "^app/", pathNot: TESTS },
      to: { path: "^server/db/" },
    },
    {
      name: "widget-apart-from-console",
      comment: "The widget's pages share app/_lib and app/_components with the console, nothing else.",
      severity: "error",
      from: { path: "^app/embed/" },
      to: { path: "^app/console/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(\\.next[^/]*|server/db/generated|test-results)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
  },
};
