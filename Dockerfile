# syntax=docker/dockerfile:1
# Three stages (docs/operations.md, "The image"): `deps` installs the production dependencies and
# compiles better-sqlite3, `build` generates the Prisma clients and compiles the TypeScript, and the
# runtime stage copies only what the bot runs. Each install comes before any source is copied, so a
# code change rebuilds from `COPY src` on and reuses the cached dependencies and native build.

# Production dependencies, without the Prisma CLI, TypeScript and effect. Those three are dev
# dependencies, but @prisma/client names prisma and typescript as optional peers, which makes npm
# count them (and effect, c12, jiti... under the CLI) as optional production packages: --omit=dev
# alone keeps them, --omit=optional drops them. Nothing else optional is needed except the prebuilt
# @resvg/resvg-js binary for this platform, copied from `build` below. Not --omit=peer: undici is a
# required peer of Slack Socket Mode.
FROM node:22-bookworm-slim AS deps
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: our postinstall needs the sources and the Prisma CLI. The one native module is
# built next and only its loadable library kept. Then what Node never loads goes: source maps, type
# declarations, @prisma/client's query engines for other runtimes (the generated clients load their
# own query_compiler_bg.wasm) and the Vazirmatn styles the charts do not use (they read fonts/ttf).
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3 \
 && mv node_modules/better-sqlite3/build/Release/better_sqlite3.node /tmp/ \
 && rm -rf node_modules/better-sqlite3/build node_modules/better-sqlite3/deps node_modules/better-sqlite3/src \
 && mkdir -p node_modules/better-sqlite3/build/Release \
 && mv /tmp/better_sqlite3.node node_modules/better-sqlite3/build/Release/ \
 && find node_modules -type f \( -name '*.map' -o -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' \) -delete \
 && rm -rf node_modules/@prisma/client/runtime/query_engine_bg.* node_modules/@prisma/client/runtime/query_compiler_bg.* \
 && rm -rf node_modules/vazirmatn/Round-Dots node_modules/vazirmatn/misc node_modules/vazirmatn/fonts/variable \
      node_modules/vazirmatn/fonts/webfonts

# Build: every dependency (the Prisma CLI generates the SQLite and PostgreSQL clients), then the program.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
# What `npm run generate` (part of postinstall) reads: the schemas, both Prisma configs, the derive script.
COPY prisma.config.ts ./
COPY prisma ./prisma
RUN npm run generate --silent
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
COPY integrations ./integrations
COPY bin ./bin
RUN npm run build --silent

# Run: only what the bot needs, as an unprivileged user, state in /data.
FROM node:22-bookworm-slim
ENV NODE_ENV=production TZ=Etc/UTC PORT=3000 DATABASE_URL=file:/data/mktbot.db
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
# The generated Prisma clients (SQLite and PostgreSQL) and the chart renderer's platform binary.
COPY --from=build /app/node_modules/.prisma ./node_modules/.prisma
COPY --from=build /app/node_modules/@resvg ./node_modules/@resvg
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/prisma ./prisma
# The sentiment models are read at run time from their source folder (they are data, not code).
COPY --from=build /app/src/listening/sentiment/model ./src/listening/sentiment/model
COPY --from=build /app/package.json ./package.json
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The V8 flags of bin/mktbot.js: under 200 MB resident (docs/operations.md, Memory).
ENTRYPOINT ["node", "--max-semi-space-size=2", "--max-old-space-size=512", "bin/mktbot.js"]
CMD ["start"]
