using System.Buffers.Binary;
using System.Text;
using DataRefresh.Engines.PostgreSql;

namespace DataRefresh.Tests.Unit;

public class BinaryCopyRowCounterTests
{
    private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

    /// <summary>A PostgreSQL binary COPY stream, written the way the server writes it.</summary>
    private sealed class CopyStream
    {
        private readonly List<byte> _bytes = [];

        public CopyStream(byte[]? headerExtension = null)
        {
            _bytes.AddRange(Signature);
            Int32(0);
            Int32(headerExtension?.Length ?? 0);
            _bytes.AddRange(headerExtension ?? []);
        }

        public CopyStream Row(params byte[]?[] fields)
        {
            Int16((short)fields.Length);
            foreach (var field in fields)
            {
                Int32(field?.Length ?? -1);
                _bytes.AddRange(field ?? []);
            }

            return this;
        }

        public CopyStream Rows(int count, Func<int, byte[]?[]> fields)
        {
            for (var i = 0; i < count; i++)
            {
                Row(fields(i));
            }

            return this;
        }

        public byte[] Unfinished() => [.. _bytes];

        public byte[] End()
        {
            Int16(-1);
            return [.. _bytes];
        }

        private void Int16(short value)
        {
            var b = new byte[2];
            BinaryPrimitives.WriteInt16BigEndian(b, value);
            _bytes.AddRange(b);
        }

        private void Int32(int value)
        {
            var b = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(b, value);
            _bytes.AddRange(b);
        }
    }

    private static byte[] Int4(int value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, value);
        return b;
    }

    private static byte[] Text(string value) => Encoding.UTF8.GetBytes(value);

    public static TheoryData<string, byte[], long> Streams => new()
    {
        { "no rows", new CopyStream().End(), 0 },
        { "one row", new CopyStream().Row(Int4(1), Text("Ada")).End(), 1 },
        { "three rows", new CopyStream().Row(Int4(1), Text("a")).Row(Int4(2), Text("b")).Row(Int4(3), Text("c")).End(), 3 },
        { "NULLs and empty strings", new CopyStream().Row(null, null).Row(Int4(2), []).Row([], null, Text("x")).End(), 3 },
        { "tuples with no fields", new CopyStream().Row().Row().Row(Int4(7)).Row().End(), 4 },
        { "data that looks like a trailer", new CopyStream().Row([0xFF, 0xFF], [0xFF, 0xFF, 0xFF, 0xFF]).Row([0, 0, 0, 0, 0xFF, 0xFF]).End(), 2 },
        { "a field larger than a buffer", new CopyStream().Row(new byte[200_000]).Row(Int4(1)).End(), 2 },
        { "a header extension", new CopyStream([1, 2, 3, 0xFF, 0xFF, 0, 9]).Row(Int4(1)).Row([null]).End(), 2 },
        { "a header extension that looks like tuples", new CopyStream([0, 2, 0, 0, 0, 4, 0xFF, 0xFF]).Row(Int4(5)).End(), 1 },
        { "many rows", new CopyStream().Rows(1000, i => [Int4(i), i % 3 == 0 ? null : Text(new string('x', i % 17)), []]).End(), 1000 },
        { "bytes after the trailer", [.. new CopyStream().Row(Int4(1)).End(), 0, 1, 0, 0, 0, 4, 1, 2, 3, 4], 1 },
        { "no trailer yet", new CopyStream().Row(Int4(1)).Row(Int4(2)).Unfinished(), 2 },
        { "cut inside a field", new CopyStream().Row(Int4(1)).Row(Text("abcdef")).Unfinished()[..^3], 2 },
        { "header only", new CopyStream().Unfinished(), 0 },
        { "half a header", new CopyStream().Unfinished()[..13], 0 },
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public void Counts_a_stream_fed_whole(string scenario, byte[] stream, long rows)
    {
        var counter = new BinaryCopyRowCounter();

        counter.Feed(stream);

        Assert.True(rows == counter.Rows, $"{scenario}: expected {rows}, counted {counter.Rows}");
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void Counts_a_stream_fed_byte_by_byte(string scenario, byte[] stream, long rows)
    {
        var counter = new BinaryCopyRowCounter();

        foreach (var b in stream)
        {
            counter.Feed([b]);
        }

        Assert.True(rows == counter.Rows, $"{scenario}: expected {rows}, counted {counter.Rows}");
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void Counts_a_stream_fed_in_random_chunks(string scenario, byte[] stream, long rows)
    {
        for (var seed = 1; seed <= 25; seed++)
        {
            var random = new Random(seed);
            var counter = new BinaryCopyRowCounter();
            var offset = 0;
            while (offset < stream.Length)
            {
                var size = Math.Min(stream.Length - offset, random.Next(0, seed % 2 == 0 ? 9 : 70_000));
                counter.Feed(stream.AsSpan(offset, size));
                offset += size;
            }

            Assert.True(rows == counter.Rows, $"{scenario}, seed {seed}: expected {rows}, counted {counter.Rows}");
        }
    }

    [Fact]
    public void Counts_the_same_wherever_the_stream_is_split()
    {
        var stream = new CopyStream([7, 7, 7]).Row(Int4(1), null, Text("héllo")).Row().Row([], Int4(-1)).End();
        for (var a = 0; a <= stream.Length; a++)
        {
            for (var b = a; b <= stream.Length; b += 3)
            {
                var counter = new BinaryCopyRowCounter();
                counter.Feed(stream.AsSpan(0, a));
                counter.Feed(stream.AsSpan(a, b - a));
                counter.Feed(stream.AsSpan(b));

                Assert.True(counter.Rows == 3, $"split at {a} and {b}: counted {counter.Rows}");
            }
        }
    }

    [Fact]
    public void Rows_grow_as_tuples_arrive()
    {
        var counter = new BinaryCopyRowCounter();
        var header = new CopyStream().Unfinished();
        var withOne = new CopyStream().Row(Int4(1)).Unfinished();
        var whole = new CopyStream().Row(Int4(1)).Row(Int4(2)).End();

        counter.Feed(header);
        Assert.Equal(0, counter.Rows);
        counter.Feed(whole.AsSpan(header.Length, withOne.Length - header.Length));
        Assert.Equal(1, counter.Rows);
        counter.Feed(whole.AsSpan(withOne.Length));
        Assert.Equal(2, counter.Rows);
        counter.Feed(new CopyStream().Row(Int4(3)).End());
        Assert.Equal(2, counter.Rows);
    }

    [Fact]
    public void Empty_feeds_change_nothing()
    {
        var counter = new BinaryCopyRowCounter();
        var stream = new CopyStream().Row(Int4(1)).End();

        counter.Feed([]);
        counter.Feed(stream.AsSpan(0, 20));
        counter.Feed(ReadOnlySpan<byte>.Empty);
        counter.Feed(stream.AsSpan(20));
        counter.Feed([]);

        Assert.Equal(1, counter.Rows);
    }
}
