# Switchboard in a container; compose.yaml runs it with PostgreSQL behind Caddy.
# docs/self-hosting.md ("Docker and compose") says how. Nothing secret enters the image: the
# master key arrives at run time as a secret mount (SWITCHBOARD_KEY_FILE), the data on a volume.

# 1. Build the web app and the server bundle, with the dev dependencies.
FROM node:24-trixie AS build
WORKDIR /src
COPY package.json package-lock.json ./
COPY packages/shared/package.json packages/shared/
COPY packages/server/package.json packages/server/
COPY packages/web/package.json packages/web/
RUN npm ci --no-audit --no-fund
COPY packages packages
RUN npm run build

# 2. The server's production dependencies only; better-sqlite3 compiles here, where the
#    compiler is, for the same Node and Debian as the runtime stage.
FROM node:24-trixie AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/shared/package.json packages/shared/
COPY packages/server/package.json packages/server/
COPY packages/web/package.json packages/web/
RUN npm ci --omit=dev --workspace @switchboard/server --no-audit --no-fund

# 3. What runs: Node, those dependencies and the two builds; no compiler, no sources, no key.
FROM node:24-trixie-slim AS runtime
WORKDIR /app
COPY --from=deps /app ./
COPY --from=build /src/packages/server/dist packages/server/dist
COPY --from=build /src/packages/web/dist packages/web/dist
# Listen on the container's interface (the proxy reaches it there); SQLite under the volume
# unless DATABASE_URL names PostgreSQL.
ENV HOST=0.0.0.0 \
    PORT=8080 \
    DATABASE_URL=file:/data/switchboard.db
# The volume is made and handed to the unprivileged user before it is declared.
RUN mkdir /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 8080
# Healthy while it serves, sealed or not (a sealed server waits for an admin, it is not broken).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "packages/server/dist/cli.js"]
CMD ["serve"]
