-- The workers' account of their attempts at each page, one row a page. A worker writes it when it takes the page
-- (each attempt, retries included) and when an attempt fails; the dispatcher reads it and deletes it once the page
-- is done. The lease of a page runs from its latest take, and only for the send the worker took (send_count), so
-- that the time a page waits in Kafka never counts against it. A page whose attempts keep failing is reported as
-- stuck, with the last error, instead of being retried out of sight.
CREATE TABLE IF NOT EXISTS page_attempt (
    page_id        BIGINT        NOT NULL,
    send_count     INT           NOT NULL,
    worker         VARCHAR(255)  NOT NULL,
    attempts       INT           NOT NULL,
    failures       INT           NOT NULL DEFAULT 0,
    taken_at       DATETIME(3)   NOT NULL,
    failing_since  DATETIME(3)   NULL,
    last_error     VARCHAR(2000) NULL,
    last_failed_at DATETIME(3)   NULL,
    PRIMARY KEY (page_id),
    KEY ix_page_attempt_failures (failures, page_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
