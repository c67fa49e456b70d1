#!/usr/bin/env bash
# End-to-end run of the streaming platform on kind, the same steps as README.md ("Run on kind"):
# cluster, operators (Strimzi, Flink Kubernetes Operator), images, helm install, wait for the job, rescale it,
# check it rescaled, tear down.
#
# Needs: docker (a working engine), kind, kubectl, helm, Java 17, network access to quay.io, Docker Hub and
# downloads.apache.org.
# Environment:
#   KEEP_CLUSTER=1   keep the cluster at the end (default: delete it)
#   SKIP_IMAGES=1    do not build the images (use existing */target/*-image.tar)
#   TIMEOUT=600      seconds to wait for each readiness step
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLUSTER=streaming
NAMESPACE=streaming
KAFKA=streaming
JOB=streaming-job
STRIMZI_VERSION=0.51.0
FLINK_OPERATOR_VERSION=1.10.0
FLINK_DATA=/tmp/streaming-platform/flink-data
TIMEOUT="${TIMEOUT:-600}"
NEW_PARALLELISM=4

log() { printf '\n=== %s\n' "$*"; }
fail() { printf 'kind-e2e FAILED: %s\n' "$*" >&2; exit 1; }

for tool in docker kind kubectl helm java; do
  command -v "$tool" >/dev/null || fail "$tool is not on the PATH"
done
docker info >/dev/null 2>&1 || fail "no working Docker engine (docker info failed)"

cleanup() {
  local rc=$?
  if [[ $rc -ne 0 ]]; then
    log "diagnostics"
    kubectl get pods -A -o wide || true
    kubectl -n "$NAMESPACE" get kafka,kafkanodepool,kafkatopic,kafkauser,flinkdeployment || true
    kubectl -n "$NAMESPACE" describe flinkdeployment "$JOB" | tail -40 || true
  fi
  if [[ "${KEEP_CLUSTER:-0}" != 1 ]]; then
    log "teardown"
    kind delete cluster --name "$CLUSTER" || true
  fi
  exit $rc
}
trap cleanup EXIT

cd "$ROOT"

log "kind cluster (1 control plane, 2 workers, $FLINK_DATA mounted at /flink-data on every node)"
mkdir -p "$FLINK_DATA" && chmod 0777 "$FLINK_DATA"
if ! kind get clusters | grep -qx "$CLUSTER"; then
  kind create cluster --config kind-config.yaml --wait 180s
fi
kubectl config use-context "kind-$CLUSTER"

if [[ "${SKIP_IMAGES:-0}" != 1 ]]; then
  log "images (Jib, tar archives) and the k8s CLI"
  ./mvnw -q -Pimages -DskipTests package
fi
for image in job/target/job-image.tar producer/target/producer-image.tar consumer/target/consumer-image.tar; do
  [[ -f "$image" ]] || fail "$image missing: build it with ./mvnw -Pimages -DskipTests package"
  kind load image-archive "$image" --name "$CLUSTER"
done

log "Strimzi $STRIMZI_VERSION (watching all namespaces)"
helm upgrade --install strimzi oci://quay.io/strimzi-helm/strimzi-kafka-operator \
  --version "$STRIMZI_VERSION" -n strimzi --create-namespace \
  --set watchAnyNamespace=true --wait --timeout "${TIMEOUT}s"

log "Flink Kubernetes Operator $FLINK_OPERATOR_VERSION (no webhook, no cert-manager)"
helm repo add "flink-operator-$FLINK_OPERATOR_VERSION" \
  "https://downloads.apache.org/flink/flink-kubernetes-operator-$FLINK_OPERATOR_VERSION/" --force-update
helm upgrade --install flink-kubernetes-operator "flink-operator-$FLINK_OPERATOR_VERSION/flink-kubernetes-operator" \
  --version "$FLINK_OPERATOR_VERSION" -n flink-operator --create-namespace \
  --set webhook.create=false --wait --timeout "${TIMEOUT}s"

log "the platform (helm install)"
helm upgrade --install streaming helm/streaming-platform -n "$NAMESPACE" --create-namespace

log "waiting for Kafka"
kubectl -n "$NAMESPACE" wait "kafka/$KAFKA" --for=condition=Ready --timeout="${TIMEOUT}s"
kubectl -n "$NAMESPACE" wait kafkatopic --all --for=condition=Ready --timeout="${TIMEOUT}s"
# One KafkaUser per component (security on by default): its Secret holds the credentials the pods wait for.
kubectl -n "$NAMESPACE" wait kafkauser --all --for=condition=Ready --timeout="${TIMEOUT}s"

log "waiting for the job to run"
kubectl -n "$NAMESPACE" wait "flinkdeployment/$JOB" --for=jsonpath='{.status.jobStatus.state}'=RUNNING \
  --timeout="${TIMEOUT}s"
kubectl -n "$NAMESPACE" wait "flinkdeployment/$JOB" --for=jsonpath='{.status.lifecycleState}'=STABLE \
  --timeout="${TIMEOUT}s"
java -jar k8s/target/k8s.jar status

log "records reach the output topic"
deadline=$((SECONDS + TIMEOUT))
until kubectl -n "$NAMESPACE" logs deploy/streaming-consumer --tail=20 2>/dev/null | grep -q .; do
  (( SECONDS < deadline )) || fail "the consumer printed nothing within ${TIMEOUT}s"
  kubectl -n "$NAMESPACE" wait deploy/streaming-consumer --for=condition=Available --timeout=30s >/dev/null || true
done
kubectl -n "$NAMESPACE" logs deploy/streaming-consumer --tail=5

log "rescale: spec.job.parallelism -> $NEW_PARALLELISM"
kubectl -n "$NAMESPACE" patch flinkdeployment "$JOB" --type=merge \
  -p "{\"spec\":{\"job\":{\"parallelism\":$NEW_PARALLELISM}}}"
# The operator takes a savepoint, redeploys, and records the new spec as the last stable one.
kubectl -n "$NAMESPACE" wait "flinkdeployment/$JOB" \
  --for=jsonpath='{.status.reconciliationStatus.state}'=DEPLOYED --timeout="${TIMEOUT}s"
deadline=$((SECONDS + TIMEOUT))
until kubectl -n "$NAMESPACE" get flinkdeployment "$JOB" \
        -o jsonpath='{.status.lifecycleState} {.status.jobStatus.state} {.status.reconciliationStatus.lastStableSpec}' \
      | grep -Eq "^STABLE RUNNING .*\"parallelism\":$NEW_PARALLELISM[,}]"; do
  (( SECONDS < deadline )) || fail "the job did not come back RUNNING with parallelism $NEW_PARALLELISM"
  kubectl -n "$NAMESPACE" wait "flinkdeployment/$JOB" --for=jsonpath='{.status.lifecycleState}'=STABLE \
    --timeout=30s >/dev/null 2>&1 || true
done
ls "$FLINK_DATA/savepoints" | grep -q . || fail "no savepoint was written to $FLINK_DATA/savepoints"
java -jar k8s/target/k8s.jar status

log "kind e2e PASSED"
