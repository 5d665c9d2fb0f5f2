-- The outcomes (results and failures) that the dispatcher counted, once a minute: the status page's history, which a
-- reload or a page opened after a run shows. The outcomes of a minute are the difference between its total and the
-- one before. One small row a minute, written by the dispatcher's progress count, which reads the totals anyway;
-- rows older than a week are deleted.
CREATE TABLE IF NOT EXISTS outcome_minute (
    minute   DATETIME NOT NULL,
    outcomes BIGINT   NOT NULL,
    PRIMARY KEY (minute)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
