#!/usr/bin/env bash
# Proves what KEDA scaling relies on, with real processes (ScalingIT): 20,000 documents and a 100 ms mapper on the
# local Kafka and MariaDB; one worker, three mid-run, then SIGTERM to two of them mid-run. It fails unless the
# invariant holds and the mapper saw every document exactly once, and prints docs/s before and after the scale-up.
# .ci/run runs the same test inside ./mvnw verify; this reruns it alone. Starts the local infrastructure if needed.
set -euo pipefail
cd "$(dirname "$0")/../.."
./docmap infra start
mkdir -p target
./mvnw -B -ntp verify -pl harness -am -Dspotless.check.skip=true \
  -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ScalingIT | tee target/scaling.log \
  | grep -E 'scaling: |Tests run:|BUILD|ERROR' || true
grep -q 'BUILD SUCCESS' target/scaling.log
