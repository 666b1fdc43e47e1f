-- The plug-in's bytes for spending an output (Monero: one-time key, global index, mask, key offset), as acknowledged, for
-- the plans that spend it: pool outputs, and Branch outputs that arrived before their plan could be made.
ALTER TABLE {schema}.utxos ADD COLUMN spend_data bytea NOT NULL DEFAULT '';
ALTER TABLE {schema}.pending_branches ADD COLUMN spend_data bytea NOT NULL DEFAULT '';
