#!/bin/sh
# Server CPU per request under wrk (issue 13; docs/benchmarks.md "CPU per request under wrk").
# Builds the jar and the harness, then runs dev.kiroscim.bench.WrkBenchmark against the real jar:
#   integration-tests/bench/wrk.sh [-Dbench.users=100000] [-Dbench.backend=h2|postgres] [-Dbench.seconds=8]
#       [-Dbench.threads=2] [-Dbench.warmupSeconds=15] [-Dbench.dbPoolSize=10] [-Dbench.connections=16] [-Dbench.patchConnections=4] [-Dbench.jfr=true]
# Needs wrk (Debian package `wrk`) and, for -Dbench.backend=postgres, PostgreSQL on 127.0.0.1:5432 (user postgres).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 2; }
cd "$root"
mvn -B -q -pl integration-tests -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile=target/wrk-classpath.txt -Dmdep.includeScope=test ${MAVEN_ARGS:-}
cd integration-tests
exec java -cp "target/test-classes:$(cat target/wrk-classpath.txt)" -Dkiro.jar=../scim-server/target/kiro-scim-bridge.jar \
    -Dbench.mode=wrk "$@" dev.kiroscim.bench.ScimBenchmark
