using System.Buffers;
using System.Buffers.Binary;
using Npgsql;

namespace DataRefresh.Engines.PostgreSql;

public sealed partial class PostgreSqlEngine
{
    private const int BufferSize = 1 << 17;

    /// <summary>
    /// COPY out of the source and COPY into the target, bytes passed straight through: binary when every copied
    /// column has the same type on both sides, text otherwise (the target parses text into its own types).
    /// COPY FROM writes identity values as given, like INSERT … OVERRIDING SYSTEM VALUE. Rows a
    /// <see cref="CopyRequest.Transform"/> changes are decoded on the way instead (<see cref="PipeTransformedAsync"/>).
    /// </summary>
    public async Task<long> CopyAsync(CopyRequest request, IProgress<long> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var source = (NpgsqlConnection)request.Source;
        var target = (NpgsqlConnection)request.Target;
        var binary = request.Columns.All(c => PostgreSqlTypes.SameType(request.SourceTable.Column(c)!, request.TargetTable.Column(c)!));
        var format = binary ? "binary" : "text";
        var columnList = string.Join(", ", request.Columns.Select(Quote));
        var copyOut = $"COPY ({SelectSql(request, columnList)}) TO STDOUT (FORMAT {format})";
        var copyIn = $"COPY {Quote(request.TargetTable.Name)} ({columnList}) FROM STDIN (FORMAT {format}{Freeze(request)})";
        if (request.Transform?.Bind(request) is { } transform)
        {
            return await PipeTransformedAsync(request, transform, columnList, progress, cancellationToken).ConfigureAwait(false);
        }

        return binary
            ? await PipeBinaryAsync(source, target, copyOut, copyIn, request.BatchSize, progress, cancellationToken).ConfigureAwait(false)
            : await PipeTextAsync(source, target, copyOut, copyIn, request.BatchSize, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// COPY … FREEZE into a table truncated in this transaction: rows are written already frozen and visible, so no
    /// later VACUUM rewrites every page to freeze them nor sets hint bits on the first read. Not for a partitioned table.
    /// </summary>
    internal static string Freeze(CopyRequest request) => request.TargetTruncated && !request.TargetTable.IsPartitioned ? ", FREEZE" : "";

    internal static string SelectSql(CopyRequest request, string columnList)
    {
        var sql = $"SELECT {columnList} FROM {Quote(request.SourceTable.Name)}";
        var conditions = new List<string>();
        if (request.Filter is { } filter)
        {
            conditions.Add($"{Quote(filter.Column)} {Operator(filter)} {Literal(filter.Value)}");
        }

        if (request.SourcePredicate is { } predicate)
        {
            conditions.Add(predicate);
        }

        if (conditions.Count > 0)
        {
            sql += " WHERE " + string.Join(" AND ", conditions);
        }

        if (request.RowLimit is { } limit)
        {
            // A capped copy takes the first rows in watermark (or key) order, so the next incremental run continues from there.
            var order = request.Filter is { } f ? [f.Column] : request.SourceTable.PrimaryKey;
            if (order.Count > 0)
            {
                sql += " ORDER BY " + string.Join(", ", order.Select(Quote));
            }

            sql += $" LIMIT {limit}";
        }

        return sql;
    }

    private static async Task<long> PipeBinaryAsync(NpgsqlConnection source, NpgsqlConnection target, string copyOut, string copyIn, int batchSize, IProgress<long> progress, CancellationToken cancellationToken)
    {
        var counter = new BinaryCopyRowCounter();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using var reader = await source.BeginRawBinaryCopyAsync(copyOut, cancellationToken).ConfigureAwait(false);
            await using var writer = await target.BeginRawBinaryCopyAsync(copyIn, cancellationToken).ConfigureAwait(false);
            var reported = 0L;
            int filled;
            try
            {
                // A raw COPY read returns one CopyData message, which PostgreSQL sends per row: gather many rows into
                // the buffer before counting and writing, so the per-chunk work is paid per 128 KB, not per row.
                while ((filled = await FillAsync(reader, buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    counter.Feed(buffer.AsSpan(0, filled));
                    await writer.WriteAsync(buffer.AsMemory(0, filled), cancellationToken).ConfigureAwait(false);
                    if (counter.Rows - reported >= batchSize)
                    {
                        reported = counter.Rows;
                        progress.Report(reported);
                    }
                }
            }
            catch
            {
                await StopCopiesAsync(reader.CancelAsync, writer.CancelAsync).ConfigureAwait(false);
                throw;
            }

            progress.Report(counter.Rows);
            return counter.Rows;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// A copy stopped midway (Ctrl+C, a target error): cancel the source COPY before it is disposed, since disposing
    /// an unfinished COPY TO reads the rest of the production table first; and fail the target COPY (binary), which
    /// disposing would complete. What the cancel itself throws is of no interest: the first failure is the one reported.
    /// </summary>
    private static async Task StopCopiesAsync(params Func<Task>[] cancels)
    {
        foreach (var cancel in cancels)
        {
            try
            {
                await cancel().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException or OperationCanceledException or ObjectDisposedException)
            {
                // The session is broken or already stopped; disposing does the rest.
            }
        }
    }

    private static async Task<int> FillAsync(Stream reader, byte[] buffer, CancellationToken cancellationToken)
    {
        const int Headroom = 16 * 1024;
        var filled = 0;
        while (filled < BufferSize - Headroom)
        {
            // Most reads complete from Npgsql's own buffer; the first of a chunk may wait for the network.
            var read = filled == 0
                ? await reader.ReadAsync(buffer.AsMemory(filled, BufferSize - filled), cancellationToken).ConfigureAwait(false)
                : reader.Read(buffer, filled, BufferSize - filled);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    private static async Task<long> PipeTextAsync(NpgsqlConnection source, NpgsqlConnection target, string copyOut, string copyIn, int batchSize, IProgress<long> progress, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<char>.Shared.Rent(BufferSize);
        try
        {
            using var reader = await source.BeginTextExportAsync(copyOut, cancellationToken).ConfigureAwait(false);
            await using var writer = await target.BeginTextImportAsync(copyIn, cancellationToken).ConfigureAwait(false);
            long rows = 0, reported = 0;
            int read;
            try
            {
                while ((read = await reader.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    // Text COPY escapes newlines inside values, so each line is one row.
                    rows += buffer.AsSpan(0, read).Count('\n');
                    await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    if (rows - reported >= batchSize)
                    {
                        reported = rows;
                        progress.Report(rows);
                    }
                }
            }
            catch
            {
                // The text writer is left to its disposal: it flushes its buffer into the stream, which a cancelled
                // COPY FROM refuses; the rows it completes die with the target transaction.
                await StopCopiesAsync(((NpgsqlCopyTextReader)reader).CancelAsync).ConfigureAwait(false);
                throw;
            }

            progress.Report(rows);
            return rows;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}

/// <summary>
/// Counts tuples in a PostgreSQL binary COPY stream as it passes by (header, then per tuple an int16 field
/// count and per field an int32 length and that many bytes; a field count of -1 ends the stream).
/// </summary>
internal sealed class BinaryCopyRowCounter
{
    private const int HeaderFixed = 11 + 4 + 4;
    private readonly byte[] _pending = new byte[4];
    private int _pendingCount;
    private int _need = HeaderFixed;
    private State _state = State.Header;
    private int _fieldsLeft;
    private long _skip;

    private enum State
    {
        Header,
        HeaderExtension,
        TupleStart,
        FieldLength,
        FieldData,
        Done,
    }

    public long Rows { get; private set; }

    public void Feed(ReadOnlySpan<byte> data)
    {
        while (data.Length > 0 && _state != State.Done)
        {
            if (_skip > 0)
            {
                var n = (int)Math.Min(_skip, data.Length);
                data = data[n..];
                _skip -= n;
                if (_skip == 0)
                {
                    AfterSkip();
                }

                continue;
            }

            if (_state == State.Header)
            {
                // 11-byte signature, flags, then the extension length: only the last four bytes matter.
                var n = Math.Min(_need, data.Length);
                for (var i = 0; i < n; i++)
                {
                    if (_need - i <= 4)
                    {
                        _pending[_pendingCount++] = data[i];
                    }
                }

                data = data[n..];
                _need -= n;
                if (_need == 0)
                {
                    var ext = BinaryPrimitives.ReadInt32BigEndian(_pending);
                    _pendingCount = 0;
                    _state = State.HeaderExtension;
                    _skip = ext;
                    if (_skip == 0)
                    {
                        AfterSkip();
                    }
                }

                continue;
            }

            var size = _state == State.TupleStart ? 2 : 4;
            ReadOnlySpan<byte> header;
            if (_pendingCount == 0 && data.Length >= size)
            {
                // The common case: the whole header is in this chunk.
                header = data[..size];
                data = data[size..];
            }
            else
            {
                while (_pendingCount < size && data.Length > 0)
                {
                    _pending[_pendingCount++] = data[0];
                    data = data[1..];
                }

                if (_pendingCount < size)
                {
                    return;
                }

                _pendingCount = 0;
                header = _pending;
            }

            if (_state == State.TupleStart)
            {
                var fields = BinaryPrimitives.ReadInt16BigEndian(header);
                if (fields < 0)
                {
                    _state = State.Done;
                    return;
                }

                Rows++;
                _fieldsLeft = fields;
                _state = fields == 0 ? State.TupleStart : State.FieldLength;
            }
            else
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(header);
                _fieldsLeft--;
                if (length > 0 && length <= data.Length)
                {
                    data = data[length..];
                    _state = _fieldsLeft > 0 ? State.FieldLength : State.TupleStart;
                }
                else if (length > 0)
                {
                    _state = State.FieldData;
                    _skip = length;
                }
                else
                {
                    _state = _fieldsLeft > 0 ? State.FieldLength : State.TupleStart;
                }
            }
        }
    }

    private void AfterSkip() =>
        _state = _state switch
        {
            State.HeaderExtension => State.TupleStart,
            State.FieldData => _fieldsLeft > 0 ? State.FieldLength : State.TupleStart,
            _ => _state,
        };
}
