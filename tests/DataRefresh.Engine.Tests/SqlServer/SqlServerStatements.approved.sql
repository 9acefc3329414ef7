-- identify
SELECT CAST(SERVERPROPERTY('ServerName') AS nvarchar(256)), CAST(DB_NAME() AS nvarchar(256)),
       (SELECT CAST(d.group_database_id AS nvarchar(36)) FROM sys.databases AS d WHERE d.database_id = DB_ID())
GO
-- snapshot allowed
SELECT CAST(CASE WHEN snapshot_isolation_state = 1 THEN 1 ELSE 0 END AS bit) FROM sys.databases WHERE database_id = DB_ID()
GO
-- catalog tables
SELECT s.name, t.name, CASE WHEN s.name = SCHEMA_NAME() THEN 0 WHEN s.name = N'dbo' THEN 1 ELSE 2 END AS search_order,
       CAST(CASE WHEN t.is_ms_shipped = 1 OR s.name IN (N'sys', N'INFORMATION_SCHEMA') THEN 1 ELSE 0 END AS bit) AS is_system
FROM sys.tables AS t JOIN sys.schemas AS s ON s.schema_id = t.schema_id
GO
-- columns
SELECT c.name, c.column_id, ty.name AS type_name, c.max_length, c.precision, c.scale, c.is_nullable, c.is_identity,
       c.is_computed, c.collation_name, c.generated_always_type, c.is_column_set, CAST(ty.is_user_defined AS bit) AS is_user_defined,
       CAST(COLLATIONPROPERTY(c.collation_name, 'CodePage') AS int) AS code_page, CAST(COLLATIONPROPERTY(c.collation_name, 'LCID') AS int) AS lcid
FROM sys.columns AS c
JOIN sys.types AS ty ON ty.user_type_id = c.user_type_id
WHERE c.object_id = OBJECT_ID(@table)
ORDER BY c.column_id
GO
-- table facts
DECLARE @edge nvarchar(300);
IF OBJECT_ID(N'sys.edge_constraint_clauses') IS NOT NULL
    EXEC sys.sp_executesql
        N'SELECT TOP (1) @edge = OBJECT_SCHEMA_NAME(ecc.object_id) + N''.'' + OBJECT_NAME(ecc.object_id) FROM sys.edge_constraint_clauses AS ecc WHERE ecc.from_object_id = OBJECT_ID(@table) OR ecc.to_object_id = OBJECT_ID(@table)',
        N'@table nvarchar(776), @edge nvarchar(300) OUTPUT', @table = @table, @edge = @edge OUTPUT;
SELECT CAST(CASE WHEN t.temporal_type = 2 THEN 1 ELSE 0 END AS bit),
       CAST(CASE WHEN ds.type = 'PS' THEN 1 ELSE 0 END AS bit),
       (SELECT TOP (1) OBJECT_SCHEMA_NAME(d.referencing_id) + N'.' + OBJECT_NAME(d.referencing_id)
        FROM sys.sql_expression_dependencies AS d
        JOIN sys.views AS v ON v.object_id = d.referencing_id
        JOIN sys.indexes AS vi ON vi.object_id = v.object_id AND vi.index_id = 1
        WHERE d.referenced_id = t.object_id AND d.is_schema_bound_reference = 1),
       t.is_tracked_by_cdc,
       CAST(CASE WHEN t.is_replicated = 1 OR t.is_merge_published = 1 THEN 1 ELSE 0 END AS bit),
       t.is_memory_optimized,
       @edge
FROM sys.tables AS t
LEFT JOIN sys.indexes AS i ON i.object_id = t.object_id AND i.index_id IN (0, 1)
LEFT JOIN sys.data_spaces AS ds ON ds.data_space_id = i.data_space_id
WHERE t.object_id = OBJECT_ID(@table)
GO
-- key columns
SELECT CAST(i.is_primary_key AS bit), CAST(CASE WHEN i.type = 1 THEN 1 ELSE 0 END AS bit), c.name
FROM sys.indexes AS i
JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id AND ic.key_ordinal > 0
JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
WHERE i.object_id = OBJECT_ID(@table) AND (i.is_primary_key = 1 OR i.type = 1)
ORDER BY i.index_id, ic.key_ordinal
GO
-- foreign keys
SELECT fk.name, SCHEMA_NAME(cp.schema_id), cp.name, pc.name, SCHEMA_NAME(rp.schema_id), rp.name, rc.name,
       fk.delete_referential_action_desc, fk.update_referential_action_desc, fk.is_disabled, fk.is_not_trusted
FROM sys.foreign_keys AS fk
JOIN sys.foreign_key_columns AS fkc ON fkc.constraint_object_id = fk.object_id
JOIN sys.tables AS cp ON cp.object_id = fk.parent_object_id
JOIN sys.columns AS pc ON pc.object_id = fkc.parent_object_id AND pc.column_id = fkc.parent_column_id
JOIN sys.tables AS rp ON rp.object_id = fk.referenced_object_id
JOIN sys.columns AS rc ON rc.object_id = fkc.referenced_object_id AND rc.column_id = fkc.referenced_column_id
WHERE fk.parent_object_id = OBJECT_ID(@table) OR fk.referenced_object_id = OBJECT_ID(@table)
ORDER BY fk.name, fkc.constraint_column_id
GO
-- get applock
DECLARE @result int;
EXEC @result = sys.sp_getapplock @Resource = @resource, @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = @timeout;
SELECT @result;
GO
-- applock holder
SELECT TOP (1) COALESCE(s.program_name, N'a session'), s.session_id
FROM sys.dm_tran_locks AS l JOIN sys.dm_exec_sessions AS s ON s.session_id = l.request_session_id
WHERE l.resource_type = N'APPLICATION' AND l.resource_database_id = DB_ID() AND l.request_status = N'GRANT'
  AND l.resource_description LIKE N'%' + LEFT(@resource, 32) + N'%' AND l.request_session_id <> @@SPID
GO
-- applock free
SELECT APPLOCK_TEST(N'public', @resource, N'Exclusive', N'Session')
GO
-- can write
SELECT CAST(CASE WHEN HAS_PERMS_BY_NAME(@table, N'OBJECT', N'INSERT') = 1 OR HAS_PERMS_BY_NAME(@table, N'OBJECT', N'DELETE') = 1 OR HAS_PERMS_BY_NAME(@table, N'OBJECT', N'UPDATE') = 1 THEN 1 ELSE 0 END AS bit)
GO
-- default schema
SELECT CAST(SCHEMA_NAME() AS nvarchar(128))
GO
-- login
SELECT CAST(SUSER_SNAME() AS nvarchar(256))
GO
-- partition rows
SELECT SUM(p.rows) FROM sys.partitions AS p WHERE p.object_id = OBJECT_ID(@table) AND p.index_id IN (0, 1)
GO
-- partition rows of three tables
SELECT n.i, (SELECT SUM(p.rows) FROM sys.partitions AS p WHERE p.object_id = OBJECT_ID(n.name) AND p.index_id IN (0, 1)) FROM (VALUES (0, @t0), (1, @t1), (2, @t2)) AS n(i, name)
GO
-- sequence users
WITH used AS (
    SELECT d.referenced_id AS sequence_id, dc.parent_object_id AS table_id, dc.parent_column_id AS column_id
    FROM sys.default_constraints AS dc
    JOIN sys.sql_expression_dependencies AS d ON d.referencing_id = dc.object_id
    JOIN sys.sequences AS s ON s.object_id = d.referenced_id
)
SELECT DISTINCT SCHEMA_NAME(s.schema_id) AS sequence_schema, s.name AS sequence_name, SCHEMA_NAME(t.schema_id) AS table_schema, t.name AS table_name, c.name AS column_name
FROM used AS u
JOIN sys.sequences AS s ON s.object_id = u.sequence_id
JOIN sys.tables AS t ON t.object_id = u.table_id AND t.name NOT LIKE N'\_dr\_stage\_%' ESCAPE N'\'
JOIN sys.columns AS c ON c.object_id = u.table_id AND c.column_id = u.column_id
WHERE u.sequence_id IN (SELECT m.sequence_id FROM used AS m WHERE m.table_id = OBJECT_ID(@table))
  AND TYPE_NAME(c.system_type_id) IN (N'tinyint', N'smallint', N'int', N'bigint', N'decimal', N'numeric')
ORDER BY sequence_schema, sequence_name, table_schema, table_name, column_name
GO
-- history: run alive
SELECT CAST(CASE WHEN HAS_PERMS_BY_NAME(NULL, NULL, N'VIEW SERVER STATE') = 0 THEN 1
                 WHEN EXISTS (SELECT 1 FROM sys.dm_exec_sessions WHERE program_name LIKE @run AND session_id <> @@SPID) THEN 1
                 ELSE 0 END AS bit)
GO
-- merge: enabled triggers
SELECT name FROM sys.triggers WHERE parent_class = 1 AND parent_id = OBJECT_ID(@table) AND is_disabled = 0 AND is_ms_shipped = 0 ORDER BY name
GO
-- foreign key state
SELECT fk.is_disabled, fk.is_not_trusted
FROM sys.foreign_keys AS fk
WHERE fk.parent_object_id = OBJECT_ID(@table) AND fk.name = @name
GO
-- indexes to disable
SELECT i.name FROM sys.indexes AS i
WHERE i.object_id = OBJECT_ID(@table) AND i.type = 2 AND i.is_disabled = 0 AND i.is_hypothetical = 0
  AND i.is_primary_key = 0 AND i.is_unique_constraint = 0
  AND NOT EXISTS (SELECT 1 FROM sys.foreign_keys AS fk WHERE fk.referenced_object_id = i.object_id AND fk.key_index_id = i.index_id)
  AND HAS_PERMS_BY_NAME(@table, 'OBJECT', 'ALTER') = 1
