-- Operator control of dispatch, kept in the database so that a pause survives restarts of every service.
CREATE TABLE IF NOT EXISTS dispatch_control (
    name       VARCHAR(32)  NOT NULL,
    paused     BOOLEAN      NOT NULL,
    changed_by VARCHAR(128) NULL,
    changed_at DATETIME(3)  NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT IGNORE INTO dispatch_control (name, paused) VALUES ('dispatch', FALSE);
