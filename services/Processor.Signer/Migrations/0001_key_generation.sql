-- The signer's key-generation state. {schema} is replaced by the service's schema name.
-- Secret columns (sealed_*) hold XChaCha20-Poly1305 ciphertexts under a subkey of the secret key file (Signer:SecretKeyFile),
-- bound to their row; nothing secret is stored in clear. Ceremony secrets are not stored at all: they are re-derived from
-- the secret key file and the ceremony's parameters.

-- One row: this signer's long-term identity key, created at its first start.
CREATE TABLE {schema}.identity (
    singleton     boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    public_key    bytea       NOT NULL CHECK (length(public_key) = 32),
    sealed_secret bytea       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per key-generation attempt: its public parameters and the public messages received so far.
CREATE TABLE {schema}.key_generations (
    session           bigint      NOT NULL,
    attempt           bigint      NOT NULL,
    threshold         integer     NOT NULL,
    participant_count integer     NOT NULL,
    our_participant   integer     NOT NULL,
    identity_keys     bytea       NOT NULL,            -- participant_count × 32 bytes, index order
    own_commitments   bytea       NOT NULL,            -- our signed round-1 message, as sent
    peer_commitments  bytea,                           -- the others' signed round-1 messages, index order
    state             text        NOT NULL CHECK (state IN ('committed', 'shares_sent', 'generated', 'failed')),
    failure           text,
    started_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session, attempt)
);

-- The keys of each session (the latest attempt that completed here), public parts in clear, shares sealed.
CREATE TABLE {schema}.session_keys (
    session                    bigint      PRIMARY KEY,
    attempt                    bigint      NOT NULL,
    our_participant            integer     NOT NULL,
    threshold                  integer     NOT NULL,
    participant_count          integer     NOT NULL,
    substrate_key              bytea       NOT NULL,   -- KeyPair.substrate_key
    network_key                bytea       NOT NULL,   -- KeyPair.network_key (the network's published form)
    substrate_verifying_shares bytea       NOT NULL,   -- participant_count compressed points, index order
    network_group_key          bytea       NOT NULL,   -- the group key with the network's offset (compressed)
    network_verifying_shares   bytea       NOT NULL,   -- with the offset, index order
    sealed_substrate_share     bytea       NOT NULL,
    sealed_network_share       bytea       NOT NULL,   -- the share of the offset key
    generated_at               timestamptz NOT NULL DEFAULT now(),
    confirmed_at               timestamptz,
    activation_time            timestamptz,            -- ConfirmKeyPair.serai_time
    rejected_at                timestamptz,            -- the last ConfirmKeyPair that named another pair
    rejection                  text
);

-- Our verdicts on accusations (VerifyBlame): one per accusation, so a repeated command has no second effect.
CREATE TABLE {schema}.blame_verdicts (
    session    bigint      NOT NULL,
    attempt    bigint      NOT NULL,
    accuser    integer     NOT NULL,
    accused    integer     NOT NULL,
    culprit    integer     NOT NULL,
    finding    text        NOT NULL,
    judged_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session, attempt, accuser, accused)
);
