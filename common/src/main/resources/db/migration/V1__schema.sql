-- docmap schema. Table and column names are the old pipeline's, so an existing database works as is;
-- IF NOT EXISTS keeps its data. utf8mb4 throughout: the texts are Chinese and carry emoji.

CREATE TABLE IF NOT EXISTS source_data (
    id      BIGINT      NOT NULL AUTO_INCREMENT,
    mid     VARCHAR(64) NOT NULL,
    content LONGTEXT    NULL,
    created VARCHAR(50) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_source_data_mid (mid)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One result per document. doc_id (= source_data.mid) is the only unique key besides the primary key,
-- so that INSERT ... ON DUPLICATE KEY UPDATE can only ever match the document's own row.
-- The lists are JSON arrays, because entity names contain commas.
CREATE TABLE IF NOT EXISTS doc_ent_map (
    id              BIGINT      NOT NULL AUTO_INCREMENT,
    doc_id          VARCHAR(64) NOT NULL,
    ent_list_str    LONGTEXT    NOT NULL CHECK (JSON_VALID(ent_list_str)),
    mapped_list_str LONGTEXT    NOT NULL CHECK (JSON_VALID(mapped_list_str)),
    create_time     DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_doc_ent_map_doc_id (doc_id),
    KEY ix_doc_ent_map_create_time (create_time)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Documents the mapper permanently rejected: visible, counted, retryable. A document is here or in
-- doc_ent_map, never both.
CREATE TABLE IF NOT EXISTS doc_failure (
    doc_id          VARCHAR(64)   NOT NULL,
    source_id       BIGINT        NOT NULL,
    cause           VARCHAR(32)   NOT NULL,
    message         VARCHAR(2000) NOT NULL,
    attempts        INT           NOT NULL,
    first_failed_at DATETIME(3)   NOT NULL,
    last_failed_at  DATETIME(3)   NOT NULL,
    PRIMARY KEY (doc_id),
    KEY ix_doc_failure_cause (cause, doc_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Dispatcher state. A page is RECORDED before it is sent, SENT once the broker acknowledged it,
-- and DONE once every document in it has an outcome.
CREATE TABLE IF NOT EXISTS dispatch_page (
    page_id         BIGINT      NOT NULL AUTO_INCREMENT,
    origin          VARCHAR(8)  NOT NULL,
    first_source_id BIGINT      NOT NULL,
    last_source_id  BIGINT      NOT NULL,
    doc_count       INT         NOT NULL,
    state           VARCHAR(8)  NOT NULL,
    send_count      INT         NOT NULL DEFAULT 0,
    recorded_at     DATETIME(3) NOT NULL,
    sent_at         DATETIME(3) NULL,
    done_at         DATETIME(3) NULL,
    PRIMARY KEY (page_id),
    KEY ix_dispatch_page_state (state, page_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Which page each source row was dispatched in. The primary key makes a second dispatch of a row impossible,
-- and the sweep finds rows that committed behind the cursor by their absence here.
CREATE TABLE IF NOT EXISTS dispatch_item (
    source_id BIGINT NOT NULL,
    page_id   BIGINT NOT NULL,
    PRIMARY KEY (source_id),
    KEY ix_dispatch_item_page (page_id, source_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The keyset cursor: the highest source id whose page the broker has acknowledged.
CREATE TABLE IF NOT EXISTS dispatch_cursor (
    name           VARCHAR(32) NOT NULL,
    last_source_id BIGINT      NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT IGNORE INTO dispatch_cursor (name, last_source_id) VALUES ('scan', 0);
