-- Where the broker put each page's latest send, from its acknowledgement. A page that no worker took is lost when its
-- record is no longer in the topic (retention, a clean-up, a re-created topic) or its group's offsets moved past it
-- (a reset to latest): the dispatcher finds it here and sends it again. The database, not the topic, is the record
-- of what is owed. lost_sends counts those sends again, which are no worker's fault and do not count against
-- max-sends. Instant on MariaDB and MySQL 8: columns added at the end.
--
-- Like every migration, it can run again on the schema it made (an adopted database is baselined at 0 and migrated
-- from V1): the columns are added only where they are missing, in a statement built from information_schema, which
-- MariaDB and MySQL both read.
SET @page_record = (
    SELECT IF(COUNT(*) = 0,
              'ALTER TABLE dispatch_page ADD COLUMN sent_partition INT NULL, ADD COLUMN sent_offset BIGINT NULL,
                   ADD COLUMN lost_sends INT NOT NULL DEFAULT 0',
              'DO 0')
    FROM information_schema.COLUMNS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'dispatch_page' AND COLUMN_NAME = 'lost_sends');
PREPARE page_record FROM @page_record;
EXECUTE page_record;
DEALLOCATE PREPARE page_record;
