-- Threshold signing (Batches and plan transactions). {schema} is replaced by the service's schema name.
-- Nothing secret is stored here: nonces live only in the signer's memory; preprocesses (nonce commitments) and shares are public.

-- What must be signed: one row per (session, kind, id), with the request as it arrived (BatchSignRequested or PlanCreated,
-- Protobuf), so each step can rebuild what is signed. current_attempt is the newest attempt started here.
CREATE TABLE {schema}.signing_requests (
    session         integer     NOT NULL,
    kind            smallint    NOT NULL,
    id              bytea       NOT NULL,
    request         bytea       NOT NULL,
    current_attempt integer     NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now(),
    completed_at    timestamptz,
    PRIMARY KEY (session, kind, id)
);

-- One row per attempt (Serai's SignId), written in the same transaction as its SignPreprocess: an attempt that has a row
-- has sent its preprocess and is never preprocessed again. state: preprocessed, shared, completed, blamed (an
-- InvalidParticipant was sent; waits for a re-attempt), abandoned (its nonces were lost with a restart), superseded.
CREATE TABLE {schema}.signing_attempts (
    session           integer     NOT NULL,
    kind              smallint    NOT NULL,
    id                bytea       NOT NULL,
    attempt           integer     NOT NULL,
    state             text        NOT NULL,
    our_preprocesses  bytea[]     NOT NULL DEFAULT '{}',
    participants      integer[],
    peer_preprocesses bytea,
    our_shares        bytea[],
    note              text,
    preprocessed_at   timestamptz NOT NULL DEFAULT now(),
    shared_at         timestamptz,
    finished_at       timestamptz,
    PRIMARY KEY (session, kind, id, attempt),
    FOREIGN KEY (session, kind, id) REFERENCES {schema}.signing_requests (session, kind, id)
);
