-- The trace of a page's latest send, when tracing is on: the status page links a document to the trace that carried
-- it, from the dispatcher's send through Kafka to the worker's mapper calls and writes. NULL while tracing is off.
-- Instant on MariaDB and MySQL 8: a nullable column added at the end. Like V5, it runs again on the schema it made:
-- the column is added only where it is missing.
SET @page_trace = (
    SELECT IF(COUNT(*) = 0, 'ALTER TABLE dispatch_page ADD COLUMN trace_id CHAR(32) NULL', 'DO 0')
    FROM information_schema.COLUMNS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'dispatch_page' AND COLUMN_NAME = 'trace_id');
PREPARE page_trace FROM @page_trace;
EXECUTE page_trace;
DEALLOCATE PREPARE page_trace;
