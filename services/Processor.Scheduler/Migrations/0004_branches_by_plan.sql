-- A pending branch is named by the plan that creates its Branch output and the output's position among the plan's outputs,
-- since its place on chain (txid, vout) may be unknown until it arrives (Monero: the txid depends on who signs, and the
-- outputs are shuffled); such a branch is matched by amount, oldest first (sequence). txid and vout hold the place when the
-- plug-in knows it at planning (Bitcoin) or once the output arrived.

ALTER TABLE {schema}.pending_branches
    ADD COLUMN plan_id         bytea,
    ADD COLUMN output_position integer,
    ADD COLUMN sequence        bigint GENERATED ALWAYS AS IDENTITY;

-- Branches stored before this migration are Bitcoin's: their txid is their plan's (the eventuality), their vout the position.
-- Their sequence follows the table's physical order, which does not matter: a branch of known place is matched by its place.
UPDATE {schema}.pending_branches b SET plan_id = p.plan_id, output_position = b.vout FROM {schema}.plans p WHERE p.txid = b.txid;

ALTER TABLE {schema}.branch_payments
    ADD COLUMN plan_id         bytea,
    ADD COLUMN output_position integer;
UPDATE {schema}.branch_payments f SET plan_id = b.plan_id, output_position = b.output_position
FROM {schema}.pending_branches b WHERE b.session = f.session AND b.txid = f.txid AND b.vout = f.vout;

-- Dropping the old key columns drops branch_payments' primary key and its foreign key to pending_branches.
ALTER TABLE {schema}.branch_payments
    DROP COLUMN txid,
    DROP COLUMN vout,
    ALTER COLUMN plan_id SET NOT NULL,
    ALTER COLUMN output_position SET NOT NULL,
    ADD PRIMARY KEY (session, plan_id, output_position, position);

ALTER TABLE {schema}.pending_branches
    DROP CONSTRAINT pending_branches_pkey,
    ALTER COLUMN plan_id SET NOT NULL,
    ALTER COLUMN output_position SET NOT NULL,
    ALTER COLUMN txid DROP NOT NULL,
    ALTER COLUMN vout DROP NOT NULL,
    ADD PRIMARY KEY (session, plan_id, output_position),
    ADD UNIQUE (session, txid, vout);

ALTER TABLE {schema}.branch_payments
    ADD FOREIGN KEY (session, plan_id, output_position) REFERENCES {schema}.pending_branches ON DELETE CASCADE;
