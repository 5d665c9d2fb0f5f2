-- The version of the mapper each result came from (the X-Mapper-Version header of its answer), so that the results of
-- an older mapper can be found and mapped again. NULL is unknown: the results stored before this column, and those of
-- a mapper that names no version. Instant on MariaDB and MySQL 8: a nullable column added at the end, without copying
-- or locking the table, however many results it holds. Like V5, it runs again on the schema it made: the column is
-- added only where it is missing.
SET @mapper_version = (
    SELECT IF(COUNT(*) = 0, 'ALTER TABLE doc_ent_map ADD COLUMN mapper_version VARCHAR(64) NULL', 'DO 0')
    FROM information_schema.COLUMNS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'doc_ent_map' AND COLUMN_NAME = 'mapper_version');
PREPARE mapper_version FROM @mapper_version;
EXECUTE mapper_version;
DEALLOCATE PREPARE mapper_version;
