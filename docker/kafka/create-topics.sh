#!/bin/sh
# Creates the processor's topics on the Kafka broker, then checks them. Run by the one-shot `topic-init` service of
# compose.yaml (apache/kafka image) before any processor service starts; safe to run again (existing topics are kept).
#
# The broker runs with auto.create.topics.enable=false, so a misspelt topic name fails instead of creating a stray topic.
# The services would also create missing topics with the admin API, but creating them here first, with the retention
# setting below, makes the topic set visible and reviewable in one place.
#
# Environment:
#   BOOTSTRAP_SERVER      broker address (default kafka:9092)
#   REPLICATION_FACTOR    replication factor of new topics (default 1: a single broker)
#   WAIT_SECONDS          how long to wait for the broker (default 120)
#   TOPIC_NAMESPACE       the validator's topic namespace (Processor__TopicNamespace of the services; default none):
#                         when set, every topic below is created as <namespace>.<topic>
set -eu

# The network these topics belong to: must equal Processor__Network of the services in compose.yaml.
NETWORK=bitcoin

# <topic> <partitions>: exactly Topics.For("bitcoin").All of contracts/Processor.Contracts (the streams, then their
# dead-letter topics). tests/Processor.Deployment.Tests checks this list against the contracts.
TOPICS="
coordinator.commands.bitcoin.v1 1
processor.events.bitcoin.v1 1
scanner.blocks.bitcoin.v1 1
scanner.alerts.bitcoin.v1 1
signer.keys.bitcoin.v1 1
signer.signatures.bitcoin.v1 1
reporter.batch-sign-requests.bitcoin.v1 1
reporter.acknowledgements.bitcoin.v1 1
scheduler.plans.bitcoin.v1 1
coordinator.commands.bitcoin.v1.dlq 1
processor.events.bitcoin.v1.dlq 1
scanner.blocks.bitcoin.v1.dlq 1
scanner.alerts.bitcoin.v1.dlq 1
signer.keys.bitcoin.v1.dlq 1
signer.signatures.bitcoin.v1.dlq 1
reporter.batch-sign-requests.bitcoin.v1.dlq 1
reporter.acknowledgements.bitcoin.v1.dlq 1
scheduler.plans.bitcoin.v1.dlq 1
"

# Event topics keep their data: replay and full rebuilds read them from the beginning (DESIGN.md §3). The broker's
# default is already log.retention.ms=-1; setting it per topic keeps it so on a broker with another default.
TOPIC_CONFIG="retention.ms=-1"

BOOTSTRAP_SERVER="${BOOTSTRAP_SERVER:-kafka:9092}"
REPLICATION_FACTOR="${REPLICATION_FACTOR:-1}"
WAIT_SECONDS="${WAIT_SECONDS:-120}"
TOPIC_NAMESPACE="${TOPIC_NAMESPACE:-}"
KAFKA_TOPICS="${KAFKA_TOPICS:-/opt/kafka/bin/kafka-topics.sh}"

log() { printf 'create-topics: %s\n' "$*"; }
fail() { printf 'create-topics: error: %s\n' "$*" >&2; exit 1; }

# The same rule as Topics.IsValidNamespace: lower-case letters, digits and dashes, starting with a letter, at most 32.
PREFIX=""
if [ -n "$TOPIC_NAMESPACE" ]; then
  printf '%s\n' "$TOPIC_NAMESPACE" | grep -Eqx '[a-z][a-z0-9-]{0,31}' \
    || fail "TOPIC_NAMESPACE '$TOPIC_NAMESPACE' is not a topic namespace (lower-case letters, digits and '-', starting with a letter, at most 32)"
  PREFIX="$TOPIC_NAMESPACE."
fi

# The list itself: one name and a positive partition count a line, names of this network only.
printf '%s\n' "$TOPICS" | while read -r name partitions rest; do
  [ -z "$name" ] && continue
  [ -z "$rest" ] || fail "unexpected text after '$name $partitions'"
  case "$partitions" in '' | *[!0-9]* | 0*) fail "topic $name: partition count '$partitions' is not a positive number" ;; esac
  case "$name" in *".$NETWORK."*) ;; *) fail "topic $name does not belong to network $NETWORK" ;; esac
done

log "waiting for $BOOTSTRAP_SERVER (up to ${WAIT_SECONDS}s)"
deadline=$(( $(date +%s) + WAIT_SECONDS ))
until existing="$("$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP_SERVER" --list 2>/dev/null)"; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "broker $BOOTSTRAP_SERVER not reachable within ${WAIT_SECONDS}s"
  sleep 2
done

printf '%s\n' "$TOPICS" | while read -r name partitions; do
  [ -z "$name" ] && continue
  name="$PREFIX$name"
  if printf '%s\n' "$existing" | grep -qxF "$name"; then
    log "exists: $name"
    continue
  fi
  log "creating $name ($partitions partition(s), replication factor $REPLICATION_FACTOR)"
  "$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP_SERVER" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor "$REPLICATION_FACTOR" --config "$TOPIC_CONFIG"
done

# --if-not-exists accepts a topic of the same name with another partition count: check what the broker has.
described="$("$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP_SERVER" --describe --exclude-internal)"
printf '%s\n' "$TOPICS" | while read -r name partitions; do
  [ -z "$name" ] && continue
  name="$PREFIX$name"
  actual="$(printf '%s\n' "$described" | awk -F'\t' -v topic="$name" '
    $1 == "Topic: " topic { for (i = 1; i <= NF; i++) if ($i ~ /^PartitionCount: /) { sub(/^PartitionCount: /, "", $i); print $i } }')"
  [ "$actual" = "$partitions" ] || fail "topic $name has ${actual:-no} partition(s) on the broker, expected $partitions"
done

log "all topics of network $NETWORK are present${TOPIC_NAMESPACE:+ in namespace $TOPIC_NAMESPACE}"
