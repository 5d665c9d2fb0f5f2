-- The dispatchers' leadership epoch. A dispatcher that takes the database's dispatcher lock counts it up, and every
-- write of its dispatch rounds checks it under a shared lock: a leader that froze, lost the lock to another and
-- thawed cannot record, send or mark a page, since its epoch is no longer the table's.
CREATE TABLE IF NOT EXISTS dispatch_leader (
    name   VARCHAR(32)  NOT NULL,
    epoch  BIGINT       NOT NULL,
    holder VARCHAR(255) NULL,
    since  DATETIME(3)  NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT IGNORE INTO dispatch_leader (name, epoch) VALUES ('dispatcher', 0);
