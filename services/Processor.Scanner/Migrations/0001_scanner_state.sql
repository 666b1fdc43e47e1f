-- The scanner's state. {schema} is replaced by the service's schema name.

-- One row: the next finalized height to scan, and the safe-halt flag. Advanced in the same transaction as the block's
-- rows and its ScannedBlock event (outbox), so a restart neither rescans nor skips.
CREATE TABLE {schema}.scan_progress (
    singleton     boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    next_height   bigint      NOT NULL,
    halted_reason text,
    halted_at     timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- The finalized-block index, in order, each block linked to its parent.
CREATE TABLE {schema}.blocks (
    height      bigint      PRIMARY KEY,
    hash        bytea       NOT NULL UNIQUE,
    parent_hash bytea       NOT NULL,
    time        timestamptz NOT NULL,
    median_time timestamptz NOT NULL,
    scanned_at  timestamptz NOT NULL DEFAULT now()
);

-- Keys learnt from the signer. A key activates at requested_height when the signer named one, otherwise at the first
-- scanned block whose median time is at or after activation_time; activation_height records where it did.
CREATE TABLE {schema}.keys (
    session           integer     PRIMARY KEY,
    substrate_key     bytea       NOT NULL,
    network_key       bytea       NOT NULL,
    activation_time   timestamptz NOT NULL,
    requested_height  bigint,
    activation_height bigint
);

-- Outputs received by our keys (never dust), as reported.
CREATE TABLE {schema}.outputs (
    txid              bytea    NOT NULL,
    vout              integer  NOT NULL,
    height            bigint   NOT NULL REFERENCES {schema}.blocks (height),
    session           integer  NOT NULL,
    kind              smallint NOT NULL,
    amount            bigint   NOT NULL,
    script            bytea    NOT NULL,
    instruction       bytea    NOT NULL,
    instruction_error smallint NOT NULL,
    PRIMARY KEY (txid, vout)
);
CREATE INDEX outputs_height ON {schema}.outputs (height);

-- Plans whose transaction the scanner watches for; completed once the txid is in a finalized block.
CREATE TABLE {schema}.eventualities (
    plan_id          bytea       PRIMARY KEY,
    session          integer     NOT NULL,
    txid             bytea       NOT NULL,
    registered_at    timestamptz NOT NULL DEFAULT now(),
    completed_height bigint
);
CREATE INDEX eventualities_open ON {schema}.eventualities (txid) WHERE completed_height IS NULL;
