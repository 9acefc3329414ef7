using System.Buffers.Binary;
using System.Text;
using DataRefresh.Compare;
using static DataRefresh.Engines.PostgreSql.PostgreSqlStreamCompare;

namespace DataRefresh.Tests.Unit;

public class SortedMergeJoinTests
{
    /// <summary>Rows (key, value) in memory, in the order given; refuses a key not above the previous one, as the real readers do.</summary>
    private sealed class Rows((int Key, string Value)[] rows) : ISortedRowReader
    {
        private int _index = -1;

        public (int Key, string Value) Current => rows[_index];

        public ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
        {
            _index++;
            if (_index > 0 && _index < rows.Length && rows[_index].Key <= rows[_index - 1].Key)
            {
                throw new InvalidOperationException("out of order");
            }

            return ValueTask.FromResult(_index < rows.Length);
        }
    }

    private sealed class ByKey : IRowComparer<Rows>
    {
        public int CompareKeys(Rows source, Rows target) => source.Current.Key.CompareTo(target.Current.Key);

        public bool RowsEqual(Rows source, Rows target) => source.Current.Value == target.Current.Value;
    }

    private sealed class Log : IRowDifferenceSink<Rows>
    {
        public List<string> Lines { get; } = [];

        public ValueTask SourceOnlyAsync(Rows source, CancellationToken cancellationToken) => Add($"i{source.Current.Key}");

        public ValueTask TargetOnlyAsync(Rows target, CancellationToken cancellationToken) => Add($"d{target.Current.Key}");

        public ValueTask ChangedAsync(Rows source, Rows target, CancellationToken cancellationToken) => Add($"u{source.Current.Key}");

        private ValueTask Add(string line)
        {
            Lines.Add(line);
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task Names_each_inserted_updated_and_deleted_key_once_and_counts_rows_read()
    {
        var source = new Rows([(-5, "a"), (1, "b"), (2, "c"), (4, "d"), (9, "e")]);
        var target = new Rows([(-7, "x"), (-5, "a"), (2, "C"), (3, "z"), (4, "d")]);
        var log = new Log();

        var counts = await SortedMergeJoin.RunAsync(source, target, new ByKey(), log, CancellationToken.None);

        Assert.Equal(["d-7", "i1", "u2", "d3", "i9"], log.Lines);
        Assert.Equal(new MergeJoinCounts(5, 5, 2, 2, 1), counts);
    }

    [Fact]
    public async Task Empty_sides_insert_or_delete_everything()
    {
        var log = new Log();
        var counts = await SortedMergeJoin.RunAsync(new Rows([]), new Rows([(1, "a"), (2, "b")]), new ByKey(), log, CancellationToken.None);
        Assert.Equal(["d1", "d2"], log.Lines);
        Assert.Equal(0, counts.SourceRows);
        Assert.Equal(2, counts.Differences);
    }

    [Fact]
    public async Task A_stream_out_of_key_order_fails_instead_of_pairing_the_wrong_rows() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => SortedMergeJoin.RunAsync(new Rows([(2, "a"), (1, "b")]), new Rows([(1, "b"), (2, "a")]), new ByKey(), new Log(), CancellationToken.None));

    private static byte[] Field(byte[] value)
    {
        var bytes = new byte[4 + value.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value.Length);
        value.CopyTo(bytes, 4);
        return bytes;
    }

    private static byte[] Int64(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return Field(bytes);
    }

    private static byte[] Int16(short value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteInt16BigEndian(bytes, value);
        return Field(bytes);
    }

    private static byte[] Text(string value) => Field(Encoding.UTF8.GetBytes(value));

    [Theory]
    [InlineData(-1L, 1L)]
    [InlineData(long.MinValue, -1L)]
    [InlineData(-256L, 255L)]
    [InlineData(1L, long.MaxValue)]
    public void Integer_keys_order_as_signed_numbers(long low, long high)
    {
        KeyKind[] kinds = [KeyKind.Integer];
        Assert.True(CompareKeys(Int64(low), Int64(high), kinds) < 0);
        Assert.True(CompareKeys(Int64(high), Int64(low), kinds) > 0);
        Assert.Equal(0, CompareKeys(Int64(low), Int64(low), kinds));
        Assert.True(CompareKeys(Int16(-1), Int16(0), kinds) < 0);
    }

    [Theory]
    [InlineData("", "a")]
    [InlineData("Z", "a")]
    [InlineData("a", "a b")]
    [InlineData("z", "é")]
    [InlineData("é", "日本")]
    [InlineData("日本", "😀")]
    public void Text_keys_order_as_their_utf8_bytes_like_collate_c(string low, string high)
    {
        KeyKind[] kinds = [KeyKind.Text];
        Assert.True(CompareKeys(Text(low), Text(high), kinds) < 0);
        Assert.True(CompareKeys(Text(high), Text(low), kinds) > 0);
    }

    [Fact]
    public void Blank_padded_keys_ignore_trailing_blanks_and_compound_keys_compare_column_by_column()
    {
        Assert.Equal(0, CompareKeys(Text("ab  "), Text("ab"), [KeyKind.Blank]));
        Assert.True(CompareKeys(Text("a   "), Text("a\u0001"), [KeyKind.Blank]) < 0);
        KeyKind[] compound = [KeyKind.Integer, KeyKind.Text];
        Assert.True(CompareKeys([.. Int64(1), .. Text("b")], [.. Int64(1), .. Text("c")], compound) < 0);
        Assert.True(CompareKeys([.. Int64(2), .. Text("a")], [.. Int64(1), .. Text("z")], compound) > 0);
    }

    [Theory]
    [InlineData("bigint", "Integer")]
    [InlineData("timestamp(3) with time zone", "Integer")]
    [InlineData("timestamp without time zone", "Integer")]
    [InlineData("date", "Integer")]
    [InlineData("uuid", "Bytes")]
    [InlineData("character varying(20)", "Text")]
    [InlineData("character(4)", "Blank")]
    [InlineData("numeric", null)]
    [InlineData("boolean", null)]
    [InlineData("my_domain", null)]
    [InlineData("time without time zone", null)]
    public void Only_types_whose_binary_order_is_known_can_be_stream_compared_keys(string type, string? kind) =>
        Assert.Equal(kind, KindOf(type)?.ToString());
}
