-- Re-maps: documents handed back to the pipeline by a selection (POST /api/remap, ./docmap remap), one re-map at a
-- time. The dispatcher scans the selection in source id order from cursor_id up to last_id, and records its pages as
-- dispatch_page rows of origin REMAP, each with the re-map's id and the instant before which a result is mapped again.
-- It starts once the results it selects are counted (last_result_id, below).
CREATE TABLE IF NOT EXISTS remap (
    remap_id       BIGINT       NOT NULL AUTO_INCREMENT,
    selection      TEXT         NOT NULL,
    state          VARCHAR(16)  NOT NULL,
    requested_by   VARCHAR(200) NOT NULL,
    requested_at   DATETIME(3)  NOT NULL,
    selected       BIGINT       NOT NULL,
    cursor_id      BIGINT       NOT NULL,
    last_id        BIGINT       NOT NULL,
    last_result_id BIGINT       NOT NULL,
    ended_at       DATETIME(3)  NULL,
    PRIMARY KEY (remap_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- What the results name, kept by the leading dispatcher as results are stored, never by reading doc_ent_map whole:
-- entity_count holds the documents per canonical name among the current results ('' counts those that name none);
-- entity_change what re-maps changed, per pair of mapper versions ('' is unknown); entity_fold how far the stored
-- results are counted. A re-map's page keeps what its results named before it (remap_names) until its change is
-- counted.
CREATE TABLE IF NOT EXISTS entity_count (
    name      VARCHAR(255) NOT NULL,
    documents BIGINT       NOT NULL,
    PRIMARY KEY (name),
    KEY ix_entity_count_documents (documents)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS entity_change (
    from_version VARCHAR(64)  NOT NULL,
    to_version   VARCHAR(64)  NOT NULL,
    name         VARCHAR(255) NOT NULL,
    gained       BIGINT       NOT NULL,
    lost         BIGINT       NOT NULL,
    PRIMARY KEY (from_version, to_version, name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS entity_fold (
    name      VARCHAR(16) NOT NULL,
    result_id BIGINT      NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
INSERT IGNORE INTO entity_fold (name, result_id) VALUES ('results', 0);

-- Nullable columns added at the end, instant on MariaDB and MySQL 8, and a key on a table of one row per page. Like
-- V5, it runs again on the schema it made: each is added only where it is missing.
SET @remap_page = (
    SELECT IF(COUNT(*) = 0,
        'ALTER TABLE dispatch_page ADD COLUMN remap_id BIGINT NULL, ADD COLUMN remap_before DATETIME(3) NULL,'
        ' ADD COLUMN remap_names MEDIUMTEXT NULL, ADD KEY ix_dispatch_page_remap (remap_id, state)',
        'DO 0')
    FROM information_schema.COLUMNS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'dispatch_page' AND COLUMN_NAME = 'remap_id');
PREPARE remap_page FROM @remap_page;
EXECUTE remap_page;
DEALLOCATE PREPARE remap_page;
