-- Id ranges behind the scan cursor that the scan passed without seeing every id: rows there may still commit (an
-- auto-increment id is taken at insert and becomes visible at commit, out of order). The sweep looks only here,
-- instead of reading the whole table behind the cursor. One range per scanned page at most.
CREATE TABLE IF NOT EXISTS dispatch_gap (
    first_id BIGINT      NOT NULL,
    last_id  BIGINT      NOT NULL,
    found_at DATETIME(3) NOT NULL,
    PRIMARY KEY (first_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A database dispatched before this table existed: everything behind the cursor is one range, which the sweep
-- narrows from both ends as it finds the ids dispatched.
INSERT IGNORE INTO dispatch_gap (first_id, last_id, found_at)
SELECT 1, last_source_id, UTC_TIMESTAMP(3) FROM dispatch_cursor WHERE name = 'scan' AND last_source_id > 0;
