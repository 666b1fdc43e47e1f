-- The reporter's state. {schema} is replaced by the service's schema name. Everything here is derived from the consumed
-- topics, so a replay with --wipe-state rebuilds it exactly (the keys table comes from the key book's migration).

-- One row: how far the scanned blocks are settled (every notable block up to settled_height has its Batches), the next
-- Batch id, and how far Serai's acknowledgements went (the last SubstrateBlock handled, the last external block handed to
-- the scheduler). Created by the first handler that needs it (a wipe removes it).
CREATE TABLE {schema}.progress (
    singleton           boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    settled_height      bigint,
    next_batch_id       bigint  NOT NULL DEFAULT 0 CHECK (next_batch_id BETWEEN 0 AND 4294967296),
    last_serai_block    bigint,
    acknowledged_height bigint
);

-- The scanner's blocks, from their own parts (one row per block, in height order without gaps).
CREATE TABLE {schema}.blocks (
    height      bigint      PRIMARY KEY,
    network     smallint    NOT NULL,
    hash        bytea       NOT NULL UNIQUE,
    median_time timestamptz NOT NULL
);

-- Keys the scanner activated, from their activation markers. marker_after_height is the highest block whose own parts
-- had arrived when the marker did: the key's parts up to there came from a catch-up scan, the later ones come with their
-- block's own parts.
CREATE TABLE {schema}.scanned_keys (
    session             integer PRIMARY KEY,
    substrate_key       bytea   NOT NULL,
    network_key         bytea   NOT NULL,
    activation_height   bigint  NOT NULL,
    marker_after_height bigint  NOT NULL
);

-- The key parts received, to know when a key's parts of a block are complete.
CREATE TABLE {schema}.key_parts (
    session    integer NOT NULL,
    height     bigint  NOT NULL,
    part       integer NOT NULL,
    part_count integer NOT NULL,
    PRIMARY KEY (session, height, part)
);

-- Every output of our keys in the scanned blocks, all kinds: kept to be handed to the scheduler when Serai acknowledges.
CREATE TABLE {schema}.outputs (
    txid              bytea    NOT NULL,
    vout              integer  NOT NULL,
    height            bigint   NOT NULL,
    session           integer  NOT NULL,
    network_key       bytea    NOT NULL,
    kind              smallint NOT NULL,
    coin              smallint NOT NULL,
    amount            bigint   NOT NULL,
    script            bytea    NOT NULL,
    instruction       bytea    NOT NULL,
    instruction_error smallint NOT NULL,
    origin            bytea    NOT NULL,
    PRIMARY KEY (txid, vout)
);
CREATE INDEX outputs_height ON {schema}.outputs (height);

-- The Batches built, with the contract Batch as emitted (Protobuf) and, once signed, the signature.
CREATE TABLE {schema}.batches (
    id                bigint      PRIMARY KEY,
    height            bigint      NOT NULL,
    block_hash        bytea       NOT NULL,
    session           integer     NOT NULL,
    instruction_count integer     NOT NULL,
    batch             bytea       NOT NULL,
    signature         bytea,
    acknowledged_in   bigint,
    built_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX batches_height ON {schema}.batches (height);

-- External outputs whose data gave no instruction (reported with InstructionRejected), and where to refund them.
CREATE TABLE {schema}.rejected_instructions (
    txid               bytea    NOT NULL,
    vout               integer  NOT NULL,
    height             bigint   NOT NULL,
    reason             smallint NOT NULL,
    detail             text     NOT NULL,
    refund_destination bytea    NOT NULL,
    PRIMARY KEY (txid, vout)
);
CREATE INDEX rejected_instructions_height ON {schema}.rejected_instructions (height);
