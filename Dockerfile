# syntax=docker/dockerfile:1
# Build: compile TypeScript with the dev toolchain.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
COPY schema ./schema
RUN npm run build

# Runtime: production dependencies only, compiled JS, migrations, non-root, a volume for PGlite.
FROM node:20-bookworm-slim AS runtime
# HTTP_PORT: /healthz (the HEALTHCHECK below) and /metrics for Prometheus.
ENV NODE_ENV=production \
    DATA_DIR=/data \
    HTTP_PORT=8080
WORKDIR /app
COPY package.json package-lock.json ./
# patch-package (a production dependency) applies patches/ on install: see patches/README.md.
COPY patches ./patches
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# dist/ mirrors the source tree (src/, commands/, schema/), so src/store/db.js finds ../../drizzle.
COPY --from=build /app/dist/ ./
COPY drizzle ./drizzle
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# Slim images have no curl: node asks /healthz (200 once the database answers and the gateway is ready).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.HTTP_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "src/index.js"]
