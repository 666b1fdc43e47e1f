-- The scheduler's plans and their way to the chain. {schema} is replaced by the service's schema name.

-- Every plan created, with what processorctl shows of it and the PlanCreated event exactly as it was published (the
-- signer builds the transaction from it). state: created → signed → published → completed; a plan never goes back.
-- next_broadcast_at: when the broadcaster (re)publishes its signed transaction next (NULL: not signed, or completed).
CREATE TABLE {schema}.plans (
    plan_id             bytea       PRIMARY KEY,
    sequence            bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    session             integer     NOT NULL,
    serai_block_number  bigint      NOT NULL,
    txid                bytea       NOT NULL,
    input_count         integer     NOT NULL,
    input_amount        bigint      NOT NULL,
    payment_count       integer     NOT NULL,
    payment_amount      bigint      NOT NULL,
    change_amount       bigint,
    fee                 bigint      NOT NULL,
    fee_rate            bigint      NOT NULL,
    plan_created        bytea       NOT NULL,
    state               text        NOT NULL CHECK (state IN ('created', 'signed', 'published', 'completed')),
    created_at          timestamptz NOT NULL DEFAULT now(),
    signed_at           timestamptz,
    published_at        timestamptz,
    completed_at        timestamptz,
    next_broadcast_at   timestamptz,
    broadcasts          integer     NOT NULL DEFAULT 0,
    last_publish_error  text,
    completed_height    bigint,
    completed_block     bytea,
    completing_txid     bytea
);
CREATE INDEX plans_to_broadcast ON {schema}.plans (next_broadcast_at) WHERE next_broadcast_at IS NOT NULL;

-- The signed transaction of a plan, as the signer produced it (the first one received; a re-signed copy has the same txid).
CREATE TABLE {schema}.signed_transactions (
    plan_id     bytea       PRIMARY KEY REFERENCES {schema}.plans (plan_id),
    txid        bytea       NOT NULL,
    transaction bytea       NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
