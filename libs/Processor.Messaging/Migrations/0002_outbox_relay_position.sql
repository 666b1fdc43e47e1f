-- The relay's progress as one number instead of a mark on every row: every outbox row with id <= published_through has
-- been delivered. Outbox rows commit in id order (MessagingTables takes a transaction-scoped lock to append), so the
-- rows above it are exactly the ones still to publish, and marking a batch is one single-row update.
CREATE TABLE {schema}.outbox_relay (
    singleton         boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    published_through bigint      NOT NULL,
    updated_at        timestamptz NOT NULL DEFAULT now()
);

-- Rows were marked in id order, so everything below the first unmarked row is published.
INSERT INTO {schema}.outbox_relay (published_through)
SELECT coalesce((SELECT min(id) - 1 FROM {schema}.outbox WHERE published_at IS NULL),
                (SELECT max(id) FROM {schema}.outbox),
                0);

DROP INDEX {schema}.outbox_unpublished;
ALTER TABLE {schema}.outbox DROP COLUMN published_at;

-- Only the operator's `replay --to-time` read the inbox by time, and only when the broker cannot answer: a rare scan is
-- cheaper than maintaining this index on every applied record.
DROP INDEX {schema}.inbox_position;
