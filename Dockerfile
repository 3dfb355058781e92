# syntax=docker/dockerfile:1
# Build: compiles native modules (better-sqlite3) and the TypeScript program.
FROM node:22-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
COPY integrations ./integrations
COPY bin ./bin
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --ignore-scripts

# Run: only what the bot needs, as an unprivileged user, state in /data.
FROM node:22-bookworm-slim
ENV NODE_ENV=production TZ=Etc/UTC PORT=3000 DATABASE_URL=file:/data/mktbot.db
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
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
ENTRYPOINT ["node", "bin/mktbot.js"]
CMD ["start"]
