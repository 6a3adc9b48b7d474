-- 0021: the guided procedures' step texts are knowledge-base documents of their own kind,
-- 'procedure', approved by the city like the manual. SQLite cannot change a CHECK in place, and
-- kb_documents is referenced by its versions, by escalations and by itself, so instead of
-- rebuilding it the stored CHECK is widened: SQLite's documented way for a schema change that
-- leaves every stored row as it is (each row still satisfies the wider check). RESET turns schema
-- writing off again and reloads the schema on this connection.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (kind IN (''faq'', ''manual''))', 'CHECK (kind IN (''faq'', ''manual'', ''procedure''))')
 WHERE type = 'table' AND name = 'kb_documents';
PRAGMA writable_schema = RESET;
