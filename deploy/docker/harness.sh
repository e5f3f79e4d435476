#!/bin/sh
# The injector image's entry point, also usable from a checkout (APP_HOME=. after
# `mvn -q -DskipTests test-compile dependency:copy-dependencies -DincludeScope=test -DoutputDirectory=target/lib`,
# with CLASSES=target/classes TEST_CLASSES=target/test-classes LIB=target/lib).
#   harness.sh run [-Dname=value ...]         one run (or one injector of a sharded run): PROFILE, SIMULATION,
#                                            the target and shard settings come from the environment
#   harness.sh judge <folder> [--thresholds f] merge a sharded run's injectors, or judge results again
set -eu
APP="${APP_HOME:-/app}"
cd "$APP"
CP="${CLASSES:-classes}:${TEST_CLASSES:-test-classes}:${LIB:-lib}/*"
RESULTS="${RESULTS_ROOT:-/results}"
GATLING="${GATLING_RESULTS:-/tmp/gatling}"
command="${1:-run}"
[ $# -gt 0 ] && shift
case "$command" in
  run)
    # a misspelt SIMULATION gets one line and exit 104 here, as with mvn gatling:test, not Gatling's stack traces
    java -cp "$CP" io.stella.harness.run.SimulationClassCheck \
      "${SIMULATION:-io.stella.harness.simulations.BackendApiSimulation}" "${TEST_CLASSES:-test-classes}" SIMULATION
    # the JVM flags Gatling's Maven plugin gives its forked JVM, and a heap that fits the pod's 2Gi limit
    exec java ${JAVA_OPTS:--Xmx1536m} --add-opens=java.base/java.lang=ALL-UNNAMED \
      --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -cp "$CP" \
      -Dharness.resultsRoot="$RESULTS" -Dharness.gatlingResults="$GATLING" -Dprofile="${PROFILE:-smoke}" "$@" \
      io.gatling.app.Gatling --simulation "${SIMULATION:-io.stella.harness.simulations.BackendApiSimulation}" \
      --results-folder "$GATLING"
    ;;
  judge)
    exec java ${JAVA_OPTS:-} -cp "$CP" io.stella.harness.commands.Judge "$@"
    ;;
  *)
    echo "harness.sh: unknown command $command; use: run [-Dname=value ...] | judge <results folder> [--thresholds <file>]" >&2
    exit 104
    ;;
esac
