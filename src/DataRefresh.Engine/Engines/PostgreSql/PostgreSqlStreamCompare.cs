using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using DataRefresh.Catalog;
using DataRefresh.Compare;
using Npgsql;
using static DataRefresh.Engines.PostgreSql.PostgreSqlEngine;

namespace DataRefresh.Engines.PostgreSql;

/// <summary>
/// The merge's fast path on PostgreSQL: instead of copying the whole source into a temporary table and joining it
/// with the target there, both tables are read as binary COPY in key order at the same time (the source in its
/// snapshot transaction, the target in the unit's transaction) and merge-joined here on their raw field bytes. Only
/// the rows that differ are sent back, into the same <c>_diff</c> table the FULL JOIN would have written.
/// <para>
/// The target's COPY holds the unit's connection until it ends, so differences cannot be written while it runs: they
/// are spooled (in memory up to <see cref="DiffSpool.MemoryLimit"/>, then in a temporary file readable by this user
/// only, deleted on close) and COPYed into <c>_diff</c> afterwards. Memory stays bounded by the read-ahead of both
/// streams plus that limit, whatever the table's size; a cursor read in batches would cost a round trip per batch
/// and lose binary COPY's speed.
/// </para>
/// <para>
/// Byte equality stands for equality only where both sides encode values alike, so the path is taken only when
/// every copied column has the same type (name and modifier) on both sides, both databases have the same
/// server_encoding, and the key's columns are of types whose binary order is compared here exactly: int2/int4/int8,
/// date, timestamp and timestamptz (signed big-endian integers), uuid (bytes), text/varchar/bpchar read
/// <c>ORDER BY … COLLATE "C"</c> and compared as UTF-8 bytes (bpchar without its trailing blanks), with a
/// deterministic collation on the target key (a nondeterministic one makes byte-distinct keys equal). Values equal
/// to PostgreSQL but not byte-equal (numeric 1.0 and 1.00) count as changed, so the target ends byte-exact.
/// </para>
/// </summary>
internal static class PostgreSqlStreamCompare
{
    private const string Op = "datarefresh_op";

    private static readonly string[] IntegerKeys = ["smallint", "integer", "bigint", "date"];

    /// <summary>
    /// The checks that need no query: null when the copy can be stream-compared. A copy that reshapes rows (a row
    /// transform, a row limit) must be staged, since the bytes compared are the source's own.
    /// </summary>
    public static string? CanStreamCompare(CopyRequest copy, IReadOnlyList<string> key)
    {
        ArgumentNullException.ThrowIfNull(copy);
        ArgumentNullException.ThrowIfNull(key);
        if (copy.RowLimit is not null)
        {
            return "the copy has a row limit";
        }

        if (key.Count == 0 || !key.All(copy.Columns.Contains))
        {
            return "the merge key is not among the copied columns";
        }

        foreach (var name in copy.Columns)
        {
            if (copy.SourceTable.Column(name) is not { } s || copy.TargetTable.Column(name) is not { } t)
            {
                return $"column {name} is missing on one side";
            }

            if (!PostgreSqlTypes.SameType(s, t))
            {
                return $"column {name} is {s.DataType} in the source and {t.DataType} in the target";
            }
        }

        foreach (var name in key)
        {
            if (KindOf(copy.TargetTable.Column(name)!.DataType) is null)
            {
                return $"key column {name} is of type {copy.TargetTable.Column(name)!.DataType}, whose binary order is not compared here";
            }
        }

        return null;
    }

