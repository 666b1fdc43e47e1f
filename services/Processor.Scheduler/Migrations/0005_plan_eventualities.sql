-- A plan's eventuality is the plug-in's bytes (Bitcoin: the txid; Monero: the planned transaction's outputs and extra), and
-- its transaction's id is known at creation only for some networks (Monero's depends on who signs): txid becomes the id
-- when known (at creation, else once signed), eventuality what the signed transaction is checked against.
ALTER TABLE {schema}.plans ADD COLUMN eventuality bytea;
UPDATE {schema}.plans SET eventuality = txid;
ALTER TABLE {schema}.plans ALTER COLUMN eventuality SET NOT NULL, ALTER COLUMN txid DROP NOT NULL;