ORDER BY i.index_id
GO
-- merge: instead of triggers
SELECT tr.name, te.type_desc
FROM sys.triggers AS tr JOIN sys.trigger_events AS te ON te.object_id = tr.object_id
WHERE tr.parent_class = 1 AND tr.parent_id = OBJECT_ID(@table) AND tr.is_instead_of_trigger = 1 AND tr.is_disabled = 0
ORDER BY tr.name, te.type_desc
GO
-- merge: drop staging
DROP TABLE [#datarefresh_merge_0123456789ab]
GO
-- history: index exists
SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(QUOTENAME(@schema) + N'.' + QUOTENAME(@table)) AND name = @index
GO
-- compare: estimate
SELECT CAST(SUM(p.rows) AS bigint) FROM sys.partitions AS p WHERE p.object_id = OBJECT_ID(@t) AND p.index_id IN (0, 1)
GO
-- compare: representative table: bounds
SELECT s.k0, s.k1 FROM (SELECT [region] AS k0, [id] AS k1, ROW_NUMBER() OVER (ORDER BY [region] COLLATE Latin1_General_BIN2, [id]) AS rn FROM [sales].[Order Facts]) AS s WHERE s.rn % 1000 = 0 ORDER BY s.rn
GO
-- compare: representative table: bounds in a range
SELECT s.k0, s.k1 FROM (SELECT [region] AS k0, [id] AS k1, ROW_NUMBER() OVER (ORDER BY [region] COLLATE Latin1_General_BIN2, [id]) AS rn FROM [sales].[Order Facts] WHERE ([region] COLLATE Latin1_General_BIN2 > @p0 OR ([region] COLLATE Latin1_General_BIN2 = @p0 AND ([id] >= @p1))) AND ([region] COLLATE Latin1_General_BIN2 < @p2 OR ([region] COLLATE Latin1_General_BIN2 = @p2 AND ([id] < @p3)))) AS s WHERE s.rn % 16 = 0 ORDER BY s.rn
GO
-- compare: representative table: sums, whole table
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT 0 AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([region] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([region] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [id]) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [id]) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [c_bigint]) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [c_bigint]) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [c_decimal]) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [c_decimal]) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([c_nvarchar] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([c_nvarchar] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([c_varchar_max] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([c_varchar_max] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [c_datetime2], 121) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [c_datetime2], 121) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [c_dto], 121) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [c_dto], 121) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST(CONVERT(varchar(max), [c_float], 3) AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST(CONVERT(varchar(max), [c_float], 3) AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST(CONVERT(varchar(max), [c_varbinary], 2) AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST(CONVERT(varchar(max), [c_varbinary], 2) AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(LOWER(CONVERT(nvarchar(max), [c_guid])) COLLATE Latin1_General_BIN2)) + N':' + LOWER(CONVERT(nvarchar(max), [c_guid])) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [c_bit]) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [c_bit]) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [c_date], 121) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [c_date], 121) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [c_time], 121) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [c_time], 121) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [sales].[Order Facts]) AS r GROUP BY r.seg
GO
-- compare: representative table: sums per segment
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT CASE WHEN ([region] COLLATE Latin1_General_BIN2 < @p2 OR ([region] COLLATE Latin1_General_BIN2 = @p2 AND ([id] < @p3))) THEN 0 WHEN ([region] COLLATE Latin1_General_BIN2 < @p4 OR ([region] COLLATE Latin1_General_BIN2 = @p4 AND ([id] < @p5))) THEN 1 ELSE 2 END AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([region] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([region] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [id]) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [id]) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [c_bigint]) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [c_bigint]) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [c_decimal]) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [c_decimal]) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([c_nvarchar] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([c_nvarchar] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([c_varchar_max] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([c_varchar_max] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [c_datetime2], 121) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [c_datetime2], 121) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [c_dto], 121) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [c_dto], 121) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST(CONVERT(varchar(max), [c_float], 3) AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST(CONVERT(varchar(max), [c_float], 3) AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST(CONVERT(varchar(max), [c_varbinary], 2) AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST(CONVERT(varchar(max), [c_varbinary], 2) AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(LOWER(CONVERT(nvarchar(max), [c_guid])) COLLATE Latin1_General_BIN2)) + N':' + LOWER(CONVERT(nvarchar(max), [c_guid])) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [c_bit]) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [c_bit]) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [c_date], 121) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [c_date], 121) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [c_time], 121) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [c_time], 121) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [sales].[Order Facts] WHERE ([region] COLLATE Latin1_General_BIN2 > @p0 OR ([region] COLLATE Latin1_General_BIN2 = @p0 AND ([id] >= @p1)))) AS r GROUP BY r.seg
GO
-- compare: representative table: row hashes
SELECT [region], [id], CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([region] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([region] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [id]) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [id]) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [c_bigint]) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [c_bigint]) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [c_decimal]) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [c_decimal]) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([c_nvarchar] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([c_nvarchar] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([c_varchar_max] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([c_varchar_max] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [c_datetime2], 121) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [c_datetime2], 121) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [c_dto], 121) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [c_dto], 121) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST(CONVERT(varchar(max), [c_float], 3) AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST(CONVERT(varchar(max), [c_float], 3) AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST(CONVERT(varchar(max), [c_varbinary], 2) AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST(CONVERT(varchar(max), [c_varbinary], 2) AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(LOWER(CONVERT(nvarchar(max), [c_guid])) COLLATE Latin1_General_BIN2)) + N':' + LOWER(CONVERT(nvarchar(max), [c_guid])) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [c_bit]) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [c_bit]) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [c_date], 121) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [c_date], 121) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [c_time], 121) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [c_time], 121) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) FROM [sales].[Order Facts] WHERE ([region] COLLATE Latin1_General_BIN2 > @p0 OR ([region] COLLATE Latin1_General_BIN2 = @p0 AND ([id] >= @p1))) AND ([region] COLLATE Latin1_General_BIN2 < @p2 OR ([region] COLLATE Latin1_General_BIN2 = @p2 AND ([id] < @p3))) ORDER BY [region] COLLATE Latin1_General_BIN2, [id]
GO
-- compare: representative table: canonical values
SELECT [region], [id], CAST([region] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CONVERT(nvarchar(max), [id]) COLLATE Latin1_General_BIN2, CONVERT(nvarchar(max), [c_bigint]) COLLATE Latin1_General_BIN2, CONVERT(nvarchar(max), [c_decimal]) COLLATE Latin1_General_BIN2, CAST([c_nvarchar] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CAST([c_varchar_max] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CONVERT(nvarchar(max), [c_datetime2], 121) COLLATE Latin1_General_BIN2, CONVERT(nvarchar(max), [c_dto], 121) COLLATE Latin1_General_BIN2, CAST(CONVERT(varchar(max), [c_float], 3) AS nvarchar(max)) COLLATE Latin1_General_BIN2, CAST(CONVERT(varchar(max), [c_varbinary], 2) AS nvarchar(max)) COLLATE Latin1_General_BIN2, LOWER(CONVERT(nvarchar(max), [c_guid])) COLLATE Latin1_General_BIN2, CONVERT(nvarchar(max), [c_bit]) COLLATE Latin1_General_BIN2, CONVERT(nvarchar(max), [c_date], 121) COLLATE Latin1_General_BIN2, CONVERT(nvarchar(max), [c_time], 121) COLLATE Latin1_General_BIN2 FROM [sales].[Order Facts] WHERE ([region] COLLATE Latin1_General_BIN2 = @p0 AND [id] = @p1) OR ([region] COLLATE Latin1_General_BIN2 = @p2 AND [id] = @p3)
GO
-- compare: representative table count
SELECT COUNT_BIG(*) FROM [sales].[Order Facts]
GO
-- clustered primary key: compare: bounds
SELECT s.k0 FROM (SELECT [UserId] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([UserId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [dbo].[Users]) AS s WHERE s.rn % 1000 = 0 ORDER BY s.rn
GO
-- clustered primary key: compare: bounds in a range
SELECT s.k0 FROM (SELECT [UserId] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([UserId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [dbo].[Users] WHERE CAST([UserId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([UserId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1) AS s WHERE s.rn % 16 = 0 ORDER BY s.rn
GO
-- clustered primary key: compare: sums, whole table
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT 0 AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([UserId] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([UserId] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Name] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Name] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Email] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Email] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [dbo].[Users]) AS r GROUP BY r.seg
GO
-- clustered primary key: compare: sums per segment
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT CASE WHEN CAST([UserId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 THEN 0 ELSE 1 END AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([UserId] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([UserId] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Name] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Name] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Email] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Email] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [dbo].[Users] WHERE CAST([UserId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0) AS r GROUP BY r.seg
GO
-- clustered primary key: compare: row hashes
SELECT [UserId], CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([UserId] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([UserId] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Name] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Name] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Email] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Email] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) FROM [dbo].[Users] WHERE CAST([UserId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([UserId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 ORDER BY CAST([UserId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2
GO
-- clustered primary key: compare: canonical values
SELECT [UserId], CAST([UserId] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CAST([Name] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CAST([Email] AS nvarchar(max)) COLLATE Latin1_General_BIN2 FROM [dbo].[Users] WHERE (CAST([UserId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 = @p0)
GO
-- identity: compare: bounds
SELECT s.k0 FROM (SELECT [order_id] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([order_id] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [sales].[Orders]) AS s WHERE s.rn % 1000 = 0 ORDER BY s.rn
GO
-- identity: compare: bounds in a range
SELECT s.k0 FROM (SELECT [order_id] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([order_id] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [sales].[Orders] WHERE CAST([order_id] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([order_id] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1) AS s WHERE s.rn % 16 = 0 ORDER BY s.rn
GO
-- identity: compare: sums, whole table
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT 0 AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([order_id] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([order_id] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([amount] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([amount] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([placed_at] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([placed_at] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [sales].[Orders]) AS r GROUP BY r.seg
GO
-- identity: compare: sums per segment
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT CASE WHEN CAST([order_id] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 THEN 0 ELSE 1 END AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([order_id] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([order_id] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([amount] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([amount] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([placed_at] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([placed_at] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [sales].[Orders] WHERE CAST([order_id] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0) AS r GROUP BY r.seg
GO
-- identity: compare: row hashes
SELECT [order_id], CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([order_id] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([order_id] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([amount] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([amount] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([placed_at] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([placed_at] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) FROM [sales].[Orders] WHERE CAST([order_id] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([order_id] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 ORDER BY CAST([order_id] AS nvarchar(4000)) COLLATE Latin1_General_BIN2
GO
-- identity: compare: canonical values
SELECT [order_id], CAST([order_id] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CAST([amount] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CAST([placed_at] AS nvarchar(max)) COLLATE Latin1_General_BIN2 FROM [sales].[Orders] WHERE (CAST([order_id] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 = @p0)
GO
-- computed and rowversion: compare: bounds
SELECT s.k0 FROM (SELECT [InvoiceId] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([InvoiceId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [dbo].[Invoices]) AS s WHERE s.rn % 1000 = 0 ORDER BY s.rn
GO
-- computed and rowversion: compare: bounds in a range
SELECT s.k0 FROM (SELECT [InvoiceId] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([InvoiceId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [dbo].[Invoices] WHERE CAST([InvoiceId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([InvoiceId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1) AS s WHERE s.rn % 16 = 0 ORDER BY s.rn
GO
-- computed and rowversion: compare: sums, whole table
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT 0 AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([InvoiceId] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([InvoiceId] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Net] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Net] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Tax] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Tax] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [dbo].[Invoices]) AS r GROUP BY r.seg
GO
-- computed and rowversion: compare: sums per segment
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT CASE WHEN CAST([InvoiceId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 THEN 0 ELSE 1 END AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([InvoiceId] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([InvoiceId] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Net] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Net] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Tax] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Tax] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [dbo].[Invoices] WHERE CAST([InvoiceId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0) AS r GROUP BY r.seg
GO
-- computed and rowversion: compare: row hashes
SELECT [InvoiceId], CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([InvoiceId] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([InvoiceId] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Net] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Net] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Tax] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Tax] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) FROM [dbo].[Invoices] WHERE CAST([InvoiceId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([InvoiceId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 ORDER BY CAST([InvoiceId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2
GO
-- computed and rowversion: compare: canonical values
SELECT [InvoiceId], CAST([InvoiceId] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CAST([Net] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CAST([Tax] AS nvarchar(max)) COLLATE Latin1_General_BIN2 FROM [dbo].[Invoices] WHERE (CAST([InvoiceId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 = @p0)
GO
-- temporal: compare: bounds
SELECT s.k0 FROM (SELECT [EmployeeId] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([EmployeeId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [hr].[Employees]) AS s WHERE s.rn % 1000 = 0 ORDER BY s.rn
GO
-- temporal: compare: bounds in a range
SELECT s.k0 FROM (SELECT [EmployeeId] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([EmployeeId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [hr].[Employees] WHERE CAST([EmployeeId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([EmployeeId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1) AS s WHERE s.rn % 16 = 0 ORDER BY s.rn
GO
-- temporal: compare: sums, whole table
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT 0 AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([EmployeeId] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([EmployeeId] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Salary] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Salary] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [hr].[Employees]) AS r GROUP BY r.seg
GO
-- temporal: compare: sums per segment
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT CASE WHEN CAST([EmployeeId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 THEN 0 ELSE 1 END AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([EmployeeId] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([EmployeeId] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Salary] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Salary] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [hr].[Employees] WHERE CAST([EmployeeId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0) AS r GROUP BY r.seg
GO
-- temporal: compare: row hashes
SELECT [EmployeeId], CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([EmployeeId] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([EmployeeId] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Salary] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Salary] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) FROM [hr].[Employees] WHERE CAST([EmployeeId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([EmployeeId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 ORDER BY CAST([EmployeeId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2
GO
-- temporal: compare: canonical values
SELECT [EmployeeId], CAST([EmployeeId] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CAST([Salary] AS nvarchar(max)) COLLATE Latin1_General_BIN2 FROM [hr].[Employees] WHERE (CAST([EmployeeId] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 = @p0)
GO
-- partitioned: compare: bounds
SELECT s.k0, s.k1 FROM (SELECT [report_date] AS k0, [region] AS k1, ROW_NUMBER() OVER (ORDER BY CAST([report_date] AS nvarchar(4000)) COLLATE Latin1_General_BIN2, [region]) AS rn FROM [rpt].[DailyReports]) AS s WHERE s.rn % 1000 = 0 ORDER BY s.rn
GO
-- partitioned: compare: bounds in a range
SELECT s.k0, s.k1 FROM (SELECT [report_date] AS k0, [region] AS k1, ROW_NUMBER() OVER (ORDER BY CAST([report_date] AS nvarchar(4000)) COLLATE Latin1_General_BIN2, [region]) AS rn FROM [rpt].[DailyReports] WHERE (CAST([report_date] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 > @p0 OR (CAST([report_date] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 = @p0 AND ([region] >= @p1))) AND (CAST([report_date] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p2 OR (CAST([report_date] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 = @p2 AND ([region] < @p3)))) AS s WHERE s.rn % 16 = 0 ORDER BY s.rn
GO
-- partitioned: compare: sums, whole table
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT 0 AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([report_date] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([report_date] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [region]) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [region]) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([revenue] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([revenue] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [rpt].[DailyReports]) AS r GROUP BY r.seg
GO
-- partitioned: compare: sums per segment
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT CASE WHEN (CAST([report_date] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p2 OR (CAST([report_date] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 = @p2 AND ([region] < @p3))) THEN 0 ELSE 1 END AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([report_date] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([report_date] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [region]) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [region]) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([revenue] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([revenue] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [rpt].[DailyReports] WHERE (CAST([report_date] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 > @p0 OR (CAST([report_date] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 = @p0 AND ([region] >= @p1)))) AS r GROUP BY r.seg
GO
-- partitioned: compare: row hashes
SELECT [report_date], [region], CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([report_date] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([report_date] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [region]) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [region]) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([revenue] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([revenue] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) FROM [rpt].[DailyReports] WHERE (CAST([report_date] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 > @p0 OR (CAST([report_date] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 = @p0 AND ([region] >= @p1))) AND (CAST([report_date] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p2 OR (CAST([report_date] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 = @p2 AND ([region] < @p3))) ORDER BY CAST([report_date] AS nvarchar(4000)) COLLATE Latin1_General_BIN2, [region]
GO
-- partitioned: compare: canonical values
SELECT [report_date], [region], CAST([report_date] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CONVERT(nvarchar(max), [region]) COLLATE Latin1_General_BIN2, CAST([revenue] AS nvarchar(max)) COLLATE Latin1_General_BIN2 FROM [rpt].[DailyReports] WHERE (CAST([report_date] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 = @p0 AND [region] = @p1)
GO
-- close bracket: compare: bounds
SELECT s.k0 FROM (SELECT [col]]umn] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([col]]umn] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [dbo].[Weird]]Name]) AS s WHERE s.rn % 1000 = 0 ORDER BY s.rn
GO
-- close bracket: compare: bounds in a range
SELECT s.k0 FROM (SELECT [col]]umn] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([col]]umn] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [dbo].[Weird]]Name] WHERE CAST([col]]umn] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([col]]umn] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1) AS s WHERE s.rn % 16 = 0 ORDER BY s.rn
GO
-- close bracket: compare: sums, whole table
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT 0 AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([col]]umn] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([col]]umn] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([x] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([x] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [dbo].[Weird]]Name]) AS r GROUP BY r.seg
GO
-- close bracket: compare: sums per segment
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT CASE WHEN CAST([col]]umn] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 THEN 0 ELSE 1 END AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([col]]umn] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([col]]umn] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([x] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([x] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [dbo].[Weird]]Name] WHERE CAST([col]]umn] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0) AS r GROUP BY r.seg
GO
-- close bracket: compare: row hashes
SELECT [col]]umn], CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([col]]umn] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([col]]umn] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([x] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([x] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) FROM [dbo].[Weird]]Name] WHERE CAST([col]]umn] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([col]]umn] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 ORDER BY CAST([col]]umn] AS nvarchar(4000)) COLLATE Latin1_General_BIN2
GO
-- close bracket: compare: canonical values
SELECT [col]]umn], CAST([col]]umn] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CAST([x] AS nvarchar(max)) COLLATE Latin1_General_BIN2 FROM [dbo].[Weird]]Name] WHERE (CAST([col]]umn] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 = @p0)
GO
-- open bracket: compare: bounds
SELECT s.k0 FROM (SELECT [[a] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([[a] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [dbo].[[Bracketed]) AS s WHERE s.rn % 1000 = 0 ORDER BY s.rn
GO
-- open bracket: compare: bounds in a range
SELECT s.k0 FROM (SELECT [[a] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([[a] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [dbo].[[Bracketed] WHERE CAST([[a] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([[a] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1) AS s WHERE s.rn % 16 = 0 ORDER BY s.rn
GO
-- open bracket: compare: sums, whole table
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT 0 AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([[a] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([[a] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([b[] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([b[] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [dbo].[[Bracketed]) AS r GROUP BY r.seg
GO
-- open bracket: compare: sums per segment
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT CASE WHEN CAST([[a] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 THEN 0 ELSE 1 END AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([[a] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([[a] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([b[] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([b[] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [dbo].[[Bracketed] WHERE CAST([[a] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0) AS r GROUP BY r.seg
GO
-- open bracket: compare: row hashes
SELECT [[a], CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([[a] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([[a] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([b[] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([b[] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) FROM [dbo].[[Bracketed] WHERE CAST([[a] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([[a] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 ORDER BY CAST([[a] AS nvarchar(4000)) COLLATE Latin1_General_BIN2
GO
-- open bracket: compare: canonical values
SELECT [[a], CAST([[a] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CAST([b[] AS nvarchar(max)) COLLATE Latin1_General_BIN2 FROM [dbo].[[Bracketed] WHERE (CAST([[a] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 = @p0)
GO
-- quote: compare: bounds
SELECT s.k0 FROM (SELECT [id] AS k0, ROW_NUMBER() OVER (ORDER BY [id]) AS rn FROM [O'Brien].[It's]) AS s WHERE s.rn % 1000 = 0 ORDER BY s.rn
GO
-- quote: compare: bounds in a range
SELECT s.k0 FROM (SELECT [id] AS k0, ROW_NUMBER() OVER (ORDER BY [id]) AS rn FROM [O'Brien].[It's] WHERE [id] >= @p0 AND [id] < @p1) AS s WHERE s.rn % 16 = 0 ORDER BY s.rn
GO
-- quote: compare: sums, whole table
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT 0 AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Customer's Name] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Customer's Name] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [id]) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [id]) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [O'Brien].[It's]) AS r GROUP BY r.seg
GO
-- quote: compare: sums per segment
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT CASE WHEN [id] < @p1 THEN 0 ELSE 1 END AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Customer's Name] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Customer's Name] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [id]) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [id]) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [O'Brien].[It's] WHERE [id] >= @p0) AS r GROUP BY r.seg
GO
-- quote: compare: row hashes
SELECT [id], CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Customer's Name] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Customer's Name] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CONVERT(nvarchar(max), [id]) COLLATE Latin1_General_BIN2)) + N':' + CONVERT(nvarchar(max), [id]) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) FROM [O'Brien].[It's] WHERE [id] >= @p0 AND [id] < @p1 ORDER BY [id]
GO
-- quote: compare: canonical values
SELECT [id], CAST([Customer's Name] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CONVERT(nvarchar(max), [id]) COLLATE Latin1_General_BIN2 FROM [O'Brien].[It's] WHERE ([id] = @p0)
GO
-- semicolon: compare: bounds
SELECT s.k0 FROM (SELECT [c;d] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([c;d] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [dbo].[a;DROP TABLE x;--]) AS s WHERE s.rn % 1000 = 0 ORDER BY s.rn
GO
-- semicolon: compare: bounds in a range
SELECT s.k0 FROM (SELECT [c;d] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([c;d] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [dbo].[a;DROP TABLE x;--] WHERE CAST([c;d] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([c;d] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1) AS s WHERE s.rn % 16 = 0 ORDER BY s.rn
GO
-- semicolon: compare: sums, whole table
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT 0 AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([c;d] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([c;d] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([--e] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([--e] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [dbo].[a;DROP TABLE x;--]) AS r GROUP BY r.seg
GO
-- semicolon: compare: sums per segment
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT CASE WHEN CAST([c;d] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 THEN 0 ELSE 1 END AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([c;d] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([c;d] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([--e] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([--e] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [dbo].[a;DROP TABLE x;--] WHERE CAST([c;d] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0) AS r GROUP BY r.seg
GO
-- semicolon: compare: row hashes
SELECT [c;d], CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([c;d] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([c;d] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([--e] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([--e] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) FROM [dbo].[a;DROP TABLE x;--] WHERE CAST([c;d] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([c;d] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 ORDER BY CAST([c;d] AS nvarchar(4000)) COLLATE Latin1_General_BIN2
GO
-- semicolon: compare: canonical values
SELECT [c;d], CAST([c;d] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CAST([--e] AS nvarchar(max)) COLLATE Latin1_General_BIN2 FROM [dbo].[a;DROP TABLE x;--] WHERE (CAST([c;d] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 = @p0)
GO
-- spaces: compare: bounds
SELECT s.k0 FROM (SELECT [Line No] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([Line No] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [sales].[Order Lines]) AS s WHERE s.rn % 1000 = 0 ORDER BY s.rn
GO
-- spaces: compare: bounds in a range
SELECT s.k0 FROM (SELECT [Line No] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([Line No] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [sales].[Order Lines] WHERE CAST([Line No] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([Line No] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1) AS s WHERE s.rn % 16 = 0 ORDER BY s.rn
GO
-- spaces: compare: sums, whole table
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT 0 AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Line No] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Line No] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Unit Price] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Unit Price] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [sales].[Order Lines]) AS r GROUP BY r.seg
GO
-- spaces: compare: sums per segment
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT CASE WHEN CAST([Line No] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 THEN 0 ELSE 1 END AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Line No] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Line No] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Unit Price] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Unit Price] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [sales].[Order Lines] WHERE CAST([Line No] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0) AS r GROUP BY r.seg
GO
-- spaces: compare: row hashes
SELECT [Line No], CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Line No] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Line No] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Unit Price] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Unit Price] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) FROM [sales].[Order Lines] WHERE CAST([Line No] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([Line No] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 ORDER BY CAST([Line No] AS nvarchar(4000)) COLLATE Latin1_General_BIN2
GO
-- spaces: compare: canonical values
SELECT [Line No], CAST([Line No] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CAST([Unit Price] AS nvarchar(max)) COLLATE Latin1_General_BIN2 FROM [sales].[Order Lines] WHERE (CAST([Line No] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 = @p0)
GO
-- unicode: compare: bounds
SELECT s.k0 FROM (SELECT [名前] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([名前] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [données].[Überstunden 日本]) AS s WHERE s.rn % 1000 = 0 ORDER BY s.rn
GO
-- unicode: compare: bounds in a range
SELECT s.k0 FROM (SELECT [名前] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([名前] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [données].[Überstunden 日本] WHERE CAST([名前] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([名前] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1) AS s WHERE s.rn % 16 = 0 ORDER BY s.rn
GO
-- unicode: compare: sums, whole table
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT 0 AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([名前] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([名前] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([ñandú] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([ñandú] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([emoji😀] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([emoji😀] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [données].[Überstunden 日本]) AS r GROUP BY r.seg
GO
-- unicode: compare: sums per segment
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT CASE WHEN CAST([名前] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 THEN 0 ELSE 1 END AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([名前] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([名前] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([ñandú] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([ñandú] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([emoji😀] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([emoji😀] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [données].[Überstunden 日本] WHERE CAST([名前] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0) AS r GROUP BY r.seg
GO
-- unicode: compare: row hashes
SELECT [名前], CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([名前] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([名前] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([ñandú] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([ñandú] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([emoji😀] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([emoji😀] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) FROM [données].[Überstunden 日本] WHERE CAST([名前] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([名前] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 ORDER BY CAST([名前] AS nvarchar(4000)) COLLATE Latin1_General_BIN2
GO
-- unicode: compare: canonical values
SELECT [名前], CAST([名前] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CAST([ñandú] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CAST([emoji😀] AS nvarchar(max)) COLLATE Latin1_General_BIN2 FROM [données].[Überstunden 日本] WHERE (CAST([名前] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 = @p0)
GO
-- reserved words: compare: bounds
SELECT s.k0 FROM (SELECT [from] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([from] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [select].[table]) AS s WHERE s.rn % 1000 = 0 ORDER BY s.rn
GO
-- reserved words: compare: bounds in a range
SELECT s.k0 FROM (SELECT [from] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([from] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [select].[table] WHERE CAST([from] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([from] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1) AS s WHERE s.rn % 16 = 0 ORDER BY s.rn
GO
-- reserved words: compare: sums, whole table
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT 0 AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([from] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([from] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([where] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([where] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([order] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([order] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([group] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([group] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [select].[table]) AS r GROUP BY r.seg
GO
-- reserved words: compare: sums per segment
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT CASE WHEN CAST([from] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 THEN 0 ELSE 1 END AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([from] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([from] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([where] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([where] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([order] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([order] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([group] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([group] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [select].[table] WHERE CAST([from] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0) AS r GROUP BY r.seg
GO
-- reserved words: compare: row hashes
SELECT [from], CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([from] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([from] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([where] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([where] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([order] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([order] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([group] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([group] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) FROM [select].[table] WHERE CAST([from] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([from] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 ORDER BY CAST([from] AS nvarchar(4000)) COLLATE Latin1_General_BIN2
GO
-- reserved words: compare: canonical values
SELECT [from], CAST([from] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CAST([where] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CAST([order] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CAST([group] AS nvarchar(max)) COLLATE Latin1_General_BIN2 FROM [select].[table] WHERE (CAST([from] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 = @p0)
GO
-- 128 characters: compare: bounds
SELECT s.k0 FROM (SELECT [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]) AS s WHERE s.rn % 1000 = 0 ORDER BY s.rn
GO
-- 128 characters: compare: bounds in a range
SELECT s.k0 FROM (SELECT [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] WHERE CAST([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1) AS s WHERE s.rn % 16 = 0 ORDER BY s.rn
GO
-- 128 characters: compare: sums, whole table
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT 0 AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([id] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([id] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]) AS r GROUP BY r.seg
GO
-- 128 characters: compare: sums per segment
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT CASE WHEN CAST([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 THEN 0 ELSE 1 END AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([id] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([id] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] WHERE CAST([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0) AS r GROUP BY r.seg
GO
-- 128 characters: compare: row hashes
SELECT [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ], CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([id] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([id] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] WHERE CAST([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 ORDER BY CAST([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS nvarchar(4000)) COLLATE Latin1_General_BIN2
GO
-- 128 characters: compare: canonical values
SELECT [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ], CAST([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CAST([id] AS nvarchar(max)) COLLATE Latin1_General_BIN2 FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] WHERE (CAST([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 = @p0)
GO
-- next value for default: compare: bounds
SELECT s.k0 FROM (SELECT [InvoiceNo] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([InvoiceNo] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [billing].[Invoices]) AS s WHERE s.rn % 1000 = 0 ORDER BY s.rn
GO
-- next value for default: compare: bounds in a range
SELECT s.k0 FROM (SELECT [InvoiceNo] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([InvoiceNo] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [billing].[Invoices] WHERE CAST([InvoiceNo] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([InvoiceNo] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1) AS s WHERE s.rn % 16 = 0 ORDER BY s.rn
GO
-- next value for default: compare: sums, whole table
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT 0 AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([InvoiceNo] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([InvoiceNo] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Amount] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Amount] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [billing].[Invoices]) AS r GROUP BY r.seg
GO
-- next value for default: compare: sums per segment
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT CASE WHEN CAST([InvoiceNo] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 THEN 0 ELSE 1 END AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([InvoiceNo] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([InvoiceNo] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Amount] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Amount] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [billing].[Invoices] WHERE CAST([InvoiceNo] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0) AS r GROUP BY r.seg
GO
-- next value for default: compare: row hashes
SELECT [InvoiceNo], CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([InvoiceNo] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([InvoiceNo] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Amount] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Amount] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) FROM [billing].[Invoices] WHERE CAST([InvoiceNo] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([InvoiceNo] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 ORDER BY CAST([InvoiceNo] AS nvarchar(4000)) COLLATE Latin1_General_BIN2
GO
-- next value for default: compare: canonical values
SELECT [InvoiceNo], CAST([InvoiceNo] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CAST([Amount] AS nvarchar(max)) COLLATE Latin1_General_BIN2 FROM [billing].[Invoices] WHERE (CAST([InvoiceNo] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 = @p0)
GO
-- shared sequence: compare: bounds
SELECT s.k0 FROM (SELECT [DocumentNo] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([DocumentNo] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [dbo].[Documents]) AS s WHERE s.rn % 1000 = 0 ORDER BY s.rn
GO
-- shared sequence: compare: bounds in a range
SELECT s.k0 FROM (SELECT [DocumentNo] AS k0, ROW_NUMBER() OVER (ORDER BY CAST([DocumentNo] AS nvarchar(4000)) COLLATE Latin1_General_BIN2) AS rn FROM [dbo].[Documents] WHERE CAST([DocumentNo] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([DocumentNo] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1) AS s WHERE s.rn % 16 = 0 ORDER BY s.rn
GO
-- shared sequence: compare: sums, whole table
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT 0 AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([DocumentNo] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([DocumentNo] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Title] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Title] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [dbo].[Documents]) AS r GROUP BY r.seg
GO
-- shared sequence: compare: sums per segment
SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT CASE WHEN CAST([DocumentNo] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 THEN 0 ELSE 1 END AS seg, CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([DocumentNo] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([DocumentNo] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Title] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Title] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) AS h FROM [dbo].[Documents] WHERE CAST([DocumentNo] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0) AS r GROUP BY r.seg
GO
-- shared sequence: compare: row hashes
SELECT [DocumentNo], CAST(SUBSTRING(HASHBYTES('SHA2_256', ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([DocumentNo] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([DocumentNo] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N') + N',' + ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH(CAST([Title] AS nvarchar(max)) COLLATE Latin1_General_BIN2)) + N':' + CAST([Title] AS nvarchar(max)) COLLATE Latin1_General_BIN2, N'N')), 1, 8) AS bigint) FROM [dbo].[Documents] WHERE CAST([DocumentNo] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 >= @p0 AND CAST([DocumentNo] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 < @p1 ORDER BY CAST([DocumentNo] AS nvarchar(4000)) COLLATE Latin1_General_BIN2
GO
-- shared sequence: compare: canonical values
SELECT [DocumentNo], CAST([DocumentNo] AS nvarchar(max)) COLLATE Latin1_General_BIN2, CAST([Title] AS nvarchar(max)) COLLATE Latin1_General_BIN2 FROM [dbo].[Documents] WHERE (CAST([DocumentNo] AS nvarchar(4000)) COLLATE Latin1_General_BIN2 = @p0)
GO
-- heap: max
SELECT MAX([EventId]) FROM [dbo].[Events]
GO
-- heap: has rows
SELECT CAST(CASE WHEN EXISTS (SELECT 1 FROM [dbo].[Events]) THEN 1 ELSE 0 END AS bit)
GO
-- heap: count
SELECT COUNT_BIG(*) FROM [dbo].[Events]
GO
-- heap: count filtered
SELECT COUNT_BIG(*) FROM [dbo].[Events] WHERE [EventId] > @bound
GO
-- heap: select all
SELECT [EventId], [Payload] FROM [dbo].[Events]
GO
-- heap: select clustered order
SELECT [EventId], [Payload] FROM [dbo].[Events]
GO
-- heap: select incremental
SELECT [EventId], [Payload] FROM [dbo].[Events] WHERE [EventId] > @bound
GO
-- heap: select window capped
SELECT TOP (100) [EventId], [Payload] FROM [dbo].[Events] WHERE [EventId] >= @bound ORDER BY [EventId]
GO
-- heap: select in the target's collations
SELECT CAST([EventId] AS nvarchar(50)) COLLATE Latin1_General_100_CI_AS_SC_UTF8 AS [EventId], [Payload] COLLATE French_CI_AS AS [Payload] FROM [dbo].[Events] WHERE [EventId] > @bound
GO
-- heap: select max column through nvarchar(max)
SELECT TOP (10) CAST([EventId] AS nvarchar(max)) COLLATE Greek_CI_AS AS [EventId], [Payload] FROM [dbo].[Events] ORDER BY [EventId]
GO
-- heap: preview first page
SELECT TOP (@limit) [EventId], [Payload] FROM [dbo].[Events]
GO
-- heap: preview next page
SELECT TOP (@limit) [EventId], [Payload] FROM [dbo].[Events]
GO
-- heap: truncate
TRUNCATE TABLE [dbo].[Events]
GO
-- heap: disable index
ALTER INDEX [ix EventId] ON [dbo].[Events] DISABLE
GO
-- heap: rebuild index
ALTER INDEX [ix EventId] ON [dbo].[Events] REBUILD
GO
-- heap: count locked
SELECT COUNT_BIG(*) FROM [dbo].[Events] WITH (TABLOCKX, HOLDLOCK)
GO
-- heap: delete all
DELETE FROM [dbo].[Events]
GO
-- heap: delete window
DELETE FROM [dbo].[Events] WHERE [EventId] >= @bound
GO
-- heap: truncate keeping identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @next numeric(38,0) = CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END;
TRUNCATE TABLE [dbo].[Events];
IF @next <> IDENT_SEED(@table)
BEGIN
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[dbo].[Events]'', RESEED, ' + CONVERT(nvarchar(40), @next) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
END;
GO
-- heap: advance identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @edge numeric(38,0), @next numeric(38,0);
SELECT @edge = CONVERT(numeric(38,0), CASE WHEN @increment > 0 THEN MAX([EventId]) ELSE MIN([EventId]) END) FROM [dbo].[Events];
SET @next = @edge + @increment;
IF SIGN(@increment) * (@next - CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END) > 0
BEGIN
    SET @edge = CASE WHEN @fresh = 1 THEN @next ELSE @edge END;
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[dbo].[Events]'', RESEED, ' + CONVERT(nvarchar(40), @edge) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- heap: advance sequence
DECLARE @increment numeric(38,0), @current numeric(38,0), @minimum numeric(38,0), @maximum numeric(38,0), @next numeric(38,0);
SELECT @increment = CONVERT(numeric(38,0), s.increment), @current = CONVERT(numeric(38,0), s.current_value),
       @minimum = CONVERT(numeric(38,0), s.minimum_value), @maximum = CONVERT(numeric(38,0), s.maximum_value)
FROM sys.sequences AS s WHERE s.object_id = OBJECT_ID(@sequence);
SELECT @next = CASE WHEN @increment > 0 THEN MAX(u.hi) ELSE MIN(u.lo) END + @increment
FROM (SELECT CONVERT(numeric(38,0), CEILING(MAX([EventId]))) AS hi, CONVERT(numeric(38,0), FLOOR(MIN([EventId]))) AS lo FROM [dbo].[Events]) AS u;
SET @next = CASE WHEN @next > @maximum THEN @maximum WHEN @next < @minimum THEN @minimum ELSE @next END;
IF SIGN(@increment) * (@next - @current) > 0
BEGIN
    DECLARE @restart nvarchar(max) = N'ALTER SEQUENCE [dbo].[Events seq] RESTART WITH ' + CONVERT(nvarchar(40), @next);
    EXEC sys.sp_executesql @restart;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- heap: reseed, as sp_executesql runs it
DBCC CHECKIDENT (N'[dbo].[Events]', RESEED, -9223372036854775808) WITH NO_INFOMSGS
GO
-- heap: restart sequence, as sp_executesql runs it
ALTER SEQUENCE [dbo].[Events seq] RESTART WITH 12345678901234567890123456789012345678
GO
-- heap: nocheck
ALTER TABLE [dbo].[Events] NOCHECK CONSTRAINT [FK_Events_EventId]
GO
-- heap: recheck
ALTER TABLE [dbo].[Events] WITH CHECK CHECK CONSTRAINT [FK_Events_EventId]
GO
-- heap: re-enable untrusted
ALTER TABLE [dbo].[Events] WITH NOCHECK CHECK CONSTRAINT [FK_Events_EventId]
GO
-- heap: merge staging
SELECT TOP (0) [EventId], [Payload] INTO [#datarefresh_merge_0123456789ab] FROM [dbo].[Events]
GO
-- heap: merge blocking rows
SELECT COUNT_BIG(*) FROM [dbo].[Events] AS c WHERE EXISTS (SELECT 1 FROM [dbo].[Events] AS t WHERE c.[EventId] = t.[EventId] AND NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[EventId] = s.[EventId]))
GO
-- heap: merge delete
DELETE t FROM [dbo].[Events] AS t WHERE NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[EventId] = s.[EventId]); SELECT ROWCOUNT_BIG();
GO
-- heap: merge update
UPDATE t SET t.[Payload] = s.[Payload] FROM [dbo].[Events] AS t INNER JOIN [#datarefresh_merge_0123456789ab] AS s ON t.[EventId] = s.[EventId] WHERE EXISTS (SELECT t.[Payload], DATEPART(tzoffset, t.[Payload]) EXCEPT SELECT s.[Payload], DATEPART(tzoffset, s.[Payload])); SELECT ROWCOUNT_BIG();
GO
-- heap: merge insert
INSERT INTO [dbo].[Events] ([EventId], [Payload]) SELECT s.[EventId], s.[Payload] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [dbo].[Events] AS t WHERE t.[EventId] = s.[EventId]); SELECT ROWCOUNT_BIG();
GO
-- heap: merge insert keeping identity
DECLARE @rows bigint;
SET IDENTITY_INSERT [dbo].[Events] ON;
BEGIN TRY
    INSERT INTO [dbo].[Events] ([EventId], [Payload]) SELECT s.[EventId], s.[Payload] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [dbo].[Events] AS t WHERE t.[EventId] = s.[EventId]);
    SET @rows = ROWCOUNT_BIG();
END TRY
BEGIN CATCH
    SET IDENTITY_INSERT [dbo].[Events] OFF;
    THROW;
END CATCH;
SET IDENTITY_INSERT [dbo].[Events] OFF;
SELECT @rows;
GO
-- heap: disable trigger
DISABLE TRIGGER [dbo].[trg_heap] ON [dbo].[Events]
GO
-- heap: enable trigger
ENABLE TRIGGER [dbo].[trg_heap] ON [dbo].[Events]
GO
-- heap: history create
CREATE TABLE [dbo].[Events] (
    entry_id nvarchar(400) NOT NULL PRIMARY KEY,
    run_id nvarchar(400) NOT NULL,
    table_name nvarchar(400) NOT NULL,
    attempt integer NOT NULL,
    sync_mode nvarchar(400) NOT NULL,
    action nvarchar(400) NOT NULL,
    status nvarchar(400) NOT NULL,
    started_at datetime2(7) NOT NULL,
    ended_at datetime2(7) NULL,
    rows_copied bigint NOT NULL,
    rows_deleted bigint NOT NULL,
    watermark_before nvarchar(max) NULL,
    watermark_after nvarchar(max) NULL,
    error nvarchar(max) NULL,
    os_user nvarchar(400) NOT NULL,
    db_login nvarchar(400) NOT NULL,
    host nvarchar(400) NOT NULL,
    process_id integer NOT NULL,
    module_version nvarchar(400) NOT NULL,
    rows_inserted bigint NULL,
    rows_updated bigint NULL,
    verify_status nvarchar(400) NULL,
    verify_detail nvarchar(max) NULL,
    masked_columns nvarchar(max) NULL
)
GO
-- heap: history insert
INSERT INTO [dbo].[Events] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version, @rows_inserted, @rows_updated, @verify_status, @verify_detail, @masked_columns)
GO
-- heap: history finish
UPDATE [dbo].[Events] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, rows_inserted = @rows_inserted, rows_updated = @rows_updated, verify_status = @verify_status, verify_detail = @verify_detail, masked_columns = @masked_columns, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- heap: history insert, table from an earlier version
INSERT INTO [dbo].[Events] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version)
GO
-- heap: history finish, table from an earlier version
UPDATE [dbo].[Events] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- heap: history add column
ALTER TABLE [dbo].[Events] ADD rows_updated bigint NULL
GO
-- heap: history abandon
UPDATE [dbo].[Events] SET status = @status, error = @error WHERE entry_id = @entry_id AND status = 'Running'
GO
-- heap: history select
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [dbo].[Events] WHERE status = @status AND started_at >= @since AND lower(table_name) IN (@t0, @t1) ORDER BY started_at DESC, entry_id
GO
-- heap: history select, table from an earlier version
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, NULL AS rows_inserted, NULL AS rows_updated, NULL AS verify_status, NULL AS verify_detail, NULL AS masked_columns FROM [dbo].[Events] WHERE status = @status ORDER BY started_at DESC, entry_id
GO
-- heap: history select newest
SELECT TOP (@last) entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [dbo].[Events] WHERE status = @status AND lower(table_name) IN (@t0) ORDER BY started_at DESC, entry_id
GO
-- heap: history last per table
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [dbo].[Events] WHERE entry_id IN (SELECT (SELECT TOP (1) x.entry_id FROM [dbo].[Events] x WHERE x.table_name = n.name ORDER BY x.started_at DESC, x.entry_id) FROM (SELECT @t0 AS name UNION ALL SELECT @t1 AS name) n) ORDER BY started_at DESC, entry_id
GO
-- heap: history index Events_started_ix
CREATE INDEX [Events_started_ix] ON [dbo].[Events] (started_at DESC, entry_id)
GO
-- heap: history index Events_status_ix
CREATE INDEX [Events_status_ix] ON [dbo].[Events] (status, started_at DESC, entry_id)
GO
-- heap: history index Events_table_ix
CREATE INDEX [Events_table_ix] ON [dbo].[Events] (table_name, started_at DESC, entry_id)
GO
-- clustered primary key: max
SELECT MAX([UserId]) FROM [dbo].[Users]
GO
-- clustered primary key: has rows
SELECT CAST(CASE WHEN EXISTS (SELECT 1 FROM [dbo].[Users]) THEN 1 ELSE 0 END AS bit)
GO
-- clustered primary key: count
SELECT COUNT_BIG(*) FROM [dbo].[Users]
GO
-- clustered primary key: count filtered
SELECT COUNT_BIG(*) FROM [dbo].[Users] WHERE [UserId] > @bound
GO
-- clustered primary key: select all
SELECT [UserId], [Name], [Email] FROM [dbo].[Users]
GO
-- clustered primary key: select clustered order
SELECT [UserId], [Name], [Email] FROM [dbo].[Users] ORDER BY [UserId]
GO
-- clustered primary key: select incremental
SELECT [UserId], [Name], [Email] FROM [dbo].[Users] WHERE [UserId] > @bound
GO
-- clustered primary key: select window capped
SELECT TOP (100) [UserId], [Name], [Email] FROM [dbo].[Users] WHERE [UserId] >= @bound ORDER BY [UserId]
GO
-- clustered primary key: select in the target's collations
SELECT CAST([UserId] AS nvarchar(50)) COLLATE Latin1_General_100_CI_AS_SC_UTF8 AS [UserId], [Name], [Email] COLLATE French_CI_AS AS [Email] FROM [dbo].[Users] WHERE [UserId] > @bound ORDER BY [UserId]
GO
-- clustered primary key: select max column through nvarchar(max)
SELECT TOP (10) CAST([UserId] AS nvarchar(max)) COLLATE Greek_CI_AS AS [UserId], [Name], [Email] FROM [dbo].[Users] ORDER BY [UserId]
GO
-- clustered primary key: preview first page
SELECT TOP (@limit) [UserId], [Name], [Email] FROM [dbo].[Users] ORDER BY [UserId]
GO
-- clustered primary key: preview next page
SELECT TOP (@limit) [UserId], [Name], [Email] FROM [dbo].[Users] WHERE ([UserId] > @k0) ORDER BY [UserId]
GO
-- clustered primary key: truncate
TRUNCATE TABLE [dbo].[Users]
GO
-- clustered primary key: disable index
ALTER INDEX [ix UserId] ON [dbo].[Users] DISABLE
GO
-- clustered primary key: rebuild index
ALTER INDEX [ix UserId] ON [dbo].[Users] REBUILD
GO
-- clustered primary key: count locked
SELECT COUNT_BIG(*) FROM [dbo].[Users] WITH (TABLOCKX, HOLDLOCK)
GO
-- clustered primary key: delete all
DELETE FROM [dbo].[Users]
GO
-- clustered primary key: delete window
DELETE FROM [dbo].[Users] WHERE [UserId] >= @bound
GO
-- clustered primary key: truncate keeping identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @next numeric(38,0) = CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END;
TRUNCATE TABLE [dbo].[Users];
IF @next <> IDENT_SEED(@table)
BEGIN
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[dbo].[Users]'', RESEED, ' + CONVERT(nvarchar(40), @next) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
END;
GO
-- clustered primary key: advance identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @edge numeric(38,0), @next numeric(38,0);
SELECT @edge = CONVERT(numeric(38,0), CASE WHEN @increment > 0 THEN MAX([UserId]) ELSE MIN([UserId]) END) FROM [dbo].[Users];
SET @next = @edge + @increment;
IF SIGN(@increment) * (@next - CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END) > 0
BEGIN
    SET @edge = CASE WHEN @fresh = 1 THEN @next ELSE @edge END;
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[dbo].[Users]'', RESEED, ' + CONVERT(nvarchar(40), @edge) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- clustered primary key: advance sequence
DECLARE @increment numeric(38,0), @current numeric(38,0), @minimum numeric(38,0), @maximum numeric(38,0), @next numeric(38,0);
SELECT @increment = CONVERT(numeric(38,0), s.increment), @current = CONVERT(numeric(38,0), s.current_value),
       @minimum = CONVERT(numeric(38,0), s.minimum_value), @maximum = CONVERT(numeric(38,0), s.maximum_value)
FROM sys.sequences AS s WHERE s.object_id = OBJECT_ID(@sequence);
SELECT @next = CASE WHEN @increment > 0 THEN MAX(u.hi) ELSE MIN(u.lo) END + @increment
FROM (SELECT CONVERT(numeric(38,0), CEILING(MAX([UserId]))) AS hi, CONVERT(numeric(38,0), FLOOR(MIN([UserId]))) AS lo FROM [dbo].[Users]) AS u;
SET @next = CASE WHEN @next > @maximum THEN @maximum WHEN @next < @minimum THEN @minimum ELSE @next END;
IF SIGN(@increment) * (@next - @current) > 0
BEGIN
    DECLARE @restart nvarchar(max) = N'ALTER SEQUENCE [dbo].[Users seq] RESTART WITH ' + CONVERT(nvarchar(40), @next);
    EXEC sys.sp_executesql @restart;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- clustered primary key: reseed, as sp_executesql runs it
DBCC CHECKIDENT (N'[dbo].[Users]', RESEED, -9223372036854775808) WITH NO_INFOMSGS
GO
-- clustered primary key: restart sequence, as sp_executesql runs it
ALTER SEQUENCE [dbo].[Users seq] RESTART WITH 12345678901234567890123456789012345678
GO
-- clustered primary key: nocheck
ALTER TABLE [dbo].[Users] NOCHECK CONSTRAINT [FK_Users_UserId]
GO
-- clustered primary key: recheck
ALTER TABLE [dbo].[Users] WITH CHECK CHECK CONSTRAINT [FK_Users_UserId]
GO
-- clustered primary key: re-enable untrusted
ALTER TABLE [dbo].[Users] WITH NOCHECK CHECK CONSTRAINT [FK_Users_UserId]
GO
-- clustered primary key: merge staging
SELECT TOP (0) [UserId], [Name], [Email] INTO [#datarefresh_merge_0123456789ab] FROM [dbo].[Users]
GO
-- clustered primary key: merge blocking rows
SELECT COUNT_BIG(*) FROM [dbo].[Users] AS c WHERE EXISTS (SELECT 1 FROM [dbo].[Users] AS t WHERE c.[UserId] = t.[UserId] AND NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[UserId] = s.[UserId]))
GO
-- clustered primary key: merge delete
DELETE t FROM [dbo].[Users] AS t WHERE NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[UserId] = s.[UserId]); SELECT ROWCOUNT_BIG();
GO
-- clustered primary key: merge update
UPDATE t SET t.[Name] = s.[Name], t.[Email] = s.[Email] FROM [dbo].[Users] AS t INNER JOIN [#datarefresh_merge_0123456789ab] AS s ON t.[UserId] = s.[UserId] WHERE EXISTS (SELECT CAST(CAST(t.[Name] AS nvarchar(max)) AS varbinary(max)), t.[Email] EXCEPT SELECT CAST(CAST(s.[Name] AS nvarchar(max)) AS varbinary(max)), s.[Email]); SELECT ROWCOUNT_BIG();
GO
-- clustered primary key: merge insert
INSERT INTO [dbo].[Users] ([UserId], [Name], [Email]) SELECT s.[UserId], s.[Name], s.[Email] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [dbo].[Users] AS t WHERE t.[UserId] = s.[UserId]); SELECT ROWCOUNT_BIG();
GO
-- clustered primary key: merge insert keeping identity
DECLARE @rows bigint;
SET IDENTITY_INSERT [dbo].[Users] ON;
BEGIN TRY
    INSERT INTO [dbo].[Users] ([UserId], [Name], [Email]) SELECT s.[UserId], s.[Name], s.[Email] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [dbo].[Users] AS t WHERE t.[UserId] = s.[UserId]);
    SET @rows = ROWCOUNT_BIG();
END TRY
BEGIN CATCH
    SET IDENTITY_INSERT [dbo].[Users] OFF;
    THROW;
END CATCH;
SET IDENTITY_INSERT [dbo].[Users] OFF;
SELECT @rows;
GO
-- clustered primary key: disable trigger
DISABLE TRIGGER [dbo].[trg_clustered_primary_key] ON [dbo].[Users]
GO
-- clustered primary key: enable trigger
ENABLE TRIGGER [dbo].[trg_clustered_primary_key] ON [dbo].[Users]
GO
-- clustered primary key: history create
CREATE TABLE [dbo].[Users] (
    entry_id nvarchar(400) NOT NULL PRIMARY KEY,
    run_id nvarchar(400) NOT NULL,
    table_name nvarchar(400) NOT NULL,
    attempt integer NOT NULL,
    sync_mode nvarchar(400) NOT NULL,
    action nvarchar(400) NOT NULL,
    status nvarchar(400) NOT NULL,
    started_at datetime2(7) NOT NULL,
    ended_at datetime2(7) NULL,
    rows_copied bigint NOT NULL,
    rows_deleted bigint NOT NULL,
    watermark_before nvarchar(max) NULL,
    watermark_after nvarchar(max) NULL,
    error nvarchar(max) NULL,
    os_user nvarchar(400) NOT NULL,
    db_login nvarchar(400) NOT NULL,
    host nvarchar(400) NOT NULL,
    process_id integer NOT NULL,
    module_version nvarchar(400) NOT NULL,
    rows_inserted bigint NULL,
    rows_updated bigint NULL,
    verify_status nvarchar(400) NULL,
    verify_detail nvarchar(max) NULL,
    masked_columns nvarchar(max) NULL
)
GO
-- clustered primary key: history insert
INSERT INTO [dbo].[Users] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version, @rows_inserted, @rows_updated, @verify_status, @verify_detail, @masked_columns)
GO
-- clustered primary key: history finish
UPDATE [dbo].[Users] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, rows_inserted = @rows_inserted, rows_updated = @rows_updated, verify_status = @verify_status, verify_detail = @verify_detail, masked_columns = @masked_columns, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- clustered primary key: history insert, table from an earlier version
INSERT INTO [dbo].[Users] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version)
GO
-- clustered primary key: history finish, table from an earlier version
UPDATE [dbo].[Users] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- clustered primary key: history add column
ALTER TABLE [dbo].[Users] ADD rows_updated bigint NULL
GO
-- clustered primary key: history abandon
UPDATE [dbo].[Users] SET status = @status, error = @error WHERE entry_id = @entry_id AND status = 'Running'
GO
-- clustered primary key: history select
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [dbo].[Users] WHERE status = @status AND started_at >= @since AND lower(table_name) IN (@t0, @t1) ORDER BY started_at DESC, entry_id
GO
-- clustered primary key: history select, table from an earlier version
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, NULL AS rows_inserted, NULL AS rows_updated, NULL AS verify_status, NULL AS verify_detail, NULL AS masked_columns FROM [dbo].[Users] WHERE status = @status ORDER BY started_at DESC, entry_id
GO
-- clustered primary key: history select newest
SELECT TOP (@last) entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [dbo].[Users] WHERE status = @status AND lower(table_name) IN (@t0) ORDER BY started_at DESC, entry_id
GO
-- clustered primary key: history last per table
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [dbo].[Users] WHERE entry_id IN (SELECT (SELECT TOP (1) x.entry_id FROM [dbo].[Users] x WHERE x.table_name = n.name ORDER BY x.started_at DESC, x.entry_id) FROM (SELECT @t0 AS name UNION ALL SELECT @t1 AS name) n) ORDER BY started_at DESC, entry_id
GO
-- clustered primary key: history index Users_started_ix
CREATE INDEX [Users_started_ix] ON [dbo].[Users] (started_at DESC, entry_id)
GO
-- clustered primary key: history index Users_status_ix
CREATE INDEX [Users_status_ix] ON [dbo].[Users] (status, started_at DESC, entry_id)
GO
-- clustered primary key: history index Users_table_ix
CREATE INDEX [Users_table_ix] ON [dbo].[Users] (table_name, started_at DESC, entry_id)
GO
-- identity: max
SELECT MAX([order_id]) FROM [sales].[Orders]
GO
-- identity: has rows
SELECT CAST(CASE WHEN EXISTS (SELECT 1 FROM [sales].[Orders]) THEN 1 ELSE 0 END AS bit)
GO
-- identity: count
SELECT COUNT_BIG(*) FROM [sales].[Orders]
GO
-- identity: count filtered
SELECT COUNT_BIG(*) FROM [sales].[Orders] WHERE [order_id] > @bound
GO
-- identity: select all
SELECT [order_id], [amount], [placed_at] FROM [sales].[Orders]
GO
-- identity: select clustered order
SELECT [order_id], [amount], [placed_at] FROM [sales].[Orders] ORDER BY [order_id]
GO
-- identity: select incremental
SELECT [order_id], [amount], [placed_at] FROM [sales].[Orders] WHERE [order_id] > @bound
GO
-- identity: select window capped
SELECT TOP (100) [order_id], [amount], [placed_at] FROM [sales].[Orders] WHERE [order_id] >= @bound ORDER BY [order_id]
GO
-- identity: select in the target's collations
SELECT CAST([order_id] AS nvarchar(50)) COLLATE Latin1_General_100_CI_AS_SC_UTF8 AS [order_id], [amount], [placed_at] COLLATE French_CI_AS AS [placed_at] FROM [sales].[Orders] WHERE [order_id] > @bound ORDER BY [order_id]
GO
-- identity: select max column through nvarchar(max)
SELECT TOP (10) CAST([order_id] AS nvarchar(max)) COLLATE Greek_CI_AS AS [order_id], [amount], [placed_at] FROM [sales].[Orders] ORDER BY [order_id]
GO
-- identity: preview first page
SELECT TOP (@limit) [order_id], [amount], [placed_at] FROM [sales].[Orders] ORDER BY [order_id]
GO
-- identity: preview next page
SELECT TOP (@limit) [order_id], [amount], [placed_at] FROM [sales].[Orders] WHERE ([order_id] > @k0) ORDER BY [order_id]
GO
-- identity: truncate
TRUNCATE TABLE [sales].[Orders]
GO
-- identity: disable index
ALTER INDEX [ix order_id] ON [sales].[Orders] DISABLE
GO
-- identity: rebuild index
ALTER INDEX [ix order_id] ON [sales].[Orders] REBUILD
GO
-- identity: count locked
SELECT COUNT_BIG(*) FROM [sales].[Orders] WITH (TABLOCKX, HOLDLOCK)
GO
-- identity: delete all
DELETE FROM [sales].[Orders]
GO
-- identity: delete window
DELETE FROM [sales].[Orders] WHERE [order_id] >= @bound
GO
-- identity: truncate keeping identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @next numeric(38,0) = CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END;
TRUNCATE TABLE [sales].[Orders];
IF @next <> IDENT_SEED(@table)
BEGIN
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[sales].[Orders]'', RESEED, ' + CONVERT(nvarchar(40), @next) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
END;
GO
-- identity: advance identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @edge numeric(38,0), @next numeric(38,0);
SELECT @edge = CONVERT(numeric(38,0), CASE WHEN @increment > 0 THEN MAX([order_id]) ELSE MIN([order_id]) END) FROM [sales].[Orders];
SET @next = @edge + @increment;
IF SIGN(@increment) * (@next - CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END) > 0
BEGIN
    SET @edge = CASE WHEN @fresh = 1 THEN @next ELSE @edge END;
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[sales].[Orders]'', RESEED, ' + CONVERT(nvarchar(40), @edge) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- identity: advance sequence
DECLARE @increment numeric(38,0), @current numeric(38,0), @minimum numeric(38,0), @maximum numeric(38,0), @next numeric(38,0);
SELECT @increment = CONVERT(numeric(38,0), s.increment), @current = CONVERT(numeric(38,0), s.current_value),
       @minimum = CONVERT(numeric(38,0), s.minimum_value), @maximum = CONVERT(numeric(38,0), s.maximum_value)
FROM sys.sequences AS s WHERE s.object_id = OBJECT_ID(@sequence);
SELECT @next = CASE WHEN @increment > 0 THEN MAX(u.hi) ELSE MIN(u.lo) END + @increment
FROM (SELECT CONVERT(numeric(38,0), CEILING(MAX([order_id]))) AS hi, CONVERT(numeric(38,0), FLOOR(MIN([order_id]))) AS lo FROM [sales].[Orders]) AS u;
SET @next = CASE WHEN @next > @maximum THEN @maximum WHEN @next < @minimum THEN @minimum ELSE @next END;
IF SIGN(@increment) * (@next - @current) > 0
BEGIN
    DECLARE @restart nvarchar(max) = N'ALTER SEQUENCE [sales].[Orders seq] RESTART WITH ' + CONVERT(nvarchar(40), @next);
    EXEC sys.sp_executesql @restart;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- identity: reseed, as sp_executesql runs it
DBCC CHECKIDENT (N'[sales].[Orders]', RESEED, -9223372036854775808) WITH NO_INFOMSGS
GO
-- identity: restart sequence, as sp_executesql runs it
ALTER SEQUENCE [sales].[Orders seq] RESTART WITH 12345678901234567890123456789012345678
GO
-- identity: nocheck
ALTER TABLE [sales].[Orders] NOCHECK CONSTRAINT [FK_Orders_order_id]
GO
-- identity: recheck
ALTER TABLE [sales].[Orders] WITH CHECK CHECK CONSTRAINT [FK_Orders_order_id]
GO
-- identity: re-enable untrusted
ALTER TABLE [sales].[Orders] WITH NOCHECK CHECK CONSTRAINT [FK_Orders_order_id]
GO
-- identity: merge staging
SELECT TOP (0) [order_id], [amount], [placed_at] INTO [#datarefresh_merge_0123456789ab] FROM [sales].[Orders]
GO
-- identity: merge blocking rows
SELECT COUNT_BIG(*) FROM [sales].[Orders] AS c WHERE EXISTS (SELECT 1 FROM [sales].[Orders] AS t WHERE c.[order_id] = t.[order_id] AND NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[order_id] = s.[order_id]))
GO
-- identity: merge delete
DELETE t FROM [sales].[Orders] AS t WHERE NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[order_id] = s.[order_id]); SELECT ROWCOUNT_BIG();
GO
-- identity: merge update
UPDATE t SET t.[amount] = s.[amount], t.[placed_at] = s.[placed_at] FROM [sales].[Orders] AS t INNER JOIN [#datarefresh_merge_0123456789ab] AS s ON t.[order_id] = s.[order_id] WHERE EXISTS (SELECT CAST(CAST(t.[amount] AS nvarchar(max)) AS varbinary(max)), CAST(CAST(t.[placed_at] AS varchar(max)) AS varbinary(max)) EXCEPT SELECT CAST(CAST(s.[amount] AS nvarchar(max)) AS varbinary(max)), CAST(CAST(s.[placed_at] AS varchar(max)) AS varbinary(max))); SELECT ROWCOUNT_BIG();
GO
-- identity: merge insert
INSERT INTO [sales].[Orders] ([order_id], [amount], [placed_at]) SELECT s.[order_id], s.[amount], s.[placed_at] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [sales].[Orders] AS t WHERE t.[order_id] = s.[order_id]); SELECT ROWCOUNT_BIG();
GO
-- identity: merge insert keeping identity
DECLARE @rows bigint;
SET IDENTITY_INSERT [sales].[Orders] ON;
BEGIN TRY
    INSERT INTO [sales].[Orders] ([order_id], [amount], [placed_at]) SELECT s.[order_id], s.[amount], s.[placed_at] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [sales].[Orders] AS t WHERE t.[order_id] = s.[order_id]);
    SET @rows = ROWCOUNT_BIG();
END TRY
BEGIN CATCH
    SET IDENTITY_INSERT [sales].[Orders] OFF;
    THROW;
END CATCH;
SET IDENTITY_INSERT [sales].[Orders] OFF;
SELECT @rows;
GO
-- identity: disable trigger
DISABLE TRIGGER [sales].[trg_identity] ON [sales].[Orders]
GO
-- identity: enable trigger
ENABLE TRIGGER [sales].[trg_identity] ON [sales].[Orders]
GO
-- identity: history create
CREATE TABLE [sales].[Orders] (
    entry_id nvarchar(400) NOT NULL PRIMARY KEY,
    run_id nvarchar(400) NOT NULL,
    table_name nvarchar(400) NOT NULL,
    attempt integer NOT NULL,
    sync_mode nvarchar(400) NOT NULL,
    action nvarchar(400) NOT NULL,
    status nvarchar(400) NOT NULL,
    started_at datetime2(7) NOT NULL,
    ended_at datetime2(7) NULL,
    rows_copied bigint NOT NULL,
    rows_deleted bigint NOT NULL,
    watermark_before nvarchar(max) NULL,
    watermark_after nvarchar(max) NULL,
    error nvarchar(max) NULL,
    os_user nvarchar(400) NOT NULL,
    db_login nvarchar(400) NOT NULL,
    host nvarchar(400) NOT NULL,
    process_id integer NOT NULL,
    module_version nvarchar(400) NOT NULL,
    rows_inserted bigint NULL,
    rows_updated bigint NULL,
    verify_status nvarchar(400) NULL,
    verify_detail nvarchar(max) NULL,
    masked_columns nvarchar(max) NULL
)
GO
-- identity: history insert
INSERT INTO [sales].[Orders] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version, @rows_inserted, @rows_updated, @verify_status, @verify_detail, @masked_columns)
GO
-- identity: history finish
UPDATE [sales].[Orders] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, rows_inserted = @rows_inserted, rows_updated = @rows_updated, verify_status = @verify_status, verify_detail = @verify_detail, masked_columns = @masked_columns, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- identity: history insert, table from an earlier version
INSERT INTO [sales].[Orders] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version)
GO
-- identity: history finish, table from an earlier version
UPDATE [sales].[Orders] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- identity: history add column
ALTER TABLE [sales].[Orders] ADD rows_updated bigint NULL
GO
-- identity: history abandon
UPDATE [sales].[Orders] SET status = @status, error = @error WHERE entry_id = @entry_id AND status = 'Running'
GO
-- identity: history select
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [sales].[Orders] WHERE status = @status AND started_at >= @since AND lower(table_name) IN (@t0, @t1) ORDER BY started_at DESC, entry_id
GO
-- identity: history select, table from an earlier version
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, NULL AS rows_inserted, NULL AS rows_updated, NULL AS verify_status, NULL AS verify_detail, NULL AS masked_columns FROM [sales].[Orders] WHERE status = @status ORDER BY started_at DESC, entry_id
GO
-- identity: history select newest
SELECT TOP (@last) entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [sales].[Orders] WHERE status = @status AND lower(table_name) IN (@t0) ORDER BY started_at DESC, entry_id
GO
-- identity: history last per table
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [sales].[Orders] WHERE entry_id IN (SELECT (SELECT TOP (1) x.entry_id FROM [sales].[Orders] x WHERE x.table_name = n.name ORDER BY x.started_at DESC, x.entry_id) FROM (SELECT @t0 AS name UNION ALL SELECT @t1 AS name) n) ORDER BY started_at DESC, entry_id
GO
-- identity: history index Orders_started_ix
CREATE INDEX [Orders_started_ix] ON [sales].[Orders] (started_at DESC, entry_id)
GO
-- identity: history index Orders_status_ix
CREATE INDEX [Orders_status_ix] ON [sales].[Orders] (status, started_at DESC, entry_id)
GO
-- identity: history index Orders_table_ix
CREATE INDEX [Orders_table_ix] ON [sales].[Orders] (table_name, started_at DESC, entry_id)
GO
-- computed and rowversion: max
SELECT MAX([InvoiceId]) FROM [dbo].[Invoices]
GO
-- computed and rowversion: has rows
SELECT CAST(CASE WHEN EXISTS (SELECT 1 FROM [dbo].[Invoices]) THEN 1 ELSE 0 END AS bit)
GO
-- computed and rowversion: count
SELECT COUNT_BIG(*) FROM [dbo].[Invoices]
GO
-- computed and rowversion: count filtered
SELECT COUNT_BIG(*) FROM [dbo].[Invoices] WHERE [InvoiceId] > @bound
GO
-- computed and rowversion: select all
SELECT [InvoiceId], [Net], [Tax] FROM [dbo].[Invoices]
GO
-- computed and rowversion: select clustered order
SELECT [InvoiceId], [Net], [Tax] FROM [dbo].[Invoices] ORDER BY [InvoiceId]
GO
-- computed and rowversion: select incremental
SELECT [InvoiceId], [Net], [Tax] FROM [dbo].[Invoices] WHERE [InvoiceId] > @bound
GO
-- computed and rowversion: select window capped
SELECT TOP (100) [InvoiceId], [Net], [Tax] FROM [dbo].[Invoices] WHERE [InvoiceId] >= @bound ORDER BY [InvoiceId]
GO
-- computed and rowversion: select in the target's collations
SELECT CAST([InvoiceId] AS nvarchar(50)) COLLATE Latin1_General_100_CI_AS_SC_UTF8 AS [InvoiceId], [Net], [Tax] COLLATE French_CI_AS AS [Tax] FROM [dbo].[Invoices] WHERE [InvoiceId] > @bound ORDER BY [InvoiceId]
GO
-- computed and rowversion: select max column through nvarchar(max)
SELECT TOP (10) CAST([InvoiceId] AS nvarchar(max)) COLLATE Greek_CI_AS AS [InvoiceId], [Net], [Tax] FROM [dbo].[Invoices] ORDER BY [InvoiceId]
GO
-- computed and rowversion: preview first page
SELECT TOP (@limit) [InvoiceId], [Net], [Tax] FROM [dbo].[Invoices] ORDER BY [InvoiceId]
GO
-- computed and rowversion: preview next page
SELECT TOP (@limit) [InvoiceId], [Net], [Tax] FROM [dbo].[Invoices] WHERE ([InvoiceId] > @k0) ORDER BY [InvoiceId]
GO
-- computed and rowversion: truncate
TRUNCATE TABLE [dbo].[Invoices]
GO
-- computed and rowversion: disable index
ALTER INDEX [ix InvoiceId] ON [dbo].[Invoices] DISABLE
GO
-- computed and rowversion: rebuild index
ALTER INDEX [ix InvoiceId] ON [dbo].[Invoices] REBUILD
GO
-- computed and rowversion: count locked
SELECT COUNT_BIG(*) FROM [dbo].[Invoices] WITH (TABLOCKX, HOLDLOCK)
GO
-- computed and rowversion: delete all
DELETE FROM [dbo].[Invoices]
GO
-- computed and rowversion: delete window
DELETE FROM [dbo].[Invoices] WHERE [InvoiceId] >= @bound
GO
-- computed and rowversion: truncate keeping identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @next numeric(38,0) = CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END;
TRUNCATE TABLE [dbo].[Invoices];
IF @next <> IDENT_SEED(@table)
BEGIN
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[dbo].[Invoices]'', RESEED, ' + CONVERT(nvarchar(40), @next) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
END;
GO
-- computed and rowversion: advance identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @edge numeric(38,0), @next numeric(38,0);
SELECT @edge = CONVERT(numeric(38,0), CASE WHEN @increment > 0 THEN MAX([InvoiceId]) ELSE MIN([InvoiceId]) END) FROM [dbo].[Invoices];
SET @next = @edge + @increment;
IF SIGN(@increment) * (@next - CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END) > 0
BEGIN
    SET @edge = CASE WHEN @fresh = 1 THEN @next ELSE @edge END;
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[dbo].[Invoices]'', RESEED, ' + CONVERT(nvarchar(40), @edge) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- computed and rowversion: advance sequence
DECLARE @increment numeric(38,0), @current numeric(38,0), @minimum numeric(38,0), @maximum numeric(38,0), @next numeric(38,0);
SELECT @increment = CONVERT(numeric(38,0), s.increment), @current = CONVERT(numeric(38,0), s.current_value),
       @minimum = CONVERT(numeric(38,0), s.minimum_value), @maximum = CONVERT(numeric(38,0), s.maximum_value)
FROM sys.sequences AS s WHERE s.object_id = OBJECT_ID(@sequence);
SELECT @next = CASE WHEN @increment > 0 THEN MAX(u.hi) ELSE MIN(u.lo) END + @increment
FROM (SELECT CONVERT(numeric(38,0), CEILING(MAX([InvoiceId]))) AS hi, CONVERT(numeric(38,0), FLOOR(MIN([InvoiceId]))) AS lo FROM [dbo].[Invoices]) AS u;
SET @next = CASE WHEN @next > @maximum THEN @maximum WHEN @next < @minimum THEN @minimum ELSE @next END;
IF SIGN(@increment) * (@next - @current) > 0
BEGIN
    DECLARE @restart nvarchar(max) = N'ALTER SEQUENCE [dbo].[Invoices seq] RESTART WITH ' + CONVERT(nvarchar(40), @next);
    EXEC sys.sp_executesql @restart;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- computed and rowversion: reseed, as sp_executesql runs it
DBCC CHECKIDENT (N'[dbo].[Invoices]', RESEED, -9223372036854775808) WITH NO_INFOMSGS
GO
-- computed and rowversion: restart sequence, as sp_executesql runs it
ALTER SEQUENCE [dbo].[Invoices seq] RESTART WITH 12345678901234567890123456789012345678
GO
-- computed and rowversion: nocheck
ALTER TABLE [dbo].[Invoices] NOCHECK CONSTRAINT [FK_Invoices_InvoiceId]
GO
-- computed and rowversion: recheck
ALTER TABLE [dbo].[Invoices] WITH CHECK CHECK CONSTRAINT [FK_Invoices_InvoiceId]
GO
-- computed and rowversion: re-enable untrusted
ALTER TABLE [dbo].[Invoices] WITH NOCHECK CHECK CONSTRAINT [FK_Invoices_InvoiceId]
GO
-- computed and rowversion: merge staging
SELECT TOP (0) [InvoiceId], [Net], [Tax] INTO [#datarefresh_merge_0123456789ab] FROM [dbo].[Invoices]
GO
-- computed and rowversion: merge blocking rows
SELECT COUNT_BIG(*) FROM [dbo].[Invoices] AS c WHERE EXISTS (SELECT 1 FROM [dbo].[Invoices] AS t WHERE c.[InvoiceId] = t.[InvoiceId] AND NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[InvoiceId] = s.[InvoiceId]))
GO
-- computed and rowversion: merge delete
DELETE t FROM [dbo].[Invoices] AS t WHERE NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[InvoiceId] = s.[InvoiceId]); SELECT ROWCOUNT_BIG();
GO
-- computed and rowversion: merge update
UPDATE t SET t.[Net] = s.[Net], t.[Tax] = s.[Tax] FROM [dbo].[Invoices] AS t INNER JOIN [#datarefresh_merge_0123456789ab] AS s ON t.[InvoiceId] = s.[InvoiceId] WHERE EXISTS (SELECT CAST(t.[Net] AS varbinary(max)), DATALENGTH(t.[Net]), t.[Tax], DATEPART(tzoffset, t.[Tax]) EXCEPT SELECT CAST(s.[Net] AS varbinary(max)), DATALENGTH(s.[Net]), s.[Tax], DATEPART(tzoffset, s.[Tax])); SELECT ROWCOUNT_BIG();
GO
-- computed and rowversion: merge insert
INSERT INTO [dbo].[Invoices] ([InvoiceId], [Net], [Tax]) SELECT s.[InvoiceId], s.[Net], s.[Tax] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [dbo].[Invoices] AS t WHERE t.[InvoiceId] = s.[InvoiceId]); SELECT ROWCOUNT_BIG();
GO
-- computed and rowversion: merge insert keeping identity
DECLARE @rows bigint;
SET IDENTITY_INSERT [dbo].[Invoices] ON;
BEGIN TRY
    INSERT INTO [dbo].[Invoices] ([InvoiceId], [Net], [Tax]) SELECT s.[InvoiceId], s.[Net], s.[Tax] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [dbo].[Invoices] AS t WHERE t.[InvoiceId] = s.[InvoiceId]);
    SET @rows = ROWCOUNT_BIG();
END TRY
BEGIN CATCH
    SET IDENTITY_INSERT [dbo].[Invoices] OFF;
    THROW;
END CATCH;
SET IDENTITY_INSERT [dbo].[Invoices] OFF;
SELECT @rows;
GO
-- computed and rowversion: disable trigger
DISABLE TRIGGER [dbo].[trg_computed_and_rowversion] ON [dbo].[Invoices]
GO
-- computed and rowversion: enable trigger
ENABLE TRIGGER [dbo].[trg_computed_and_rowversion] ON [dbo].[Invoices]
GO
-- computed and rowversion: history create
CREATE TABLE [dbo].[Invoices] (
    entry_id nvarchar(400) NOT NULL PRIMARY KEY,
    run_id nvarchar(400) NOT NULL,
    table_name nvarchar(400) NOT NULL,
    attempt integer NOT NULL,
    sync_mode nvarchar(400) NOT NULL,
    action nvarchar(400) NOT NULL,
    status nvarchar(400) NOT NULL,
    started_at datetime2(7) NOT NULL,
    ended_at datetime2(7) NULL,
    rows_copied bigint NOT NULL,
    rows_deleted bigint NOT NULL,
    watermark_before nvarchar(max) NULL,
    watermark_after nvarchar(max) NULL,
    error nvarchar(max) NULL,
    os_user nvarchar(400) NOT NULL,
    db_login nvarchar(400) NOT NULL,
    host nvarchar(400) NOT NULL,
    process_id integer NOT NULL,
    module_version nvarchar(400) NOT NULL,
    rows_inserted bigint NULL,
    rows_updated bigint NULL,
    verify_status nvarchar(400) NULL,
    verify_detail nvarchar(max) NULL,
    masked_columns nvarchar(max) NULL
)
GO
-- computed and rowversion: history insert
INSERT INTO [dbo].[Invoices] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version, @rows_inserted, @rows_updated, @verify_status, @verify_detail, @masked_columns)
GO
-- computed and rowversion: history finish
UPDATE [dbo].[Invoices] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, rows_inserted = @rows_inserted, rows_updated = @rows_updated, verify_status = @verify_status, verify_detail = @verify_detail, masked_columns = @masked_columns, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- computed and rowversion: history insert, table from an earlier version
INSERT INTO [dbo].[Invoices] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version)
GO
-- computed and rowversion: history finish, table from an earlier version
UPDATE [dbo].[Invoices] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- computed and rowversion: history add column
ALTER TABLE [dbo].[Invoices] ADD rows_updated bigint NULL
GO
-- computed and rowversion: history abandon
UPDATE [dbo].[Invoices] SET status = @status, error = @error WHERE entry_id = @entry_id AND status = 'Running'
GO
-- computed and rowversion: history select
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [dbo].[Invoices] WHERE status = @status AND started_at >= @since AND lower(table_name) IN (@t0, @t1) ORDER BY started_at DESC, entry_id
GO
-- computed and rowversion: history select, table from an earlier version
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, NULL AS rows_inserted, NULL AS rows_updated, NULL AS verify_status, NULL AS verify_detail, NULL AS masked_columns FROM [dbo].[Invoices] WHERE status = @status ORDER BY started_at DESC, entry_id
GO
-- computed and rowversion: history select newest
SELECT TOP (@last) entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [dbo].[Invoices] WHERE status = @status AND lower(table_name) IN (@t0) ORDER BY started_at DESC, entry_id
GO
-- computed and rowversion: history last per table
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [dbo].[Invoices] WHERE entry_id IN (SELECT (SELECT TOP (1) x.entry_id FROM [dbo].[Invoices] x WHERE x.table_name = n.name ORDER BY x.started_at DESC, x.entry_id) FROM (SELECT @t0 AS name UNION ALL SELECT @t1 AS name) n) ORDER BY started_at DESC, entry_id
GO
-- computed and rowversion: history index Invoices_started_ix
CREATE INDEX [Invoices_started_ix] ON [dbo].[Invoices] (started_at DESC, entry_id)
GO
-- computed and rowversion: history index Invoices_status_ix
CREATE INDEX [Invoices_status_ix] ON [dbo].[Invoices] (status, started_at DESC, entry_id)
GO
-- computed and rowversion: history index Invoices_table_ix
CREATE INDEX [Invoices_table_ix] ON [dbo].[Invoices] (table_name, started_at DESC, entry_id)
GO
-- temporal: max
SELECT MAX([EmployeeId]) FROM [hr].[Employees]
GO
-- temporal: has rows
SELECT CAST(CASE WHEN EXISTS (SELECT 1 FROM [hr].[Employees]) THEN 1 ELSE 0 END AS bit)
GO
-- temporal: count
SELECT COUNT_BIG(*) FROM [hr].[Employees]
GO
-- temporal: count filtered
SELECT COUNT_BIG(*) FROM [hr].[Employees] WHERE [EmployeeId] > @bound
GO
-- temporal: select all
SELECT [EmployeeId], [Salary] FROM [hr].[Employees]
GO
-- temporal: select clustered order
SELECT [EmployeeId], [Salary] FROM [hr].[Employees] ORDER BY [EmployeeId]
GO
-- temporal: select incremental
SELECT [EmployeeId], [Salary] FROM [hr].[Employees] WHERE [EmployeeId] > @bound
GO
-- temporal: select window capped
SELECT TOP (100) [EmployeeId], [Salary] FROM [hr].[Employees] WHERE [EmployeeId] >= @bound ORDER BY [EmployeeId]
GO
-- temporal: select in the target's collations
SELECT CAST([EmployeeId] AS nvarchar(50)) COLLATE Latin1_General_100_CI_AS_SC_UTF8 AS [EmployeeId], [Salary] COLLATE French_CI_AS AS [Salary] FROM [hr].[Employees] WHERE [EmployeeId] > @bound ORDER BY [EmployeeId]
GO
-- temporal: select max column through nvarchar(max)
SELECT TOP (10) CAST([EmployeeId] AS nvarchar(max)) COLLATE Greek_CI_AS AS [EmployeeId], [Salary] FROM [hr].[Employees] ORDER BY [EmployeeId]
GO
-- temporal: preview first page
SELECT TOP (@limit) [EmployeeId], [Salary] FROM [hr].[Employees] ORDER BY [EmployeeId]
GO
-- temporal: preview next page
SELECT TOP (@limit) [EmployeeId], [Salary] FROM [hr].[Employees] WHERE ([EmployeeId] > @k0) ORDER BY [EmployeeId]
GO
-- temporal: truncate
TRUNCATE TABLE [hr].[Employees]
GO
-- temporal: disable index
ALTER INDEX [ix EmployeeId] ON [hr].[Employees] DISABLE
GO
-- temporal: rebuild index
ALTER INDEX [ix EmployeeId] ON [hr].[Employees] REBUILD
GO
-- temporal: count locked
SELECT COUNT_BIG(*) FROM [hr].[Employees] WITH (TABLOCKX, HOLDLOCK)
GO
-- temporal: delete all
DELETE FROM [hr].[Employees]
GO
-- temporal: delete window
DELETE FROM [hr].[Employees] WHERE [EmployeeId] >= @bound
GO
-- temporal: truncate keeping identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @next numeric(38,0) = CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END;
TRUNCATE TABLE [hr].[Employees];
IF @next <> IDENT_SEED(@table)
BEGIN
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[hr].[Employees]'', RESEED, ' + CONVERT(nvarchar(40), @next) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
END;
GO
-- temporal: advance identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @edge numeric(38,0), @next numeric(38,0);
SELECT @edge = CONVERT(numeric(38,0), CASE WHEN @increment > 0 THEN MAX([EmployeeId]) ELSE MIN([EmployeeId]) END) FROM [hr].[Employees];
SET @next = @edge + @increment;
IF SIGN(@increment) * (@next - CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END) > 0
BEGIN
    SET @edge = CASE WHEN @fresh = 1 THEN @next ELSE @edge END;
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[hr].[Employees]'', RESEED, ' + CONVERT(nvarchar(40), @edge) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- temporal: advance sequence
DECLARE @increment numeric(38,0), @current numeric(38,0), @minimum numeric(38,0), @maximum numeric(38,0), @next numeric(38,0);
SELECT @increment = CONVERT(numeric(38,0), s.increment), @current = CONVERT(numeric(38,0), s.current_value),
       @minimum = CONVERT(numeric(38,0), s.minimum_value), @maximum = CONVERT(numeric(38,0), s.maximum_value)
FROM sys.sequences AS s WHERE s.object_id = OBJECT_ID(@sequence);
SELECT @next = CASE WHEN @increment > 0 THEN MAX(u.hi) ELSE MIN(u.lo) END + @increment
FROM (SELECT CONVERT(numeric(38,0), CEILING(MAX([EmployeeId]))) AS hi, CONVERT(numeric(38,0), FLOOR(MIN([EmployeeId]))) AS lo FROM [hr].[Employees]) AS u;
SET @next = CASE WHEN @next > @maximum THEN @maximum WHEN @next < @minimum THEN @minimum ELSE @next END;
IF SIGN(@increment) * (@next - @current) > 0
BEGIN
    DECLARE @restart nvarchar(max) = N'ALTER SEQUENCE [hr].[Employees seq] RESTART WITH ' + CONVERT(nvarchar(40), @next);
    EXEC sys.sp_executesql @restart;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- temporal: reseed, as sp_executesql runs it
DBCC CHECKIDENT (N'[hr].[Employees]', RESEED, -9223372036854775808) WITH NO_INFOMSGS
GO
-- temporal: restart sequence, as sp_executesql runs it
ALTER SEQUENCE [hr].[Employees seq] RESTART WITH 12345678901234567890123456789012345678
GO
-- temporal: nocheck
ALTER TABLE [hr].[Employees] NOCHECK CONSTRAINT [FK_Employees_EmployeeId]
GO
-- temporal: recheck
ALTER TABLE [hr].[Employees] WITH CHECK CHECK CONSTRAINT [FK_Employees_EmployeeId]
GO
-- temporal: re-enable untrusted
ALTER TABLE [hr].[Employees] WITH NOCHECK CHECK CONSTRAINT [FK_Employees_EmployeeId]
GO
-- temporal: merge staging
SELECT TOP (0) [EmployeeId], [Salary] INTO [#datarefresh_merge_0123456789ab] FROM [hr].[Employees]
GO
-- temporal: merge blocking rows
SELECT COUNT_BIG(*) FROM [hr].[Employees] AS c WHERE EXISTS (SELECT 1 FROM [hr].[Employees] AS t WHERE c.[EmployeeId] = t.[EmployeeId] AND NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[EmployeeId] = s.[EmployeeId]))
GO
-- temporal: merge delete
DELETE t FROM [hr].[Employees] AS t WHERE NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[EmployeeId] = s.[EmployeeId]); SELECT ROWCOUNT_BIG();
GO
-- temporal: merge update
UPDATE t SET t.[Salary] = s.[Salary] FROM [hr].[Employees] AS t INNER JOIN [#datarefresh_merge_0123456789ab] AS s ON t.[EmployeeId] = s.[EmployeeId] WHERE EXISTS (SELECT CAST(CAST(t.[Salary] AS nvarchar(max)) AS varbinary(max)) EXCEPT SELECT CAST(CAST(s.[Salary] AS nvarchar(max)) AS varbinary(max))); SELECT ROWCOUNT_BIG();
GO
-- temporal: merge insert
INSERT INTO [hr].[Employees] ([EmployeeId], [Salary]) SELECT s.[EmployeeId], s.[Salary] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [hr].[Employees] AS t WHERE t.[EmployeeId] = s.[EmployeeId]); SELECT ROWCOUNT_BIG();
GO
-- temporal: merge insert keeping identity
DECLARE @rows bigint;
SET IDENTITY_INSERT [hr].[Employees] ON;
BEGIN TRY
    INSERT INTO [hr].[Employees] ([EmployeeId], [Salary]) SELECT s.[EmployeeId], s.[Salary] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [hr].[Employees] AS t WHERE t.[EmployeeId] = s.[EmployeeId]);
    SET @rows = ROWCOUNT_BIG();
END TRY
BEGIN CATCH
    SET IDENTITY_INSERT [hr].[Employees] OFF;
    THROW;
END CATCH;
SET IDENTITY_INSERT [hr].[Employees] OFF;
SELECT @rows;
GO
-- temporal: disable trigger
DISABLE TRIGGER [hr].[trg_temporal] ON [hr].[Employees]
GO
-- temporal: enable trigger
ENABLE TRIGGER [hr].[trg_temporal] ON [hr].[Employees]
GO
-- temporal: history create
CREATE TABLE [hr].[Employees] (
    entry_id nvarchar(400) NOT NULL PRIMARY KEY,
    run_id nvarchar(400) NOT NULL,
    table_name nvarchar(400) NOT NULL,
    attempt integer NOT NULL,
    sync_mode nvarchar(400) NOT NULL,
    action nvarchar(400) NOT NULL,
    status nvarchar(400) NOT NULL,
    started_at datetime2(7) NOT NULL,
    ended_at datetime2(7) NULL,
    rows_copied bigint NOT NULL,
    rows_deleted bigint NOT NULL,
    watermark_before nvarchar(max) NULL,
    watermark_after nvarchar(max) NULL,
    error nvarchar(max) NULL,
    os_user nvarchar(400) NOT NULL,
    db_login nvarchar(400) NOT NULL,
    host nvarchar(400) NOT NULL,
    process_id integer NOT NULL,
    module_version nvarchar(400) NOT NULL,
    rows_inserted bigint NULL,
    rows_updated bigint NULL,
    verify_status nvarchar(400) NULL,
    verify_detail nvarchar(max) NULL,
    masked_columns nvarchar(max) NULL
)
GO
-- temporal: history insert
INSERT INTO [hr].[Employees] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version, @rows_inserted, @rows_updated, @verify_status, @verify_detail, @masked_columns)
GO
-- temporal: history finish
UPDATE [hr].[Employees] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, rows_inserted = @rows_inserted, rows_updated = @rows_updated, verify_status = @verify_status, verify_detail = @verify_detail, masked_columns = @masked_columns, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- temporal: history insert, table from an earlier version
INSERT INTO [hr].[Employees] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version)
GO
-- temporal: history finish, table from an earlier version
UPDATE [hr].[Employees] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- temporal: history add column
ALTER TABLE [hr].[Employees] ADD rows_updated bigint NULL
GO
-- temporal: history abandon
UPDATE [hr].[Employees] SET status = @status, error = @error WHERE entry_id = @entry_id AND status = 'Running'
GO
-- temporal: history select
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [hr].[Employees] WHERE status = @status AND started_at >= @since AND lower(table_name) IN (@t0, @t1) ORDER BY started_at DESC, entry_id
GO
-- temporal: history select, table from an earlier version
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, NULL AS rows_inserted, NULL AS rows_updated, NULL AS verify_status, NULL AS verify_detail, NULL AS masked_columns FROM [hr].[Employees] WHERE status = @status ORDER BY started_at DESC, entry_id
GO
-- temporal: history select newest
SELECT TOP (@last) entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [hr].[Employees] WHERE status = @status AND lower(table_name) IN (@t0) ORDER BY started_at DESC, entry_id
GO
-- temporal: history last per table
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [hr].[Employees] WHERE entry_id IN (SELECT (SELECT TOP (1) x.entry_id FROM [hr].[Employees] x WHERE x.table_name = n.name ORDER BY x.started_at DESC, x.entry_id) FROM (SELECT @t0 AS name UNION ALL SELECT @t1 AS name) n) ORDER BY started_at DESC, entry_id
GO
-- temporal: history index Employees_started_ix
CREATE INDEX [Employees_started_ix] ON [hr].[Employees] (started_at DESC, entry_id)
GO
-- temporal: history index Employees_status_ix
CREATE INDEX [Employees_status_ix] ON [hr].[Employees] (status, started_at DESC, entry_id)
GO
-- temporal: history index Employees_table_ix
CREATE INDEX [Employees_table_ix] ON [hr].[Employees] (table_name, started_at DESC, entry_id)
GO
-- partitioned: max
SELECT MAX([report_date]) FROM [rpt].[DailyReports]
GO
-- partitioned: has rows
SELECT CAST(CASE WHEN EXISTS (SELECT 1 FROM [rpt].[DailyReports]) THEN 1 ELSE 0 END AS bit)
GO
-- partitioned: count
SELECT COUNT_BIG(*) FROM [rpt].[DailyReports]
GO
-- partitioned: count filtered
SELECT COUNT_BIG(*) FROM [rpt].[DailyReports] WHERE [report_date] > @bound
GO
-- partitioned: select all
SELECT [report_date], [region], [revenue] FROM [rpt].[DailyReports]
GO
-- partitioned: select clustered order
SELECT [report_date], [region], [revenue] FROM [rpt].[DailyReports] ORDER BY [report_date], [region]
GO
-- partitioned: select incremental
SELECT [report_date], [region], [revenue] FROM [rpt].[DailyReports] WHERE [report_date] > @bound
GO
-- partitioned: select window capped
SELECT TOP (100) [report_date], [region], [revenue] FROM [rpt].[DailyReports] WHERE [report_date] >= @bound ORDER BY [report_date]
GO
-- partitioned: select in the target's collations
SELECT CAST([report_date] AS nvarchar(50)) COLLATE Latin1_General_100_CI_AS_SC_UTF8 AS [report_date], [region], [revenue] COLLATE French_CI_AS AS [revenue] FROM [rpt].[DailyReports] WHERE [report_date] > @bound ORDER BY [report_date], [region]
GO
-- partitioned: select max column through nvarchar(max)
SELECT TOP (10) CAST([report_date] AS nvarchar(max)) COLLATE Greek_CI_AS AS [report_date], [region], [revenue] FROM [rpt].[DailyReports] ORDER BY [report_date]
GO
-- partitioned: preview first page
SELECT TOP (@limit) [report_date], [region], [revenue] FROM [rpt].[DailyReports] ORDER BY [report_date], [region]
GO
-- partitioned: preview next page
SELECT TOP (@limit) [report_date], [region], [revenue] FROM [rpt].[DailyReports] WHERE ([report_date] > @k0) OR ([report_date] = @k0 AND [region] > @k1) ORDER BY [report_date], [region]
GO
-- partitioned: truncate
TRUNCATE TABLE [rpt].[DailyReports]
GO
-- partitioned: disable index
ALTER INDEX [ix report_date] ON [rpt].[DailyReports] DISABLE
GO
-- partitioned: rebuild index
ALTER INDEX [ix report_date] ON [rpt].[DailyReports] REBUILD
GO
-- partitioned: count locked
SELECT COUNT_BIG(*) FROM [rpt].[DailyReports] WITH (TABLOCKX, HOLDLOCK)
GO
-- partitioned: delete all
DELETE FROM [rpt].[DailyReports]
GO
-- partitioned: delete window
DELETE FROM [rpt].[DailyReports] WHERE [report_date] >= @bound
GO
-- partitioned: truncate keeping identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @next numeric(38,0) = CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END;
TRUNCATE TABLE [rpt].[DailyReports];
IF @next <> IDENT_SEED(@table)
BEGIN
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[rpt].[DailyReports]'', RESEED, ' + CONVERT(nvarchar(40), @next) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
END;
GO
-- partitioned: advance identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @edge numeric(38,0), @next numeric(38,0);
SELECT @edge = CONVERT(numeric(38,0), CASE WHEN @increment > 0 THEN MAX([report_date]) ELSE MIN([report_date]) END) FROM [rpt].[DailyReports];
SET @next = @edge + @increment;
IF SIGN(@increment) * (@next - CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END) > 0
BEGIN
    SET @edge = CASE WHEN @fresh = 1 THEN @next ELSE @edge END;
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[rpt].[DailyReports]'', RESEED, ' + CONVERT(nvarchar(40), @edge) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- partitioned: advance sequence
DECLARE @increment numeric(38,0), @current numeric(38,0), @minimum numeric(38,0), @maximum numeric(38,0), @next numeric(38,0);
SELECT @increment = CONVERT(numeric(38,0), s.increment), @current = CONVERT(numeric(38,0), s.current_value),
       @minimum = CONVERT(numeric(38,0), s.minimum_value), @maximum = CONVERT(numeric(38,0), s.maximum_value)
FROM sys.sequences AS s WHERE s.object_id = OBJECT_ID(@sequence);
SELECT @next = CASE WHEN @increment > 0 THEN MAX(u.hi) ELSE MIN(u.lo) END + @increment
FROM (SELECT CONVERT(numeric(38,0), CEILING(MAX([report_date]))) AS hi, CONVERT(numeric(38,0), FLOOR(MIN([report_date]))) AS lo FROM [rpt].[DailyReports]) AS u;
SET @next = CASE WHEN @next > @maximum THEN @maximum WHEN @next < @minimum THEN @minimum ELSE @next END;
IF SIGN(@increment) * (@next - @current) > 0
BEGIN
    DECLARE @restart nvarchar(max) = N'ALTER SEQUENCE [rpt].[DailyReports seq] RESTART WITH ' + CONVERT(nvarchar(40), @next);
    EXEC sys.sp_executesql @restart;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- partitioned: reseed, as sp_executesql runs it
DBCC CHECKIDENT (N'[rpt].[DailyReports]', RESEED, -9223372036854775808) WITH NO_INFOMSGS
GO
-- partitioned: restart sequence, as sp_executesql runs it
ALTER SEQUENCE [rpt].[DailyReports seq] RESTART WITH 12345678901234567890123456789012345678
GO
-- partitioned: nocheck
ALTER TABLE [rpt].[DailyReports] NOCHECK CONSTRAINT [FK_DailyReports_report_date]
GO
-- partitioned: recheck
ALTER TABLE [rpt].[DailyReports] WITH CHECK CHECK CONSTRAINT [FK_DailyReports_report_date]
GO
-- partitioned: re-enable untrusted
ALTER TABLE [rpt].[DailyReports] WITH NOCHECK CHECK CONSTRAINT [FK_DailyReports_report_date]
GO
-- partitioned: merge staging
SELECT TOP (0) [report_date], [region], [revenue] INTO [#datarefresh_merge_0123456789ab] FROM [rpt].[DailyReports]
GO
-- partitioned: merge blocking rows
SELECT COUNT_BIG(*) FROM [rpt].[DailyReports] AS c WHERE EXISTS (SELECT 1 FROM [rpt].[DailyReports] AS t WHERE c.[report_date] = t.[report_date] AND NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[report_date] = s.[report_date] AND t.[region] = s.[region]))
GO
-- partitioned: merge delete
DELETE t FROM [rpt].[DailyReports] AS t WHERE NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[report_date] = s.[report_date] AND t.[region] = s.[region]); SELECT ROWCOUNT_BIG();
GO
-- partitioned: merge update
UPDATE t SET t.[revenue] = s.[revenue] FROM [rpt].[DailyReports] AS t INNER JOIN [#datarefresh_merge_0123456789ab] AS s ON t.[report_date] = s.[report_date] AND t.[region] = s.[region] WHERE EXISTS (SELECT CAST(CAST(t.[revenue] AS nvarchar(max)) AS varbinary(max)) EXCEPT SELECT CAST(CAST(s.[revenue] AS nvarchar(max)) AS varbinary(max))); SELECT ROWCOUNT_BIG();
GO
-- partitioned: merge insert
INSERT INTO [rpt].[DailyReports] ([report_date], [region], [revenue]) SELECT s.[report_date], s.[region], s.[revenue] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [rpt].[DailyReports] AS t WHERE t.[report_date] = s.[report_date] AND t.[region] = s.[region]); SELECT ROWCOUNT_BIG();
GO
-- partitioned: merge insert keeping identity
DECLARE @rows bigint;
SET IDENTITY_INSERT [rpt].[DailyReports] ON;
BEGIN TRY
    INSERT INTO [rpt].[DailyReports] ([report_date], [region], [revenue]) SELECT s.[report_date], s.[region], s.[revenue] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [rpt].[DailyReports] AS t WHERE t.[report_date] = s.[report_date] AND t.[region] = s.[region]);
    SET @rows = ROWCOUNT_BIG();
END TRY
BEGIN CATCH
    SET IDENTITY_INSERT [rpt].[DailyReports] OFF;
    THROW;
END CATCH;
SET IDENTITY_INSERT [rpt].[DailyReports] OFF;
SELECT @rows;
GO
-- partitioned: disable trigger
DISABLE TRIGGER [rpt].[trg_partitioned] ON [rpt].[DailyReports]
GO
-- partitioned: enable trigger
ENABLE TRIGGER [rpt].[trg_partitioned] ON [rpt].[DailyReports]
GO
-- partitioned: history create
CREATE TABLE [rpt].[DailyReports] (
    entry_id nvarchar(400) NOT NULL PRIMARY KEY,
    run_id nvarchar(400) NOT NULL,
    table_name nvarchar(400) NOT NULL,
    attempt integer NOT NULL,
    sync_mode nvarchar(400) NOT NULL,
    action nvarchar(400) NOT NULL,
    status nvarchar(400) NOT NULL,
    started_at datetime2(7) NOT NULL,
    ended_at datetime2(7) NULL,
    rows_copied bigint NOT NULL,
    rows_deleted bigint NOT NULL,
    watermark_before nvarchar(max) NULL,
    watermark_after nvarchar(max) NULL,
    error nvarchar(max) NULL,
    os_user nvarchar(400) NOT NULL,
    db_login nvarchar(400) NOT NULL,
    host nvarchar(400) NOT NULL,
    process_id integer NOT NULL,
    module_version nvarchar(400) NOT NULL,
    rows_inserted bigint NULL,
    rows_updated bigint NULL,
    verify_status nvarchar(400) NULL,
    verify_detail nvarchar(max) NULL,
    masked_columns nvarchar(max) NULL
)
GO
-- partitioned: history insert
INSERT INTO [rpt].[DailyReports] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version, @rows_inserted, @rows_updated, @verify_status, @verify_detail, @masked_columns)
GO
-- partitioned: history finish
UPDATE [rpt].[DailyReports] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, rows_inserted = @rows_inserted, rows_updated = @rows_updated, verify_status = @verify_status, verify_detail = @verify_detail, masked_columns = @masked_columns, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- partitioned: history insert, table from an earlier version
INSERT INTO [rpt].[DailyReports] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version)
GO
-- partitioned: history finish, table from an earlier version
UPDATE [rpt].[DailyReports] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- partitioned: history add column
ALTER TABLE [rpt].[DailyReports] ADD rows_updated bigint NULL
GO
-- partitioned: history abandon
UPDATE [rpt].[DailyReports] SET status = @status, error = @error WHERE entry_id = @entry_id AND status = 'Running'
GO
-- partitioned: history select
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [rpt].[DailyReports] WHERE status = @status AND started_at >= @since AND lower(table_name) IN (@t0, @t1) ORDER BY started_at DESC, entry_id
GO
-- partitioned: history select, table from an earlier version
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, NULL AS rows_inserted, NULL AS rows_updated, NULL AS verify_status, NULL AS verify_detail, NULL AS masked_columns FROM [rpt].[DailyReports] WHERE status = @status ORDER BY started_at DESC, entry_id
GO
-- partitioned: history select newest
SELECT TOP (@last) entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [rpt].[DailyReports] WHERE status = @status AND lower(table_name) IN (@t0) ORDER BY started_at DESC, entry_id
GO
-- partitioned: history last per table
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [rpt].[DailyReports] WHERE entry_id IN (SELECT (SELECT TOP (1) x.entry_id FROM [rpt].[DailyReports] x WHERE x.table_name = n.name ORDER BY x.started_at DESC, x.entry_id) FROM (SELECT @t0 AS name UNION ALL SELECT @t1 AS name) n) ORDER BY started_at DESC, entry_id
GO
-- partitioned: history index DailyReports_started_ix
CREATE INDEX [DailyReports_started_ix] ON [rpt].[DailyReports] (started_at DESC, entry_id)
GO
-- partitioned: history index DailyReports_status_ix
CREATE INDEX [DailyReports_status_ix] ON [rpt].[DailyReports] (status, started_at DESC, entry_id)
GO
-- partitioned: history index DailyReports_table_ix
CREATE INDEX [DailyReports_table_ix] ON [rpt].[DailyReports] (table_name, started_at DESC, entry_id)
GO
-- close bracket: max
SELECT MAX([col]]umn]) FROM [dbo].[Weird]]Name]
GO
-- close bracket: has rows
SELECT CAST(CASE WHEN EXISTS (SELECT 1 FROM [dbo].[Weird]]Name]) THEN 1 ELSE 0 END AS bit)
GO
-- close bracket: count
SELECT COUNT_BIG(*) FROM [dbo].[Weird]]Name]
GO
-- close bracket: count filtered
SELECT COUNT_BIG(*) FROM [dbo].[Weird]]Name] WHERE [col]]umn] > @bound
GO
-- close bracket: select all
SELECT [col]]umn], [x] FROM [dbo].[Weird]]Name]
GO
-- close bracket: select clustered order
SELECT [col]]umn], [x] FROM [dbo].[Weird]]Name] ORDER BY [col]]umn]
GO
-- close bracket: select incremental
SELECT [col]]umn], [x] FROM [dbo].[Weird]]Name] WHERE [col]]umn] > @bound
GO
-- close bracket: select window capped
SELECT TOP (100) [col]]umn], [x] FROM [dbo].[Weird]]Name] WHERE [col]]umn] >= @bound ORDER BY [col]]umn]
GO
-- close bracket: select in the target's collations
SELECT CAST([col]]umn] AS nvarchar(50)) COLLATE Latin1_General_100_CI_AS_SC_UTF8 AS [col]]umn], [x] COLLATE French_CI_AS AS [x] FROM [dbo].[Weird]]Name] WHERE [col]]umn] > @bound ORDER BY [col]]umn]
GO
-- close bracket: select max column through nvarchar(max)
SELECT TOP (10) CAST([col]]umn] AS nvarchar(max)) COLLATE Greek_CI_AS AS [col]]umn], [x] FROM [dbo].[Weird]]Name] ORDER BY [col]]umn]
GO
-- close bracket: preview first page
SELECT TOP (@limit) [col]]umn], [x] FROM [dbo].[Weird]]Name] ORDER BY [col]]umn]
GO
-- close bracket: preview next page
SELECT TOP (@limit) [col]]umn], [x] FROM [dbo].[Weird]]Name] WHERE ([col]]umn] > @k0) ORDER BY [col]]umn]
GO
-- close bracket: truncate
TRUNCATE TABLE [dbo].[Weird]]Name]
GO
-- close bracket: disable index
ALTER INDEX [ix col]]umn] ON [dbo].[Weird]]Name] DISABLE
GO
-- close bracket: rebuild index
ALTER INDEX [ix col]]umn] ON [dbo].[Weird]]Name] REBUILD
GO
-- close bracket: count locked
SELECT COUNT_BIG(*) FROM [dbo].[Weird]]Name] WITH (TABLOCKX, HOLDLOCK)
GO
-- close bracket: delete all
DELETE FROM [dbo].[Weird]]Name]
GO
-- close bracket: delete window
DELETE FROM [dbo].[Weird]]Name] WHERE [col]]umn] >= @bound
GO
-- close bracket: truncate keeping identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @next numeric(38,0) = CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END;
TRUNCATE TABLE [dbo].[Weird]]Name];
IF @next <> IDENT_SEED(@table)
BEGIN
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[dbo].[Weird]]Name]'', RESEED, ' + CONVERT(nvarchar(40), @next) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
END;
GO
-- close bracket: advance identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @edge numeric(38,0), @next numeric(38,0);
SELECT @edge = CONVERT(numeric(38,0), CASE WHEN @increment > 0 THEN MAX([col]]umn]) ELSE MIN([col]]umn]) END) FROM [dbo].[Weird]]Name];
SET @next = @edge + @increment;
IF SIGN(@increment) * (@next - CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END) > 0
BEGIN
    SET @edge = CASE WHEN @fresh = 1 THEN @next ELSE @edge END;
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[dbo].[Weird]]Name]'', RESEED, ' + CONVERT(nvarchar(40), @edge) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- close bracket: advance sequence
DECLARE @increment numeric(38,0), @current numeric(38,0), @minimum numeric(38,0), @maximum numeric(38,0), @next numeric(38,0);
SELECT @increment = CONVERT(numeric(38,0), s.increment), @current = CONVERT(numeric(38,0), s.current_value),
       @minimum = CONVERT(numeric(38,0), s.minimum_value), @maximum = CONVERT(numeric(38,0), s.maximum_value)
FROM sys.sequences AS s WHERE s.object_id = OBJECT_ID(@sequence);
SELECT @next = CASE WHEN @increment > 0 THEN MAX(u.hi) ELSE MIN(u.lo) END + @increment
FROM (SELECT CONVERT(numeric(38,0), CEILING(MAX([col]]umn]))) AS hi, CONVERT(numeric(38,0), FLOOR(MIN([col]]umn]))) AS lo FROM [dbo].[Weird]]Name]) AS u;
SET @next = CASE WHEN @next > @maximum THEN @maximum WHEN @next < @minimum THEN @minimum ELSE @next END;
IF SIGN(@increment) * (@next - @current) > 0
BEGIN
    DECLARE @restart nvarchar(max) = N'ALTER SEQUENCE [dbo].[Weird]]Name seq] RESTART WITH ' + CONVERT(nvarchar(40), @next);
    EXEC sys.sp_executesql @restart;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- close bracket: reseed, as sp_executesql runs it
DBCC CHECKIDENT (N'[dbo].[Weird]]Name]', RESEED, -9223372036854775808) WITH NO_INFOMSGS
GO
-- close bracket: restart sequence, as sp_executesql runs it
ALTER SEQUENCE [dbo].[Weird]]Name seq] RESTART WITH 12345678901234567890123456789012345678
GO
-- close bracket: nocheck
ALTER TABLE [dbo].[Weird]]Name] NOCHECK CONSTRAINT [FK_Weird]]Name_col]]umn]
GO
-- close bracket: recheck
ALTER TABLE [dbo].[Weird]]Name] WITH CHECK CHECK CONSTRAINT [FK_Weird]]Name_col]]umn]
GO
-- close bracket: re-enable untrusted
ALTER TABLE [dbo].[Weird]]Name] WITH NOCHECK CHECK CONSTRAINT [FK_Weird]]Name_col]]umn]
GO
-- close bracket: merge staging
SELECT TOP (0) [col]]umn], [x] INTO [#datarefresh_merge_0123456789ab] FROM [dbo].[Weird]]Name]
GO
-- close bracket: merge blocking rows
SELECT COUNT_BIG(*) FROM [dbo].[Weird]]Name] AS c WHERE EXISTS (SELECT 1 FROM [dbo].[Weird]]Name] AS t WHERE c.[col]]umn] = t.[col]]umn] AND NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[col]]umn] = s.[col]]umn]))
GO
-- close bracket: merge delete
DELETE t FROM [dbo].[Weird]]Name] AS t WHERE NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[col]]umn] = s.[col]]umn]); SELECT ROWCOUNT_BIG();
GO
-- close bracket: merge update
UPDATE t SET t.[x] = s.[x] FROM [dbo].[Weird]]Name] AS t INNER JOIN [#datarefresh_merge_0123456789ab] AS s ON t.[col]]umn] = s.[col]]umn] WHERE EXISTS (SELECT CAST(t.[x] AS varbinary(max)), DATALENGTH(t.[x]) EXCEPT SELECT CAST(s.[x] AS varbinary(max)), DATALENGTH(s.[x])); SELECT ROWCOUNT_BIG();
GO
-- close bracket: merge insert
INSERT INTO [dbo].[Weird]]Name] ([col]]umn], [x]) SELECT s.[col]]umn], s.[x] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [dbo].[Weird]]Name] AS t WHERE t.[col]]umn] = s.[col]]umn]); SELECT ROWCOUNT_BIG();
GO
-- close bracket: merge insert keeping identity
DECLARE @rows bigint;
SET IDENTITY_INSERT [dbo].[Weird]]Name] ON;
BEGIN TRY
    INSERT INTO [dbo].[Weird]]Name] ([col]]umn], [x]) SELECT s.[col]]umn], s.[x] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [dbo].[Weird]]Name] AS t WHERE t.[col]]umn] = s.[col]]umn]);
    SET @rows = ROWCOUNT_BIG();
