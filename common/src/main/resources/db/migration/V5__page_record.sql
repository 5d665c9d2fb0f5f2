-- Where the broker put each page's latest send, from its acknowledgement. A page that no worker took is lost when its
-- record is no longer in the topic (retention, a clean-up, a re-created topic) or its group's offsets moved past it
-- (a reset to latest): the dispatcher finds it here and sends it again. The database, not the topic, is the record
-- of what is owed. lost_sends counts those sends again, which are no worker's fault and do not count against
-- max-sends. Instant on MariaDB and MySQL 8: columns added at the end.
ALTER TABLE dispatch_page
    ADD COLUMN sent_partition INT    NULL,
    ADD COLUMN sent_offset    BIGINT NULL,
    ADD COLUMN lost_sends     INT    NOT NULL DEFAULT 0;
