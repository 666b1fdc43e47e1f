CREATE TABLE {schema}.counters (
    key     text   PRIMARY KEY,
    total   bigint NOT NULL,
    applied bigint NOT NULL
);