END TRY
BEGIN CATCH
    SET IDENTITY_INSERT [dbo].[Weird]]Name] OFF;
    THROW;
END CATCH;
SET IDENTITY_INSERT [dbo].[Weird]]Name] OFF;
SELECT @rows;
GO
-- close bracket: disable trigger
DISABLE TRIGGER [dbo].[trg_close_bracket] ON [dbo].[Weird]]Name]
GO
-- close bracket: enable trigger
ENABLE TRIGGER [dbo].[trg_close_bracket] ON [dbo].[Weird]]Name]
GO
-- close bracket: history create
CREATE TABLE [dbo].[Weird]]Name] (
    entry_id nvarchar(400) NOT NULL PRIMARY KEY,
    run_id nvarchar(400) NOT NULL,
    table_name nvarchar(400) NOT NULL,
    attempt integer NOT NULL,
    sync_mode nvarchar(400) NOT NULL,
    action nvarchar(400) NOT NULL,
    status nvarchar(400) NOT NULL,
    started_at datetime2(7) NOT NULL,
    ended_at datetime2(7) NULL,
    rows_copied bigint NOT NULL,
    rows_deleted bigint NOT NULL,
    watermark_before nvarchar(max) NULL,
    watermark_after nvarchar(max) NULL,
    error nvarchar(max) NULL,
    os_user nvarchar(400) NOT NULL,
    db_login nvarchar(400) NOT NULL,
    host nvarchar(400) NOT NULL,
    process_id integer NOT NULL,
    module_version nvarchar(400) NOT NULL,
    rows_inserted bigint NULL,
    rows_updated bigint NULL,
    verify_status nvarchar(400) NULL,
    verify_detail nvarchar(max) NULL,
    masked_columns nvarchar(max) NULL
)
GO
-- close bracket: history insert
INSERT INTO [dbo].[Weird]]Name] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version, @rows_inserted, @rows_updated, @verify_status, @verify_detail, @masked_columns)
GO
-- close bracket: history finish
UPDATE [dbo].[Weird]]Name] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, rows_inserted = @rows_inserted, rows_updated = @rows_updated, verify_status = @verify_status, verify_detail = @verify_detail, masked_columns = @masked_columns, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- close bracket: history insert, table from an earlier version
INSERT INTO [dbo].[Weird]]Name] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version)
GO
-- close bracket: history finish, table from an earlier version
UPDATE [dbo].[Weird]]Name] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- close bracket: history add column
ALTER TABLE [dbo].[Weird]]Name] ADD rows_updated bigint NULL
GO
-- close bracket: history abandon
UPDATE [dbo].[Weird]]Name] SET status = @status, error = @error WHERE entry_id = @entry_id AND status = 'Running'
GO
-- close bracket: history select
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [dbo].[Weird]]Name] WHERE status = @status AND started_at >= @since AND lower(table_name) IN (@t0, @t1) ORDER BY started_at DESC, entry_id
GO
-- close bracket: history select, table from an earlier version
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, NULL AS rows_inserted, NULL AS rows_updated, NULL AS verify_status, NULL AS verify_detail, NULL AS masked_columns FROM [dbo].[Weird]]Name] WHERE status = @status ORDER BY started_at DESC, entry_id
GO
-- close bracket: history select newest
SELECT TOP (@last) entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [dbo].[Weird]]Name] WHERE status = @status AND lower(table_name) IN (@t0) ORDER BY started_at DESC, entry_id
GO
-- close bracket: history last per table
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [dbo].[Weird]]Name] WHERE entry_id IN (SELECT (SELECT TOP (1) x.entry_id FROM [dbo].[Weird]]Name] x WHERE x.table_name = n.name ORDER BY x.started_at DESC, x.entry_id) FROM (SELECT @t0 AS name UNION ALL SELECT @t1 AS name) n) ORDER BY started_at DESC, entry_id
GO
-- close bracket: history index Weird]Name_started_ix
CREATE INDEX [Weird]]Name_started_ix] ON [dbo].[Weird]]Name] (started_at DESC, entry_id)
GO
-- close bracket: history index Weird]Name_status_ix
CREATE INDEX [Weird]]Name_status_ix] ON [dbo].[Weird]]Name] (status, started_at DESC, entry_id)
GO
-- close bracket: history index Weird]Name_table_ix
CREATE INDEX [Weird]]Name_table_ix] ON [dbo].[Weird]]Name] (table_name, started_at DESC, entry_id)
GO
-- open bracket: max
SELECT MAX([[a]) FROM [dbo].[[Bracketed]
GO
-- open bracket: has rows
SELECT CAST(CASE WHEN EXISTS (SELECT 1 FROM [dbo].[[Bracketed]) THEN 1 ELSE 0 END AS bit)
GO
-- open bracket: count
SELECT COUNT_BIG(*) FROM [dbo].[[Bracketed]
GO
-- open bracket: count filtered
SELECT COUNT_BIG(*) FROM [dbo].[[Bracketed] WHERE [[a] > @bound
GO
-- open bracket: select all
SELECT [[a], [b[] FROM [dbo].[[Bracketed]
GO
-- open bracket: select clustered order
SELECT [[a], [b[] FROM [dbo].[[Bracketed] ORDER BY [[a]
GO
-- open bracket: select incremental
SELECT [[a], [b[] FROM [dbo].[[Bracketed] WHERE [[a] > @bound
GO
-- open bracket: select window capped
SELECT TOP (100) [[a], [b[] FROM [dbo].[[Bracketed] WHERE [[a] >= @bound ORDER BY [[a]
GO
-- open bracket: select in the target's collations
SELECT CAST([[a] AS nvarchar(50)) COLLATE Latin1_General_100_CI_AS_SC_UTF8 AS [[a], [b[] COLLATE French_CI_AS AS [b[] FROM [dbo].[[Bracketed] WHERE [[a] > @bound ORDER BY [[a]
GO
-- open bracket: select max column through nvarchar(max)
SELECT TOP (10) CAST([[a] AS nvarchar(max)) COLLATE Greek_CI_AS AS [[a], [b[] FROM [dbo].[[Bracketed] ORDER BY [[a]
GO
-- open bracket: preview first page
SELECT TOP (@limit) [[a], [b[] FROM [dbo].[[Bracketed] ORDER BY [[a]
GO
-- open bracket: preview next page
SELECT TOP (@limit) [[a], [b[] FROM [dbo].[[Bracketed] WHERE ([[a] > @k0) ORDER BY [[a]
GO
-- open bracket: truncate
TRUNCATE TABLE [dbo].[[Bracketed]
GO
-- open bracket: disable index
ALTER INDEX [ix [a] ON [dbo].[[Bracketed] DISABLE
GO
-- open bracket: rebuild index
ALTER INDEX [ix [a] ON [dbo].[[Bracketed] REBUILD
GO
-- open bracket: count locked
SELECT COUNT_BIG(*) FROM [dbo].[[Bracketed] WITH (TABLOCKX, HOLDLOCK)
GO
-- open bracket: delete all
DELETE FROM [dbo].[[Bracketed]
GO
-- open bracket: delete window
DELETE FROM [dbo].[[Bracketed] WHERE [[a] >= @bound
GO
-- open bracket: truncate keeping identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @next numeric(38,0) = CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END;
TRUNCATE TABLE [dbo].[[Bracketed];
IF @next <> IDENT_SEED(@table)
BEGIN
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[dbo].[[Bracketed]'', RESEED, ' + CONVERT(nvarchar(40), @next) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
END;
GO
-- open bracket: advance identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @edge numeric(38,0), @next numeric(38,0);
SELECT @edge = CONVERT(numeric(38,0), CASE WHEN @increment > 0 THEN MAX([[a]) ELSE MIN([[a]) END) FROM [dbo].[[Bracketed];
SET @next = @edge + @increment;
IF SIGN(@increment) * (@next - CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END) > 0
BEGIN
    SET @edge = CASE WHEN @fresh = 1 THEN @next ELSE @edge END;
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[dbo].[[Bracketed]'', RESEED, ' + CONVERT(nvarchar(40), @edge) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- open bracket: advance sequence
DECLARE @increment numeric(38,0), @current numeric(38,0), @minimum numeric(38,0), @maximum numeric(38,0), @next numeric(38,0);
SELECT @increment = CONVERT(numeric(38,0), s.increment), @current = CONVERT(numeric(38,0), s.current_value),
       @minimum = CONVERT(numeric(38,0), s.minimum_value), @maximum = CONVERT(numeric(38,0), s.maximum_value)
FROM sys.sequences AS s WHERE s.object_id = OBJECT_ID(@sequence);
SELECT @next = CASE WHEN @increment > 0 THEN MAX(u.hi) ELSE MIN(u.lo) END + @increment
FROM (SELECT CONVERT(numeric(38,0), CEILING(MAX([[a]))) AS hi, CONVERT(numeric(38,0), FLOOR(MIN([[a]))) AS lo FROM [dbo].[[Bracketed]) AS u;
SET @next = CASE WHEN @next > @maximum THEN @maximum WHEN @next < @minimum THEN @minimum ELSE @next END;
IF SIGN(@increment) * (@next - @current) > 0
BEGIN
    DECLARE @restart nvarchar(max) = N'ALTER SEQUENCE [dbo].[[Bracketed seq] RESTART WITH ' + CONVERT(nvarchar(40), @next);
    EXEC sys.sp_executesql @restart;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- open bracket: reseed, as sp_executesql runs it
DBCC CHECKIDENT (N'[dbo].[[Bracketed]', RESEED, -9223372036854775808) WITH NO_INFOMSGS
GO
-- open bracket: restart sequence, as sp_executesql runs it
ALTER SEQUENCE [dbo].[[Bracketed seq] RESTART WITH 12345678901234567890123456789012345678
GO
-- open bracket: nocheck
ALTER TABLE [dbo].[[Bracketed] NOCHECK CONSTRAINT [FK_[Bracketed_[a]
GO
-- open bracket: recheck
ALTER TABLE [dbo].[[Bracketed] WITH CHECK CHECK CONSTRAINT [FK_[Bracketed_[a]
GO
-- open bracket: re-enable untrusted
ALTER TABLE [dbo].[[Bracketed] WITH NOCHECK CHECK CONSTRAINT [FK_[Bracketed_[a]
GO
-- open bracket: merge staging
SELECT TOP (0) [[a], [b[] INTO [#datarefresh_merge_0123456789ab] FROM [dbo].[[Bracketed]
GO
-- open bracket: merge blocking rows
SELECT COUNT_BIG(*) FROM [dbo].[[Bracketed] AS c WHERE EXISTS (SELECT 1 FROM [dbo].[[Bracketed] AS t WHERE c.[[a] = t.[[a] AND NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[[a] = s.[[a]))
GO
-- open bracket: merge delete
DELETE t FROM [dbo].[[Bracketed] AS t WHERE NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[[a] = s.[[a]); SELECT ROWCOUNT_BIG();
GO
-- open bracket: merge update
UPDATE t SET t.[b[] = s.[b[] FROM [dbo].[[Bracketed] AS t INNER JOIN [#datarefresh_merge_0123456789ab] AS s ON t.[[a] = s.[[a] WHERE EXISTS (SELECT t.[b[] EXCEPT SELECT s.[b[]); SELECT ROWCOUNT_BIG();
GO
-- open bracket: merge insert
INSERT INTO [dbo].[[Bracketed] ([[a], [b[]) SELECT s.[[a], s.[b[] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [dbo].[[Bracketed] AS t WHERE t.[[a] = s.[[a]); SELECT ROWCOUNT_BIG();
GO
-- open bracket: merge insert keeping identity
DECLARE @rows bigint;
SET IDENTITY_INSERT [dbo].[[Bracketed] ON;
BEGIN TRY
    INSERT INTO [dbo].[[Bracketed] ([[a], [b[]) SELECT s.[[a], s.[b[] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [dbo].[[Bracketed] AS t WHERE t.[[a] = s.[[a]);
    SET @rows = ROWCOUNT_BIG();
END TRY
BEGIN CATCH
    SET IDENTITY_INSERT [dbo].[[Bracketed] OFF;
    THROW;
END CATCH;
SET IDENTITY_INSERT [dbo].[[Bracketed] OFF;
SELECT @rows;
GO
-- open bracket: disable trigger
DISABLE TRIGGER [dbo].[trg_open_bracket] ON [dbo].[[Bracketed]
GO
-- open bracket: enable trigger
ENABLE TRIGGER [dbo].[trg_open_bracket] ON [dbo].[[Bracketed]
GO
-- open bracket: history create
CREATE TABLE [dbo].[[Bracketed] (
    entry_id nvarchar(400) NOT NULL PRIMARY KEY,
    run_id nvarchar(400) NOT NULL,
    table_name nvarchar(400) NOT NULL,
    attempt integer NOT NULL,
    sync_mode nvarchar(400) NOT NULL,
    action nvarchar(400) NOT NULL,
    status nvarchar(400) NOT NULL,
    started_at datetime2(7) NOT NULL,
    ended_at datetime2(7) NULL,
    rows_copied bigint NOT NULL,
    rows_deleted bigint NOT NULL,
    watermark_before nvarchar(max) NULL,
    watermark_after nvarchar(max) NULL,
    error nvarchar(max) NULL,
    os_user nvarchar(400) NOT NULL,
    db_login nvarchar(400) NOT NULL,
    host nvarchar(400) NOT NULL,
    process_id integer NOT NULL,
    module_version nvarchar(400) NOT NULL,
    rows_inserted bigint NULL,
    rows_updated bigint NULL,
    verify_status nvarchar(400) NULL,
    verify_detail nvarchar(max) NULL,
    masked_columns nvarchar(max) NULL
)
GO
-- open bracket: history insert
INSERT INTO [dbo].[[Bracketed] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version, @rows_inserted, @rows_updated, @verify_status, @verify_detail, @masked_columns)
GO
-- open bracket: history finish
UPDATE [dbo].[[Bracketed] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, rows_inserted = @rows_inserted, rows_updated = @rows_updated, verify_status = @verify_status, verify_detail = @verify_detail, masked_columns = @masked_columns, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- open bracket: history insert, table from an earlier version
INSERT INTO [dbo].[[Bracketed] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version)
GO
-- open bracket: history finish, table from an earlier version
UPDATE [dbo].[[Bracketed] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- open bracket: history add column
ALTER TABLE [dbo].[[Bracketed] ADD rows_updated bigint NULL
GO
-- open bracket: history abandon
UPDATE [dbo].[[Bracketed] SET status = @status, error = @error WHERE entry_id = @entry_id AND status = 'Running'
GO
-- open bracket: history select
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [dbo].[[Bracketed] WHERE status = @status AND started_at >= @since AND lower(table_name) IN (@t0, @t1) ORDER BY started_at DESC, entry_id
GO
-- open bracket: history select, table from an earlier version
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, NULL AS rows_inserted, NULL AS rows_updated, NULL AS verify_status, NULL AS verify_detail, NULL AS masked_columns FROM [dbo].[[Bracketed] WHERE status = @status ORDER BY started_at DESC, entry_id
GO
-- open bracket: history select newest
SELECT TOP (@last) entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [dbo].[[Bracketed] WHERE status = @status AND lower(table_name) IN (@t0) ORDER BY started_at DESC, entry_id
GO
-- open bracket: history last per table
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [dbo].[[Bracketed] WHERE entry_id IN (SELECT (SELECT TOP (1) x.entry_id FROM [dbo].[[Bracketed] x WHERE x.table_name = n.name ORDER BY x.started_at DESC, x.entry_id) FROM (SELECT @t0 AS name UNION ALL SELECT @t1 AS name) n) ORDER BY started_at DESC, entry_id
GO
-- open bracket: history index [Bracketed_started_ix
CREATE INDEX [[Bracketed_started_ix] ON [dbo].[[Bracketed] (started_at DESC, entry_id)
GO
-- open bracket: history index [Bracketed_status_ix
CREATE INDEX [[Bracketed_status_ix] ON [dbo].[[Bracketed] (status, started_at DESC, entry_id)
GO
-- open bracket: history index [Bracketed_table_ix
CREATE INDEX [[Bracketed_table_ix] ON [dbo].[[Bracketed] (table_name, started_at DESC, entry_id)
GO
-- quote: max
SELECT MAX([Customer's Name]) FROM [O'Brien].[It's]
GO
-- quote: has rows
SELECT CAST(CASE WHEN EXISTS (SELECT 1 FROM [O'Brien].[It's]) THEN 1 ELSE 0 END AS bit)
GO
-- quote: count
SELECT COUNT_BIG(*) FROM [O'Brien].[It's]
GO
-- quote: count filtered
SELECT COUNT_BIG(*) FROM [O'Brien].[It's] WHERE [Customer's Name] > @bound
GO
-- quote: select all
SELECT [Customer's Name], [id] FROM [O'Brien].[It's]
GO
-- quote: select clustered order
SELECT [Customer's Name], [id] FROM [O'Brien].[It's] ORDER BY [id]
GO
-- quote: select incremental
SELECT [Customer's Name], [id] FROM [O'Brien].[It's] WHERE [Customer's Name] > @bound
GO
-- quote: select window capped
SELECT TOP (100) [Customer's Name], [id] FROM [O'Brien].[It's] WHERE [Customer's Name] >= @bound ORDER BY [Customer's Name]
GO
-- quote: select in the target's collations
SELECT CAST([Customer's Name] AS nvarchar(50)) COLLATE Latin1_General_100_CI_AS_SC_UTF8 AS [Customer's Name], [id] COLLATE French_CI_AS AS [id] FROM [O'Brien].[It's] WHERE [Customer's Name] > @bound ORDER BY [id]
GO
-- quote: select max column through nvarchar(max)
SELECT TOP (10) CAST([Customer's Name] AS nvarchar(max)) COLLATE Greek_CI_AS AS [Customer's Name], [id] FROM [O'Brien].[It's] ORDER BY [Customer's Name]
GO
-- quote: preview first page
SELECT TOP (@limit) [Customer's Name], [id] FROM [O'Brien].[It's] ORDER BY [id]
GO
-- quote: preview next page
SELECT TOP (@limit) [Customer's Name], [id] FROM [O'Brien].[It's] WHERE ([id] > @k0) ORDER BY [id]
GO
-- quote: truncate
TRUNCATE TABLE [O'Brien].[It's]
GO
-- quote: disable index
ALTER INDEX [ix Customer's Name] ON [O'Brien].[It's] DISABLE
GO
-- quote: rebuild index
ALTER INDEX [ix Customer's Name] ON [O'Brien].[It's] REBUILD
GO
-- quote: count locked
SELECT COUNT_BIG(*) FROM [O'Brien].[It's] WITH (TABLOCKX, HOLDLOCK)
GO
-- quote: delete all
DELETE FROM [O'Brien].[It's]
GO
-- quote: delete window
DELETE FROM [O'Brien].[It's] WHERE [Customer's Name] >= @bound
GO
-- quote: truncate keeping identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @next numeric(38,0) = CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END;
TRUNCATE TABLE [O'Brien].[It's];
IF @next <> IDENT_SEED(@table)
BEGIN
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[O''''Brien].[It''''s]'', RESEED, ' + CONVERT(nvarchar(40), @next) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
END;
GO
-- quote: advance identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @edge numeric(38,0), @next numeric(38,0);
SELECT @edge = CONVERT(numeric(38,0), CASE WHEN @increment > 0 THEN MAX([Customer's Name]) ELSE MIN([Customer's Name]) END) FROM [O'Brien].[It's];
SET @next = @edge + @increment;
IF SIGN(@increment) * (@next - CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END) > 0
BEGIN
    SET @edge = CASE WHEN @fresh = 1 THEN @next ELSE @edge END;
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[O''''Brien].[It''''s]'', RESEED, ' + CONVERT(nvarchar(40), @edge) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- quote: advance sequence
DECLARE @increment numeric(38,0), @current numeric(38,0), @minimum numeric(38,0), @maximum numeric(38,0), @next numeric(38,0);
SELECT @increment = CONVERT(numeric(38,0), s.increment), @current = CONVERT(numeric(38,0), s.current_value),
       @minimum = CONVERT(numeric(38,0), s.minimum_value), @maximum = CONVERT(numeric(38,0), s.maximum_value)
FROM sys.sequences AS s WHERE s.object_id = OBJECT_ID(@sequence);
SELECT @next = CASE WHEN @increment > 0 THEN MAX(u.hi) ELSE MIN(u.lo) END + @increment
FROM (SELECT CONVERT(numeric(38,0), CEILING(MAX([Customer's Name]))) AS hi, CONVERT(numeric(38,0), FLOOR(MIN([Customer's Name]))) AS lo FROM [O'Brien].[It's]) AS u;
SET @next = CASE WHEN @next > @maximum THEN @maximum WHEN @next < @minimum THEN @minimum ELSE @next END;
IF SIGN(@increment) * (@next - @current) > 0
BEGIN
    DECLARE @restart nvarchar(max) = N'ALTER SEQUENCE [O''Brien].[It''s seq] RESTART WITH ' + CONVERT(nvarchar(40), @next);
    EXEC sys.sp_executesql @restart;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- quote: reseed, as sp_executesql runs it
DBCC CHECKIDENT (N'[O''Brien].[It''s]', RESEED, -9223372036854775808) WITH NO_INFOMSGS
GO
-- quote: restart sequence, as sp_executesql runs it
ALTER SEQUENCE [O'Brien].[It's seq] RESTART WITH 12345678901234567890123456789012345678
GO
-- quote: nocheck
ALTER TABLE [O'Brien].[It's] NOCHECK CONSTRAINT [FK_It's_Customer's Name]
GO
-- quote: recheck
ALTER TABLE [O'Brien].[It's] WITH CHECK CHECK CONSTRAINT [FK_It's_Customer's Name]
GO
-- quote: re-enable untrusted
ALTER TABLE [O'Brien].[It's] WITH NOCHECK CHECK CONSTRAINT [FK_It's_Customer's Name]
GO
-- quote: merge staging
SELECT TOP (0) [Customer's Name], [id] INTO [#datarefresh_merge_0123456789ab] FROM [O'Brien].[It's]
GO
-- quote: merge blocking rows
SELECT COUNT_BIG(*) FROM [O'Brien].[It's] AS c WHERE EXISTS (SELECT 1 FROM [O'Brien].[It's] AS t WHERE c.[Customer's Name] = t.[id] AND NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[id] = s.[id]))
GO
-- quote: merge delete
DELETE t FROM [O'Brien].[It's] AS t WHERE NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[id] = s.[id]); SELECT ROWCOUNT_BIG();
GO
-- quote: merge update
UPDATE t SET t.[Customer's Name] = s.[Customer's Name] FROM [O'Brien].[It's] AS t INNER JOIN [#datarefresh_merge_0123456789ab] AS s ON t.[id] = s.[id] WHERE EXISTS (SELECT t.[Customer's Name], CAST(SQL_VARIANT_PROPERTY(t.[Customer's Name], 'BaseType') AS nvarchar(128)) EXCEPT SELECT s.[Customer's Name], CAST(SQL_VARIANT_PROPERTY(s.[Customer's Name], 'BaseType') AS nvarchar(128))); SELECT ROWCOUNT_BIG();
GO
-- quote: merge insert
INSERT INTO [O'Brien].[It's] ([Customer's Name], [id]) SELECT s.[Customer's Name], s.[id] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [O'Brien].[It's] AS t WHERE t.[id] = s.[id]); SELECT ROWCOUNT_BIG();
GO
-- quote: merge insert keeping identity
DECLARE @rows bigint;
SET IDENTITY_INSERT [O'Brien].[It's] ON;
BEGIN TRY
    INSERT INTO [O'Brien].[It's] ([Customer's Name], [id]) SELECT s.[Customer's Name], s.[id] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [O'Brien].[It's] AS t WHERE t.[id] = s.[id]);
    SET @rows = ROWCOUNT_BIG();
END TRY
BEGIN CATCH
    SET IDENTITY_INSERT [O'Brien].[It's] OFF;
    THROW;
END CATCH;
SET IDENTITY_INSERT [O'Brien].[It's] OFF;
SELECT @rows;
GO
-- quote: disable trigger
DISABLE TRIGGER [O'Brien].[trg_quote] ON [O'Brien].[It's]
GO
-- quote: enable trigger
ENABLE TRIGGER [O'Brien].[trg_quote] ON [O'Brien].[It's]
GO
-- quote: history create
CREATE TABLE [O'Brien].[It's] (
    entry_id nvarchar(400) NOT NULL PRIMARY KEY,
    run_id nvarchar(400) NOT NULL,
    table_name nvarchar(400) NOT NULL,
    attempt integer NOT NULL,
    sync_mode nvarchar(400) NOT NULL,
    action nvarchar(400) NOT NULL,
    status nvarchar(400) NOT NULL,
    started_at datetime2(7) NOT NULL,
    ended_at datetime2(7) NULL,
    rows_copied bigint NOT NULL,
    rows_deleted bigint NOT NULL,
    watermark_before nvarchar(max) NULL,
    watermark_after nvarchar(max) NULL,
    error nvarchar(max) NULL,
    os_user nvarchar(400) NOT NULL,
    db_login nvarchar(400) NOT NULL,
    host nvarchar(400) NOT NULL,
    process_id integer NOT NULL,
    module_version nvarchar(400) NOT NULL,
    rows_inserted bigint NULL,
    rows_updated bigint NULL,
    verify_status nvarchar(400) NULL,
    verify_detail nvarchar(max) NULL,
    masked_columns nvarchar(max) NULL
)
GO
-- quote: history insert
INSERT INTO [O'Brien].[It's] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version, @rows_inserted, @rows_updated, @verify_status, @verify_detail, @masked_columns)
GO
-- quote: history finish
UPDATE [O'Brien].[It's] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, rows_inserted = @rows_inserted, rows_updated = @rows_updated, verify_status = @verify_status, verify_detail = @verify_detail, masked_columns = @masked_columns, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- quote: history insert, table from an earlier version
INSERT INTO [O'Brien].[It's] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version)
GO
-- quote: history finish, table from an earlier version
UPDATE [O'Brien].[It's] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- quote: history add column
ALTER TABLE [O'Brien].[It's] ADD rows_updated bigint NULL
GO
-- quote: history abandon
UPDATE [O'Brien].[It's] SET status = @status, error = @error WHERE entry_id = @entry_id AND status = 'Running'
GO
-- quote: history select
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [O'Brien].[It's] WHERE status = @status AND started_at >= @since AND lower(table_name) IN (@t0, @t1) ORDER BY started_at DESC, entry_id
GO
-- quote: history select, table from an earlier version
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, NULL AS rows_inserted, NULL AS rows_updated, NULL AS verify_status, NULL AS verify_detail, NULL AS masked_columns FROM [O'Brien].[It's] WHERE status = @status ORDER BY started_at DESC, entry_id
GO
-- quote: history select newest
SELECT TOP (@last) entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [O'Brien].[It's] WHERE status = @status AND lower(table_name) IN (@t0) ORDER BY started_at DESC, entry_id
GO
-- quote: history last per table
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [O'Brien].[It's] WHERE entry_id IN (SELECT (SELECT TOP (1) x.entry_id FROM [O'Brien].[It's] x WHERE x.table_name = n.name ORDER BY x.started_at DESC, x.entry_id) FROM (SELECT @t0 AS name UNION ALL SELECT @t1 AS name) n) ORDER BY started_at DESC, entry_id
GO
-- quote: history index It's_started_ix
CREATE INDEX [It's_started_ix] ON [O'Brien].[It's] (started_at DESC, entry_id)
GO
-- quote: history index It's_status_ix
CREATE INDEX [It's_status_ix] ON [O'Brien].[It's] (status, started_at DESC, entry_id)
GO
-- quote: history index It's_table_ix
CREATE INDEX [It's_table_ix] ON [O'Brien].[It's] (table_name, started_at DESC, entry_id)
GO
-- semicolon: max
SELECT MAX([c;d]) FROM [dbo].[a;DROP TABLE x;--]
GO
-- semicolon: has rows
SELECT CAST(CASE WHEN EXISTS (SELECT 1 FROM [dbo].[a;DROP TABLE x;--]) THEN 1 ELSE 0 END AS bit)
GO
-- semicolon: count
SELECT COUNT_BIG(*) FROM [dbo].[a;DROP TABLE x;--]
GO
-- semicolon: count filtered
SELECT COUNT_BIG(*) FROM [dbo].[a;DROP TABLE x;--] WHERE [c;d] > @bound
GO
-- semicolon: select all
SELECT [c;d], [--e] FROM [dbo].[a;DROP TABLE x;--]
GO
-- semicolon: select clustered order
SELECT [c;d], [--e] FROM [dbo].[a;DROP TABLE x;--] ORDER BY [c;d]
GO
-- semicolon: select incremental
SELECT [c;d], [--e] FROM [dbo].[a;DROP TABLE x;--] WHERE [c;d] > @bound
GO
-- semicolon: select window capped
SELECT TOP (100) [c;d], [--e] FROM [dbo].[a;DROP TABLE x;--] WHERE [c;d] >= @bound ORDER BY [c;d]
GO
-- semicolon: select in the target's collations
SELECT CAST([c;d] AS nvarchar(50)) COLLATE Latin1_General_100_CI_AS_SC_UTF8 AS [c;d], [--e] COLLATE French_CI_AS AS [--e] FROM [dbo].[a;DROP TABLE x;--] WHERE [c;d] > @bound ORDER BY [c;d]
GO
-- semicolon: select max column through nvarchar(max)
SELECT TOP (10) CAST([c;d] AS nvarchar(max)) COLLATE Greek_CI_AS AS [c;d], [--e] FROM [dbo].[a;DROP TABLE x;--] ORDER BY [c;d]
GO
-- semicolon: preview first page
SELECT TOP (@limit) [c;d], [--e] FROM [dbo].[a;DROP TABLE x;--] ORDER BY [c;d]
GO
-- semicolon: preview next page
SELECT TOP (@limit) [c;d], [--e] FROM [dbo].[a;DROP TABLE x;--] WHERE ([c;d] > @k0) ORDER BY [c;d]
GO
-- semicolon: truncate
TRUNCATE TABLE [dbo].[a;DROP TABLE x;--]
GO
-- semicolon: disable index
ALTER INDEX [ix c;d] ON [dbo].[a;DROP TABLE x;--] DISABLE
GO
-- semicolon: rebuild index
ALTER INDEX [ix c;d] ON [dbo].[a;DROP TABLE x;--] REBUILD
GO
-- semicolon: count locked
SELECT COUNT_BIG(*) FROM [dbo].[a;DROP TABLE x;--] WITH (TABLOCKX, HOLDLOCK)
GO
-- semicolon: delete all
DELETE FROM [dbo].[a;DROP TABLE x;--]
GO
-- semicolon: delete window
DELETE FROM [dbo].[a;DROP TABLE x;--] WHERE [c;d] >= @bound
GO
-- semicolon: truncate keeping identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @next numeric(38,0) = CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END;
TRUNCATE TABLE [dbo].[a;DROP TABLE x;--];
IF @next <> IDENT_SEED(@table)
BEGIN
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[dbo].[a;DROP TABLE x;--]'', RESEED, ' + CONVERT(nvarchar(40), @next) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
END;
GO
-- semicolon: advance identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @edge numeric(38,0), @next numeric(38,0);
SELECT @edge = CONVERT(numeric(38,0), CASE WHEN @increment > 0 THEN MAX([c;d]) ELSE MIN([c;d]) END) FROM [dbo].[a;DROP TABLE x;--];
SET @next = @edge + @increment;
IF SIGN(@increment) * (@next - CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END) > 0
BEGIN
    SET @edge = CASE WHEN @fresh = 1 THEN @next ELSE @edge END;
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[dbo].[a;DROP TABLE x;--]'', RESEED, ' + CONVERT(nvarchar(40), @edge) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- semicolon: advance sequence
DECLARE @increment numeric(38,0), @current numeric(38,0), @minimum numeric(38,0), @maximum numeric(38,0), @next numeric(38,0);
SELECT @increment = CONVERT(numeric(38,0), s.increment), @current = CONVERT(numeric(38,0), s.current_value),
       @minimum = CONVERT(numeric(38,0), s.minimum_value), @maximum = CONVERT(numeric(38,0), s.maximum_value)
FROM sys.sequences AS s WHERE s.object_id = OBJECT_ID(@sequence);
SELECT @next = CASE WHEN @increment > 0 THEN MAX(u.hi) ELSE MIN(u.lo) END + @increment
FROM (SELECT CONVERT(numeric(38,0), CEILING(MAX([c;d]))) AS hi, CONVERT(numeric(38,0), FLOOR(MIN([c;d]))) AS lo FROM [dbo].[a;DROP TABLE x;--]) AS u;
SET @next = CASE WHEN @next > @maximum THEN @maximum WHEN @next < @minimum THEN @minimum ELSE @next END;
IF SIGN(@increment) * (@next - @current) > 0
BEGIN
    DECLARE @restart nvarchar(max) = N'ALTER SEQUENCE [dbo].[a;DROP TABLE x;-- seq] RESTART WITH ' + CONVERT(nvarchar(40), @next);
    EXEC sys.sp_executesql @restart;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- semicolon: reseed, as sp_executesql runs it
DBCC CHECKIDENT (N'[dbo].[a;DROP TABLE x;--]', RESEED, -9223372036854775808) WITH NO_INFOMSGS
GO
-- semicolon: restart sequence, as sp_executesql runs it
ALTER SEQUENCE [dbo].[a;DROP TABLE x;-- seq] RESTART WITH 12345678901234567890123456789012345678
GO
-- semicolon: nocheck
ALTER TABLE [dbo].[a;DROP TABLE x;--] NOCHECK CONSTRAINT [FK_a;DROP TABLE x;--_c;d]
GO
-- semicolon: recheck
ALTER TABLE [dbo].[a;DROP TABLE x;--] WITH CHECK CHECK CONSTRAINT [FK_a;DROP TABLE x;--_c;d]
GO
-- semicolon: re-enable untrusted
ALTER TABLE [dbo].[a;DROP TABLE x;--] WITH NOCHECK CHECK CONSTRAINT [FK_a;DROP TABLE x;--_c;d]
GO
-- semicolon: merge staging
SELECT TOP (0) [c;d], [--e] INTO [#datarefresh_merge_0123456789ab] FROM [dbo].[a;DROP TABLE x;--]
GO
-- semicolon: merge blocking rows
SELECT COUNT_BIG(*) FROM [dbo].[a;DROP TABLE x;--] AS c WHERE EXISTS (SELECT 1 FROM [dbo].[a;DROP TABLE x;--] AS t WHERE c.[c;d] = t.[c;d] AND NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[c;d] = s.[c;d]))
GO
-- semicolon: merge delete
DELETE t FROM [dbo].[a;DROP TABLE x;--] AS t WHERE NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[c;d] = s.[c;d]); SELECT ROWCOUNT_BIG();
GO
-- semicolon: merge update
UPDATE t SET t.[--e] = s.[--e] FROM [dbo].[a;DROP TABLE x;--] AS t INNER JOIN [#datarefresh_merge_0123456789ab] AS s ON t.[c;d] = s.[c;d] WHERE EXISTS (SELECT CAST(CAST(t.[--e] AS varchar(max)) AS varbinary(max)) EXCEPT SELECT CAST(CAST(s.[--e] AS varchar(max)) AS varbinary(max))); SELECT ROWCOUNT_BIG();
GO
-- semicolon: merge insert
INSERT INTO [dbo].[a;DROP TABLE x;--] ([c;d], [--e]) SELECT s.[c;d], s.[--e] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [dbo].[a;DROP TABLE x;--] AS t WHERE t.[c;d] = s.[c;d]); SELECT ROWCOUNT_BIG();
GO
-- semicolon: merge insert keeping identity
DECLARE @rows bigint;
SET IDENTITY_INSERT [dbo].[a;DROP TABLE x;--] ON;
BEGIN TRY
    INSERT INTO [dbo].[a;DROP TABLE x;--] ([c;d], [--e]) SELECT s.[c;d], s.[--e] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [dbo].[a;DROP TABLE x;--] AS t WHERE t.[c;d] = s.[c;d]);
    SET @rows = ROWCOUNT_BIG();
END TRY
BEGIN CATCH
    SET IDENTITY_INSERT [dbo].[a;DROP TABLE x;--] OFF;
    THROW;
END CATCH;
SET IDENTITY_INSERT [dbo].[a;DROP TABLE x;--] OFF;
SELECT @rows;
GO
-- semicolon: disable trigger
DISABLE TRIGGER [dbo].[trg_semicolon] ON [dbo].[a;DROP TABLE x;--]
GO
-- semicolon: enable trigger
ENABLE TRIGGER [dbo].[trg_semicolon] ON [dbo].[a;DROP TABLE x;--]
GO
-- semicolon: history create
CREATE TABLE [dbo].[a;DROP TABLE x;--] (
    entry_id nvarchar(400) NOT NULL PRIMARY KEY,
    run_id nvarchar(400) NOT NULL,
    table_name nvarchar(400) NOT NULL,
    attempt integer NOT NULL,
    sync_mode nvarchar(400) NOT NULL,
    action nvarchar(400) NOT NULL,
    status nvarchar(400) NOT NULL,
    started_at datetime2(7) NOT NULL,
    ended_at datetime2(7) NULL,
    rows_copied bigint NOT NULL,
    rows_deleted bigint NOT NULL,
    watermark_before nvarchar(max) NULL,
    watermark_after nvarchar(max) NULL,
    error nvarchar(max) NULL,
    os_user nvarchar(400) NOT NULL,
    db_login nvarchar(400) NOT NULL,
    host nvarchar(400) NOT NULL,
    process_id integer NOT NULL,
    module_version nvarchar(400) NOT NULL,
    rows_inserted bigint NULL,
    rows_updated bigint NULL,
    verify_status nvarchar(400) NULL,
    verify_detail nvarchar(max) NULL,
    masked_columns nvarchar(max) NULL
)
GO
-- semicolon: history insert
INSERT INTO [dbo].[a;DROP TABLE x;--] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version, @rows_inserted, @rows_updated, @verify_status, @verify_detail, @masked_columns)
GO
-- semicolon: history finish
UPDATE [dbo].[a;DROP TABLE x;--] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, rows_inserted = @rows_inserted, rows_updated = @rows_updated, verify_status = @verify_status, verify_detail = @verify_detail, masked_columns = @masked_columns, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- semicolon: history insert, table from an earlier version
INSERT INTO [dbo].[a;DROP TABLE x;--] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version)
GO
-- semicolon: history finish, table from an earlier version
UPDATE [dbo].[a;DROP TABLE x;--] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- semicolon: history add column
ALTER TABLE [dbo].[a;DROP TABLE x;--] ADD rows_updated bigint NULL
GO
-- semicolon: history abandon
UPDATE [dbo].[a;DROP TABLE x;--] SET status = @status, error = @error WHERE entry_id = @entry_id AND status = 'Running'
GO
-- semicolon: history select
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [dbo].[a;DROP TABLE x;--] WHERE status = @status AND started_at >= @since AND lower(table_name) IN (@t0, @t1) ORDER BY started_at DESC, entry_id
GO
-- semicolon: history select, table from an earlier version
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, NULL AS rows_inserted, NULL AS rows_updated, NULL AS verify_status, NULL AS verify_detail, NULL AS masked_columns FROM [dbo].[a;DROP TABLE x;--] WHERE status = @status ORDER BY started_at DESC, entry_id
GO
-- semicolon: history select newest
SELECT TOP (@last) entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [dbo].[a;DROP TABLE x;--] WHERE status = @status AND lower(table_name) IN (@t0) ORDER BY started_at DESC, entry_id
GO
-- semicolon: history last per table
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [dbo].[a;DROP TABLE x;--] WHERE entry_id IN (SELECT (SELECT TOP (1) x.entry_id FROM [dbo].[a;DROP TABLE x;--] x WHERE x.table_name = n.name ORDER BY x.started_at DESC, x.entry_id) FROM (SELECT @t0 AS name UNION ALL SELECT @t1 AS name) n) ORDER BY started_at DESC, entry_id
GO
-- semicolon: history index a;DROP TABLE x;--_started_ix
CREATE INDEX [a;DROP TABLE x;--_started_ix] ON [dbo].[a;DROP TABLE x;--] (started_at DESC, entry_id)
GO
-- semicolon: history index a;DROP TABLE x;--_status_ix
CREATE INDEX [a;DROP TABLE x;--_status_ix] ON [dbo].[a;DROP TABLE x;--] (status, started_at DESC, entry_id)
GO
-- semicolon: history index a;DROP TABLE x;--_table_ix
CREATE INDEX [a;DROP TABLE x;--_table_ix] ON [dbo].[a;DROP TABLE x;--] (table_name, started_at DESC, entry_id)
GO
-- spaces: max
SELECT MAX([Line No]) FROM [sales].[Order Lines]
GO
-- spaces: has rows
SELECT CAST(CASE WHEN EXISTS (SELECT 1 FROM [sales].[Order Lines]) THEN 1 ELSE 0 END AS bit)
GO
-- spaces: count
SELECT COUNT_BIG(*) FROM [sales].[Order Lines]
GO
-- spaces: count filtered
SELECT COUNT_BIG(*) FROM [sales].[Order Lines] WHERE [Line No] > @bound
GO
-- spaces: select all
SELECT [Line No], [Unit Price] FROM [sales].[Order Lines]
GO
-- spaces: select clustered order
SELECT [Line No], [Unit Price] FROM [sales].[Order Lines] ORDER BY [Line No]
GO
-- spaces: select incremental
SELECT [Line No], [Unit Price] FROM [sales].[Order Lines] WHERE [Line No] > @bound
GO
-- spaces: select window capped
SELECT TOP (100) [Line No], [Unit Price] FROM [sales].[Order Lines] WHERE [Line No] >= @bound ORDER BY [Line No]
GO
-- spaces: select in the target's collations
SELECT CAST([Line No] AS nvarchar(50)) COLLATE Latin1_General_100_CI_AS_SC_UTF8 AS [Line No], [Unit Price] COLLATE French_CI_AS AS [Unit Price] FROM [sales].[Order Lines] WHERE [Line No] > @bound ORDER BY [Line No]
GO
-- spaces: select max column through nvarchar(max)
SELECT TOP (10) CAST([Line No] AS nvarchar(max)) COLLATE Greek_CI_AS AS [Line No], [Unit Price] FROM [sales].[Order Lines] ORDER BY [Line No]
GO
-- spaces: preview first page
SELECT TOP (@limit) [Line No], [Unit Price] FROM [sales].[Order Lines] ORDER BY [Line No]
GO
-- spaces: preview next page
SELECT TOP (@limit) [Line No], [Unit Price] FROM [sales].[Order Lines] WHERE ([Line No] > @k0) ORDER BY [Line No]
GO
-- spaces: truncate
TRUNCATE TABLE [sales].[Order Lines]
GO
-- spaces: disable index
ALTER INDEX [ix Line No] ON [sales].[Order Lines] DISABLE
GO
-- spaces: rebuild index
ALTER INDEX [ix Line No] ON [sales].[Order Lines] REBUILD
GO
-- spaces: count locked
SELECT COUNT_BIG(*) FROM [sales].[Order Lines] WITH (TABLOCKX, HOLDLOCK)
GO
-- spaces: delete all
DELETE FROM [sales].[Order Lines]
GO
-- spaces: delete window
DELETE FROM [sales].[Order Lines] WHERE [Line No] >= @bound
GO
-- spaces: truncate keeping identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @next numeric(38,0) = CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END;
TRUNCATE TABLE [sales].[Order Lines];
IF @next <> IDENT_SEED(@table)
BEGIN
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[sales].[Order Lines]'', RESEED, ' + CONVERT(nvarchar(40), @next) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
END;
GO
-- spaces: advance identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @edge numeric(38,0), @next numeric(38,0);
SELECT @edge = CONVERT(numeric(38,0), CASE WHEN @increment > 0 THEN MAX([Line No]) ELSE MIN([Line No]) END) FROM [sales].[Order Lines];
SET @next = @edge + @increment;
IF SIGN(@increment) * (@next - CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END) > 0
BEGIN
    SET @edge = CASE WHEN @fresh = 1 THEN @next ELSE @edge END;
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[sales].[Order Lines]'', RESEED, ' + CONVERT(nvarchar(40), @edge) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- spaces: advance sequence
DECLARE @increment numeric(38,0), @current numeric(38,0), @minimum numeric(38,0), @maximum numeric(38,0), @next numeric(38,0);
SELECT @increment = CONVERT(numeric(38,0), s.increment), @current = CONVERT(numeric(38,0), s.current_value),
       @minimum = CONVERT(numeric(38,0), s.minimum_value), @maximum = CONVERT(numeric(38,0), s.maximum_value)
FROM sys.sequences AS s WHERE s.object_id = OBJECT_ID(@sequence);
SELECT @next = CASE WHEN @increment > 0 THEN MAX(u.hi) ELSE MIN(u.lo) END + @increment
FROM (SELECT CONVERT(numeric(38,0), CEILING(MAX([Line No]))) AS hi, CONVERT(numeric(38,0), FLOOR(MIN([Line No]))) AS lo FROM [sales].[Order Lines]) AS u;
SET @next = CASE WHEN @next > @maximum THEN @maximum WHEN @next < @minimum THEN @minimum ELSE @next END;
IF SIGN(@increment) * (@next - @current) > 0
BEGIN
    DECLARE @restart nvarchar(max) = N'ALTER SEQUENCE [sales].[Order Lines seq] RESTART WITH ' + CONVERT(nvarchar(40), @next);
    EXEC sys.sp_executesql @restart;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- spaces: reseed, as sp_executesql runs it
DBCC CHECKIDENT (N'[sales].[Order Lines]', RESEED, -9223372036854775808) WITH NO_INFOMSGS
GO
-- spaces: restart sequence, as sp_executesql runs it
ALTER SEQUENCE [sales].[Order Lines seq] RESTART WITH 12345678901234567890123456789012345678
GO
-- spaces: nocheck
ALTER TABLE [sales].[Order Lines] NOCHECK CONSTRAINT [FK_Order Lines_Line No]
GO
-- spaces: recheck
ALTER TABLE [sales].[Order Lines] WITH CHECK CHECK CONSTRAINT [FK_Order Lines_Line No]
GO
-- spaces: re-enable untrusted
ALTER TABLE [sales].[Order Lines] WITH NOCHECK CHECK CONSTRAINT [FK_Order Lines_Line No]
GO
-- spaces: merge staging
SELECT TOP (0) [Line No], [Unit Price] INTO [#datarefresh_merge_0123456789ab] FROM [sales].[Order Lines]
GO
-- spaces: merge blocking rows
SELECT COUNT_BIG(*) FROM [sales].[Order Lines] AS c WHERE EXISTS (SELECT 1 FROM [sales].[Order Lines] AS t WHERE c.[Line No] = t.[Line No] AND NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[Line No] = s.[Line No]))
GO
-- spaces: merge delete
DELETE t FROM [sales].[Order Lines] AS t WHERE NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[Line No] = s.[Line No]); SELECT ROWCOUNT_BIG();
GO
-- spaces: merge update
UPDATE t SET t.[Unit Price] = s.[Unit Price] FROM [sales].[Order Lines] AS t INNER JOIN [#datarefresh_merge_0123456789ab] AS s ON t.[Line No] = s.[Line No] WHERE EXISTS (SELECT CAST(t.[Unit Price] AS varbinary(max)), DATALENGTH(t.[Unit Price]) EXCEPT SELECT CAST(s.[Unit Price] AS varbinary(max)), DATALENGTH(s.[Unit Price])); SELECT ROWCOUNT_BIG();
GO
-- spaces: merge insert
INSERT INTO [sales].[Order Lines] ([Line No], [Unit Price]) SELECT s.[Line No], s.[Unit Price] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [sales].[Order Lines] AS t WHERE t.[Line No] = s.[Line No]); SELECT ROWCOUNT_BIG();
GO
-- spaces: merge insert keeping identity
DECLARE @rows bigint;
SET IDENTITY_INSERT [sales].[Order Lines] ON;
BEGIN TRY
    INSERT INTO [sales].[Order Lines] ([Line No], [Unit Price]) SELECT s.[Line No], s.[Unit Price] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [sales].[Order Lines] AS t WHERE t.[Line No] = s.[Line No]);
    SET @rows = ROWCOUNT_BIG();
END TRY
BEGIN CATCH
    SET IDENTITY_INSERT [sales].[Order Lines] OFF;
    THROW;
END CATCH;
SET IDENTITY_INSERT [sales].[Order Lines] OFF;
SELECT @rows;
GO
-- spaces: disable trigger
DISABLE TRIGGER [sales].[trg_spaces] ON [sales].[Order Lines]
GO
-- spaces: enable trigger
ENABLE TRIGGER [sales].[trg_spaces] ON [sales].[Order Lines]
GO
-- spaces: history create
CREATE TABLE [sales].[Order Lines] (
    entry_id nvarchar(400) NOT NULL PRIMARY KEY,
    run_id nvarchar(400) NOT NULL,
    table_name nvarchar(400) NOT NULL,
    attempt integer NOT NULL,
    sync_mode nvarchar(400) NOT NULL,
    action nvarchar(400) NOT NULL,
    status nvarchar(400) NOT NULL,
    started_at datetime2(7) NOT NULL,
    ended_at datetime2(7) NULL,
    rows_copied bigint NOT NULL,
    rows_deleted bigint NOT NULL,
    watermark_before nvarchar(max) NULL,
    watermark_after nvarchar(max) NULL,
    error nvarchar(max) NULL,
    os_user nvarchar(400) NOT NULL,
    db_login nvarchar(400) NOT NULL,
    host nvarchar(400) NOT NULL,
    process_id integer NOT NULL,
    module_version nvarchar(400) NOT NULL,
    rows_inserted bigint NULL,
    rows_updated bigint NULL,
    verify_status nvarchar(400) NULL,
    verify_detail nvarchar(max) NULL,
    masked_columns nvarchar(max) NULL
)
GO
-- spaces: history insert
INSERT INTO [sales].[Order Lines] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version, @rows_inserted, @rows_updated, @verify_status, @verify_detail, @masked_columns)
GO
-- spaces: history finish
UPDATE [sales].[Order Lines] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, rows_inserted = @rows_inserted, rows_updated = @rows_updated, verify_status = @verify_status, verify_detail = @verify_detail, masked_columns = @masked_columns, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- spaces: history insert, table from an earlier version
INSERT INTO [sales].[Order Lines] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version)
GO
-- spaces: history finish, table from an earlier version
UPDATE [sales].[Order Lines] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- spaces: history add column
ALTER TABLE [sales].[Order Lines] ADD rows_updated bigint NULL
GO
-- spaces: history abandon
UPDATE [sales].[Order Lines] SET status = @status, error = @error WHERE entry_id = @entry_id AND status = 'Running'
GO
-- spaces: history select
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [sales].[Order Lines] WHERE status = @status AND started_at >= @since AND lower(table_name) IN (@t0, @t1) ORDER BY started_at DESC, entry_id
GO
-- spaces: history select, table from an earlier version
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, NULL AS rows_inserted, NULL AS rows_updated, NULL AS verify_status, NULL AS verify_detail, NULL AS masked_columns FROM [sales].[Order Lines] WHERE status = @status ORDER BY started_at DESC, entry_id
GO
-- spaces: history select newest
SELECT TOP (@last) entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [sales].[Order Lines] WHERE status = @status AND lower(table_name) IN (@t0) ORDER BY started_at DESC, entry_id
GO
-- spaces: history last per table
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [sales].[Order Lines] WHERE entry_id IN (SELECT (SELECT TOP (1) x.entry_id FROM [sales].[Order Lines] x WHERE x.table_name = n.name ORDER BY x.started_at DESC, x.entry_id) FROM (SELECT @t0 AS name UNION ALL SELECT @t1 AS name) n) ORDER BY started_at DESC, entry_id
GO
-- spaces: history index Order Lines_started_ix
CREATE INDEX [Order Lines_started_ix] ON [sales].[Order Lines] (started_at DESC, entry_id)
GO
-- spaces: history index Order Lines_status_ix
CREATE INDEX [Order Lines_status_ix] ON [sales].[Order Lines] (status, started_at DESC, entry_id)
GO
-- spaces: history index Order Lines_table_ix
CREATE INDEX [Order Lines_table_ix] ON [sales].[Order Lines] (table_name, started_at DESC, entry_id)
GO
-- unicode: max
SELECT MAX([名前]) FROM [données].[Überstunden 日本]
GO
-- unicode: has rows
SELECT CAST(CASE WHEN EXISTS (SELECT 1 FROM [données].[Überstunden 日本]) THEN 1 ELSE 0 END AS bit)
GO
-- unicode: count
SELECT COUNT_BIG(*) FROM [données].[Überstunden 日本]
GO
-- unicode: count filtered
SELECT COUNT_BIG(*) FROM [données].[Überstunden 日本] WHERE [名前] > @bound
GO
-- unicode: select all
SELECT [名前], [ñandú], [emoji😀] FROM [données].[Überstunden 日本]
GO
-- unicode: select clustered order
SELECT [名前], [ñandú], [emoji😀] FROM [données].[Überstunden 日本] ORDER BY [名前]
GO
-- unicode: select incremental
SELECT [名前], [ñandú], [emoji😀] FROM [données].[Überstunden 日本] WHERE [名前] > @bound
GO
-- unicode: select window capped
SELECT TOP (100) [名前], [ñandú], [emoji😀] FROM [données].[Überstunden 日本] WHERE [名前] >= @bound ORDER BY [名前]
GO
-- unicode: select in the target's collations
SELECT CAST([名前] AS nvarchar(50)) COLLATE Latin1_General_100_CI_AS_SC_UTF8 AS [名前], [ñandú], [emoji😀] COLLATE French_CI_AS AS [emoji😀] FROM [données].[Überstunden 日本] WHERE [名前] > @bound ORDER BY [名前]
GO
-- unicode: select max column through nvarchar(max)
SELECT TOP (10) CAST([名前] AS nvarchar(max)) COLLATE Greek_CI_AS AS [名前], [ñandú], [emoji😀] FROM [données].[Überstunden 日本] ORDER BY [名前]
GO
-- unicode: preview first page
SELECT TOP (@limit) [名前], [ñandú], [emoji😀] FROM [données].[Überstunden 日本] ORDER BY [名前]
GO
-- unicode: preview next page
SELECT TOP (@limit) [名前], [ñandú], [emoji😀] FROM [données].[Überstunden 日本] WHERE ([名前] > @k0) ORDER BY [名前]
GO
-- unicode: truncate
TRUNCATE TABLE [données].[Überstunden 日本]
GO
-- unicode: disable index
ALTER INDEX [ix 名前] ON [données].[Überstunden 日本] DISABLE
GO
-- unicode: rebuild index
ALTER INDEX [ix 名前] ON [données].[Überstunden 日本] REBUILD
GO
-- unicode: count locked
SELECT COUNT_BIG(*) FROM [données].[Überstunden 日本] WITH (TABLOCKX, HOLDLOCK)
GO
-- unicode: delete all
DELETE FROM [données].[Überstunden 日本]
GO
-- unicode: delete window
DELETE FROM [données].[Überstunden 日本] WHERE [名前] >= @bound
GO
-- unicode: truncate keeping identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @next numeric(38,0) = CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END;
TRUNCATE TABLE [données].[Überstunden 日本];
IF @next <> IDENT_SEED(@table)
BEGIN
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[données].[Überstunden 日本]'', RESEED, ' + CONVERT(nvarchar(40), @next) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
END;
GO
-- unicode: advance identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @edge numeric(38,0), @next numeric(38,0);
SELECT @edge = CONVERT(numeric(38,0), CASE WHEN @increment > 0 THEN MAX([名前]) ELSE MIN([名前]) END) FROM [données].[Überstunden 日本];
SET @next = @edge + @increment;
IF SIGN(@increment) * (@next - CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END) > 0
BEGIN
    SET @edge = CASE WHEN @fresh = 1 THEN @next ELSE @edge END;
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[données].[Überstunden 日本]'', RESEED, ' + CONVERT(nvarchar(40), @edge) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- unicode: advance sequence
DECLARE @increment numeric(38,0), @current numeric(38,0), @minimum numeric(38,0), @maximum numeric(38,0), @next numeric(38,0);
SELECT @increment = CONVERT(numeric(38,0), s.increment), @current = CONVERT(numeric(38,0), s.current_value),
       @minimum = CONVERT(numeric(38,0), s.minimum_value), @maximum = CONVERT(numeric(38,0), s.maximum_value)
FROM sys.sequences AS s WHERE s.object_id = OBJECT_ID(@sequence);
SELECT @next = CASE WHEN @increment > 0 THEN MAX(u.hi) ELSE MIN(u.lo) END + @increment
FROM (SELECT CONVERT(numeric(38,0), CEILING(MAX([名前]))) AS hi, CONVERT(numeric(38,0), FLOOR(MIN([名前]))) AS lo FROM [données].[Überstunden 日本]) AS u;
SET @next = CASE WHEN @next > @maximum THEN @maximum WHEN @next < @minimum THEN @minimum ELSE @next END;
IF SIGN(@increment) * (@next - @current) > 0
BEGIN
    DECLARE @restart nvarchar(max) = N'ALTER SEQUENCE [données].[Überstunden 日本 seq] RESTART WITH ' + CONVERT(nvarchar(40), @next);
    EXEC sys.sp_executesql @restart;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- unicode: reseed, as sp_executesql runs it
DBCC CHECKIDENT (N'[données].[Überstunden 日本]', RESEED, -9223372036854775808) WITH NO_INFOMSGS
GO
-- unicode: restart sequence, as sp_executesql runs it
ALTER SEQUENCE [données].[Überstunden 日本 seq] RESTART WITH 12345678901234567890123456789012345678
GO
-- unicode: nocheck
ALTER TABLE [données].[Überstunden 日本] NOCHECK CONSTRAINT [FK_Überstunden 日本_名前]
GO
-- unicode: recheck
ALTER TABLE [données].[Überstunden 日本] WITH CHECK CHECK CONSTRAINT [FK_Überstunden 日本_名前]
GO
-- unicode: re-enable untrusted
ALTER TABLE [données].[Überstunden 日本] WITH NOCHECK CHECK CONSTRAINT [FK_Überstunden 日本_名前]
GO
-- unicode: merge staging
SELECT TOP (0) [名前], [ñandú], [emoji😀] INTO [#datarefresh_merge_0123456789ab] FROM [données].[Überstunden 日本]
GO
-- unicode: merge blocking rows
SELECT COUNT_BIG(*) FROM [données].[Überstunden 日本] AS c WHERE EXISTS (SELECT 1 FROM [données].[Überstunden 日本] AS t WHERE c.[名前] = t.[名前] AND NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[名前] = s.[名前]))
GO
-- unicode: merge delete
DELETE t FROM [données].[Überstunden 日本] AS t WHERE NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[名前] = s.[名前]); SELECT ROWCOUNT_BIG();
GO
-- unicode: merge update
UPDATE t SET t.[ñandú] = s.[ñandú], t.[emoji😀] = s.[emoji😀] FROM [données].[Überstunden 日本] AS t INNER JOIN [#datarefresh_merge_0123456789ab] AS s ON t.[名前] = s.[名前] WHERE EXISTS (SELECT CAST(t.[ñandú] AS varbinary(max)), CAST(CAST(t.[emoji😀] AS nvarchar(max)) AS varbinary(max)) EXCEPT SELECT CAST(s.[ñandú] AS varbinary(max)), CAST(CAST(s.[emoji😀] AS nvarchar(max)) AS varbinary(max))); SELECT ROWCOUNT_BIG();
GO
-- unicode: merge insert
INSERT INTO [données].[Überstunden 日本] ([名前], [ñandú], [emoji😀]) SELECT s.[名前], s.[ñandú], s.[emoji😀] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [données].[Überstunden 日本] AS t WHERE t.[名前] = s.[名前]); SELECT ROWCOUNT_BIG();
GO
-- unicode: merge insert keeping identity
DECLARE @rows bigint;
SET IDENTITY_INSERT [données].[Überstunden 日本] ON;
BEGIN TRY
    INSERT INTO [données].[Überstunden 日本] ([名前], [ñandú], [emoji😀]) SELECT s.[名前], s.[ñandú], s.[emoji😀] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [données].[Überstunden 日本] AS t WHERE t.[名前] = s.[名前]);
    SET @rows = ROWCOUNT_BIG();
END TRY
BEGIN CATCH
    SET IDENTITY_INSERT [données].[Überstunden 日本] OFF;
    THROW;
END CATCH;
SET IDENTITY_INSERT [données].[Überstunden 日本] OFF;
SELECT @rows;
GO
-- unicode: disable trigger
DISABLE TRIGGER [données].[trg_unicode] ON [données].[Überstunden 日本]
GO
-- unicode: enable trigger
ENABLE TRIGGER [données].[trg_unicode] ON [données].[Überstunden 日本]
GO
-- unicode: history create
CREATE TABLE [données].[Überstunden 日本] (
    entry_id nvarchar(400) NOT NULL PRIMARY KEY,
    run_id nvarchar(400) NOT NULL,
    table_name nvarchar(400) NOT NULL,
    attempt integer NOT NULL,
    sync_mode nvarchar(400) NOT NULL,
    action nvarchar(400) NOT NULL,
    status nvarchar(400) NOT NULL,
    started_at datetime2(7) NOT NULL,
    ended_at datetime2(7) NULL,
    rows_copied bigint NOT NULL,
    rows_deleted bigint NOT NULL,
    watermark_before nvarchar(max) NULL,
    watermark_after nvarchar(max) NULL,
    error nvarchar(max) NULL,
    os_user nvarchar(400) NOT NULL,
    db_login nvarchar(400) NOT NULL,
    host nvarchar(400) NOT NULL,
    process_id integer NOT NULL,
    module_version nvarchar(400) NOT NULL,
    rows_inserted bigint NULL,
    rows_updated bigint NULL,
    verify_status nvarchar(400) NULL,
    verify_detail nvarchar(max) NULL,
    masked_columns nvarchar(max) NULL
)
GO
-- unicode: history insert
INSERT INTO [données].[Überstunden 日本] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version, @rows_inserted, @rows_updated, @verify_status, @verify_detail, @masked_columns)
GO
-- unicode: history finish
UPDATE [données].[Überstunden 日本] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, rows_inserted = @rows_inserted, rows_updated = @rows_updated, verify_status = @verify_status, verify_detail = @verify_detail, masked_columns = @masked_columns, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- unicode: history insert, table from an earlier version
INSERT INTO [données].[Überstunden 日本] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version)
GO
-- unicode: history finish, table from an earlier version
UPDATE [données].[Überstunden 日本] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- unicode: history add column
ALTER TABLE [données].[Überstunden 日本] ADD rows_updated bigint NULL
GO
-- unicode: history abandon
UPDATE [données].[Überstunden 日本] SET status = @status, error = @error WHERE entry_id = @entry_id AND status = 'Running'
GO
-- unicode: history select
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [données].[Überstunden 日本] WHERE status = @status AND started_at >= @since AND lower(table_name) IN (@t0, @t1) ORDER BY started_at DESC, entry_id
GO
-- unicode: history select, table from an earlier version
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, NULL AS rows_inserted, NULL AS rows_updated, NULL AS verify_status, NULL AS verify_detail, NULL AS masked_columns FROM [données].[Überstunden 日本] WHERE status = @status ORDER BY started_at DESC, entry_id
GO
-- unicode: history select newest
SELECT TOP (@last) entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [données].[Überstunden 日本] WHERE status = @status AND lower(table_name) IN (@t0) ORDER BY started_at DESC, entry_id
GO
-- unicode: history last per table
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [données].[Überstunden 日本] WHERE entry_id IN (SELECT (SELECT TOP (1) x.entry_id FROM [données].[Überstunden 日本] x WHERE x.table_name = n.name ORDER BY x.started_at DESC, x.entry_id) FROM (SELECT @t0 AS name UNION ALL SELECT @t1 AS name) n) ORDER BY started_at DESC, entry_id
GO
-- unicode: history index Überstunden 日本_started_ix
CREATE INDEX [Überstunden 日本_started_ix] ON [données].[Überstunden 日本] (started_at DESC, entry_id)
GO
-- unicode: history index Überstunden 日本_status_ix
CREATE INDEX [Überstunden 日本_status_ix] ON [données].[Überstunden 日本] (status, started_at DESC, entry_id)
GO
-- unicode: history index Überstunden 日本_table_ix
CREATE INDEX [Überstunden 日本_table_ix] ON [données].[Überstunden 日本] (table_name, started_at DESC, entry_id)
GO
-- reserved words: max
SELECT MAX([from]) FROM [select].[table]
GO
-- reserved words: has rows
SELECT CAST(CASE WHEN EXISTS (SELECT 1 FROM [select].[table]) THEN 1 ELSE 0 END AS bit)
GO
-- reserved words: count
SELECT COUNT_BIG(*) FROM [select].[table]
GO
-- reserved words: count filtered
SELECT COUNT_BIG(*) FROM [select].[table] WHERE [from] > @bound
GO
-- reserved words: select all
SELECT [from], [where], [order], [group] FROM [select].[table]
GO
-- reserved words: select clustered order
SELECT [from], [where], [order], [group] FROM [select].[table] ORDER BY [from]
GO
-- reserved words: select incremental
SELECT [from], [where], [order], [group] FROM [select].[table] WHERE [from] > @bound
GO
-- reserved words: select window capped
SELECT TOP (100) [from], [where], [order], [group] FROM [select].[table] WHERE [from] >= @bound ORDER BY [from]
GO
-- reserved words: select in the target's collations
SELECT CAST([from] AS nvarchar(50)) COLLATE Latin1_General_100_CI_AS_SC_UTF8 AS [from], [where], [order], [group] COLLATE French_CI_AS AS [group] FROM [select].[table] WHERE [from] > @bound ORDER BY [from]
GO
-- reserved words: select max column through nvarchar(max)
SELECT TOP (10) CAST([from] AS nvarchar(max)) COLLATE Greek_CI_AS AS [from], [where], [order], [group] FROM [select].[table] ORDER BY [from]
GO
-- reserved words: preview first page
SELECT TOP (@limit) [from], [where], [order], [group] FROM [select].[table] ORDER BY [from]
GO
-- reserved words: preview next page
SELECT TOP (@limit) [from], [where], [order], [group] FROM [select].[table] WHERE ([from] > @k0) ORDER BY [from]
GO
-- reserved words: truncate
TRUNCATE TABLE [select].[table]
GO
-- reserved words: disable index
ALTER INDEX [ix from] ON [select].[table] DISABLE
GO
-- reserved words: rebuild index
ALTER INDEX [ix from] ON [select].[table] REBUILD
GO
-- reserved words: count locked
SELECT COUNT_BIG(*) FROM [select].[table] WITH (TABLOCKX, HOLDLOCK)
GO
-- reserved words: delete all
DELETE FROM [select].[table]
GO
-- reserved words: delete window
DELETE FROM [select].[table] WHERE [from] >= @bound
GO
-- reserved words: truncate keeping identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @next numeric(38,0) = CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END;
TRUNCATE TABLE [select].[table];
IF @next <> IDENT_SEED(@table)
BEGIN
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[select].[table]'', RESEED, ' + CONVERT(nvarchar(40), @next) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
END;
GO
-- reserved words: advance identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @edge numeric(38,0), @next numeric(38,0);
SELECT @edge = CONVERT(numeric(38,0), CASE WHEN @increment > 0 THEN MAX([from]) ELSE MIN([from]) END) FROM [select].[table];
SET @next = @edge + @increment;
IF SIGN(@increment) * (@next - CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END) > 0
BEGIN
    SET @edge = CASE WHEN @fresh = 1 THEN @next ELSE @edge END;
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[select].[table]'', RESEED, ' + CONVERT(nvarchar(40), @edge) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- reserved words: advance sequence
DECLARE @increment numeric(38,0), @current numeric(38,0), @minimum numeric(38,0), @maximum numeric(38,0), @next numeric(38,0);
SELECT @increment = CONVERT(numeric(38,0), s.increment), @current = CONVERT(numeric(38,0), s.current_value),
       @minimum = CONVERT(numeric(38,0), s.minimum_value), @maximum = CONVERT(numeric(38,0), s.maximum_value)
FROM sys.sequences AS s WHERE s.object_id = OBJECT_ID(@sequence);
SELECT @next = CASE WHEN @increment > 0 THEN MAX(u.hi) ELSE MIN(u.lo) END + @increment
FROM (SELECT CONVERT(numeric(38,0), CEILING(MAX([from]))) AS hi, CONVERT(numeric(38,0), FLOOR(MIN([from]))) AS lo FROM [select].[table]) AS u;
SET @next = CASE WHEN @next > @maximum THEN @maximum WHEN @next < @minimum THEN @minimum ELSE @next END;
IF SIGN(@increment) * (@next - @current) > 0
BEGIN
    DECLARE @restart nvarchar(max) = N'ALTER SEQUENCE [select].[table seq] RESTART WITH ' + CONVERT(nvarchar(40), @next);
    EXEC sys.sp_executesql @restart;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- reserved words: reseed, as sp_executesql runs it
DBCC CHECKIDENT (N'[select].[table]', RESEED, -9223372036854775808) WITH NO_INFOMSGS
GO
-- reserved words: restart sequence, as sp_executesql runs it
ALTER SEQUENCE [select].[table seq] RESTART WITH 12345678901234567890123456789012345678
GO
-- reserved words: nocheck
ALTER TABLE [select].[table] NOCHECK CONSTRAINT [FK_table_from]
GO
-- reserved words: recheck
ALTER TABLE [select].[table] WITH CHECK CHECK CONSTRAINT [FK_table_from]
GO
-- reserved words: re-enable untrusted
ALTER TABLE [select].[table] WITH NOCHECK CHECK CONSTRAINT [FK_table_from]
GO
-- reserved words: merge staging
SELECT TOP (0) [from], [where], [order], [group] INTO [#datarefresh_merge_0123456789ab] FROM [select].[table]
GO
-- reserved words: merge blocking rows
SELECT COUNT_BIG(*) FROM [select].[table] AS c WHERE EXISTS (SELECT 1 FROM [select].[table] AS t WHERE c.[from] = t.[from] AND NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[from] = s.[from]))
GO
-- reserved words: merge delete
DELETE t FROM [select].[table] AS t WHERE NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[from] = s.[from]); SELECT ROWCOUNT_BIG();
GO
-- reserved words: merge update
UPDATE t SET t.[where] = s.[where], t.[order] = s.[order], t.[group] = s.[group] FROM [select].[table] AS t INNER JOIN [#datarefresh_merge_0123456789ab] AS s ON t.[from] = s.[from] WHERE EXISTS (SELECT t.[where], DATEPART(tzoffset, t.[where]), t.[order], CAST(SQL_VARIANT_PROPERTY(t.[order], 'BaseType') AS nvarchar(128)), CAST(t.[group] AS varbinary(max)), DATALENGTH(t.[group]) EXCEPT SELECT s.[where], DATEPART(tzoffset, s.[where]), s.[order], CAST(SQL_VARIANT_PROPERTY(s.[order], 'BaseType') AS nvarchar(128)), CAST(s.[group] AS varbinary(max)), DATALENGTH(s.[group])); SELECT ROWCOUNT_BIG();
GO
-- reserved words: merge insert
INSERT INTO [select].[table] ([from], [where], [order], [group]) SELECT s.[from], s.[where], s.[order], s.[group] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [select].[table] AS t WHERE t.[from] = s.[from]); SELECT ROWCOUNT_BIG();
GO
-- reserved words: merge insert keeping identity
DECLARE @rows bigint;
SET IDENTITY_INSERT [select].[table] ON;
BEGIN TRY
    INSERT INTO [select].[table] ([from], [where], [order], [group]) SELECT s.[from], s.[where], s.[order], s.[group] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [select].[table] AS t WHERE t.[from] = s.[from]);
    SET @rows = ROWCOUNT_BIG();
END TRY
BEGIN CATCH
    SET IDENTITY_INSERT [select].[table] OFF;
    THROW;
END CATCH;
SET IDENTITY_INSERT [select].[table] OFF;
SELECT @rows;
GO
-- reserved words: disable trigger
DISABLE TRIGGER [select].[trg_reserved_words] ON [select].[table]
GO
-- reserved words: enable trigger
ENABLE TRIGGER [select].[trg_reserved_words] ON [select].[table]
GO
-- reserved words: history create
CREATE TABLE [select].[table] (
    entry_id nvarchar(400) NOT NULL PRIMARY KEY,
    run_id nvarchar(400) NOT NULL,
    table_name nvarchar(400) NOT NULL,
    attempt integer NOT NULL,
    sync_mode nvarchar(400) NOT NULL,
    action nvarchar(400) NOT NULL,
    status nvarchar(400) NOT NULL,
    started_at datetime2(7) NOT NULL,
    ended_at datetime2(7) NULL,
    rows_copied bigint NOT NULL,
    rows_deleted bigint NOT NULL,
    watermark_before nvarchar(max) NULL,
    watermark_after nvarchar(max) NULL,
    error nvarchar(max) NULL,
    os_user nvarchar(400) NOT NULL,
    db_login nvarchar(400) NOT NULL,
    host nvarchar(400) NOT NULL,
    process_id integer NOT NULL,
    module_version nvarchar(400) NOT NULL,
    rows_inserted bigint NULL,
    rows_updated bigint NULL,
    verify_status nvarchar(400) NULL,
    verify_detail nvarchar(max) NULL,
    masked_columns nvarchar(max) NULL
)
GO
-- reserved words: history insert
INSERT INTO [select].[table] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version, @rows_inserted, @rows_updated, @verify_status, @verify_detail, @masked_columns)
GO
-- reserved words: history finish
UPDATE [select].[table] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, rows_inserted = @rows_inserted, rows_updated = @rows_updated, verify_status = @verify_status, verify_detail = @verify_detail, masked_columns = @masked_columns, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- reserved words: history insert, table from an earlier version
INSERT INTO [select].[table] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version)
GO
-- reserved words: history finish, table from an earlier version
UPDATE [select].[table] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- reserved words: history add column
ALTER TABLE [select].[table] ADD rows_updated bigint NULL
GO
-- reserved words: history abandon
UPDATE [select].[table] SET status = @status, error = @error WHERE entry_id = @entry_id AND status = 'Running'
GO
-- reserved words: history select
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [select].[table] WHERE status = @status AND started_at >= @since AND lower(table_name) IN (@t0, @t1) ORDER BY started_at DESC, entry_id
GO
-- reserved words: history select, table from an earlier version
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, NULL AS rows_inserted, NULL AS rows_updated, NULL AS verify_status, NULL AS verify_detail, NULL AS masked_columns FROM [select].[table] WHERE status = @status ORDER BY started_at DESC, entry_id
GO
-- reserved words: history select newest
SELECT TOP (@last) entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [select].[table] WHERE status = @status AND lower(table_name) IN (@t0) ORDER BY started_at DESC, entry_id
GO
-- reserved words: history last per table
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [select].[table] WHERE entry_id IN (SELECT (SELECT TOP (1) x.entry_id FROM [select].[table] x WHERE x.table_name = n.name ORDER BY x.started_at DESC, x.entry_id) FROM (SELECT @t0 AS name UNION ALL SELECT @t1 AS name) n) ORDER BY started_at DESC, entry_id
GO
-- reserved words: history index table_started_ix
CREATE INDEX [table_started_ix] ON [select].[table] (started_at DESC, entry_id)
GO
-- reserved words: history index table_status_ix
CREATE INDEX [table_status_ix] ON [select].[table] (status, started_at DESC, entry_id)
GO
-- reserved words: history index table_table_ix
CREATE INDEX [table_table_ix] ON [select].[table] (table_name, started_at DESC, entry_id)
GO
-- 128 characters: max
SELECT MAX([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]) FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]
GO
-- 128 characters: has rows
SELECT CAST(CASE WHEN EXISTS (SELECT 1 FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]) THEN 1 ELSE 0 END AS bit)
GO
-- 128 characters: count
SELECT COUNT_BIG(*) FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]
GO
-- 128 characters: count filtered
SELECT COUNT_BIG(*) FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] WHERE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] > @bound
GO
-- 128 characters: select all
SELECT [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ], [id] FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]
GO
-- 128 characters: select clustered order
SELECT [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ], [id] FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] ORDER BY [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]
GO
-- 128 characters: select incremental
SELECT [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ], [id] FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] WHERE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] > @bound
GO
-- 128 characters: select window capped
SELECT TOP (100) [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ], [id] FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] WHERE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] >= @bound ORDER BY [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]
GO
-- 128 characters: select in the target's collations
SELECT CAST([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS nvarchar(50)) COLLATE Latin1_General_100_CI_AS_SC_UTF8 AS [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ], [id] COLLATE French_CI_AS AS [id] FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] WHERE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] > @bound ORDER BY [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]
GO
-- 128 characters: select max column through nvarchar(max)
SELECT TOP (10) CAST([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS nvarchar(max)) COLLATE Greek_CI_AS AS [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ], [id] FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] ORDER BY [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]
GO
-- 128 characters: preview first page
SELECT TOP (@limit) [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ], [id] FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] ORDER BY [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]
GO
-- 128 characters: preview next page
SELECT TOP (@limit) [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ], [id] FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] WHERE ([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] > @k0) ORDER BY [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]
GO
-- 128 characters: truncate
TRUNCATE TABLE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]
GO
-- 128 characters: disable index
ALTER INDEX [ix Lxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx] ON [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] DISABLE
GO
-- 128 characters: rebuild index
ALTER INDEX [ix Lxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx] ON [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] REBUILD
GO
-- 128 characters: count locked
SELECT COUNT_BIG(*) FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] WITH (TABLOCKX, HOLDLOCK)
GO
-- 128 characters: delete all
DELETE FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]
GO
-- 128 characters: delete window
DELETE FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] WHERE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] >= @bound
GO
-- 128 characters: truncate keeping identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @next numeric(38,0) = CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END;
TRUNCATE TABLE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ];
IF @next <> IDENT_SEED(@table)
BEGIN
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]'', RESEED, ' + CONVERT(nvarchar(40), @next) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
END;
GO
-- 128 characters: advance identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @edge numeric(38,0), @next numeric(38,0);
SELECT @edge = CONVERT(numeric(38,0), CASE WHEN @increment > 0 THEN MAX([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]) ELSE MIN([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]) END) FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ];
SET @next = @edge + @increment;
IF SIGN(@increment) * (@next - CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END) > 0
BEGIN
    SET @edge = CASE WHEN @fresh = 1 THEN @next ELSE @edge END;
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]'', RESEED, ' + CONVERT(nvarchar(40), @edge) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- 128 characters: advance sequence
DECLARE @increment numeric(38,0), @current numeric(38,0), @minimum numeric(38,0), @maximum numeric(38,0), @next numeric(38,0);
SELECT @increment = CONVERT(numeric(38,0), s.increment), @current = CONVERT(numeric(38,0), s.current_value),
       @minimum = CONVERT(numeric(38,0), s.minimum_value), @maximum = CONVERT(numeric(38,0), s.maximum_value)
FROM sys.sequences AS s WHERE s.object_id = OBJECT_ID(@sequence);
SELECT @next = CASE WHEN @increment > 0 THEN MAX(u.hi) ELSE MIN(u.lo) END + @increment
FROM (SELECT CONVERT(numeric(38,0), CEILING(MAX([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]))) AS hi, CONVERT(numeric(38,0), FLOOR(MIN([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]))) AS lo FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]) AS u;
SET @next = CASE WHEN @next > @maximum THEN @maximum WHEN @next < @minimum THEN @minimum ELSE @next END;
IF SIGN(@increment) * (@next - @current) > 0
BEGIN
    DECLARE @restart nvarchar(max) = N'ALTER SEQUENCE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] RESTART WITH ' + CONVERT(nvarchar(40), @next);
    EXEC sys.sp_executesql @restart;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- 128 characters: reseed, as sp_executesql runs it
DBCC CHECKIDENT (N'[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]', RESEED, -9223372036854775808) WITH NO_INFOMSGS
GO
-- 128 characters: restart sequence, as sp_executesql runs it
ALTER SEQUENCE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] RESTART WITH 12345678901234567890123456789012345678
GO
-- 128 characters: nocheck
ALTER TABLE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] NOCHECK CONSTRAINT [FK_Lxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx]
GO
-- 128 characters: recheck
ALTER TABLE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] WITH CHECK CHECK CONSTRAINT [FK_Lxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx]
GO
-- 128 characters: re-enable untrusted
ALTER TABLE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] WITH NOCHECK CHECK CONSTRAINT [FK_Lxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx]
GO
-- 128 characters: merge staging
SELECT TOP (0) [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ], [id] INTO [#datarefresh_merge_0123456789ab] FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]
GO
-- 128 characters: merge blocking rows
SELECT COUNT_BIG(*) FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS c WHERE EXISTS (SELECT 1 FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS t WHERE c.[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] = t.[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AND NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] = s.[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]))
GO
-- 128 characters: merge delete
DELETE t FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS t WHERE NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] = s.[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]); SELECT ROWCOUNT_BIG();
GO
-- 128 characters: merge update
UPDATE t SET t.[id] = s.[id] FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS t INNER JOIN [#datarefresh_merge_0123456789ab] AS s ON t.[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] = s.[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] WHERE EXISTS (SELECT t.[id], DATEPART(tzoffset, t.[id]) EXCEPT SELECT s.[id], DATEPART(tzoffset, s.[id])); SELECT ROWCOUNT_BIG();
GO
-- 128 characters: merge insert
INSERT INTO [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] ([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ], [id]) SELECT s.[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ], s.[id] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS t WHERE t.[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] = s.[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]); SELECT ROWCOUNT_BIG();
GO
-- 128 characters: merge insert keeping identity
DECLARE @rows bigint;
SET IDENTITY_INSERT [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] ON;
BEGIN TRY
    INSERT INTO [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] ([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ], [id]) SELECT s.[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ], s.[id] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] AS t WHERE t.[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] = s.[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]);
    SET @rows = ROWCOUNT_BIG();
END TRY
BEGIN CATCH
    SET IDENTITY_INSERT [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] OFF;
    THROW;
END CATCH;
SET IDENTITY_INSERT [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] OFF;
SELECT @rows;
GO
-- 128 characters: disable trigger
DISABLE TRIGGER [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[trg_128_characters] ON [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]
GO
-- 128 characters: enable trigger
ENABLE TRIGGER [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[trg_128_characters] ON [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]
GO
-- 128 characters: history create
CREATE TABLE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] (
    entry_id nvarchar(400) NOT NULL PRIMARY KEY,
    run_id nvarchar(400) NOT NULL,
    table_name nvarchar(400) NOT NULL,
    attempt integer NOT NULL,
    sync_mode nvarchar(400) NOT NULL,
    action nvarchar(400) NOT NULL,
    status nvarchar(400) NOT NULL,
    started_at datetime2(7) NOT NULL,
    ended_at datetime2(7) NULL,
    rows_copied bigint NOT NULL,
    rows_deleted bigint NOT NULL,
    watermark_before nvarchar(max) NULL,
    watermark_after nvarchar(max) NULL,
    error nvarchar(max) NULL,
    os_user nvarchar(400) NOT NULL,
    db_login nvarchar(400) NOT NULL,
    host nvarchar(400) NOT NULL,
    process_id integer NOT NULL,
    module_version nvarchar(400) NOT NULL,
    rows_inserted bigint NULL,
    rows_updated bigint NULL,
    verify_status nvarchar(400) NULL,
    verify_detail nvarchar(max) NULL,
    masked_columns nvarchar(max) NULL
)
GO
-- 128 characters: history insert
INSERT INTO [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version, @rows_inserted, @rows_updated, @verify_status, @verify_detail, @masked_columns)
GO
-- 128 characters: history finish
UPDATE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, rows_inserted = @rows_inserted, rows_updated = @rows_updated, verify_status = @verify_status, verify_detail = @verify_detail, masked_columns = @masked_columns, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- 128 characters: history insert, table from an earlier version
INSERT INTO [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version)
GO
-- 128 characters: history finish, table from an earlier version
UPDATE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- 128 characters: history add column
ALTER TABLE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] ADD rows_updated bigint NULL
GO
-- 128 characters: history abandon
UPDATE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] SET status = @status, error = @error WHERE entry_id = @entry_id AND status = 'Running'
GO
-- 128 characters: history select
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] WHERE status = @status AND started_at >= @since AND lower(table_name) IN (@t0, @t1) ORDER BY started_at DESC, entry_id
GO
-- 128 characters: history select, table from an earlier version
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, NULL AS rows_inserted, NULL AS rows_updated, NULL AS verify_status, NULL AS verify_detail, NULL AS masked_columns FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] WHERE status = @status ORDER BY started_at DESC, entry_id
GO
-- 128 characters: history select newest
SELECT TOP (@last) entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] WHERE status = @status AND lower(table_name) IN (@t0) ORDER BY started_at DESC, entry_id
GO
-- 128 characters: history last per table
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] WHERE entry_id IN (SELECT (SELECT TOP (1) x.entry_id FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] x WHERE x.table_name = n.name ORDER BY x.started_at DESC, x.entry_id) FROM (SELECT @t0 AS name UNION ALL SELECT @t1 AS name) n) ORDER BY started_at DESC, entry_id
GO
-- 128 characters: history index Lxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx_started_ix
CREATE INDEX [Lxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx_started_ix] ON [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] (started_at DESC, entry_id)
GO
-- 128 characters: history index Lxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx_status_ix
CREATE INDEX [Lxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx_status_ix] ON [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] (status, started_at DESC, entry_id)
GO
-- 128 characters: history index Lxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx_table_ix
CREATE INDEX [Lxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx_table_ix] ON [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] (table_name, started_at DESC, entry_id)
GO
-- next value for default: max
SELECT MAX([InvoiceNo]) FROM [billing].[Invoices]
GO
-- next value for default: has rows
SELECT CAST(CASE WHEN EXISTS (SELECT 1 FROM [billing].[Invoices]) THEN 1 ELSE 0 END AS bit)
GO
-- next value for default: count
SELECT COUNT_BIG(*) FROM [billing].[Invoices]
GO
-- next value for default: count filtered
SELECT COUNT_BIG(*) FROM [billing].[Invoices] WHERE [InvoiceNo] > @bound
GO
-- next value for default: select all
SELECT [InvoiceNo], [Amount] FROM [billing].[Invoices]
GO
-- next value for default: select clustered order
SELECT [InvoiceNo], [Amount] FROM [billing].[Invoices] ORDER BY [InvoiceNo]
GO
-- next value for default: select incremental
SELECT [InvoiceNo], [Amount] FROM [billing].[Invoices] WHERE [InvoiceNo] > @bound
GO
-- next value for default: select window capped
SELECT TOP (100) [InvoiceNo], [Amount] FROM [billing].[Invoices] WHERE [InvoiceNo] >= @bound ORDER BY [InvoiceNo]
GO
-- next value for default: select in the target's collations
SELECT CAST([InvoiceNo] AS nvarchar(50)) COLLATE Latin1_General_100_CI_AS_SC_UTF8 AS [InvoiceNo], [Amount] COLLATE French_CI_AS AS [Amount] FROM [billing].[Invoices] WHERE [InvoiceNo] > @bound ORDER BY [InvoiceNo]
GO
-- next value for default: select max column through nvarchar(max)
SELECT TOP (10) CAST([InvoiceNo] AS nvarchar(max)) COLLATE Greek_CI_AS AS [InvoiceNo], [Amount] FROM [billing].[Invoices] ORDER BY [InvoiceNo]
GO
-- next value for default: preview first page
SELECT TOP (@limit) [InvoiceNo], [Amount] FROM [billing].[Invoices] ORDER BY [InvoiceNo]
GO
-- next value for default: preview next page
SELECT TOP (@limit) [InvoiceNo], [Amount] FROM [billing].[Invoices] WHERE ([InvoiceNo] > @k0) ORDER BY [InvoiceNo]
GO
-- next value for default: truncate
TRUNCATE TABLE [billing].[Invoices]
GO
-- next value for default: disable index
ALTER INDEX [ix InvoiceNo] ON [billing].[Invoices] DISABLE
GO
-- next value for default: rebuild index
ALTER INDEX [ix InvoiceNo] ON [billing].[Invoices] REBUILD
GO
-- next value for default: count locked
SELECT COUNT_BIG(*) FROM [billing].[Invoices] WITH (TABLOCKX, HOLDLOCK)
GO
-- next value for default: delete all
DELETE FROM [billing].[Invoices]
GO
-- next value for default: delete window
DELETE FROM [billing].[Invoices] WHERE [InvoiceNo] >= @bound
GO
-- next value for default: truncate keeping identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @next numeric(38,0) = CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END;
TRUNCATE TABLE [billing].[Invoices];
IF @next <> IDENT_SEED(@table)
BEGIN
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[billing].[Invoices]'', RESEED, ' + CONVERT(nvarchar(40), @next) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
END;
GO
-- next value for default: advance identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @edge numeric(38,0), @next numeric(38,0);
SELECT @edge = CONVERT(numeric(38,0), CASE WHEN @increment > 0 THEN MAX([InvoiceNo]) ELSE MIN([InvoiceNo]) END) FROM [billing].[Invoices];
SET @next = @edge + @increment;
IF SIGN(@increment) * (@next - CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END) > 0
BEGIN
    SET @edge = CASE WHEN @fresh = 1 THEN @next ELSE @edge END;
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[billing].[Invoices]'', RESEED, ' + CONVERT(nvarchar(40), @edge) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- next value for default: advance sequence
DECLARE @increment numeric(38,0), @current numeric(38,0), @minimum numeric(38,0), @maximum numeric(38,0), @next numeric(38,0);
SELECT @increment = CONVERT(numeric(38,0), s.increment), @current = CONVERT(numeric(38,0), s.current_value),
       @minimum = CONVERT(numeric(38,0), s.minimum_value), @maximum = CONVERT(numeric(38,0), s.maximum_value)
FROM sys.sequences AS s WHERE s.object_id = OBJECT_ID(@sequence);
SELECT @next = CASE WHEN @increment > 0 THEN MAX(u.hi) ELSE MIN(u.lo) END + @increment
FROM (SELECT CONVERT(numeric(38,0), CEILING(MAX([InvoiceNo]))) AS hi, CONVERT(numeric(38,0), FLOOR(MIN([InvoiceNo]))) AS lo FROM [billing].[Invoices]) AS u;
SET @next = CASE WHEN @next > @maximum THEN @maximum WHEN @next < @minimum THEN @minimum ELSE @next END;
IF SIGN(@increment) * (@next - @current) > 0
BEGIN
    DECLARE @restart nvarchar(max) = N'ALTER SEQUENCE [billing].[Invoice Numbers] RESTART WITH ' + CONVERT(nvarchar(40), @next);
    EXEC sys.sp_executesql @restart;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- next value for default: reseed, as sp_executesql runs it
DBCC CHECKIDENT (N'[billing].[Invoices]', RESEED, -9223372036854775808) WITH NO_INFOMSGS
GO
-- next value for default: restart sequence, as sp_executesql runs it
ALTER SEQUENCE [billing].[Invoice Numbers] RESTART WITH 12345678901234567890123456789012345678
GO
-- next value for default: nocheck
ALTER TABLE [billing].[Invoices] NOCHECK CONSTRAINT [FK_Invoices_InvoiceNo]
GO
-- next value for default: recheck
ALTER TABLE [billing].[Invoices] WITH CHECK CHECK CONSTRAINT [FK_Invoices_InvoiceNo]
GO
-- next value for default: re-enable untrusted
ALTER TABLE [billing].[Invoices] WITH NOCHECK CHECK CONSTRAINT [FK_Invoices_InvoiceNo]
GO
-- next value for default: merge staging
SELECT TOP (0) [InvoiceNo], [Amount] INTO [#datarefresh_merge_0123456789ab] FROM [billing].[Invoices]
GO
-- next value for default: merge blocking rows
SELECT COUNT_BIG(*) FROM [billing].[Invoices] AS c WHERE EXISTS (SELECT 1 FROM [billing].[Invoices] AS t WHERE c.[InvoiceNo] = t.[InvoiceNo] AND NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[InvoiceNo] = s.[InvoiceNo]))
GO
-- next value for default: merge delete
DELETE t FROM [billing].[Invoices] AS t WHERE NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[InvoiceNo] = s.[InvoiceNo]); SELECT ROWCOUNT_BIG();
GO
-- next value for default: merge update
UPDATE t SET t.[Amount] = s.[Amount] FROM [billing].[Invoices] AS t INNER JOIN [#datarefresh_merge_0123456789ab] AS s ON t.[InvoiceNo] = s.[InvoiceNo] WHERE EXISTS (SELECT t.[Amount] EXCEPT SELECT s.[Amount]); SELECT ROWCOUNT_BIG();
GO
-- next value for default: merge insert
INSERT INTO [billing].[Invoices] ([InvoiceNo], [Amount]) SELECT s.[InvoiceNo], s.[Amount] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [billing].[Invoices] AS t WHERE t.[InvoiceNo] = s.[InvoiceNo]); SELECT ROWCOUNT_BIG();
GO
-- next value for default: merge insert keeping identity
DECLARE @rows bigint;
SET IDENTITY_INSERT [billing].[Invoices] ON;
BEGIN TRY
    INSERT INTO [billing].[Invoices] ([InvoiceNo], [Amount]) SELECT s.[InvoiceNo], s.[Amount] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [billing].[Invoices] AS t WHERE t.[InvoiceNo] = s.[InvoiceNo]);
    SET @rows = ROWCOUNT_BIG();
END TRY
BEGIN CATCH
    SET IDENTITY_INSERT [billing].[Invoices] OFF;
    THROW;
END CATCH;
SET IDENTITY_INSERT [billing].[Invoices] OFF;
SELECT @rows;
GO
-- next value for default: disable trigger
DISABLE TRIGGER [billing].[trg_next_value_for_default] ON [billing].[Invoices]
GO
-- next value for default: enable trigger
ENABLE TRIGGER [billing].[trg_next_value_for_default] ON [billing].[Invoices]
GO
-- next value for default: history create
CREATE TABLE [billing].[Invoices] (
    entry_id nvarchar(400) NOT NULL PRIMARY KEY,
    run_id nvarchar(400) NOT NULL,
    table_name nvarchar(400) NOT NULL,
    attempt integer NOT NULL,
    sync_mode nvarchar(400) NOT NULL,
    action nvarchar(400) NOT NULL,
    status nvarchar(400) NOT NULL,
    started_at datetime2(7) NOT NULL,
    ended_at datetime2(7) NULL,
    rows_copied bigint NOT NULL,
    rows_deleted bigint NOT NULL,
    watermark_before nvarchar(max) NULL,
    watermark_after nvarchar(max) NULL,
    error nvarchar(max) NULL,
    os_user nvarchar(400) NOT NULL,
    db_login nvarchar(400) NOT NULL,
    host nvarchar(400) NOT NULL,
    process_id integer NOT NULL,
    module_version nvarchar(400) NOT NULL,
    rows_inserted bigint NULL,
    rows_updated bigint NULL,
    verify_status nvarchar(400) NULL,
    verify_detail nvarchar(max) NULL,
    masked_columns nvarchar(max) NULL
)
GO
-- next value for default: history insert
INSERT INTO [billing].[Invoices] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version, @rows_inserted, @rows_updated, @verify_status, @verify_detail, @masked_columns)
GO
-- next value for default: history finish
UPDATE [billing].[Invoices] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, rows_inserted = @rows_inserted, rows_updated = @rows_updated, verify_status = @verify_status, verify_detail = @verify_detail, masked_columns = @masked_columns, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- next value for default: history insert, table from an earlier version
INSERT INTO [billing].[Invoices] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version)
GO
-- next value for default: history finish, table from an earlier version
UPDATE [billing].[Invoices] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- next value for default: history add column
ALTER TABLE [billing].[Invoices] ADD rows_updated bigint NULL
GO
-- next value for default: history abandon
UPDATE [billing].[Invoices] SET status = @status, error = @error WHERE entry_id = @entry_id AND status = 'Running'
GO
-- next value for default: history select
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [billing].[Invoices] WHERE status = @status AND started_at >= @since AND lower(table_name) IN (@t0, @t1) ORDER BY started_at DESC, entry_id
GO
-- next value for default: history select, table from an earlier version
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, NULL AS rows_inserted, NULL AS rows_updated, NULL AS verify_status, NULL AS verify_detail, NULL AS masked_columns FROM [billing].[Invoices] WHERE status = @status ORDER BY started_at DESC, entry_id
GO
-- next value for default: history select newest
SELECT TOP (@last) entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [billing].[Invoices] WHERE status = @status AND lower(table_name) IN (@t0) ORDER BY started_at DESC, entry_id
GO
-- next value for default: history last per table
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [billing].[Invoices] WHERE entry_id IN (SELECT (SELECT TOP (1) x.entry_id FROM [billing].[Invoices] x WHERE x.table_name = n.name ORDER BY x.started_at DESC, x.entry_id) FROM (SELECT @t0 AS name UNION ALL SELECT @t1 AS name) n) ORDER BY started_at DESC, entry_id
GO
-- next value for default: history index Invoices_started_ix
CREATE INDEX [Invoices_started_ix] ON [billing].[Invoices] (started_at DESC, entry_id)
GO
-- next value for default: history index Invoices_status_ix
CREATE INDEX [Invoices_status_ix] ON [billing].[Invoices] (status, started_at DESC, entry_id)
GO
-- next value for default: history index Invoices_table_ix
CREATE INDEX [Invoices_table_ix] ON [billing].[Invoices] (table_name, started_at DESC, entry_id)
GO
-- shared sequence: max
SELECT MAX([DocumentNo]) FROM [dbo].[Documents]
GO
-- shared sequence: has rows
SELECT CAST(CASE WHEN EXISTS (SELECT 1 FROM [dbo].[Documents]) THEN 1 ELSE 0 END AS bit)
GO
-- shared sequence: count
SELECT COUNT_BIG(*) FROM [dbo].[Documents]
GO
-- shared sequence: count filtered
SELECT COUNT_BIG(*) FROM [dbo].[Documents] WHERE [DocumentNo] > @bound
GO
-- shared sequence: select all
SELECT [DocumentNo], [Title] FROM [dbo].[Documents]
GO
-- shared sequence: select clustered order
SELECT [DocumentNo], [Title] FROM [dbo].[Documents] ORDER BY [DocumentNo]
GO
-- shared sequence: select incremental
SELECT [DocumentNo], [Title] FROM [dbo].[Documents] WHERE [DocumentNo] > @bound
GO
-- shared sequence: select window capped
SELECT TOP (100) [DocumentNo], [Title] FROM [dbo].[Documents] WHERE [DocumentNo] >= @bound ORDER BY [DocumentNo]
GO
-- shared sequence: select in the target's collations
SELECT CAST([DocumentNo] AS nvarchar(50)) COLLATE Latin1_General_100_CI_AS_SC_UTF8 AS [DocumentNo], [Title] COLLATE French_CI_AS AS [Title] FROM [dbo].[Documents] WHERE [DocumentNo] > @bound ORDER BY [DocumentNo]
GO
-- shared sequence: select max column through nvarchar(max)
SELECT TOP (10) CAST([DocumentNo] AS nvarchar(max)) COLLATE Greek_CI_AS AS [DocumentNo], [Title] FROM [dbo].[Documents] ORDER BY [DocumentNo]
GO
-- shared sequence: preview first page
SELECT TOP (@limit) [DocumentNo], [Title] FROM [dbo].[Documents] ORDER BY [DocumentNo]
GO
-- shared sequence: preview next page
SELECT TOP (@limit) [DocumentNo], [Title] FROM [dbo].[Documents] WHERE ([DocumentNo] > @k0) ORDER BY [DocumentNo]
GO
-- shared sequence: truncate
TRUNCATE TABLE [dbo].[Documents]
GO
-- shared sequence: disable index
ALTER INDEX [ix DocumentNo] ON [dbo].[Documents] DISABLE
GO
-- shared sequence: rebuild index
ALTER INDEX [ix DocumentNo] ON [dbo].[Documents] REBUILD
GO
-- shared sequence: count locked
SELECT COUNT_BIG(*) FROM [dbo].[Documents] WITH (TABLOCKX, HOLDLOCK)
GO
-- shared sequence: delete all
DELETE FROM [dbo].[Documents]
GO
-- shared sequence: delete window
DELETE FROM [dbo].[Documents] WHERE [DocumentNo] >= @bound
GO
-- shared sequence: truncate keeping identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @next numeric(38,0) = CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END;
TRUNCATE TABLE [dbo].[Documents];
IF @next <> IDENT_SEED(@table)
BEGIN
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[dbo].[Documents]'', RESEED, ' + CONVERT(nvarchar(40), @next) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
END;
GO
-- shared sequence: advance identity
DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
DECLARE @edge numeric(38,0), @next numeric(38,0);
SELECT @edge = CONVERT(numeric(38,0), CASE WHEN @increment > 0 THEN MAX([DocumentNo]) ELSE MIN([DocumentNo]) END) FROM [dbo].[Documents];
SET @next = @edge + @increment;
IF SIGN(@increment) * (@next - CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END) > 0
BEGIN
    SET @edge = CASE WHEN @fresh = 1 THEN @next ELSE @edge END;
    DECLARE @reseed nvarchar(max) = N'DBCC CHECKIDENT (N''[dbo].[Documents]'', RESEED, ' + CONVERT(nvarchar(40), @edge) + N') WITH NO_INFOMSGS'; EXEC sys.sp_executesql @reseed;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- shared sequence: advance sequence
DECLARE @increment numeric(38,0), @current numeric(38,0), @minimum numeric(38,0), @maximum numeric(38,0), @next numeric(38,0);
SELECT @increment = CONVERT(numeric(38,0), s.increment), @current = CONVERT(numeric(38,0), s.current_value),
       @minimum = CONVERT(numeric(38,0), s.minimum_value), @maximum = CONVERT(numeric(38,0), s.maximum_value)
FROM sys.sequences AS s WHERE s.object_id = OBJECT_ID(@sequence);
SELECT @next = CASE WHEN @increment > 0 THEN MAX(u.hi) ELSE MIN(u.lo) END + @increment
FROM (SELECT CONVERT(numeric(38,0), CEILING(MAX([DocumentNo]))) AS hi, CONVERT(numeric(38,0), FLOOR(MIN([DocumentNo]))) AS lo FROM [archive].[Documents]
        UNION ALL SELECT CONVERT(numeric(38,0), CEILING(MAX([DocumentNo]))) AS hi, CONVERT(numeric(38,0), FLOOR(MIN([DocumentNo]))) AS lo FROM [dbo].[Documents]) AS u;
SET @next = CASE WHEN @next > @maximum THEN @maximum WHEN @next < @minimum THEN @minimum ELSE @next END;
IF SIGN(@increment) * (@next - @current) > 0
BEGIN
    DECLARE @restart nvarchar(max) = N'ALTER SEQUENCE [dbo].[Document No] RESTART WITH ' + CONVERT(nvarchar(40), @next);
    EXEC sys.sp_executesql @restart;
    SELECT CAST(1 AS bit);
END
ELSE
    SELECT CAST(0 AS bit);
GO
-- shared sequence: reseed, as sp_executesql runs it
DBCC CHECKIDENT (N'[dbo].[Documents]', RESEED, -9223372036854775808) WITH NO_INFOMSGS
GO
-- shared sequence: restart sequence, as sp_executesql runs it
ALTER SEQUENCE [dbo].[Document No] RESTART WITH 12345678901234567890123456789012345678
GO
-- shared sequence: nocheck
ALTER TABLE [dbo].[Documents] NOCHECK CONSTRAINT [FK_Documents_DocumentNo]
GO
-- shared sequence: recheck
ALTER TABLE [dbo].[Documents] WITH CHECK CHECK CONSTRAINT [FK_Documents_DocumentNo]
GO
-- shared sequence: re-enable untrusted
ALTER TABLE [dbo].[Documents] WITH NOCHECK CHECK CONSTRAINT [FK_Documents_DocumentNo]
GO
-- shared sequence: merge staging
SELECT TOP (0) [DocumentNo], [Title] INTO [#datarefresh_merge_0123456789ab] FROM [dbo].[Documents]
GO
-- shared sequence: merge blocking rows
SELECT COUNT_BIG(*) FROM [dbo].[Documents] AS c WHERE EXISTS (SELECT 1 FROM [dbo].[Documents] AS t WHERE c.[DocumentNo] = t.[DocumentNo] AND NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[DocumentNo] = s.[DocumentNo]))
GO
-- shared sequence: merge delete
DELETE t FROM [dbo].[Documents] AS t WHERE NOT EXISTS (SELECT 1 FROM [#datarefresh_merge_0123456789ab] AS s WHERE t.[DocumentNo] = s.[DocumentNo]); SELECT ROWCOUNT_BIG();
GO
-- shared sequence: merge update
UPDATE t SET t.[Title] = s.[Title] FROM [dbo].[Documents] AS t INNER JOIN [#datarefresh_merge_0123456789ab] AS s ON t.[DocumentNo] = s.[DocumentNo] WHERE EXISTS (SELECT t.[Title], CAST(SQL_VARIANT_PROPERTY(t.[Title], 'BaseType') AS nvarchar(128)) EXCEPT SELECT s.[Title], CAST(SQL_VARIANT_PROPERTY(s.[Title], 'BaseType') AS nvarchar(128))); SELECT ROWCOUNT_BIG();
GO
-- shared sequence: merge insert
INSERT INTO [dbo].[Documents] ([DocumentNo], [Title]) SELECT s.[DocumentNo], s.[Title] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [dbo].[Documents] AS t WHERE t.[DocumentNo] = s.[DocumentNo]); SELECT ROWCOUNT_BIG();
GO
-- shared sequence: merge insert keeping identity
DECLARE @rows bigint;
SET IDENTITY_INSERT [dbo].[Documents] ON;
BEGIN TRY
    INSERT INTO [dbo].[Documents] ([DocumentNo], [Title]) SELECT s.[DocumentNo], s.[Title] FROM [#datarefresh_merge_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [dbo].[Documents] AS t WHERE t.[DocumentNo] = s.[DocumentNo]);
    SET @rows = ROWCOUNT_BIG();
END TRY
BEGIN CATCH
    SET IDENTITY_INSERT [dbo].[Documents] OFF;
    THROW;
END CATCH;
SET IDENTITY_INSERT [dbo].[Documents] OFF;
SELECT @rows;
GO
-- shared sequence: disable trigger
DISABLE TRIGGER [dbo].[trg_shared_sequence] ON [dbo].[Documents]
GO
-- shared sequence: enable trigger
ENABLE TRIGGER [dbo].[trg_shared_sequence] ON [dbo].[Documents]
GO
-- shared sequence: history create
CREATE TABLE [dbo].[Documents] (
    entry_id nvarchar(400) NOT NULL PRIMARY KEY,
    run_id nvarchar(400) NOT NULL,
    table_name nvarchar(400) NOT NULL,
    attempt integer NOT NULL,
    sync_mode nvarchar(400) NOT NULL,
    action nvarchar(400) NOT NULL,
    status nvarchar(400) NOT NULL,
    started_at datetime2(7) NOT NULL,
    ended_at datetime2(7) NULL,
    rows_copied bigint NOT NULL,
    rows_deleted bigint NOT NULL,
    watermark_before nvarchar(max) NULL,
    watermark_after nvarchar(max) NULL,
    error nvarchar(max) NULL,
    os_user nvarchar(400) NOT NULL,
    db_login nvarchar(400) NOT NULL,
    host nvarchar(400) NOT NULL,
    process_id integer NOT NULL,
    module_version nvarchar(400) NOT NULL,
    rows_inserted bigint NULL,
    rows_updated bigint NULL,
    verify_status nvarchar(400) NULL,
    verify_detail nvarchar(max) NULL,
    masked_columns nvarchar(max) NULL
)
GO
-- shared sequence: history insert
INSERT INTO [dbo].[Documents] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version, @rows_inserted, @rows_updated, @verify_status, @verify_detail, @masked_columns)
GO
-- shared sequence: history finish
UPDATE [dbo].[Documents] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, rows_inserted = @rows_inserted, rows_updated = @rows_updated, verify_status = @verify_status, verify_detail = @verify_detail, masked_columns = @masked_columns, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- shared sequence: history insert, table from an earlier version
INSERT INTO [dbo].[Documents] (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version)
GO
-- shared sequence: history finish, table from an earlier version
UPDATE [dbo].[Documents] SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id
GO
-- shared sequence: history add column
ALTER TABLE [dbo].[Documents] ADD rows_updated bigint NULL
GO
-- shared sequence: history abandon
UPDATE [dbo].[Documents] SET status = @status, error = @error WHERE entry_id = @entry_id AND status = 'Running'
GO
-- shared sequence: history select
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [dbo].[Documents] WHERE status = @status AND started_at >= @since AND lower(table_name) IN (@t0, @t1) ORDER BY started_at DESC, entry_id
GO
-- shared sequence: history select, table from an earlier version
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, NULL AS rows_inserted, NULL AS rows_updated, NULL AS verify_status, NULL AS verify_detail, NULL AS masked_columns FROM [dbo].[Documents] WHERE status = @status ORDER BY started_at DESC, entry_id
GO
-- shared sequence: history select newest
SELECT TOP (@last) entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [dbo].[Documents] WHERE status = @status AND lower(table_name) IN (@t0) ORDER BY started_at DESC, entry_id
GO
-- shared sequence: history last per table
SELECT entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version, rows_inserted, rows_updated, verify_status, verify_detail, masked_columns FROM [dbo].[Documents] WHERE entry_id IN (SELECT (SELECT TOP (1) x.entry_id FROM [dbo].[Documents] x WHERE x.table_name = n.name ORDER BY x.started_at DESC, x.entry_id) FROM (SELECT @t0 AS name UNION ALL SELECT @t1 AS name) n) ORDER BY started_at DESC, entry_id
GO
-- shared sequence: history index Documents_started_ix
CREATE INDEX [Documents_started_ix] ON [dbo].[Documents] (started_at DESC, entry_id)
GO
-- shared sequence: history index Documents_status_ix
CREATE INDEX [Documents_status_ix] ON [dbo].[Documents] (status, started_at DESC, entry_id)
GO
-- shared sequence: history index Documents_table_ix
CREATE INDEX [Documents_table_ix] ON [dbo].[Documents] (table_name, started_at DESC, entry_id)
GO
-- staging: layout columns
SELECT c.name, c.column_id, ty.name, c.max_length, c.precision, c.scale, c.collation_name, c.is_nullable,
       CAST(ic.seed_value AS nvarchar(40)), CAST(ic.increment_value AS nvarchar(40)), cc.definition, CAST(ISNULL(cc.is_persisted, 0) AS bit), c.is_sparse,
       c.is_rowguidcol, c.is_column_set, SCHEMA_NAME(xsc.schema_id), xsc.name, c.is_xml_document, c.is_ansi_padded, dc.definition,
       CAST(ISNULL(ic.is_not_for_replication, 0) AS bit), CAST(CASE WHEN c.default_object_id <> 0 AND dc.object_id IS NULL THEN 1 ELSE 0 END AS bit)
FROM sys.columns AS c
JOIN sys.types AS ty ON ty.user_type_id = c.user_type_id
LEFT JOIN sys.identity_columns AS ic ON ic.object_id = c.object_id AND ic.column_id = c.column_id
LEFT JOIN sys.computed_columns AS cc ON cc.object_id = c.object_id AND cc.column_id = c.column_id
LEFT JOIN sys.xml_schema_collections AS xsc ON xsc.xml_collection_id = c.xml_collection_id AND c.xml_collection_id <> 0
LEFT JOIN sys.default_constraints AS dc ON dc.object_id = c.default_object_id
WHERE c.object_id = OBJECT_ID(@table)
ORDER BY c.column_id
GO
-- staging: layout table options
SELECT t.large_value_types_out_of_row, t.text_in_row_limit, lob.name, CAST(CASE WHEN t.filestream_data_space_id IS NULL THEN 0 ELSE 1 END AS bit),
       t.is_memory_optimized, CAST(CASE WHEN t.is_replicated = 1 OR t.is_merge_published = 1 THEN 1 ELSE 0 END AS bit)
FROM sys.tables AS t
LEFT JOIN sys.data_spaces AS lob ON lob.data_space_id = t.lob_data_space_id
WHERE t.object_id = OBJECT_ID(@table)
GO
-- staging: layout compression
SELECT p.index_id, i.name, p.partition_number, p.data_compression_desc
FROM sys.partitions AS p
JOIN sys.indexes AS i ON i.object_id = p.object_id AND i.index_id = p.index_id
WHERE p.object_id = OBJECT_ID(@table)
ORDER BY p.index_id, p.partition_number
GO
-- staging: layout data space
SELECT ds.name, CAST(CASE WHEN ds.type = 'PS' THEN 1 ELSE 0 END AS bit), pc.name, pf.name, CAST(ISNULL(pf.boundary_value_on_right, 0) AS bit)
FROM sys.indexes AS i
JOIN sys.data_spaces AS ds ON ds.data_space_id = i.data_space_id
LEFT JOIN sys.partition_schemes AS ps ON ps.data_space_id = ds.data_space_id
LEFT JOIN sys.partition_functions AS pf ON pf.function_id = ps.function_id
LEFT JOIN sys.index_columns AS ixc ON ixc.object_id = i.object_id AND ixc.index_id = i.index_id AND ixc.partition_ordinal = 1
LEFT JOIN sys.columns AS pc ON pc.object_id = ixc.object_id AND pc.column_id = ixc.column_id
WHERE i.object_id = OBJECT_ID(@table) AND i.index_id IN (0, 1)
GO
-- staging: layout boundaries
SELECT rv.value
FROM sys.partition_functions AS pf JOIN sys.partition_range_values AS rv ON rv.function_id = pf.function_id
WHERE pf.name = @function
ORDER BY rv.boundary_id
GO
-- staging: layout indexes
SELECT i.name, CAST(CASE WHEN i.type = 1 THEN 1 ELSE 0 END AS bit), i.is_unique, i.is_primary_key, i.is_unique_constraint, i.filter_definition,
       c.name, ic.is_descending_key, ic.is_included_column, i.type, CAST(CASE WHEN i.data_space_id = t.data_space_id THEN 1 ELSE 0 END AS bit)
FROM sys.indexes AS i
JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
JOIN sys.indexes AS t ON t.object_id = i.object_id AND t.index_id IN (0, 1)
WHERE i.object_id = OBJECT_ID(@table) AND i.index_id > 0 AND (ic.key_ordinal > 0 OR ic.is_included_column = 1)
ORDER BY i.index_id, ic.is_included_column, ic.key_ordinal, ic.index_column_id
GO
-- staging: layout checks
SELECT name, definition, CAST(CASE WHEN is_not_trusted = 0 THEN 1 ELSE 0 END AS bit), CAST(CASE WHEN is_disabled = 0 THEN 1 ELSE 0 END AS bit), is_not_for_replication
FROM sys.check_constraints WHERE parent_object_id = OBJECT_ID(@table) ORDER BY name
GO
-- staging: schema-bound dependents
SELECT DISTINCT OBJECT_SCHEMA_NAME(d.referencing_id) + N'.' + OBJECT_NAME(d.referencing_id)
FROM sys.sql_expression_dependencies AS d
WHERE d.referenced_id = OBJECT_ID(@table) AND d.is_schema_bound_reference = 1
GO
-- staging: staging tables
SELECT SCHEMA_NAME(t.schema_id), t.name,
       CAST(CASE WHEN HAS_PERMS_BY_NAME(NULL, NULL, N'VIEW SERVER STATE') = 0 THEN 1
                 WHEN EXISTS (SELECT 1 FROM sys.dm_exec_sessions AS s WHERE s.program_name LIKE N'DataRefresh run ' + SUBSTRING(t.name, 11, 8) + N'%' AND s.session_id <> @@SPID) THEN 1
                 ELSE 0 END AS bit)
FROM sys.tables AS t
WHERE t.name LIKE N'\_dr\_stage\_%' ESCAPE N'\'
GO
-- staging: partition rows from
SELECT ISNULL(SUM(p.rows), 0) FROM sys.partitions AS p
WHERE p.object_id = OBJECT_ID(@table) AND p.index_id IN (0, 1) AND p.partition_number >= @first
GO
-- staging: partition of
SELECT $PARTITION.[pf daily]]](@bound)
GO
-- staging: lock timeout
SET LOCK_TIMEOUT 30000
GO
-- staging: lock timeout reset
SET LOCK_TIMEOUT -1
GO
-- every switch property: staging create
SET ANSI_PADDING OFF;
CREATE TABLE [sales].[_dr_stage_0123abcd_0] ([OrderId] bigint IDENTITY(1, 1) NOT FOR REPLICATION NOT NULL, [order_date] date CONSTRAINT [_dr_stage_0123abcd_0_df1] DEFAULT (getdate()) NOT NULL, [RowGuid] uniqueidentifier CONSTRAINT [_dr_stage_0123abcd_0_df2] DEFAULT (newsequentialid()) ROWGUIDCOL NOT NULL, [Status] varchar(10) COLLATE Latin1_General_CI_AS CONSTRAINT [_dr_stage_0123abcd_0_df3] DEFAULT ('new') NOT NULL, [Code] char(4) COLLATE Latin1_General_CI_AS NULL, [Document] xml(DOCUMENT [dbo].[Order Schemas]]]) NULL, [Fragment] xml(CONTENT [xml].[Fragments]) NULL, [Notes] nvarchar(max) COLLATE Latin1_General_CI_AS CONSTRAINT [_dr_stage_0123abcd_0_df7] DEFAULT (N'none') NULL, [Legacy] ntext COLLATE Latin1_General_CI_AS NULL, [Color] nvarchar(20) COLLATE Latin1_General_CI_AS SPARSE NULL, [Size] int SPARSE NULL, [Attributes] xml COLUMN_SET FOR ALL_SPARSE_COLUMNS) ON [Orders Data] TEXTIMAGE_ON [Orders LOB] WITH (DATA_COMPRESSION = PAGE);
SET ANSI_PADDING ON;
GO
-- every switch property: staging table option 0
EXEC sys.sp_tableoption @TableNamePattern = N'[sales].[_dr_stage_0123abcd_0]', @OptionName = N'large value types out of row', @OptionValue = N'1'
GO
-- every switch property: staging table option 1
EXEC sys.sp_tableoption @TableNamePattern = N'[sales].[_dr_stage_0123abcd_0]', @OptionName = N'text in row', @OptionValue = N'256'
GO
-- every switch property: staging index or constraint 0
ALTER TABLE [sales].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_pk] PRIMARY KEY CLUSTERED ([OrderId] ASC) WITH (DATA_COMPRESSION = PAGE) ON [Orders Data]
GO
-- every switch property: staging index or constraint 1
CREATE NONCLUSTERED INDEX [IX_Orders_Status] ON [sales].[_dr_stage_0123abcd_0] ([Status] ASC) INCLUDE ([Code]) WITH (DATA_COMPRESSION = ROW) ON [Orders Data]
GO
-- every switch property: staging index or constraint 2
ALTER TABLE [sales].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_uq2] UNIQUE NONCLUSTERED ([RowGuid] ASC) WITH (DATA_COMPRESSION = PAGE) ON [Orders Data]
GO
-- every switch property: staging index or constraint 3
ALTER TABLE [sales].[_dr_stage_0123abcd_0] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck0] CHECK ([OrderId]>(0))
GO
-- every switch property: staging index or constraint 4
ALTER TABLE [sales].[_dr_stage_0123abcd_0] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck1] CHECK (len([Status])>(0))
GO
-- every switch property: staging index or constraint 5
ALTER TABLE [sales].[_dr_stage_0123abcd_0] NOCHECK CONSTRAINT [_dr_stage_0123abcd_0_ck1]
GO
-- every switch property: staging index or constraint 6
ALTER TABLE [sales].[_dr_stage_0123abcd_0] WITH NOCHECK CHECK CONSTRAINT [_dr_stage_0123abcd_0_ck1]
GO
-- every switch property: staging index or constraint 7
ALTER TABLE [sales].[_dr_stage_0123abcd_0] WITH NOCHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck2] CHECK ([Code]<>'')
GO
-- every switch property: staging index or constraint 8
ALTER TABLE [sales].[_dr_stage_0123abcd_0] NOCHECK CONSTRAINT [_dr_stage_0123abcd_0_ck2]
GO
-- every switch property: staging index or constraint 9
ALTER TABLE [sales].[_dr_stage_0123abcd_0] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck3] CHECK NOT FOR REPLICATION ([order_date]>='2000-01-01')
GO
-- every switch property: scratch create
SET ANSI_PADDING OFF;
CREATE TABLE [sales].[_dr_stage_0123abcd_old] ([OrderId] bigint IDENTITY(1, 1) NOT FOR REPLICATION NOT NULL, [order_date] date CONSTRAINT [_dr_stage_0123abcd_old_df1] DEFAULT (getdate()) NOT NULL, [RowGuid] uniqueidentifier CONSTRAINT [_dr_stage_0123abcd_old_df2] DEFAULT (newsequentialid()) ROWGUIDCOL NOT NULL, [Status] varchar(10) COLLATE Latin1_General_CI_AS CONSTRAINT [_dr_stage_0123abcd_old_df3] DEFAULT ('new') NOT NULL, [Code] char(4) COLLATE Latin1_General_CI_AS NULL, [Document] xml(DOCUMENT [dbo].[Order Schemas]]]) NULL, [Fragment] xml(CONTENT [xml].[Fragments]) NULL, [Notes] nvarchar(max) COLLATE Latin1_General_CI_AS CONSTRAINT [_dr_stage_0123abcd_old_df7] DEFAULT (N'none') NULL, [Legacy] ntext COLLATE Latin1_General_CI_AS NULL, [Color] nvarchar(20) COLLATE Latin1_General_CI_AS SPARSE NULL, [Size] int SPARSE NULL, [Attributes] xml COLUMN_SET FOR ALL_SPARSE_COLUMNS) ON [Orders Data] TEXTIMAGE_ON [Orders LOB] WITH (DATA_COMPRESSION = PAGE);
SET ANSI_PADDING ON;
GO
-- every switch property: scratch table option 0
EXEC sys.sp_tableoption @TableNamePattern = N'[sales].[_dr_stage_0123abcd_old]', @OptionName = N'large value types out of row', @OptionValue = N'1'
GO
-- every switch property: scratch table option 1
EXEC sys.sp_tableoption @TableNamePattern = N'[sales].[_dr_stage_0123abcd_old]', @OptionName = N'text in row', @OptionValue = N'256'
GO
-- every switch property: scratch index or constraint 0
ALTER TABLE [sales].[_dr_stage_0123abcd_old] ADD CONSTRAINT [_dr_stage_0123abcd_old_pk] PRIMARY KEY CLUSTERED ([OrderId] ASC) WITH (DATA_COMPRESSION = PAGE) ON [Orders Data]
GO
-- every switch property: scratch index or constraint 1
CREATE NONCLUSTERED INDEX [IX_Orders_Status] ON [sales].[_dr_stage_0123abcd_old] ([Status] ASC) INCLUDE ([Code]) WITH (DATA_COMPRESSION = ROW) ON [Orders Data]
GO
-- every switch property: scratch index or constraint 2
ALTER TABLE [sales].[_dr_stage_0123abcd_old] ADD CONSTRAINT [_dr_stage_0123abcd_old_uq2] UNIQUE NONCLUSTERED ([RowGuid] ASC) WITH (DATA_COMPRESSION = PAGE) ON [Orders Data]
GO
-- every switch property: scratch index or constraint 3
ALTER TABLE [sales].[_dr_stage_0123abcd_old] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_old_ck0] CHECK ([OrderId]>(0))
GO
-- every switch property: scratch index or constraint 4
ALTER TABLE [sales].[_dr_stage_0123abcd_old] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_old_ck1] CHECK (len([Status])>(0))
GO
-- every switch property: scratch index or constraint 5
ALTER TABLE [sales].[_dr_stage_0123abcd_old] NOCHECK CONSTRAINT [_dr_stage_0123abcd_old_ck1]
GO
-- every switch property: scratch index or constraint 6
ALTER TABLE [sales].[_dr_stage_0123abcd_old] WITH NOCHECK CHECK CONSTRAINT [_dr_stage_0123abcd_old_ck1]
GO
-- every switch property: scratch index or constraint 7
ALTER TABLE [sales].[_dr_stage_0123abcd_old] WITH NOCHECK ADD CONSTRAINT [_dr_stage_0123abcd_old_ck2] CHECK ([Code]<>'')
GO
-- every switch property: scratch index or constraint 8
ALTER TABLE [sales].[_dr_stage_0123abcd_old] NOCHECK CONSTRAINT [_dr_stage_0123abcd_old_ck2]
GO
-- every switch property: scratch index or constraint 9
ALTER TABLE [sales].[_dr_stage_0123abcd_old] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_old_ck3] CHECK NOT FOR REPLICATION ([order_date]>='2000-01-01')
GO
-- every switch property: update statistics
UPDATE STATISTICS [sales].[Orders]
GO
-- every switch property, partitioned: staging create
SET ANSI_PADDING OFF;
CREATE TABLE [sales].[_dr_stage_0123abcd_0] ([OrderId] bigint IDENTITY(1, 1) NOT FOR REPLICATION NOT NULL, [order_date] date CONSTRAINT [_dr_stage_0123abcd_0_df1] DEFAULT (getdate()) NOT NULL, [RowGuid] uniqueidentifier CONSTRAINT [_dr_stage_0123abcd_0_df2] DEFAULT (newsequentialid()) ROWGUIDCOL NOT NULL, [Status] varchar(10) COLLATE Latin1_General_CI_AS CONSTRAINT [_dr_stage_0123abcd_0_df3] DEFAULT ('new') NOT NULL, [Code] char(4) COLLATE Latin1_General_CI_AS NULL, [Document] xml(DOCUMENT [dbo].[Order Schemas]]]) NULL, [Fragment] xml(CONTENT [xml].[Fragments]) NULL, [Notes] nvarchar(max) COLLATE Latin1_General_CI_AS CONSTRAINT [_dr_stage_0123abcd_0_df7] DEFAULT (N'none') NULL, [Legacy] ntext COLLATE Latin1_General_CI_AS NULL, [Color] nvarchar(20) COLLATE Latin1_General_CI_AS SPARSE NULL, [Size] int SPARSE NULL, [Attributes] xml COLUMN_SET FOR ALL_SPARSE_COLUMNS) ON [ps_orders]([order_date]) WITH (DATA_COMPRESSION = PAGE ON PARTITIONS (1, 3), DATA_COMPRESSION = ROW ON PARTITIONS (2));
SET ANSI_PADDING ON;
GO
-- every switch property, partitioned: staging table option 0
EXEC sys.sp_tableoption @TableNamePattern = N'[sales].[_dr_stage_0123abcd_0]', @OptionName = N'large value types out of row', @OptionValue = N'1'
GO
-- every switch property, partitioned: staging table option 1
EXEC sys.sp_tableoption @TableNamePattern = N'[sales].[_dr_stage_0123abcd_0]', @OptionName = N'text in row', @OptionValue = N'256'
GO
-- every switch property, partitioned: staging index or constraint 0
ALTER TABLE [sales].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_pk] PRIMARY KEY CLUSTERED ([OrderId] ASC, [order_date] ASC) WITH (DATA_COMPRESSION = PAGE ON PARTITIONS (1, 3), DATA_COMPRESSION = ROW ON PARTITIONS (2)) ON [ps_orders]([order_date])
GO
-- every switch property, partitioned: staging index or constraint 1
CREATE NONCLUSTERED INDEX [IX_Orders_Status] ON [sales].[_dr_stage_0123abcd_0] ([Status] ASC) INCLUDE ([Code]) WITH (DATA_COMPRESSION = ROW ON PARTITIONS (2, 3)) ON [ps_orders]([order_date])
GO
-- every switch property, partitioned: staging index or constraint 2
ALTER TABLE [sales].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_uq2] UNIQUE NONCLUSTERED ([RowGuid] ASC, [order_date] ASC) ON [ps_orders]([order_date])
GO
-- every switch property, partitioned: staging index or constraint 3
ALTER TABLE [sales].[_dr_stage_0123abcd_0] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck0] CHECK ([OrderId]>(0))
GO
-- every switch property, partitioned: staging index or constraint 4
ALTER TABLE [sales].[_dr_stage_0123abcd_0] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck1] CHECK (len([Status])>(0))
GO
-- every switch property, partitioned: staging index or constraint 5
ALTER TABLE [sales].[_dr_stage_0123abcd_0] NOCHECK CONSTRAINT [_dr_stage_0123abcd_0_ck1]
GO
-- every switch property, partitioned: staging index or constraint 6
ALTER TABLE [sales].[_dr_stage_0123abcd_0] WITH NOCHECK CHECK CONSTRAINT [_dr_stage_0123abcd_0_ck1]
GO
-- every switch property, partitioned: staging index or constraint 7
ALTER TABLE [sales].[_dr_stage_0123abcd_0] WITH NOCHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck2] CHECK ([Code]<>'')
GO
-- every switch property, partitioned: staging index or constraint 8
ALTER TABLE [sales].[_dr_stage_0123abcd_0] NOCHECK CONSTRAINT [_dr_stage_0123abcd_0_ck2]
GO
-- every switch property, partitioned: staging index or constraint 9
ALTER TABLE [sales].[_dr_stage_0123abcd_0] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck3] CHECK NOT FOR REPLICATION ([order_date]>='2000-01-01')
GO
-- every switch property, partitioned: scratch create
SET ANSI_PADDING OFF;
CREATE TABLE [sales].[_dr_stage_0123abcd_old] ([OrderId] bigint IDENTITY(1, 1) NOT FOR REPLICATION NOT NULL, [order_date] date CONSTRAINT [_dr_stage_0123abcd_old_df1] DEFAULT (getdate()) NOT NULL, [RowGuid] uniqueidentifier CONSTRAINT [_dr_stage_0123abcd_old_df2] DEFAULT (newsequentialid()) ROWGUIDCOL NOT NULL, [Status] varchar(10) COLLATE Latin1_General_CI_AS CONSTRAINT [_dr_stage_0123abcd_old_df3] DEFAULT ('new') NOT NULL, [Code] char(4) COLLATE Latin1_General_CI_AS NULL, [Document] xml(DOCUMENT [dbo].[Order Schemas]]]) NULL, [Fragment] xml(CONTENT [xml].[Fragments]) NULL, [Notes] nvarchar(max) COLLATE Latin1_General_CI_AS CONSTRAINT [_dr_stage_0123abcd_old_df7] DEFAULT (N'none') NULL, [Legacy] ntext COLLATE Latin1_General_CI_AS NULL, [Color] nvarchar(20) COLLATE Latin1_General_CI_AS SPARSE NULL, [Size] int SPARSE NULL, [Attributes] xml COLUMN_SET FOR ALL_SPARSE_COLUMNS) ON [ps_orders]([order_date]) WITH (DATA_COMPRESSION = PAGE ON PARTITIONS (1, 3), DATA_COMPRESSION = ROW ON PARTITIONS (2));
SET ANSI_PADDING ON;
GO
-- every switch property, partitioned: scratch table option 0
EXEC sys.sp_tableoption @TableNamePattern = N'[sales].[_dr_stage_0123abcd_old]', @OptionName = N'large value types out of row', @OptionValue = N'1'
GO
-- every switch property, partitioned: scratch table option 1
EXEC sys.sp_tableoption @TableNamePattern = N'[sales].[_dr_stage_0123abcd_old]', @OptionName = N'text in row', @OptionValue = N'256'
GO
-- every switch property, partitioned: scratch index or constraint 0
ALTER TABLE [sales].[_dr_stage_0123abcd_old] ADD CONSTRAINT [_dr_stage_0123abcd_old_pk] PRIMARY KEY CLUSTERED ([OrderId] ASC, [order_date] ASC) WITH (DATA_COMPRESSION = PAGE ON PARTITIONS (1, 3), DATA_COMPRESSION = ROW ON PARTITIONS (2)) ON [ps_orders]([order_date])
GO
-- every switch property, partitioned: scratch index or constraint 1
CREATE NONCLUSTERED INDEX [IX_Orders_Status] ON [sales].[_dr_stage_0123abcd_old] ([Status] ASC) INCLUDE ([Code]) WITH (DATA_COMPRESSION = ROW ON PARTITIONS (2, 3)) ON [ps_orders]([order_date])
GO
-- every switch property, partitioned: scratch index or constraint 2
ALTER TABLE [sales].[_dr_stage_0123abcd_old] ADD CONSTRAINT [_dr_stage_0123abcd_old_uq2] UNIQUE NONCLUSTERED ([RowGuid] ASC, [order_date] ASC) ON [ps_orders]([order_date])
GO
-- every switch property, partitioned: scratch index or constraint 3
ALTER TABLE [sales].[_dr_stage_0123abcd_old] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_old_ck0] CHECK ([OrderId]>(0))
GO
-- every switch property, partitioned: scratch index or constraint 4
ALTER TABLE [sales].[_dr_stage_0123abcd_old] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_old_ck1] CHECK (len([Status])>(0))
GO
-- every switch property, partitioned: scratch index or constraint 5
ALTER TABLE [sales].[_dr_stage_0123abcd_old] NOCHECK CONSTRAINT [_dr_stage_0123abcd_old_ck1]
GO
-- every switch property, partitioned: scratch index or constraint 6
ALTER TABLE [sales].[_dr_stage_0123abcd_old] WITH NOCHECK CHECK CONSTRAINT [_dr_stage_0123abcd_old_ck1]
GO
-- every switch property, partitioned: scratch index or constraint 7
ALTER TABLE [sales].[_dr_stage_0123abcd_old] WITH NOCHECK ADD CONSTRAINT [_dr_stage_0123abcd_old_ck2] CHECK ([Code]<>'')
GO
-- every switch property, partitioned: scratch index or constraint 8
ALTER TABLE [sales].[_dr_stage_0123abcd_old] NOCHECK CONSTRAINT [_dr_stage_0123abcd_old_ck2]
GO
-- every switch property, partitioned: scratch index or constraint 9
ALTER TABLE [sales].[_dr_stage_0123abcd_old] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_old_ck3] CHECK NOT FOR REPLICATION ([order_date]>='2000-01-01')
GO
-- every switch property, partitioned: update statistics
UPDATE STATISTICS [sales].[Orders]
GO
-- heap: staging create
CREATE TABLE [dbo].[_dr_stage_0123abcd_0] ([EventId] int NOT NULL, [Payload] nvarchar(50) COLLATE Latin1_General_CI_AS NULL) ON [PRIMARY]
GO
-- heap: staging after load 0
CREATE NONCLUSTERED INDEX [IX heap]]] ON [dbo].[_dr_stage_0123abcd_0] ([Payload] DESC) WHERE ([Payload] IS NOT NULL) ON [PRIMARY]
GO
-- heap: staging after load 1
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_uq2] UNIQUE NONCLUSTERED ([Payload] ASC) ON [PRIMARY]
GO
-- heap: staging after load 2
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck0] CHECK ([EventId]>(0))
GO
-- heap: switch out
ALTER TABLE [dbo].[Events] SWITCH TO [dbo].[_dr_stage_0123abcd_old] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 1 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- heap: switch in
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] SWITCH TO [dbo].[Events] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 5 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- heap: truncate partitions
TRUNCATE TABLE [dbo].[Events] WITH (PARTITIONS (2 TO 3))
GO
-- heap: truncate one partition
TRUNCATE TABLE [dbo].[Events] WITH (PARTITIONS (3))
GO
-- heap: switch partition
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] SWITCH PARTITION 2 TO [dbo].[Events] PARTITION 2 WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 2 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- heap: staging rows of one partition
SELECT [EventId], [Payload] FROM [dbo].[_dr_stage_0123abcd_0] WHERE $PARTITION.[pf daily]]]([EventId]) = 3
GO
-- heap: staging rows of one partition, filtered
SELECT [EventId], [Payload] FROM [dbo].[_dr_stage_0123abcd_0] WHERE [EventId] >= @bound AND $PARTITION.[pf_daily]([EventId]) = 12
GO
-- heap: drop staging
DROP TABLE IF EXISTS [dbo].[_dr_stage_0123abcd_0]
GO
-- clustered primary key: staging create
CREATE TABLE [dbo].[_dr_stage_0123abcd_0] ([UserId] int NOT NULL, [Name] nvarchar(50) COLLATE Latin1_General_CI_AS NULL, [Email] nvarchar(50) COLLATE Latin1_General_CI_AS NULL) ON [Data Files]]1]
GO
-- clustered primary key: staging before load 0
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_pk] PRIMARY KEY CLUSTERED ([UserId] ASC) ON [Data Files]]1]
GO
-- clustered primary key: staging after load 0
CREATE NONCLUSTERED INDEX [IX clustered primary key]]] ON [dbo].[_dr_stage_0123abcd_0] ([Email] DESC) INCLUDE ([Name]) WHERE ([Email] IS NOT NULL) ON [Data Files]]1]
GO
-- clustered primary key: staging after load 1
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_uq2] UNIQUE NONCLUSTERED ([Email] ASC) ON [Data Files]]1]
GO
-- clustered primary key: staging after load 2
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck0] CHECK ([UserId]>(0))
GO
-- clustered primary key: switch out
ALTER TABLE [dbo].[Users] SWITCH TO [dbo].[_dr_stage_0123abcd_old] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 1 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- clustered primary key: switch in
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] SWITCH TO [dbo].[Users] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 5 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- clustered primary key: truncate partitions
TRUNCATE TABLE [dbo].[Users] WITH (PARTITIONS (2 TO 3))
GO
-- clustered primary key: truncate one partition
TRUNCATE TABLE [dbo].[Users] WITH (PARTITIONS (3))
GO
-- clustered primary key: switch partition
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] SWITCH PARTITION 2 TO [dbo].[Users] PARTITION 2 WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 2 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- clustered primary key: staging rows of one partition
SELECT [UserId], [Name], [Email] FROM [dbo].[_dr_stage_0123abcd_0] WHERE $PARTITION.[pf daily]]]([UserId]) = 3 ORDER BY [UserId]
GO
-- clustered primary key: staging rows of one partition, filtered
SELECT [UserId], [Name], [Email] FROM [dbo].[_dr_stage_0123abcd_0] WHERE [UserId] >= @bound AND $PARTITION.[pf_daily]([UserId]) = 12
GO
-- clustered primary key: drop staging
DROP TABLE IF EXISTS [dbo].[_dr_stage_0123abcd_0]
GO
-- identity: staging create
CREATE TABLE [sales].[_dr_stage_0123abcd_0] ([order_id] bigint IDENTITY(1, 1) NOT NULL, [amount] nvarchar(50) COLLATE Latin1_General_CI_AS NULL, [placed_at] nvarchar(50) COLLATE Latin1_General_CI_AS NULL) ON [Data Files]]1]
GO
-- identity: staging before load 0
ALTER TABLE [sales].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_pk] PRIMARY KEY CLUSTERED ([order_id] ASC) ON [Data Files]]1]
GO
-- identity: staging after load 0
CREATE NONCLUSTERED INDEX [IX identity]]] ON [sales].[_dr_stage_0123abcd_0] ([placed_at] DESC) INCLUDE ([amount]) WHERE ([placed_at] IS NOT NULL) ON [Data Files]]1]
GO
-- identity: staging after load 1
ALTER TABLE [sales].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_uq2] UNIQUE NONCLUSTERED ([placed_at] ASC) ON [Data Files]]1]
GO
-- identity: staging after load 2
ALTER TABLE [sales].[_dr_stage_0123abcd_0] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck0] CHECK ([order_id]>(0))
GO
-- identity: switch out
ALTER TABLE [sales].[Orders] SWITCH TO [sales].[_dr_stage_0123abcd_old] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 1 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- identity: switch in
ALTER TABLE [sales].[_dr_stage_0123abcd_0] SWITCH TO [sales].[Orders] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 5 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- identity: truncate partitions
TRUNCATE TABLE [sales].[Orders] WITH (PARTITIONS (2 TO 3))
GO
-- identity: truncate one partition
TRUNCATE TABLE [sales].[Orders] WITH (PARTITIONS (3))
GO
-- identity: switch partition
ALTER TABLE [sales].[_dr_stage_0123abcd_0] SWITCH PARTITION 2 TO [sales].[Orders] PARTITION 2 WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 2 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- identity: staging rows of one partition
SELECT [order_id], [amount], [placed_at] FROM [sales].[_dr_stage_0123abcd_0] WHERE $PARTITION.[pf daily]]]([order_id]) = 3 ORDER BY [order_id]
GO
-- identity: staging rows of one partition, filtered
SELECT [order_id], [amount], [placed_at] FROM [sales].[_dr_stage_0123abcd_0] WHERE [order_id] >= @bound AND $PARTITION.[pf_daily]([order_id]) = 12
GO
-- identity: drop staging
DROP TABLE IF EXISTS [sales].[_dr_stage_0123abcd_0]
GO
-- computed and rowversion: staging create
CREATE TABLE [dbo].[_dr_stage_0123abcd_0] ([InvoiceId] int NOT NULL, [Net] nvarchar(50) COLLATE Latin1_General_CI_AS NULL, [Tax] nvarchar(50) COLLATE Latin1_General_CI_AS NULL, [Gross] AS ([Net]*(1.2)) PERSISTED, [Version] rowversion NOT NULL) ON [Data Files]]1]
GO
-- computed and rowversion: staging before load 0
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_pk] PRIMARY KEY CLUSTERED ([InvoiceId] ASC) ON [Data Files]]1]
GO
-- computed and rowversion: staging after load 0
CREATE NONCLUSTERED INDEX [IX computed and rowversion]]] ON [dbo].[_dr_stage_0123abcd_0] ([Tax] DESC) INCLUDE ([Net]) WHERE ([Tax] IS NOT NULL) ON [Data Files]]1]
GO
-- computed and rowversion: staging after load 1
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_uq2] UNIQUE NONCLUSTERED ([Tax] ASC) ON [Data Files]]1]
GO
-- computed and rowversion: staging after load 2
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck0] CHECK ([InvoiceId]>(0))
GO
-- computed and rowversion: switch out
ALTER TABLE [dbo].[Invoices] SWITCH TO [dbo].[_dr_stage_0123abcd_old] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 1 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- computed and rowversion: switch in
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] SWITCH TO [dbo].[Invoices] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 5 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- computed and rowversion: truncate partitions
TRUNCATE TABLE [dbo].[Invoices] WITH (PARTITIONS (2 TO 3))
GO
-- computed and rowversion: truncate one partition
TRUNCATE TABLE [dbo].[Invoices] WITH (PARTITIONS (3))
GO
-- computed and rowversion: switch partition
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] SWITCH PARTITION 2 TO [dbo].[Invoices] PARTITION 2 WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 2 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- computed and rowversion: staging rows of one partition
SELECT [InvoiceId], [Net], [Tax] FROM [dbo].[_dr_stage_0123abcd_0] WHERE $PARTITION.[pf daily]]]([InvoiceId]) = 3 ORDER BY [InvoiceId]
GO
-- computed and rowversion: staging rows of one partition, filtered
SELECT [InvoiceId], [Net], [Tax] FROM [dbo].[_dr_stage_0123abcd_0] WHERE [InvoiceId] >= @bound AND $PARTITION.[pf_daily]([InvoiceId]) = 12
GO
-- computed and rowversion: drop staging
DROP TABLE IF EXISTS [dbo].[_dr_stage_0123abcd_0]
GO
-- temporal: staging create
CREATE TABLE [hr].[_dr_stage_0123abcd_0] ([EmployeeId] int NOT NULL, [Salary] nvarchar(50) COLLATE Latin1_General_CI_AS NULL) ON [Data Files]]1]
GO
-- temporal: staging before load 0
ALTER TABLE [hr].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_pk] PRIMARY KEY CLUSTERED ([EmployeeId] ASC) ON [Data Files]]1]
GO
-- temporal: staging after load 0
CREATE NONCLUSTERED INDEX [IX temporal]]] ON [hr].[_dr_stage_0123abcd_0] ([Salary] DESC) WHERE ([Salary] IS NOT NULL) ON [Data Files]]1]
GO
-- temporal: staging after load 1
ALTER TABLE [hr].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_uq2] UNIQUE NONCLUSTERED ([Salary] ASC) ON [Data Files]]1]
GO
-- temporal: staging after load 2
ALTER TABLE [hr].[_dr_stage_0123abcd_0] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck0] CHECK ([EmployeeId]>(0))
GO
-- temporal: switch out
ALTER TABLE [hr].[Employees] SWITCH TO [hr].[_dr_stage_0123abcd_old] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 1 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- temporal: switch in
ALTER TABLE [hr].[_dr_stage_0123abcd_0] SWITCH TO [hr].[Employees] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 5 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- temporal: truncate partitions
TRUNCATE TABLE [hr].[Employees] WITH (PARTITIONS (2 TO 3))
GO
-- temporal: truncate one partition
TRUNCATE TABLE [hr].[Employees] WITH (PARTITIONS (3))
GO
-- temporal: switch partition
ALTER TABLE [hr].[_dr_stage_0123abcd_0] SWITCH PARTITION 2 TO [hr].[Employees] PARTITION 2 WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 2 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- temporal: staging rows of one partition
SELECT [EmployeeId], [Salary] FROM [hr].[_dr_stage_0123abcd_0] WHERE $PARTITION.[pf daily]]]([EmployeeId]) = 3 ORDER BY [EmployeeId]
GO
-- temporal: staging rows of one partition, filtered
SELECT [EmployeeId], [Salary] FROM [hr].[_dr_stage_0123abcd_0] WHERE [EmployeeId] >= @bound AND $PARTITION.[pf_daily]([EmployeeId]) = 12
GO
-- temporal: drop staging
DROP TABLE IF EXISTS [hr].[_dr_stage_0123abcd_0]
GO
-- partitioned: staging create
CREATE TABLE [rpt].[_dr_stage_0123abcd_0] ([report_date] int NOT NULL, [region] nvarchar(50) COLLATE Latin1_General_CI_AS NULL, [revenue] nvarchar(50) COLLATE Latin1_General_CI_AS NULL) ON [ps_daily]([report_date])
GO
-- partitioned: staging before load 0
ALTER TABLE [rpt].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_pk] PRIMARY KEY CLUSTERED ([report_date] ASC, [region] ASC) ON [ps_daily]([report_date])
GO
-- partitioned: staging after load 0
CREATE NONCLUSTERED INDEX [IX partitioned]]] ON [rpt].[_dr_stage_0123abcd_0] ([revenue] DESC) INCLUDE ([region]) WHERE ([revenue] IS NOT NULL) ON [ps_daily]([report_date])
GO
-- partitioned: staging after load 1
ALTER TABLE [rpt].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_uq2] UNIQUE NONCLUSTERED ([revenue] ASC) ON [ps_daily]([report_date])
GO
-- partitioned: staging after load 2
ALTER TABLE [rpt].[_dr_stage_0123abcd_0] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck0] CHECK ([report_date]>(0))
GO
-- partitioned: switch out
ALTER TABLE [rpt].[DailyReports] SWITCH TO [rpt].[_dr_stage_0123abcd_old] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 1 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- partitioned: switch in
ALTER TABLE [rpt].[_dr_stage_0123abcd_0] SWITCH TO [rpt].[DailyReports] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 5 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- partitioned: truncate partitions
TRUNCATE TABLE [rpt].[DailyReports] WITH (PARTITIONS (2 TO 3))
GO
-- partitioned: truncate one partition
TRUNCATE TABLE [rpt].[DailyReports] WITH (PARTITIONS (3))
GO
-- partitioned: switch partition
ALTER TABLE [rpt].[_dr_stage_0123abcd_0] SWITCH PARTITION 2 TO [rpt].[DailyReports] PARTITION 2 WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 2 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- partitioned: staging rows of one partition
SELECT [report_date], [region], [revenue] FROM [rpt].[_dr_stage_0123abcd_0] WHERE $PARTITION.[pf daily]]]([report_date]) = 3 ORDER BY [report_date], [region]
GO
-- partitioned: staging rows of one partition, filtered
SELECT [report_date], [region], [revenue] FROM [rpt].[_dr_stage_0123abcd_0] WHERE [report_date] >= @bound AND $PARTITION.[pf_daily]([report_date]) = 12
GO
-- partitioned: drop staging
DROP TABLE IF EXISTS [rpt].[_dr_stage_0123abcd_0]
GO
-- close bracket: staging create
CREATE TABLE [dbo].[_dr_stage_0123abcd_0] ([col]]umn] int NOT NULL, [x] nvarchar(50) COLLATE Latin1_General_CI_AS NULL) ON [Data Files]]1]
GO
-- close bracket: staging before load 0
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_pk] PRIMARY KEY CLUSTERED ([col]]umn] ASC) ON [Data Files]]1]
GO
-- close bracket: staging after load 0
CREATE NONCLUSTERED INDEX [IX close bracket]]] ON [dbo].[_dr_stage_0123abcd_0] ([x] DESC) WHERE ([x] IS NOT NULL) ON [Data Files]]1]
GO
-- close bracket: staging after load 1
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_uq2] UNIQUE NONCLUSTERED ([x] ASC) ON [Data Files]]1]
GO
-- close bracket: staging after load 2
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck0] CHECK ([col]]umn]>(0))
GO
-- close bracket: switch out
ALTER TABLE [dbo].[Weird]]Name] SWITCH TO [dbo].[_dr_stage_0123abcd_old] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 1 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- close bracket: switch in
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] SWITCH TO [dbo].[Weird]]Name] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 5 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- close bracket: truncate partitions
TRUNCATE TABLE [dbo].[Weird]]Name] WITH (PARTITIONS (2 TO 3))
GO
-- close bracket: truncate one partition
TRUNCATE TABLE [dbo].[Weird]]Name] WITH (PARTITIONS (3))
GO
-- close bracket: switch partition
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] SWITCH PARTITION 2 TO [dbo].[Weird]]Name] PARTITION 2 WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 2 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- close bracket: staging rows of one partition
SELECT [col]]umn], [x] FROM [dbo].[_dr_stage_0123abcd_0] WHERE $PARTITION.[pf daily]]]([col]]umn]) = 3 ORDER BY [col]]umn]
GO
-- close bracket: staging rows of one partition, filtered
SELECT [col]]umn], [x] FROM [dbo].[_dr_stage_0123abcd_0] WHERE [col]]umn] >= @bound AND $PARTITION.[pf_daily]([col]]umn]) = 12
GO
-- close bracket: drop staging
DROP TABLE IF EXISTS [dbo].[_dr_stage_0123abcd_0]
GO
-- open bracket: staging create
CREATE TABLE [dbo].[_dr_stage_0123abcd_0] ([[a] int NOT NULL, [b[] nvarchar(50) COLLATE Latin1_General_CI_AS NULL) ON [Data Files]]1]
GO
-- open bracket: staging before load 0
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_pk] PRIMARY KEY CLUSTERED ([[a] ASC) ON [Data Files]]1]
GO
-- open bracket: staging after load 0
CREATE NONCLUSTERED INDEX [IX open bracket]]] ON [dbo].[_dr_stage_0123abcd_0] ([b[] DESC) WHERE ([b[] IS NOT NULL) ON [Data Files]]1]
GO
-- open bracket: staging after load 1
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_uq2] UNIQUE NONCLUSTERED ([b[] ASC) ON [Data Files]]1]
GO
-- open bracket: staging after load 2
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck0] CHECK ([[a]>(0))
GO
-- open bracket: switch out
ALTER TABLE [dbo].[[Bracketed] SWITCH TO [dbo].[_dr_stage_0123abcd_old] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 1 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- open bracket: switch in
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] SWITCH TO [dbo].[[Bracketed] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 5 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- open bracket: truncate partitions
TRUNCATE TABLE [dbo].[[Bracketed] WITH (PARTITIONS (2 TO 3))
GO
-- open bracket: truncate one partition
TRUNCATE TABLE [dbo].[[Bracketed] WITH (PARTITIONS (3))
GO
-- open bracket: switch partition
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] SWITCH PARTITION 2 TO [dbo].[[Bracketed] PARTITION 2 WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 2 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- open bracket: staging rows of one partition
SELECT [[a], [b[] FROM [dbo].[_dr_stage_0123abcd_0] WHERE $PARTITION.[pf daily]]]([[a]) = 3 ORDER BY [[a]
GO
-- open bracket: staging rows of one partition, filtered
SELECT [[a], [b[] FROM [dbo].[_dr_stage_0123abcd_0] WHERE [[a] >= @bound AND $PARTITION.[pf_daily]([[a]) = 12
GO
-- open bracket: drop staging
DROP TABLE IF EXISTS [dbo].[_dr_stage_0123abcd_0]
GO
-- quote: staging create
CREATE TABLE [O'Brien].[_dr_stage_0123abcd_0] ([Customer's Name] int NOT NULL, [id] nvarchar(50) COLLATE Latin1_General_CI_AS NULL) ON [Data Files]]1]
GO
-- quote: staging before load 0
ALTER TABLE [O'Brien].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_pk] PRIMARY KEY CLUSTERED ([id] ASC) ON [Data Files]]1]
GO
-- quote: staging after load 0
CREATE NONCLUSTERED INDEX [IX quote]]] ON [O'Brien].[_dr_stage_0123abcd_0] ([id] DESC) WHERE ([id] IS NOT NULL) ON [Data Files]]1]
GO
-- quote: staging after load 1
ALTER TABLE [O'Brien].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_uq2] UNIQUE NONCLUSTERED ([id] ASC) ON [Data Files]]1]
GO
-- quote: staging after load 2
ALTER TABLE [O'Brien].[_dr_stage_0123abcd_0] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck0] CHECK ([Customer's Name]>(0))
GO
-- quote: switch out
ALTER TABLE [O'Brien].[It's] SWITCH TO [O'Brien].[_dr_stage_0123abcd_old] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 1 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- quote: switch in
ALTER TABLE [O'Brien].[_dr_stage_0123abcd_0] SWITCH TO [O'Brien].[It's] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 5 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- quote: truncate partitions
TRUNCATE TABLE [O'Brien].[It's] WITH (PARTITIONS (2 TO 3))
GO
-- quote: truncate one partition
TRUNCATE TABLE [O'Brien].[It's] WITH (PARTITIONS (3))
GO
-- quote: switch partition
ALTER TABLE [O'Brien].[_dr_stage_0123abcd_0] SWITCH PARTITION 2 TO [O'Brien].[It's] PARTITION 2 WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 2 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- quote: staging rows of one partition
SELECT [Customer's Name], [id] FROM [O'Brien].[_dr_stage_0123abcd_0] WHERE $PARTITION.[pf daily]]]([Customer's Name]) = 3 ORDER BY [id]
GO
-- quote: staging rows of one partition, filtered
SELECT [Customer's Name], [id] FROM [O'Brien].[_dr_stage_0123abcd_0] WHERE [Customer's Name] >= @bound AND $PARTITION.[pf_daily]([Customer's Name]) = 12
GO
-- quote: drop staging
DROP TABLE IF EXISTS [O'Brien].[_dr_stage_0123abcd_0]
GO
-- semicolon: staging create
CREATE TABLE [dbo].[_dr_stage_0123abcd_0] ([c;d] int NOT NULL, [--e] nvarchar(50) COLLATE Latin1_General_CI_AS NULL) ON [Data Files]]1]
GO
-- semicolon: staging before load 0
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_pk] PRIMARY KEY CLUSTERED ([c;d] ASC) ON [Data Files]]1]
GO
-- semicolon: staging after load 0
CREATE NONCLUSTERED INDEX [IX semicolon]]] ON [dbo].[_dr_stage_0123abcd_0] ([--e] DESC) WHERE ([--e] IS NOT NULL) ON [Data Files]]1]
GO
-- semicolon: staging after load 1
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_uq2] UNIQUE NONCLUSTERED ([--e] ASC) ON [Data Files]]1]
GO
-- semicolon: staging after load 2
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck0] CHECK ([c;d]>(0))
GO
-- semicolon: switch out
ALTER TABLE [dbo].[a;DROP TABLE x;--] SWITCH TO [dbo].[_dr_stage_0123abcd_old] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 1 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- semicolon: switch in
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] SWITCH TO [dbo].[a;DROP TABLE x;--] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 5 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- semicolon: truncate partitions
TRUNCATE TABLE [dbo].[a;DROP TABLE x;--] WITH (PARTITIONS (2 TO 3))
GO
-- semicolon: truncate one partition
TRUNCATE TABLE [dbo].[a;DROP TABLE x;--] WITH (PARTITIONS (3))
GO
-- semicolon: switch partition
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] SWITCH PARTITION 2 TO [dbo].[a;DROP TABLE x;--] PARTITION 2 WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 2 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- semicolon: staging rows of one partition
SELECT [c;d], [--e] FROM [dbo].[_dr_stage_0123abcd_0] WHERE $PARTITION.[pf daily]]]([c;d]) = 3 ORDER BY [c;d]
GO
-- semicolon: staging rows of one partition, filtered
SELECT [c;d], [--e] FROM [dbo].[_dr_stage_0123abcd_0] WHERE [c;d] >= @bound AND $PARTITION.[pf_daily]([c;d]) = 12
GO
-- semicolon: drop staging
DROP TABLE IF EXISTS [dbo].[_dr_stage_0123abcd_0]
GO
-- spaces: staging create
CREATE TABLE [sales].[_dr_stage_0123abcd_0] ([Line No] int NOT NULL, [Unit Price] nvarchar(50) COLLATE Latin1_General_CI_AS NULL) ON [Data Files]]1]
GO
-- spaces: staging before load 0
ALTER TABLE [sales].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_pk] PRIMARY KEY CLUSTERED ([Line No] ASC) ON [Data Files]]1]
GO
-- spaces: staging after load 0
CREATE NONCLUSTERED INDEX [IX spaces]]] ON [sales].[_dr_stage_0123abcd_0] ([Unit Price] DESC) WHERE ([Unit Price] IS NOT NULL) ON [Data Files]]1]
GO
-- spaces: staging after load 1
ALTER TABLE [sales].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_uq2] UNIQUE NONCLUSTERED ([Unit Price] ASC) ON [Data Files]]1]
GO
-- spaces: staging after load 2
ALTER TABLE [sales].[_dr_stage_0123abcd_0] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck0] CHECK ([Line No]>(0))
GO
-- spaces: switch out
ALTER TABLE [sales].[Order Lines] SWITCH TO [sales].[_dr_stage_0123abcd_old] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 1 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- spaces: switch in
ALTER TABLE [sales].[_dr_stage_0123abcd_0] SWITCH TO [sales].[Order Lines] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 5 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- spaces: truncate partitions
TRUNCATE TABLE [sales].[Order Lines] WITH (PARTITIONS (2 TO 3))
GO
-- spaces: truncate one partition
TRUNCATE TABLE [sales].[Order Lines] WITH (PARTITIONS (3))
GO
-- spaces: switch partition
ALTER TABLE [sales].[_dr_stage_0123abcd_0] SWITCH PARTITION 2 TO [sales].[Order Lines] PARTITION 2 WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 2 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- spaces: staging rows of one partition
SELECT [Line No], [Unit Price] FROM [sales].[_dr_stage_0123abcd_0] WHERE $PARTITION.[pf daily]]]([Line No]) = 3 ORDER BY [Line No]
GO
-- spaces: staging rows of one partition, filtered
SELECT [Line No], [Unit Price] FROM [sales].[_dr_stage_0123abcd_0] WHERE [Line No] >= @bound AND $PARTITION.[pf_daily]([Line No]) = 12
GO
-- spaces: drop staging
DROP TABLE IF EXISTS [sales].[_dr_stage_0123abcd_0]
GO
-- unicode: staging create
CREATE TABLE [données].[_dr_stage_0123abcd_0] ([名前] int NOT NULL, [ñandú] nvarchar(50) COLLATE Latin1_General_CI_AS NULL, [emoji😀] nvarchar(50) COLLATE Latin1_General_CI_AS NULL) ON [Data Files]]1]
GO
-- unicode: staging before load 0
ALTER TABLE [données].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_pk] PRIMARY KEY CLUSTERED ([名前] ASC) ON [Data Files]]1]
GO
-- unicode: staging after load 0
CREATE NONCLUSTERED INDEX [IX unicode]]] ON [données].[_dr_stage_0123abcd_0] ([emoji😀] DESC) INCLUDE ([ñandú]) WHERE ([emoji😀] IS NOT NULL) ON [Data Files]]1]
GO
-- unicode: staging after load 1
ALTER TABLE [données].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_uq2] UNIQUE NONCLUSTERED ([emoji😀] ASC) ON [Data Files]]1]
GO
-- unicode: staging after load 2
ALTER TABLE [données].[_dr_stage_0123abcd_0] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck0] CHECK ([名前]>(0))
GO
-- unicode: switch out
ALTER TABLE [données].[Überstunden 日本] SWITCH TO [données].[_dr_stage_0123abcd_old] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 1 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- unicode: switch in
ALTER TABLE [données].[_dr_stage_0123abcd_0] SWITCH TO [données].[Überstunden 日本] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 5 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- unicode: truncate partitions
TRUNCATE TABLE [données].[Überstunden 日本] WITH (PARTITIONS (2 TO 3))
GO
-- unicode: truncate one partition
TRUNCATE TABLE [données].[Überstunden 日本] WITH (PARTITIONS (3))
GO
-- unicode: switch partition
ALTER TABLE [données].[_dr_stage_0123abcd_0] SWITCH PARTITION 2 TO [données].[Überstunden 日本] PARTITION 2 WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 2 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- unicode: staging rows of one partition
SELECT [名前], [ñandú], [emoji😀] FROM [données].[_dr_stage_0123abcd_0] WHERE $PARTITION.[pf daily]]]([名前]) = 3 ORDER BY [名前]
GO
-- unicode: staging rows of one partition, filtered
SELECT [名前], [ñandú], [emoji😀] FROM [données].[_dr_stage_0123abcd_0] WHERE [名前] >= @bound AND $PARTITION.[pf_daily]([名前]) = 12
GO
-- unicode: drop staging
DROP TABLE IF EXISTS [données].[_dr_stage_0123abcd_0]
GO
-- reserved words: staging create
CREATE TABLE [select].[_dr_stage_0123abcd_0] ([from] int NOT NULL, [where] nvarchar(50) COLLATE Latin1_General_CI_AS NULL, [order] nvarchar(50) COLLATE Latin1_General_CI_AS NULL, [group] nvarchar(50) COLLATE Latin1_General_CI_AS NULL) ON [Data Files]]1]
GO
-- reserved words: staging before load 0
ALTER TABLE [select].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_pk] PRIMARY KEY CLUSTERED ([from] ASC) ON [Data Files]]1]
GO
-- reserved words: staging after load 0
CREATE NONCLUSTERED INDEX [IX reserved words]]] ON [select].[_dr_stage_0123abcd_0] ([group] DESC) INCLUDE ([where]) WHERE ([group] IS NOT NULL) ON [Data Files]]1]
GO
-- reserved words: staging after load 1
ALTER TABLE [select].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_uq2] UNIQUE NONCLUSTERED ([group] ASC) ON [Data Files]]1]
GO
-- reserved words: staging after load 2
ALTER TABLE [select].[_dr_stage_0123abcd_0] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck0] CHECK ([from]>(0))
GO
-- reserved words: switch out
ALTER TABLE [select].[table] SWITCH TO [select].[_dr_stage_0123abcd_old] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 1 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- reserved words: switch in
ALTER TABLE [select].[_dr_stage_0123abcd_0] SWITCH TO [select].[table] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 5 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- reserved words: truncate partitions
TRUNCATE TABLE [select].[table] WITH (PARTITIONS (2 TO 3))
GO
-- reserved words: truncate one partition
TRUNCATE TABLE [select].[table] WITH (PARTITIONS (3))
GO
-- reserved words: switch partition
ALTER TABLE [select].[_dr_stage_0123abcd_0] SWITCH PARTITION 2 TO [select].[table] PARTITION 2 WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 2 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- reserved words: staging rows of one partition
SELECT [from], [where], [order], [group] FROM [select].[_dr_stage_0123abcd_0] WHERE $PARTITION.[pf daily]]]([from]) = 3 ORDER BY [from]
GO
-- reserved words: staging rows of one partition, filtered
SELECT [from], [where], [order], [group] FROM [select].[_dr_stage_0123abcd_0] WHERE [from] >= @bound AND $PARTITION.[pf_daily]([from]) = 12
GO
-- reserved words: drop staging
DROP TABLE IF EXISTS [select].[_dr_stage_0123abcd_0]
GO
-- 128 characters: staging create
CREATE TABLE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[_dr_stage_0123abcd_0] ([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] int NOT NULL, [id] nvarchar(50) COLLATE Latin1_General_CI_AS NULL) ON [Data Files]]1]
GO
-- 128 characters: staging before load 0
ALTER TABLE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_pk] PRIMARY KEY CLUSTERED ([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] ASC) ON [Data Files]]1]
GO
-- 128 characters: staging after load 0
CREATE NONCLUSTERED INDEX [IX 128 characters]]] ON [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[_dr_stage_0123abcd_0] ([id] DESC) WHERE ([id] IS NOT NULL) ON [Data Files]]1]
GO
-- 128 characters: staging after load 1
ALTER TABLE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_uq2] UNIQUE NONCLUSTERED ([id] ASC) ON [Data Files]]1]
GO
-- 128 characters: staging after load 2
ALTER TABLE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[_dr_stage_0123abcd_0] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck0] CHECK ([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]>(0))
GO
-- 128 characters: switch out
ALTER TABLE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] SWITCH TO [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[_dr_stage_0123abcd_old] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 1 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- 128 characters: switch in
ALTER TABLE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[_dr_stage_0123abcd_0] SWITCH TO [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 5 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- 128 characters: truncate partitions
TRUNCATE TABLE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] WITH (PARTITIONS (2 TO 3))
GO
-- 128 characters: truncate one partition
TRUNCATE TABLE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] WITH (PARTITIONS (3))
GO
-- 128 characters: switch partition
ALTER TABLE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[_dr_stage_0123abcd_0] SWITCH PARTITION 2 TO [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] PARTITION 2 WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 2 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- 128 characters: staging rows of one partition
SELECT [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ], [id] FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[_dr_stage_0123abcd_0] WHERE $PARTITION.[pf daily]]]([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]) = 3 ORDER BY [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]
GO
-- 128 characters: staging rows of one partition, filtered
SELECT [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ], [id] FROM [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[_dr_stage_0123abcd_0] WHERE [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ] >= @bound AND $PARTITION.[pf_daily]([LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ]) = 12
GO
-- 128 characters: drop staging
DROP TABLE IF EXISTS [LxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxZ].[_dr_stage_0123abcd_0]
GO
-- next value for default: staging create
CREATE TABLE [billing].[_dr_stage_0123abcd_0] ([InvoiceNo] int NOT NULL, [Amount] nvarchar(50) COLLATE Latin1_General_CI_AS NULL) ON [Data Files]]1]
GO
-- next value for default: staging before load 0
ALTER TABLE [billing].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_pk] PRIMARY KEY CLUSTERED ([InvoiceNo] ASC) ON [Data Files]]1]
GO
-- next value for default: staging after load 0
CREATE NONCLUSTERED INDEX [IX next value for default]]] ON [billing].[_dr_stage_0123abcd_0] ([Amount] DESC) WHERE ([Amount] IS NOT NULL) ON [Data Files]]1]
GO
-- next value for default: staging after load 1
ALTER TABLE [billing].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_uq2] UNIQUE NONCLUSTERED ([Amount] ASC) ON [Data Files]]1]
GO
-- next value for default: staging after load 2
ALTER TABLE [billing].[_dr_stage_0123abcd_0] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck0] CHECK ([InvoiceNo]>(0))
GO
-- next value for default: switch out
ALTER TABLE [billing].[Invoices] SWITCH TO [billing].[_dr_stage_0123abcd_old] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 1 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- next value for default: switch in
ALTER TABLE [billing].[_dr_stage_0123abcd_0] SWITCH TO [billing].[Invoices] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 5 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- next value for default: truncate partitions
TRUNCATE TABLE [billing].[Invoices] WITH (PARTITIONS (2 TO 3))
GO
-- next value for default: truncate one partition
TRUNCATE TABLE [billing].[Invoices] WITH (PARTITIONS (3))
GO
-- next value for default: switch partition
ALTER TABLE [billing].[_dr_stage_0123abcd_0] SWITCH PARTITION 2 TO [billing].[Invoices] PARTITION 2 WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 2 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- next value for default: staging rows of one partition
SELECT [InvoiceNo], [Amount] FROM [billing].[_dr_stage_0123abcd_0] WHERE $PARTITION.[pf daily]]]([InvoiceNo]) = 3 ORDER BY [InvoiceNo]
GO
-- next value for default: staging rows of one partition, filtered
SELECT [InvoiceNo], [Amount] FROM [billing].[_dr_stage_0123abcd_0] WHERE [InvoiceNo] >= @bound AND $PARTITION.[pf_daily]([InvoiceNo]) = 12
GO
-- next value for default: drop staging
DROP TABLE IF EXISTS [billing].[_dr_stage_0123abcd_0]
GO
-- shared sequence: staging create
CREATE TABLE [dbo].[_dr_stage_0123abcd_0] ([DocumentNo] int NOT NULL, [Title] nvarchar(50) COLLATE Latin1_General_CI_AS NULL) ON [Data Files]]1]
GO
-- shared sequence: staging before load 0
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_pk] PRIMARY KEY CLUSTERED ([DocumentNo] ASC) ON [Data Files]]1]
GO
-- shared sequence: staging after load 0
CREATE NONCLUSTERED INDEX [IX shared sequence]]] ON [dbo].[_dr_stage_0123abcd_0] ([Title] DESC) WHERE ([Title] IS NOT NULL) ON [Data Files]]1]
GO
-- shared sequence: staging after load 1
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] ADD CONSTRAINT [_dr_stage_0123abcd_0_uq2] UNIQUE NONCLUSTERED ([Title] ASC) ON [Data Files]]1]
GO
-- shared sequence: staging after load 2
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] WITH CHECK ADD CONSTRAINT [_dr_stage_0123abcd_0_ck0] CHECK ([DocumentNo]>(0))
GO
-- shared sequence: switch out
ALTER TABLE [dbo].[Documents] SWITCH TO [dbo].[_dr_stage_0123abcd_old] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 1 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- shared sequence: switch in
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] SWITCH TO [dbo].[Documents] WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 5 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- shared sequence: truncate partitions
TRUNCATE TABLE [dbo].[Documents] WITH (PARTITIONS (2 TO 3))
GO
-- shared sequence: truncate one partition
TRUNCATE TABLE [dbo].[Documents] WITH (PARTITIONS (3))
GO
-- shared sequence: switch partition
ALTER TABLE [dbo].[_dr_stage_0123abcd_0] SWITCH PARTITION 2 TO [dbo].[Documents] PARTITION 2 WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = 2 MINUTES, ABORT_AFTER_WAIT = SELF))
GO
-- shared sequence: staging rows of one partition
SELECT [DocumentNo], [Title] FROM [dbo].[_dr_stage_0123abcd_0] WHERE $PARTITION.[pf daily]]]([DocumentNo]) = 3 ORDER BY [DocumentNo]
GO
-- shared sequence: staging rows of one partition, filtered
SELECT [DocumentNo], [Title] FROM [dbo].[_dr_stage_0123abcd_0] WHERE [DocumentNo] >= @bound AND $PARTITION.[pf_daily]([DocumentNo]) = 12
GO
-- shared sequence: drop staging
DROP TABLE IF EXISTS [dbo].[_dr_stage_0123abcd_0]
GO
