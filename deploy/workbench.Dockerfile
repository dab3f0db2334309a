# workbench_server in a container. Build from the repository root:
#   docker build -f deploy/workbench.Dockerfile -t yjinspect/workbench:0.1.0 .
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
 && cmake --build build/release -j"$(nproc)" --target workbench_server

# --- runtime: the binary, its shared libraries, an unprivileged user -------
FROM debian:bookworm-slim
ENV DEBIAN_FRONTEND=noninteractive
# The Debian packages owning the libraries workbench_server links
# (readelf -d); apt brings their own dependencies. The pages are compiled
# into the binary: nothing else is copied.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libabsl20220623 \
      libc6 \
      libcpp-httplib0.11 \
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
      libssl3 \
      libstdc++6 \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 yjinspect \
 && useradd --system --uid 10001 --gid yjinspect --no-create-home \
      --home-dir /var/lib/yjinspect --shell /usr/sbin/nologin yjinspect \
 && install -d -o yjinspect -g yjinspect -m 0750 /var/lib/yjinspect
COPY --from=build /src/build/release/services/workbench/workbench_server /usr/local/bin/workbench_server
USER 10001:10001
WORKDIR /var/lib/yjinspect
# Defaults for a container (flags and YJINSPECT_ variables override them).
# The pages listen on loopback: the workbench believes the signed-in user
# only from the authenticating proxy beside it (--trusted_proxies), and
# serves browsers through that proxy alone. deploy/k8s/workbench.yaml
# listens on 0.0.0.0:8080 inside the pod so the kubelet can probe /healthz
# and /readyz; everything but those two is still refused unless it comes
# from the proxy. --policy_file, --trusted_proxies (or --dev_user) and the
# TLS flags have no default: the workbench does not start without them.
ENV YJINSPECT_LISTEN=127.0.0.1:8080 \
    YJINSPECT_INTAKE=intake:50051 \
    YJINSPECT_FINDINGS=findings:50052 \
    YJINSPECT_METRICS_LISTEN=0.0.0.0:9464
# 8080: the pages and the JSON API (for the proxy; reachable from outside
# the container only with --listen=0.0.0.0:8080); 9464: Prometheus /metrics.
EXPOSE 8080 9464
# On SIGTERM it stops taking requests and exits; it keeps no state.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/workbench_server"]