    /// <summary><see cref="CanStreamCompare"/>, then what the catalogs say: both servers' encoding, the key's collations.</summary>
    public static async Task<string?> ObstacleAsync(CopyRequest copy, IReadOnlyList<string> key, CancellationToken cancellationToken)
    {
        if (CanStreamCompare(copy, key) is { } reason)
        {
            return reason;
        }

        var sourceEncoding = (string?)await copy.Source.ScalarAsync(copy.SourceTransaction, "SELECT current_setting('server_encoding')", cancellationToken).ConfigureAwait(false);
        var targetEncoding = (string?)await copy.Target.ScalarAsync(copy.TargetTransaction, "SELECT current_setting('server_encoding')", cancellationToken).ConfigureAwait(false);
        if (sourceEncoding != targetEncoding)
        {
            return $"server_encoding differs ({sourceEncoding} in the source, {targetEncoding} in the target)";
        }

        var textKeys = key.Where(k => KindOf(copy.TargetTable.Column(k)!.DataType) is KeyKind.Text or KeyKind.Blank).ToList();
        if (textKeys.Count == 0)
        {
            return null;
        }

        if (targetEncoding != "UTF8")
        {
            return $"a text key compared as bytes needs server_encoding UTF8, not {targetEncoding}";
        }

        // A nondeterministic collation (ICU, case-insensitive say) lets the unique index treat byte-distinct keys as one.
        var sql = "SELECT string_agg(a.attname, ', ') FROM pg_attribute a JOIN pg_collation c ON c.oid = a.attcollation "
            + $"WHERE a.attrelid = '{Quote(copy.TargetTable.Name).Replace("'", "''", StringComparison.Ordinal)}'::regclass AND a.attname::text = ANY(@keys) AND NOT c.collisdeterministic";
        var nondeterministic = await copy.Target.ScalarAsync(copy.TargetTransaction, sql, cancellationToken, null, ("keys", textKeys.ToArray())).ConfigureAwait(false);
        return nondeterministic is string columns ? $"key column(s) {columns} have a nondeterministic collation" : null;
    }

