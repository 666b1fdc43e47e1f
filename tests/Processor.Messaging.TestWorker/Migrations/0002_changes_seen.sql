-- The downstream role's state: each CounterChanged it was handed, and how many times.
CREATE TABLE {schema}.changes_seen (
    event_id   uuid   PRIMARY KEY,
    key        text   NOT NULL,
    sequence   bigint NOT NULL,
    total      bigint NOT NULL,
    times_seen bigint NOT NULL DEFAULT 1
);
