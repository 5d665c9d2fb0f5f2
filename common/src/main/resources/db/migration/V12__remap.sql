-- Re-maps: documents handed back to the pipeline by a selection (POST /api/remap, ./docmap remap), one re-map at a
-- time. The dispatcher scans the selection in source id order from cursor_id up to last_id, and records its pages as
-- dispatch_page rows of origin REMAP, each with the re-map's id and the instant before which a result is mapped again.
CREATE TABLE IF NOT EXISTS remap (
    remap_id     BIGINT        NOT NULL AUTO_INCREMENT,
    selection    TEXT          NOT NULL,
    state        VARCHAR(16)   NOT NULL,
    requested_by VARCHAR(200)  NOT NULL,
    requested_at DATETIME(3)   NOT NULL,
    selected     BIGINT        NOT NULL,
    cursor_id    BIGINT        NOT NULL,
    last_id      BIGINT        NOT NULL,
    ended_at     DATETIME(3)   NULL,
    PRIMARY KEY (remap_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Nullable columns added at the end, instant on MariaDB and MySQL 8, and a key on a table of one row per page. Like
-- V5, it runs again on the schema it made: each is added only where it is missing.
SET @remap_page = (
    SELECT IF(COUNT(*) = 0,
        'ALTER TABLE dispatch_page ADD COLUMN remap_id BIGINT NULL, ADD COLUMN remap_before DATETIME(3) NULL,'
        ' ADD KEY ix_dispatch_page_remap (remap_id, state)',
        'DO 0')
    FROM information_schema.COLUMNS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'dispatch_page' AND COLUMN_NAME = 'remap_id');
PREPARE remap_page FROM @remap_page;
EXECUTE remap_page;
DEALLOCATE PREPARE remap_page;
