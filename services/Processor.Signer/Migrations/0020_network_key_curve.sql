-- The curve of each session's network key (its group's name: 'secp256k1' for Bitcoin, 'ed25519' for Monero), so that
-- loading the keys parses the points and opens the sealed share on the curve they were made on. Rows written before this
-- column existed are Bitcoin's; new rows must name their curve.
ALTER TABLE {schema}.session_keys ADD COLUMN network_curve text NOT NULL DEFAULT 'secp256k1'
    CHECK (network_curve IN ('secp256k1', 'ed25519'));
ALTER TABLE {schema}.session_keys ALTER COLUMN network_curve DROP DEFAULT;
