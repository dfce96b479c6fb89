# miglint in a container: the static binary (and miglint-verify) on a slim Debian 12.
#
#   docker build -t miglint --build-arg MIGLINT_GIT_COMMIT=$(git rev-parse --short=12 HEAD) .
#   docker run --rm -v "$PWD:/work" miglint check migrations
#
# The build stage runs tools/install.sh --package-only, the same command the
# test suite runs (tools/test.sh) to make and check the Debian package.
FROM debian:12 AS build
ARG MIGLINT_GIT_COMMIT=""
ENV MIGLINT_GIT_COMMIT=${MIGLINT_GIT_COMMIT}
WORKDIR /src
COPY . .
RUN tools/install.sh --package-only \
 && dpkg -x build/miglint_*_amd64.deb /pkg \
 && /pkg/usr/bin/miglint --version

FROM debian:12-slim
# miglint-verify (`miglint verify`) needs libpq; the server it runs on is the
# user's (--database-url) or one installed in the image.
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*
COPY --from=build /pkg/usr/bin/miglint /pkg/usr/bin/miglint-verify /usr/local/bin/
WORKDIR /work
ENTRYPOINT ["miglint"]
CMD ["--help"]
