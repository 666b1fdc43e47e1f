-- Messaging tables every service schema has. {schema} is replaced by the service's schema name.

-- The authoritative consumer positions: advanced in the same transaction as the state they produced.
-- generation is bumped by an operator's replay so a running consumer notices the rewind and seeks.
CREATE TABLE {schema}.consumer_offsets (
    consumer_group text        NOT NULL,
    topic          text        NOT NULL,
    partition      integer     NOT NULL,
    next_offset    bigint      NOT NULL,
    generation     bigint      NOT NULL DEFAULT 0,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, topic, partition)
);

-- Ids of events already applied; a second delivery of the same id (another offset, a replay) is a no-op.
CREATE TABLE {schema}.inbox (
    consumer_group text        NOT NULL,
    event_id       uuid        NOT NULL,
    topic          text        NOT NULL,
    partition      integer     NOT NULL,
    "offset"       bigint      NOT NULL,
    event_type     text        NOT NULL,
    message_time   timestamptz NOT NULL,
    received_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, event_id)
);
CREATE INDEX inbox_position ON {schema}.inbox (topic, partition, message_time);

-- Events to publish, written in the transaction that decided them; the relay publishes in id order.
CREATE TABLE {schema}.outbox (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    topic        text        NOT NULL,
    key          bytea,
    payload      bytea       NOT NULL,
    event_type   text        NOT NULL,
    headers      jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX outbox_unpublished ON {schema}.outbox (id) WHERE published_at IS NULL;

-- Records that could not be applied, with the reason; the same record also goes to <topic>.dlq.
CREATE TABLE {schema}.dead_letters (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consumer_group    text        NOT NULL,
    topic             text        NOT NULL,
    partition         integer     NOT NULL,
    "offset"          bigint      NOT NULL,
    event_id          uuid,
    event_type        text,
    reason            text        NOT NULL,
    payload           bytea,
    dead_lettered_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (consumer_group, topic, partition, "offset")
);
