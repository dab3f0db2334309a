# findings_server in a container. Build from the repository root:
#   docker build -f deploy/findings.Dockerfile -t yjinspect/findings:0.1.0 .
# tests/deploy/check_dockerfiles.mjs (ctest label `deploy`) checks offline
# that what this copies exists after a build and that the runtime packages
# are exactly those owning the libraries the binary links.

# --- build: the same Debian packages and preset as scripts/test -----------
FROM debian:bookworm AS build
ENV DEBIAN_FRONTEND=noninteractive
WORKDIR /src
COPY scripts/packages.txt scripts/packages.txt
RUN apt-get update \
 && grep -Ev '^\s*(#|$)' scripts/packages.txt \
    | xargs apt-get install -y --no-install-recommends \
 && rm -rf /var/lib/apt/lists/*
COPY . .
RUN cmake --preset release -DBUILD_TESTING=OFF \
 && cmake --build build/release -j"$(nproc)" --target findings_server

# --- runtime: the binary, its shared libraries, an unprivileged user -------
FROM debian:bookworm-slim
ENV DEBIAN_FRONTEND=noninteractive
# The Debian packages owning the libraries findings_server links (readelf -d);
# apt brings their own dependencies.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libabsl20220623 \
      libc6 \
      libfmt9 \
      libgcc-s1 \
      libgrpc++1.51 \
      libgrpc29 \
      libprometheus-cpp-core1.0 \
      libprometheus-cpp-pull1.0 \
      libprotobuf32 \
      librocksdb7.8 \
      libsodium23 \
      libspdlog1.10 \
      libstdc++6 \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 yjinspect \
 && useradd --system --uid 10001 --gid yjinspect --no-create-home \
      --home-dir /var/lib/yjinspect --shell /usr/sbin/nologin yjinspect \
 && install -d -o yjinspect -g yjinspect -m 0750 /var/lib/yjinspect
COPY --from=build /src/build/release/services/findings/findings_server /usr/local/bin/findings_server
USER 10001:10001
WORKDIR /var/lib/yjinspect
# Defaults for a container (flags and YJINSPECT_ variables override them).
ENV YJINSPECT_LISTEN=0.0.0.0:50052 \
    YJINSPECT_DATA_DIR=/var/lib/yjinspect/findings \
    YJINSPECT_INTAKE=intake:50051
EXPOSE 50052
# On SIGTERM it reports NOT_SERVING, lets calls finish for
# --shutdown_grace_seconds, then closes the store; give it longer than that
# before SIGKILL (docker stop --time, terminationGracePeriodSeconds).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/findings_server"]
