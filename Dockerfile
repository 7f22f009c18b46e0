# syntax=docker/dockerfile:1
# Build: docker build -t animalgenius --build-arg VERSION=1.0.0 --build-arg COMMIT=$(git rev-parse HEAD) \
#          --build-arg CREATED=$(date -u +%Y-%m-%dT%H:%M:%SZ) .
# Run:   docker run -d -p 8080:8080 -v animalgenius-data:/data animalgenius
#
# Both bases are pinned by digest, so a rebuild uses the same bytes. To move
# to newer ones, look the digests up (docker buildx imagetools inspect
# golang:1.26-bookworm; ... gcr.io/distroless/static-debian12:nonroot) and
# change these two lines.
ARG GO_IMAGE=golang:1.26-bookworm@sha256:a688600ca24f8a4d3ca77f95b0dd40704a9fc787c826660eb7ba0b641b8b175d
ARG RUNTIME_IMAGE=gcr.io/distroless/static-debian12:nonroot@sha256:afa5c872c891853ca7fcf1f12c3edb23f7eeef36189728842dd51042ff57f7ab

FROM ${GO_IMAGE} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
ARG VERSION=dev
ARG COMMIT=unknown
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION} -X main.commit=${COMMIT}" -o /out/animalgenius . \
 && mkdir -p /out/data /out/man \
 && /out/animalgenius man --dir /out/man

FROM ${RUNTIME_IMAGE}
ARG VERSION=dev
ARG COMMIT=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="Animal Genius" \
      org.opencontainers.image.description="Classroom personality-quiz appliance: one binary, SQLite, runs on the school's own box" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${COMMIT}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.documentation="README.md in the source; animalgenius --help and man pages in /usr/local/share/man" \
      org.opencontainers.image.base.name="gcr.io/distroless/static-debian12:nonroot"
COPY --from=build /out/animalgenius /usr/local/bin/animalgenius
COPY --from=build /out/man /usr/local/share/man/man1
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
ENV AG_SERVER_DATA_DIR=/data AG_SERVER_ADDR=:8080 AG_LOG_FORMAT=json
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["/usr/local/bin/animalgenius", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/animalgenius"]
CMD ["serve"]
