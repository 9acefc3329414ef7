using System.Data.Common;
using Npgsql;
using Npgsql.PostgresTypes;
using NpgsqlTypes;

namespace DataRefresh.Engines.PostgreSql;

public sealed partial class PostgreSqlEngine
{
    /// <summary>
    /// A copy whose rows a <see cref="CopyRequest.Transform"/> changes: binary COPY out and in, tuple by tuple. A
    /// column the transform leaves alone and whose type is the same on both sides passes as its field's bytes (read
    /// and written as bytea, which binary COPY does not check: the receiving column decodes them as its own type);
    /// the others are decoded with the source column's type, transformed, and encoded with the target column's.
    /// Each row starts with the async, cancellable StartRowAsync; its fields are read and written with the
    /// synchronous calls, which work on the buffered row (they block only when a buffer must be refilled or
    /// flushed mid-row): measured on the masking bench table, async calls per field cost 40% of the whole copy.
    /// </summary>
    private static async Task<long> PipeTransformedAsync(CopyRequest request, IRowTransformer transform, string columnList, IProgress<long> progress, CancellationToken cancellationToken)
    {
        var source = (NpgsqlConnection)request.Source;
        var target = (NpgsqlConnection)request.Target;
        var count = request.Columns.Count;
        var changed = new bool[count];
        foreach (var i in transform.Changes)
        {
            changed[i] = true;
        }

        var sourceTypes = await ColumnTypesAsync(source, request.SourceTransaction, $"SELECT {columnList} FROM {Quote(request.SourceTable.Name)} LIMIT 0", cancellationToken).ConfigureAwait(false);
        var targetTypes = await ColumnTypesAsync(target, request.TargetTransaction, $"SELECT {columnList} FROM {Quote(request.TargetTable.Name)} LIMIT 0", cancellationToken).ConfigureAwait(false);
        var raw = new bool[count];
        var decode = new NpgsqlDbType[count];
        var write = new string[count];
        for (var i = 0; i < count; i++)
        {
            var (sourceType, targetType) = (sourceTypes[i], targetTypes[i]);
            raw[i] = !changed[i] && sourceType.Name == targetType.Name;
            // An enum's binary form is its label's text: decoded and encoded as text, the target's enum checks the label.
            write[i] = targetType.Enum ? "pg_catalog.text" : targetType.Name;
            if (!raw[i])
            {
                decode[i] = sourceType.Enum ? NpgsqlDbType.Text : new NpgsqlParameter { DataTypeName = sourceType.Name }.NpgsqlDbType;
                if (decode[i] == NpgsqlDbType.Unknown)
                {
                    throw new NotSupportedException($"{request.TargetTable.Name}: column {request.Columns[i]} (type {request.SourceTable.Column(request.Columns[i])?.DataType}) cannot be decoded for a row transform");
                }
            }
        }

        var row = new object?[count];
        var bytes = new byte[count][];
        var isNull = new bool[count];
        long rows = 0, reported = 0;
        await using var exporter = await source.BeginBinaryExportAsync($"COPY ({SelectSql(request, columnList)}) TO STDOUT (FORMAT binary)", cancellationToken).ConfigureAwait(false);
        await using var importer = await target.BeginBinaryImportAsync($"COPY {Quote(request.TargetTable.Name)} ({columnList}) FROM STDIN (FORMAT binary{Freeze(request)})", cancellationToken).ConfigureAwait(false);
        try
        {
            while (await exporter.StartRowAsync(cancellationToken).ConfigureAwait(false) >= 0)
            {
                for (var i = 0; i < count; i++)
                {
                    isNull[i] = exporter.IsNull;
                    if (isNull[i])
                    {
                        row[i] = null;
                        exporter.Skip();
                    }
                    else if (raw[i])
                    {
                        bytes[i] = exporter.Read<byte[]>(NpgsqlDbType.Bytea);
                    }
                    else
                    {
                        row[i] = exporter.Read<object>(decode[i]);
                    }
                }

                transform.Apply(row);
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < count; i++)
                {
                    if (raw[i] && !isNull[i])
                    {
                        importer.Write(bytes[i], NpgsqlDbType.Bytea);
                    }
                    else if (raw[i] || row[i] is null)
                    {
                        importer.WriteNull();
                    }
                    else
                    {
                        importer.Write(row[i], write[i]);
                    }
                }

                if (++rows - reported >= request.BatchSize)
                {
                    reported = rows;
                    progress.Report(rows);
                }
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // As for the pass-through copies: stop the source COPY rather than read the rest of it on disposal; the
            // importer, disposed without completing, fails its COPY.
            await StopCopiesAsync(exporter.CancelAsync).ConfigureAwait(false);
            throw;
        }

        progress.Report(rows);
        return rows;
    }

    /// <summary>The result columns' types as Npgsql names them (<c>pg_catalog.int4</c>, <c>public.mood</c>), and whether each is an enum, from a query that returns no rows.</summary>
    private static async Task<(string Name, bool Enum)[]> ColumnTypesAsync(NpgsqlConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = (NpgsqlCommand)connection.Command(transaction, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return [.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetPostgresType(i) is var t ? ($"{t.Namespace}.{t.InternalName}", t is PostgresEnumType) : default)];
    }
}
