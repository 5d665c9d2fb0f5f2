-- Which source ids each page holds, as runs of consecutive ids: a page of 500 ids that the scan read in a row is one
-- row here, where dispatch_item took 500. Never a page's lowest and highest id alone: a row that commits later inside
-- that span is not the page's. No id is in two live pages' runs: the scan takes only ids past its cursor, which moves
-- in the transaction that records the page; the sweep takes only ids in dispatch_gap, which holds exactly the ids no
-- page took and loses them in the transaction that records the sweep's page; and a retry takes the ids out of the
-- runs of a live page when it hands them to the sweep. A done page keeps its runs: they say which pages carried a
-- document; ix_dispatch_run_first finds the run that holds an id as the one that starts last at or before it.
--
-- dispatch_item stays, unwritten, for pages recorded before this table: the leading dispatcher, when it takes the
-- lead, gives their live pages runs, moves the cursor past every scanned page, and takes the ids those pages hold out
-- of dispatch_gap (LegacyDispatchItems). Doing it there, not here, also adopts what an earlier version still leading
-- during a rolling update wrote after this migration ran.
CREATE TABLE IF NOT EXISTS dispatch_run (
    page_id  BIGINT NOT NULL,
    first_id BIGINT NOT NULL,
    last_id  BIGINT NOT NULL,
    PRIMARY KEY (page_id, first_id),
    KEY ix_dispatch_run_first (first_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
