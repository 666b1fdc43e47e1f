-- The keys this service learnt from the signer (signer.keys), one row per Serai session. {schema} is the service's schema.
-- Only public keys: the shares stay in the signer. threshold and participant_count come from KeyGenerated, so they are
-- null for a key whose KeyActivated was the first event seen of it.
CREATE TABLE {schema}.keys (
    session           integer     PRIMARY KEY,
    substrate_key     bytea       NOT NULL,
    network_key       bytea       NOT NULL,
    threshold         integer,
    participant_count integer,
    state             text        NOT NULL CHECK (state IN ('generated', 'active')),
    activation_time   timestamptz,
    activation_block  bigint,
    learnt_at         timestamptz NOT NULL DEFAULT now(),
    CHECK ((state = 'active') = (activation_time IS NOT NULL))
);
