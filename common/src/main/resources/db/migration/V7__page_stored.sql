-- When a worker stored the outcomes of its attempt at a page: set in the transaction that stores them, cleared when
-- the page is taken again. The dispatcher looks whether a page is done once a worker says it stored it, instead of
-- looking up every document of every page in flight at every round; it still looks at every page now and then, for
-- pages whose outcomes came another way (a lease that ran out, a worker of an earlier version). Instant on MariaDB
-- and MySQL 8: a column added at the end. Like V5, it runs again on the schema it made: the column is added only
-- where it is missing.
SET @page_stored = (
    SELECT IF(COUNT(*) = 0, 'ALTER TABLE page_attempt ADD COLUMN stored_at DATETIME(3) NULL', 'DO 0')
    FROM information_schema.COLUMNS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'page_attempt' AND COLUMN_NAME = 'stored_at');
PREPARE page_stored FROM @page_stored;
EXECUTE page_stored;
DEALLOCATE PREPARE page_stored;
