-- ideogram-camel's shared state (ideogram.state.store=jdbc), created and migrated by Flyway at start-up.
-- Only org.ideogramcamel.state.jdbc reads or writes these tables. Times are the database's own clock (now()),
-- so instances on machines whose clocks disagree still agree on when a lease expired.

-- Every running instance, with a heartbeat. A claim or slot whose owner's heartbeat is older than the lease is
-- free to be taken over by another instance.
CREATE TABLE ideogram_instance (
    instance_id   VARCHAR(200) PRIMARY KEY,
    host          VARCHAR(255),
    pid           BIGINT,
    started_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    heartbeat_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- The job journal: one row per journal key (journal.JournalEntry as JSON, plus the columns queries need).
CREATE TABLE ideogram_journal (
    journal_key   VARCHAR(120) PRIMARY KEY,
    state         VARCHAR(16)  NOT NULL,
    provider      VARCHAR(64),
    entry         TEXT         NOT NULL,
    recorded_at   TIMESTAMPTZ,
    updated_at    TIMESTAMPTZ  NOT NULL
);
-- unfinished = neither stored nor failed (the Kafka intake's received and a refused create's not_sent included)
CREATE INDEX ideogram_journal_unfinished ON ideogram_journal (state) WHERE state NOT IN ('stored', 'failed');
CREATE INDEX ideogram_journal_updated ON ideogram_journal (updated_at);

-- Which instance works on a job now (the cluster form of Journaling's in-memory claims): one row per job in work.
CREATE TABLE ideogram_job_claim (
    journal_key   VARCHAR(120) PRIMARY KEY,
    owner         VARCHAR(200) NOT NULL,
    claimed_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX ideogram_job_claim_owner ON ideogram_job_claim (owner);

-- The daily budget, cluster-wide: reservations are one atomic UPDATE against the caps.
CREATE TABLE ideogram_daily_spend (
    day           DATE         PRIMARY KEY,
    spent         NUMERIC(20, 6) NOT NULL DEFAULT 0,
    images        INTEGER      NOT NULL DEFAULT 0,
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- The job board behind GET /jobs/{id}: any instance answers for a job posted to any other.
CREATE TABLE ideogram_job_status (
    id            VARCHAR(120) PRIMARY KEY,
    state         VARCHAR(16)  NOT NULL,
    status        TEXT         NOT NULL,
    owner         VARCHAR(200),
    submitted_at  TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX ideogram_job_status_updated ON ideogram_job_status (updated_at);

-- ideogram.providers.<name>.cluster-max-in-flight: one row per provider slot in use, owned by an instance.
CREATE TABLE ideogram_provider_slot (
    provider      VARCHAR(64)  NOT NULL,
    slot          INTEGER      NOT NULL,
    owner         VARCHAR(200) NOT NULL,
    journal_key   VARCHAR(120),
    taken_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, slot)
);
CREATE INDEX ideogram_provider_slot_owner ON ideogram_provider_slot (owner);

-- The shared inbox: camel-sql's JdbcOrphanLockAwareIdempotentRepository holds each prompt file's claim here (its
-- own table layout, kept as Camel documents it; the repository is told not to create it).
CREATE TABLE CAMEL_MESSAGEPROCESSED (
    processorName VARCHAR(255) NOT NULL,
    messageId     VARCHAR(1000) NOT NULL,
    createdAt     TIMESTAMP,
    PRIMARY KEY (processorName, messageId)
);
