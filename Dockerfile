# syntax=docker/dockerfile:1
# Build: docker build -t animalgenius .
# Run:   docker run -d -p 8080:8080 -v animalgenius-data:/data animalgenius
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
ARG COMMIT=unknown
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION} -X main.commit=${COMMIT}" -o /out/animalgenius . \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/animalgenius /usr/local/bin/animalgenius
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
ENV AG_SERVER_DATA_DIR=/data AG_SERVER_ADDR=:8080 AG_LOG_FORMAT=json
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["/usr/local/bin/animalgenius", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/animalgenius"]
CMD ["serve"]
