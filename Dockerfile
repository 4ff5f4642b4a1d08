# Hearth's container image: built once, run as many replicas as you like. Nothing is built when a
# container starts. Three stages: dependencies (npm, which also generates the Prisma client), the
# production build (`npm run build`: the app and the compiled launcher), and a slim runtime with
# production dependencies only, run as a non-root user. The launcher (server/cli/start.ts) applies
# migrations at start-up and drains on SIGTERM (see docs/deployment.md). Build: `docker build -t hearth .`
#
# Not built on the machines this project is developed on (they have no Docker engine): the image's
# runtime layout was checked by running the launcher from a pruned copy of the tree (see
# docs/deployment.md, "Containers").

# Node.js 24 LTS on Debian bookworm (glibc: LanceDB's and llama.cpp's prebuilt binaries need it).
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/prisma-generate.mjs scripts/
COPY prisma ./prisma
COPY prisma.config.ts ./
# `npm install` rather than `npm ci`: see .ci/run (LanceDB's per-platform packages).
RUN npm install --no-audit --no-fund

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3000 \
    HEARTH_DATA_DIR=/var/lib/hearth
WORKDIR /app
RUN groupadd --system --gid 10001 hearth \
    && useradd --system --uid 10001 --gid hearth --home-dir /var/lib/hearth hearth \
    && mkdir -p /var/lib/hearth && chown hearth:hearth /var/lib/hearth
COPY --from=build --chown=root:root /app/package.json /app/next.config.ts /app/tsconfig.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/.next ./.next
COPY --from=build --chown=root:root /app/server ./server
COPY --from=build --chown=root:root /app/prisma ./prisma
COPY --from=build --chown=root:root /app/instrumentation.ts /app/proxy.ts ./
COPY --from=build --chown=root:root /app/public ./public
USER hearth
VOLUME ["/var/lib/hearth"]
EXPOSE 3000
# Readiness: 503 while the database does not answer or the replica drains for a shutdown.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The compiled launcher itself, not npm or tsx: signals reach it directly, it never builds at run
# time, and no TypeScript loader sits in memory beside Hearth.
CMD ["node", ".next/hearth/start.mjs"]
