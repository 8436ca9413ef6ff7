# ClusterDNS container image: a drop-in for the coredns image in kube-system (see README.md,
# "Run it in a cluster"). Build: podman build --network host -t clusterdns:latest .
#                             or docker build -t clusterdns:latest .

# --- build: the shaded jar and a Java runtime holding only the modules it uses -------------
FROM debian:bookworm-slim AS build
# binutils: jlink's --strip-debug strips the native libraries with objcopy; libcap2-bin: setcap
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless maven binutils libcap2-bin >/dev/null \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pom.xml ./
COPY config/pom.xml config/
COPY plugins/pom.xml plugins/
COPY server/pom.xml server/
COPY bench/pom.xml bench/
COPY testing/pom.xml testing/
COPY config/src config/src
COPY plugins/src plugins/src
COPY server/src server/src
# the cache mount keeps ~/.m2 between builds on one machine; the image never contains it
RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests -pl server -am
# jdeps finds the modules the code links to; jdk.crypto.ec is a security provider that nothing
# links to but TLS to the API server needs (ECDHE, EC service-account certificates).
# --compress=2 halves the class library at no measured cost in start-up CPU (the classes a start
# needs come from the class-data archives); the archive for heaps above 32 GiB is never used.
RUN modules="$(jdeps --ignore-missing-deps --multi-release 17 --print-module-deps server/target/clusterdns.jar)" \
 && echo "runtime modules: $modules,jdk.crypto.ec" \
 && jlink --add-modules "$modules,jdk.crypto.ec" --strip-debug --no-man-pages --no-header-files \
      --compress=2 --generate-cds-archive --output /opt/clusterdns/java \
 && rm /opt/clusterdns/java/lib/server/classes_nocoops.jsa \
 && cp server/target/clusterdns.jar /opt/clusterdns/clusterdns.jar

# --- runtime ---------------------------------------------------------------------------------
FROM debian:bookworm-slim
# The dynamic loader ignores the runtime's $ORIGIN library path for a binary with file
# capabilities (secure execution), so the runtime's libraries are listed for it instead.
RUN echo /opt/clusterdns/java/lib > /etc/ld.so.conf.d/clusterdns-java.conf \
 && echo /opt/clusterdns/java/lib/server >> /etc/ld.so.conf.d/clusterdns-java.conf
COPY --from=build /opt/clusterdns /opt/clusterdns
COPY deploy/image/train-cds.sh deploy/image/training.Corefile deploy/image/cluster.yaml /opt/clusterdns/training/
# The class-data archive is made here, against this jar and runtime, by a short run of kubeadm's
# Corefile that answers the queries a cluster sends and serves /health, /ready and /metrics
# (train-cds.sh), so a start loads no class from the jar; then the runtime gets the one
# capability it needs so that a non-root user can bind port 53 (Kubernetes grants no ambient
# capabilities).
COPY --from=build /usr/sbin/setcap /usr/sbin/setcap
RUN ldconfig \
 && bash /opt/clusterdns/training/train-cds.sh /opt/clusterdns/clusterdns.jsa \
 && rm -rf /opt/clusterdns/training \
 && setcap cap_net_bind_service=+ep /opt/clusterdns/java/bin/java \
 && rm /usr/sbin/setcap \
 && echo 'clusterdns:x:65532:65532:ClusterDNS:/nonexistent:/usr/sbin/nologin' >> /etc/passwd \
 && echo 'clusterdns:x:65532:' >> /etc/group
USER 65532:65532
# Memory: heap, class metadata, code, threads and malloc stay inside CoreDNS's 170 MiB limit at
# 10,000 Services with 50,000 endpoints under a flood of distinct names (README.md, "Memory
# budgets": where each MiB goes, measured with native memory tracking). The heap holds about
# 36 MiB live there with full caches; -Xmx80m leaves room for every cache budget, and a fixed
# 12 MiB young generation keeps the part touched between collections small (8 MiB saved 5 MiB
# more but doubled the collectors' pauses under a flood: the caches' churn reached the old
# generation and made full collections). The JIT's C2 compiler takes up to 22 MiB of malloc
# while it compiles the query path: one C1 and one C2 thread whatever the node's core count
# (-XX:CICompilerCount=2), two malloc arenas, and the JVM returns what they free every second
# (-XX:TrimNativeHeapInterval).
# -XX:-ShrinkHeapInSteps: the full collection that gives memory back after the start and after a
# burst of queries (server/.../cli/HeapPolicy.java) shrinks the heap to 30% free at once; in the
# collector's steps it took four full collections in a row, each stopping the query threads.
# -XX:-UsePerfData: no hsperfdata file in /tmp, which is read-only.
# Start: the class-data archive; and the JIT compiles a method after 5 times the usual number of
# calls, so the code a start runs once (parsing, setup, binding the manifests) stays interpreted:
# a quarter less CPU to the first answer, the compilers no longer contend with the start for the
# second core, and the query path is compiled within seconds of traffic all the same (README.md,
# "Run it in a cluster").
# -cp with the main class, not -jar: -jar opens the jar once for its manifest, then the class
# loader opens it again, and each opening indexes the jar's 11,000 entries on the main thread.
# These flags and this ENV are also those with which `java -jar` restarts itself when given no
# flag (server/.../cli/BoundedJvm.java, less the archive and -Xmx80m; BoundedJvmTest compares).
ENV MALLOC_ARENA_MAX=2
ENTRYPOINT ["/opt/clusterdns/java/bin/java", \
  "-XX:SharedArchiveFile=/opt/clusterdns/clusterdns.jsa", "-XX:CompileThresholdScaling=5", \
  "-XX:+UseSerialGC", "-Xms16m", "-Xmx80m", "-Xmn12m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", \
  "-XX:-ShrinkHeapInSteps", "-Xss512k", "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=64m", "-XX:CICompilerCount=2", \
  "-XX:TrimNativeHeapInterval=1000", "-XX:-UsePerfData", \
  "-XX:+ExitOnOutOfMemoryError", \
  "-cp", "/opt/clusterdns/clusterdns.jar", "io.clusterdns.server.cli.Main"]
CMD ["-conf", "/etc/coredns/Corefile"]
EXPOSE 53/udp 53/tcp 8080/tcp 8181/tcp 9153/tcp