    /// <summary>Both COPYs, the merge join, the differences into a temporary table of the unit's session.</summary>
    public static async Task<StreamCompareResult> RunAsync(CopyRequest copy, IReadOnlyList<string> key, QualifiedName differences, IProgress<long> progress, CancellationToken cancellationToken)
    {
        var source = (NpgsqlConnection)copy.Source;
        var target = (NpgsqlConnection)copy.Target;
        var others = copy.Columns.Where(c => !key.Contains(c)).ToList();
        var columns = key.Concat(others).ToList();
        var kinds = key.Select(k => KindOf(copy.TargetTable.Column(k)!.DataType)!.Value).ToArray();
        var order = string.Join(", ", key.Zip(kinds, (k, kind) => Quote(k) + (kind is KeyKind.Text or KeyKind.Blank ? " COLLATE \"C\"" : "")));
        var columnList = string.Join(", ", columns.Select(Quote));
        var sourceSql = $"COPY ({SelectSql(copy with { Columns = columns }, columnList)} ORDER BY {order}) TO STDOUT (FORMAT binary)";
        var targetSql = $"COPY (SELECT {columnList} FROM {Quote(copy.TargetTable.Name)} ORDER BY {order}) TO STDOUT (FORMAT binary)";

        await using var spool = new DiffSpool(columns.Count, key.Count);
        MergeJoinCounts counts;
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            await using var sourceCopy = await source.BeginRawBinaryCopyAsync(sourceSql, cancellationToken).ConfigureAwait(false);
            NpgsqlRawCopyStream? targetCopy = null;
            var sourcePump = new CopyChunkPump(sourceCopy, stop.Token);
            CopyChunkPump? targetPump = null;
            try
            {
                targetCopy = await target.BeginRawBinaryCopyAsync(targetSql, cancellationToken).ConfigureAwait(false);
                targetPump = new CopyChunkPump(targetCopy, stop.Token);
                var sourceRows = new CopyRowReader(sourcePump, columns.Count, kinds, "source");
                var targetRows = new CopyRowReader(targetPump, columns.Count, kinds, "target");
                var batch = Math.Max(1, copy.BatchSize);
                counts = await SortedMergeJoin.RunAsync(sourceRows, targetRows, RowBytes.Instance, spool, stop.Token, rows =>
                {
                    if (rows % batch == 0)
                    {
                        progress.Report(rows);
                    }
                }).ConfigureAwait(false);
                await sourcePump.CompletionAsync().ConfigureAwait(false);
                await targetPump.CompletionAsync().ConfigureAwait(false);
            }
            catch
            {
                // Stop reading, then end both COPYs: disposing an unfinished COPY TO would read the rest of the table.
                await stop.CancelAsync().ConfigureAwait(false);
                await sourcePump.StopAsync().ConfigureAwait(false);
                if (targetPump is not null)
                {
                    await targetPump.StopAsync().ConfigureAwait(false);
                }

                await CancelQuietlyAsync(sourceCopy).ConfigureAwait(false);
                await CancelQuietlyAsync(targetCopy).ConfigureAwait(false);
                throw;
            }
            finally
            {
                if (targetCopy is not null)
                {
                    await targetCopy.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        progress.Report(counts.SourceRows);
        await target.ExecuteAsync(copy.TargetTransaction, $"CREATE TEMPORARY TABLE {Quote(differences.Name)} ON COMMIT DROP AS SELECT 'd'::text AS {Op}, {columnList} FROM {Quote(copy.TargetTable.Name)} WITH NO DATA", cancellationToken).ConfigureAwait(false);
        if (counts.Differences > 0)
        {
            await using var writer = await target.BeginRawBinaryCopyAsync($"COPY {Quote(differences)} ({Op}, {columnList}) FROM STDIN (FORMAT binary)", cancellationToken).ConfigureAwait(false);
            try
            {
                await spool.CopyToAsync(writer, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await CancelQuietlyAsync(writer).ConfigureAwait(false);
                throw;
            }
        }

        await target.ExecuteAsync(copy.TargetTransaction, $"ANALYZE {Quote(differences)}", cancellationToken, copy.CommandTimeout).ConfigureAwait(false);
        return new StreamCompareResult(differences, counts.SourceRows, counts.SourceOnly, counts.Changed, counts.TargetOnly);
    }

    internal static KeyKind? KindOf(string dataType)
    {
        if (IntegerKeys.Contains(dataType) || (dataType.StartsWith("timestamp", StringComparison.Ordinal) && (dataType.EndsWith(" with time zone", StringComparison.Ordinal) || dataType.EndsWith(" without time zone", StringComparison.Ordinal))))
        {
            return KeyKind.Integer;
        }

        if (dataType == "uuid")
        {
            return KeyKind.Bytes;
        }

        if (dataType is "text" or "character varying" || dataType.StartsWith("character varying(", StringComparison.Ordinal))
        {
            return KeyKind.Text;
        }

        return dataType is "bpchar" or "character" || dataType.StartsWith("character(", StringComparison.Ordinal) ? KeyKind.Blank : null;
    }

    private static async Task CancelQuietlyAsync(NpgsqlRawCopyStream? copy)
    {
        if (copy is null)
        {
            return;
        }

        try
        {
            await copy.CancelAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException or OperationCanceledException or ObjectDisposedException)
        {
            // The session is broken or the COPY already over; disposing does the rest.
        }
    }

    /// <summary>How a key column's binary value orders.</summary>
    internal enum KeyKind
    {
        /// <summary>A signed big-endian integer (int2/4/8, date, timestamp[tz]).</summary>
        Integer,

        /// <summary>Unsigned bytes, then length (uuid; text in UTF-8 under COLLATE "C").</summary>
        Bytes,

        /// <summary>As <see cref="Bytes"/>: text under COLLATE "C".</summary>
        Text,

        /// <summary>bpchar: trailing blanks do not count.</summary>
        Blank,
    }

    /// <summary>Compares the key fields of two binary tuples (each a run of int32 length + bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int CompareKeys(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, KeyKind[] kinds)
    {
        foreach (var kind in kinds)
        {
            var la = BinaryPrimitives.ReadInt32BigEndian(a);
            var lb = BinaryPrimitives.ReadInt32BigEndian(b);
            if (la < 0 || lb < 0)
            {
                throw new InvalidOperationException("merge key value is NULL: the merge key must be NOT NULL");
            }

            var fa = a.Slice(4, la);
            var fb = b.Slice(4, lb);
            var c = kind switch
            {
                KeyKind.Integer => CompareInteger(fa, fb),
                KeyKind.Blank => fa.TrimEnd((byte)' ').SequenceCompareTo(fb.TrimEnd((byte)' ')),
                _ => fa.SequenceCompareTo(fb),
            };
            if (c != 0)
            {
                return c;
            }

            a = a[(4 + la)..];
            b = b[(4 + lb)..];
        }

        return 0;
    }

    private static int CompareInteger(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => a.Length switch
    {
        8 when b.Length == 8 => BinaryPrimitives.ReadInt64BigEndian(a).CompareTo(BinaryPrimitives.ReadInt64BigEndian(b)),
        4 when b.Length == 4 => BinaryPrimitives.ReadInt32BigEndian(a).CompareTo(BinaryPrimitives.ReadInt32BigEndian(b)),
        2 when b.Length == 2 => BinaryPrimitives.ReadInt16BigEndian(a).CompareTo(BinaryPrimitives.ReadInt16BigEndian(b)),
        _ => throw new InvalidOperationException($"an integer key field of {a.Length} and {b.Length} bytes"),
    };

    /// <summary>Key order by <see cref="CompareKeys"/>; rows equal when their tuples are byte for byte the same.</summary>
    private sealed class RowBytes : IRowComparer<CopyRowReader>
    {
        public static readonly RowBytes Instance = new();

        public int CompareKeys(CopyRowReader source, CopyRowReader target) => PostgreSqlStreamCompare.CompareKeys(source.Key, target.Key, source.Kinds);

        public bool RowsEqual(CopyRowReader source, CopyRowReader target) => source.Fields.SequenceEqual(target.Fields);
    }

    /// <summary>
    /// Reads a binary COPY stream fed in chunks by a <see cref="CopyChunkPump"/>, one tuple at a time, without a copy
    /// per row: the current tuple is a slice of the buffer (a tuple longer than the buffer grows it).
    /// </summary>
    internal sealed class CopyRowReader : ISortedRowReader
    {
        private const int HeaderFixed = 11 + 4 + 4;
        private readonly CopyChunkPump _pump;
        private readonly int _fieldCount;
        private readonly int _keyCount;
        private readonly string _side;
        private byte[] _buffer = new byte[1 << 18];
        private byte[] _previousKey = new byte[64];
        private int _previousKeyLength = -1;
        private int _start;
        private int _end;
        private int _rowLength;
        private int _keyLength;
        private bool _header = true;
        private bool _ended;

        public CopyRowReader(CopyChunkPump pump, int fieldCount, KeyKind[] kinds, string side)
        {
            _pump = pump;
            _fieldCount = fieldCount;
            Kinds = kinds;
            _keyCount = kinds.Length;
            _side = side;
        }

        public KeyKind[] Kinds { get; }

        /// <summary>The current tuple's fields after its field count: every field's int32 length and bytes.</summary>
        public ReadOnlySpan<byte> Fields => _buffer.AsSpan(_start + 2, _rowLength - 2);

        /// <summary>The current tuple's key fields (the first ones, in key order).</summary>
        public ReadOnlySpan<byte> Key => _buffer.AsSpan(_start + 2, _keyLength);

        /// <summary>Most rows are already buffered: those complete without an async state machine.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
        {
            if (_rowLength > 0)
            {
                RememberKey();
                _start += _rowLength;
                _rowLength = 0;
            }

            return _ended ? new ValueTask<bool>(false) : TryParse() ? new ValueTask<bool>(Arrived()) : MoveNextSlowAsync(cancellationToken);
        }

        private async ValueTask<bool> MoveNextSlowAsync(CancellationToken cancellationToken)
        {
            while (!TryParse())
            {
                if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new InvalidOperationException($"the {_side} COPY ended in the middle of a row");
                }
            }

            return Arrived();
        }

        /// <summary>After a successful parse: false at the end of the stream, else the row checked for key order.</summary>
        private bool Arrived()
        {
            if (_ended)
            {
                return false;
            }

            CheckOrder();
            return true;
        }

        /// <summary>Parses the header or the next tuple from the buffer; false when more bytes are needed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool TryParse()
        {
            var data = _buffer.AsSpan(_start, _end - _start);
            if (_header)
            {
                if (data.Length < HeaderFixed)
                {
                    return false;
                }

                var extension = BinaryPrimitives.ReadInt32BigEndian(data[15..]);
                if (data.Length < HeaderFixed + extension)
                {
                    return false;
                }

                _start += HeaderFixed + extension;
                _header = false;
                data = data[(HeaderFixed + extension)..];
            }

            if (data.Length < 2)
            {
                return false;
            }

            var fields = BinaryPrimitives.ReadInt16BigEndian(data);
            if (fields == -1)
            {
                _ended = true;
                return true;
            }

            if (fields != _fieldCount)
            {
                throw new InvalidOperationException($"the {_side} COPY sent {fields} fields, {_fieldCount} expected");
            }

            var p = 2;
            for (var i = 0; i < fields; i++)
            {
                if (data.Length - p < 4)
                {
                    return false;
                }

                var length = BinaryPrimitives.ReadInt32BigEndian(data[p..]);
                p += 4;
                if (length > 0)
                {
                    if (data.Length - p < length)
                    {
                        return false;
                    }

                    p += length;
                }

                if (i == _keyCount - 1)
                {
                    _keyLength = p - 2;
                }
            }

            _rowLength = p;
            return true;
        }

        /// <summary>The next chunk behind what is buffered (the current partial tuple moved to the front); false at the end.</summary>
        private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
        {
            var chunk = await _pump.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (chunk is not var (bytes, length))
            {
                return false;
            }

            try
            {
                var pending = _end - _start;
                if (pending + length > _buffer.Length)
                {
                    var grown = new byte[Math.Max(_buffer.Length * 2, pending + length)];
                    Buffer.BlockCopy(_buffer, _start, grown, 0, pending);
                    _buffer = grown;
                }
                else if (_start > 0)
                {
                    Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
                }

                _start = 0;
                _end = pending;
                Buffer.BlockCopy(bytes, 0, _buffer, _end, length);
                _end += length;
                return true;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }

        private void RememberKey()
        {
            if (_previousKey.Length < _keyLength)
            {
                _previousKey = new byte[_keyLength * 2];
            }

            Key.CopyTo(_previousKey);
            _previousKeyLength = _keyLength;
        }

        /// <summary>A merge join of rows out of order would pair the wrong rows: refuse instead (duplicate keys too).</summary>
        private void CheckOrder()
        {
            if (_previousKeyLength >= 0 && PostgreSqlStreamCompare.CompareKeys(_previousKey.AsSpan(0, _previousKeyLength), Key, Kinds) >= 0)
            {
                throw new InvalidOperationException($"the {_side} rows did not arrive in strictly increasing merge key order; nothing was changed");
            }
        }
    }

    /// <summary>
    /// Reads a COPY TO stream ahead, on its own task, into pooled 128 KB chunks handed over through a bounded
    /// channel: the two servers keep sending while the join works, and at most a few chunks wait per side.
    /// </summary>
    internal sealed class CopyChunkPump
    {
        private const int ChunkSize = 1 << 17;
        private readonly Channel<(byte[] Bytes, int Length)> _chunks = Channel.CreateBounded<(byte[] Bytes, int Length)>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        private readonly Task _task;

        public CopyChunkPump(Stream copy, CancellationToken cancellationToken) => _task = Task.Run(() => PumpAsync(copy, cancellationToken), CancellationToken.None);

        public async ValueTask<(byte[] Bytes, int Length)?> ReadAsync(CancellationToken cancellationToken)
        {
            while (await _chunks.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_chunks.Reader.TryRead(out var chunk))
                {
                    return chunk;
                }
            }

            return null;
        }

        /// <summary>The pump's end, with its failure if it had one.</summary>
        public Task CompletionAsync() => _task;

        /// <summary>After the token was cancelled: wait for the pump, give back what it left in the channel.</summary>
        public async Task StopAsync()
        {
            try
            {
                await _task.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException or OperationCanceledException or ObjectDisposedException)
            {
                // The failure being reported is the caller's.
            }

            while (_chunks.Reader.TryRead(out var chunk))
            {
                ArrayPool<byte>.Shared.Return(chunk.Bytes);
            }
        }

        private async Task PumpAsync(Stream copy, CancellationToken cancellationToken)
        {
            try
            {
                while (true)
                {
                    var bytes = ArrayPool<byte>.Shared.Rent(ChunkSize);
                    int filled;
                    try
                    {
                        filled = await FillAsync(copy, bytes, cancellationToken).ConfigureAwait(false);
                        if (filled > 0)
                        {
                            await _chunks.Writer.WriteAsync((bytes, filled), cancellationToken).ConfigureAwait(false);
                        }
                    }
                    catch
                    {
                        ArrayPool<byte>.Shared.Return(bytes);
                        throw;
                    }

                    if (filled == 0)
                    {
                        ArrayPool<byte>.Shared.Return(bytes);
                        break;
                    }
                }

                _chunks.Writer.Complete();
            }
            catch (Exception ex)
            {
                _chunks.Writer.Complete(ex);
                throw;
            }
        }

        /// <summary>A raw COPY read returns one CopyData message (one row): gather many before handing them over.</summary>
        private static async Task<int> FillAsync(Stream copy, byte[] bytes, CancellationToken cancellationToken)
        {
            const int Headroom = 16 * 1024;
            var filled = 0;
            while (filled < ChunkSize - Headroom)
            {
                var read = filled == 0
                    ? await copy.ReadAsync(bytes.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)
                    : copy.Read(bytes, filled, ChunkSize - filled);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }

            return filled;
        }
    }

    /// <summary>
    /// The differing rows as a binary COPY stream for <c>_diff</c> (op, key fields, other fields): the source's tuple
    /// for an insert or update, the target's key and NULLs for a delete. In memory up to <see cref="MemoryLimit"/>,
    /// beyond that in a temporary file only this user can read, deleted when closed.
    /// </summary>
    internal sealed class DiffSpool : IRowDifferenceSink<CopyRowReader>, IAsyncDisposable
    {
        public const int MemoryLimit = 64 << 20;
        private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];
        private readonly int _fieldCount;
        private readonly int _keyCount;
        private readonly byte[] _prefix = new byte[7];
        private Stream _stream = new MemoryStream();
        private bool _onDisk;

        public DiffSpool(int fieldCount, int keyCount)
        {
            _fieldCount = fieldCount;
            _keyCount = keyCount;
            _stream.Write(Header);
            BinaryPrimitives.WriteInt16BigEndian(_prefix, (short)(fieldCount + 1));
            BinaryPrimitives.WriteInt32BigEndian(_prefix.AsSpan(2), 1);
        }

        public ValueTask SourceOnlyAsync(CopyRowReader source, CancellationToken cancellationToken)
        {
            Write('i', source.Fields);
            return ValueTask.CompletedTask;
        }

        public ValueTask ChangedAsync(CopyRowReader source, CopyRowReader target, CancellationToken cancellationToken)
        {
            Write('u', source.Fields);
            return ValueTask.CompletedTask;
        }

        public ValueTask TargetOnlyAsync(CopyRowReader target, CancellationToken cancellationToken)
        {
            Write('d', target.Key);
            Span<byte> none = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(none, -1);
            for (var i = _keyCount; i < _fieldCount; i++)
            {
                _stream.Write(none);
            }

            return ValueTask.CompletedTask;
        }

        public async Task CopyToAsync(Stream copy, CancellationToken cancellationToken)
        {
            _stream.Write([0xFF, 0xFF]);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            _stream.Position = 0;
            await _stream.CopyToAsync(copy, 1 << 17, cancellationToken).ConfigureAwait(false);
        }

        public ValueTask DisposeAsync() => _stream.DisposeAsync();

        private void Write(char op, ReadOnlySpan<byte> fields)
        {
            _prefix[6] = (byte)op;
            _stream.Write(_prefix);
            _stream.Write(fields);
            if (!_onDisk && _stream.Length > MemoryLimit)
            {
                SpillToDisk();
            }
        }

        private void SpillToDisk()
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Options = FileOptions.DeleteOnClose, BufferSize = 1 << 16 };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            var path = Path.Combine(Path.GetTempPath(), "datarefresh-diff-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
            var file = new FileStream(path, options);
            var memory = (MemoryStream)_stream;
            memory.Position = 0;
            memory.CopyTo(file);
            memory.Dispose();
            _stream = file;
            _onDisk = true;
        }
    }
}
