-- Each key's planning state (Processor.Scheduling's KeySchedule) as rows, changed in the same transaction as the consumed
-- acknowledgement's offset. session names the key (its network key is in the key book).

-- The pool: acknowledged outputs no plan has spent yet.
CREATE TABLE {schema}.utxos (
    session  integer  NOT NULL,
    txid     bytea    NOT NULL,
    vout     integer  NOT NULL,
    amount   bigint   NOT NULL,
    script   bytea    NOT NULL,
    kind     smallint NOT NULL,
    PRIMARY KEY (session, txid, vout)
);

-- The FIFO payment queue: payments waiting for coins, in sequence order. origin 0 = burn, 1 = refund; (origin,
-- serai_block_number, payment_index) names a payment everywhere.
CREATE TABLE {schema}.payment_queue (
    sequence           bigint   GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session            integer  NOT NULL,
    origin             smallint NOT NULL,
    serai_block_number bigint   NOT NULL,
    payment_index      integer  NOT NULL,
    destination        bytea    NOT NULL,
    script             bytea    NOT NULL,
    amount             bigint   NOT NULL,
    UNIQUE (origin, serai_block_number, payment_index)
);
CREATE INDEX payment_queue_session ON {schema}.payment_queue (session, sequence);

-- Branch outputs of our plans and the payments each funds, waiting for the output to be acknowledged (arrived: it was, but
-- its plan could not pay its fee yet).
CREATE TABLE {schema}.pending_branches (
    session  integer NOT NULL,
    txid     bytea   NOT NULL,
    vout     integer NOT NULL,
    amount   bigint  NOT NULL,
    arrived  boolean NOT NULL,
    PRIMARY KEY (session, txid, vout)
);

CREATE TABLE {schema}.branch_payments (
    session            integer  NOT NULL,
    txid               bytea    NOT NULL,
    vout               integer  NOT NULL,
    position           integer  NOT NULL,
    origin             smallint NOT NULL,
    serai_block_number bigint   NOT NULL,
    payment_index      integer  NOT NULL,
    destination        bytea    NOT NULL,
    script             bytea    NOT NULL,
    amount             bigint   NOT NULL,
    PRIMARY KEY (session, txid, vout, position),
    FOREIGN KEY (session, txid, vout) REFERENCES {schema}.pending_branches ON DELETE CASCADE
);

-- Payments that will never be made, and why (reported with PaymentDropped).
CREATE TABLE {schema}.dropped_payments (
    origin             smallint    NOT NULL,
    serai_block_number bigint      NOT NULL,
    payment_index      integer     NOT NULL,
    session            integer     NOT NULL,
    destination        bytea       NOT NULL,
    amount             bigint      NOT NULL,
    reason             text        NOT NULL,
    dropped_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, serai_block_number, payment_index)
);

-- The Serai blocks acknowledged: a second acknowledgement of one (another event id for the same block) changes nothing.
CREATE TABLE {schema}.acknowledged_blocks (
    serai_block_number bigint      PRIMARY KEY,
    plan_count         integer     NOT NULL,
    acknowledged_at    timestamptz NOT NULL DEFAULT now()
);
