# syntax=docker/dockerfile:1
# The standalone token server (the `npm start` server, `agora-token-server`) as an image.
#
# Stage 1 builds the native addon from this repository and packs the two packages a user installs
# (agora-token-native and its linux-x64-gnu binary package), as `npm publish` would. Stage 2
# installs them the way a user does, `npm ci --omit=dev` of docker/package.json (the tarballs and
# the server's optional peer dependencies: express, express-rate-limit, jose, pino), and runs the
# server as the unprivileged `node` user. No credential is in the image: give them at run time.
#
#   docker build -t agora-token-server .
#   docker run --rm -p 8080:8080 -e AGORA_APP_ID=... -e AGORA_APP_CERTIFICATE=... \
#     -e AUTH_API_KEYS=... agora-token-server
#
# linux/amd64 only: the runtime stage installs the linux-x64-gnu binary package.
# After changing docker/package.json or the package version: node scripts/docker-lock.js.

FROM rust:1-bookworm AS rust

FROM node:22-bookworm AS build
COPY --from=rust /usr/local/cargo /usr/local/cargo
COPY --from=rust /usr/local/rustup /usr/local/rustup
ENV CARGO_HOME=/usr/local/cargo RUSTUP_HOME=/usr/local/rustup PATH=/usr/local/cargo/bin:$PATH
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build \
 && mkdir -p /out/platform \
 && npm pack --ignore-scripts --pack-destination /out \
 && mv /out/agora-token-native-*.tgz /out/agora-token-native.tgz \
 && cp -r npm/linux-x64-gnu/. /out/platform/ \
 && cp agora-token-native.linux-x64-gnu.node /out/platform/ \
 && cd /out && npm pack ./platform \
 && mv /out/agora-token-native-linux-x64-gnu-*.tgz /out/agora-token-native-platform.tgz

FROM node:22-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080
WORKDIR /app
COPY docker/package.json docker/package-lock.json ./
COPY --from=build /out/agora-token-native.tgz /out/agora-token-native-platform.tgz ./vendor/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.SERVER_PORT || process.env.PORT || 8080) + '/ping').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "node_modules/agora-token-native/bin/agora-token-server.js"]
