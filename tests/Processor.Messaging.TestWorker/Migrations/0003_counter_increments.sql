-- The counter role's ledger: one row per applied increment, with the counter's total right after it.
CREATE TABLE {schema}.counter_increments (
    event_id uuid   PRIMARY KEY,
    key      text   NOT NULL,
    sequence bigint NOT NULL,
    amount   bigint NOT NULL,
    total    bigint NOT NULL
);
