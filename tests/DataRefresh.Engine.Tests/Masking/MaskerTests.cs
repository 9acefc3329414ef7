using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Masking;

namespace DataRefresh.Tests.Masking;

/// <summary>The masking functions on their own: deterministic, keyed, bijective for integer keys, fitting the column.</summary>
public sealed class MaskerTests : IDisposable
{
    private static readonly MaskingKey Key = MaskingKey.FromSecret("unit-test-masking-key-0001");
    private readonly Masker _masker = new(Key);

    public void Dispose() => _masker.Dispose();

    private static MaskColumnType Type(string dataType, EngineKind engine = EngineKind.PostgreSql) =>
        MaskColumnType.Of(new ColumnInfo { Name = "c", Ordinal = 1, DataType = dataType }, engine);

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    public void Integer_hash_is_a_bijection_over_the_whole_range(int bits)
    {
        var seen = new HashSet<ulong>();
        for (ulong v = 0; v < 1UL << bits; v++)
        {
            var p = _masker.Permute(v, bits);
            Assert.True(p < 1UL << bits);
            Assert.True(seen.Add(p), $"{v} maps to {p}, which another value already took");
        }
    }

    [Fact]
    public void Integer_hash_keeps_the_clr_type_and_stays_unique_on_int_and_bigint()
    {
        var ints = Enumerable.Range(-50_000, 100_000).Select(i => (int)_masker.HashInteger(i, 32)).ToList();
        Assert.Equal(ints.Count, ints.Distinct().Count());
        var longs = Enumerable.Range(1, 100_000).Select(i => (long)_masker.HashInteger((long)i, 64)).ToList();
        Assert.Equal(longs.Count, longs.Distinct().Count());
        Assert.IsType<short>(_masker.HashInteger((short)7, 16));
        Assert.IsType<byte>(_masker.HashInteger((byte)7, 8));
        Assert.True(ints.Count(v => v == 0) <= 1);
    }

    [Fact]
    public void Known_answers_pin_the_functions_across_processes_and_versions()
    {
        // Determinism across runs and processes: a masked value a released version wrote must be the one the next writes.
        Assert.Equal(Golden.Int, (int)_masker.HashInteger(42, 32));
        Assert.Equal(Golden.Email, _masker.Email("jane.doe@corp.example", null));
        Assert.Equal(Golden.Hash, _masker.HashText("123-45-6789", 11));
        Assert.Equal(Golden.Phone, _masker.Phone("+1 (555) 010-9999"));
    }

    [Fact]
    public void Another_key_gives_unrelated_values()
    {
        using var other = new Masker(MaskingKey.FromSecret("unit-test-masking-key-0002"));
        Assert.NotEqual(_masker.HashInteger(42, 32), other.HashInteger(42, 32));
        Assert.NotEqual(_masker.Email("jane.doe@corp.example", null), other.Email("jane.doe@corp.example", null));
        Assert.NotEqual(_masker.HashText("x", null), other.HashText("x", null));
    }

    [Theory]
    [InlineData("hash", "character varying(11)", "123-45-6789")]
    [InlineData("email", "character varying(40)", "Jane.Doe@corp.example")]
    [InlineData("email", "varchar(12)", "a@b.c")]
    [InlineData("first_name", "character varying(4)", "Anna")]
    [InlineData("last_name", "text", "Murphy")]
    [InlineData("full_name", "character varying(10)", "Ada Baker")]
    [InlineData("phone", "character varying(20)", "+44 20 7946 0958")]
    [InlineData("partial", "character varying(19)", "4111 1111 1111 1234")]
    public void Every_text_rule_changes_the_value_and_fits_the_column(string rule, string dataType, string value)
    {
        var mask = rule == "partial" ? new MaskRule { Kind = MaskKind.Partial, KeepLast = 4, Fill = '*' } : new MaskRule { Kind = Kind(rule) };
        var type = Type(dataType);
        var f = _masker.For(mask, type);

        var masked = Assert.IsType<string>(f(value));

        Assert.NotEqual(value, masked);
        Assert.True(type.MaxLength is null || masked.Length <= type.MaxLength, $"{masked} overflows {dataType}");
        Assert.Equal(masked, f(value));
        Assert.Null(f(null));
        if (rule is "phone" or "partial")
        {
            Assert.Equal(value.Length, masked.Length);
            Assert.All(Enumerable.Range(0, value.Length), i => Assert.True(rule == "partial" || char.IsAsciiDigit(value[i]) == char.IsAsciiDigit(masked[i]) && (char.IsAsciiDigit(value[i]) || value[i] == masked[i])));
        }

        if (rule == "partial")
        {
            Assert.Equal("***************1234", masked);
        }

        if (rule == "email" && type.MaxLength >= 20)
        {
            Assert.Matches("^[a-z]+\\.[a-z]+\\.[0-9a-f]{8}@example\\.com$", masked);
            Assert.Equal(masked, f("  jane.DOE@corp.example ".Trim().Replace("jane.DOE", "Jane.Doe", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Set_null_and_value_replace_null_too_and_date_shift_moves_within_its_window()
    {
        Assert.Null(_masker.For(new MaskRule { Kind = MaskKind.SetNull }, Type("text"))("x"));
        Assert.Equal("n/a", _masker.For(new MaskRule { Kind = MaskKind.Value, Value = "n/a" }, Type("text"))(null));
        Assert.Equal(7, _masker.For(new MaskRule { Kind = MaskKind.Value, Value = "7" }, Type("integer"))(null));
        Assert.Equal(7L, _masker.For(new MaskRule { Kind = MaskKind.Value, Value = "7" }, Type("INTEGER", EngineKind.Sqlite))(3L));

        var shift = _masker.For(new MaskRule { Kind = MaskKind.DateShift, ShiftDays = 30 }, Type("date"));
        var day = new DateTime(1980, 5, 17, 13, 45, 0, DateTimeKind.Unspecified);
        var moved = Assert.IsType<DateTime>(shift(day));
        var days = (moved - day).TotalDays;
        Assert.InRange(Math.Abs(days), 1, 30);
        Assert.Equal(day.TimeOfDay, moved.TimeOfDay);
        Assert.Equal(moved, shift(day));
        Assert.Equal(moved.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), shift("1980-05-17 13:45:00"));
        Assert.IsType<DateOnly>(shift(new DateOnly(1980, 5, 17)));
        Assert.Null(shift(null));
    }

    [Theory]
    [InlineData("integer", "email", "needs a text column")]
    [InlineData("date", "hash", "needs an integer or text column")]
    [InlineData("text", "date_shift", "needs a date or date-and-time column")]
    [InlineData("uuid", "phone", "needs a text column")]
    [InlineData("smallint", "value:70000", "is not a whole number that fits")]
    [InlineData("character varying(2)", "value:abc", "longer than")]
    public void A_rule_that_does_not_fit_the_column_type_says_why(string dataType, string rule, string fragment)
    {
        var mask = rule.StartsWith("value:", StringComparison.Ordinal) ? new MaskRule { Kind = MaskKind.Value, Value = rule[6..] }
            : rule == "date_shift" ? new MaskRule { Kind = MaskKind.DateShift, ShiftDays = 3 } : new MaskRule { Kind = Kind(rule) };
        var column = new ColumnInfo { Name = "c", Ordinal = 1, DataType = dataType };

        Assert.Contains(fragment, MaskColumnType.Of(column, EngineKind.PostgreSql).Misfit(mask, column), StringComparison.Ordinal);
    }

    [Fact]
    public void Set_null_on_a_not_null_column_does_not_fit()
    {
        var column = new ColumnInfo { Name = "c", Ordinal = 1, DataType = "text", IsNullable = false };
        Assert.Contains("nullable", MaskColumnType.Of(column, EngineKind.PostgreSql).Misfit(new MaskRule { Kind = MaskKind.SetNull }, column), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("customer_email", null, "email")]
    [InlineData("DateOfBirth", null, "birth")]
    [InlineData("First Name", null, "firstname")]
    [InlineData("monthly_salary", "salary", "salary")]
    [InlineData("order_total", null, null)]
    public void Personal_looking_names(string column, string? extra, string? fragment) =>
        Assert.Equal(fragment, PersonalColumns.Match(column, extra is null ? [] : [extra]));

    [Fact]
    public void The_key_prints_as_its_source_only()
    {
        var key = MaskingKey.FromEnvironment(new RefreshSettings { MaskingKeyEnv = "K" }, _ => "super-secret-value-123");
        Assert.DoesNotContain("super-secret", key.ToString(), StringComparison.Ordinal);
        var ex = Assert.Throws<InvalidOperationException>(() => MaskingKey.FromEnvironment(new RefreshSettings { MaskingKeyEnv = "K" }, _ => null));
        Assert.Contains("environment variable K, which is not set", ex.Message, StringComparison.Ordinal);
    }

    private static MaskKind Kind(string rule) => rule switch
    {
        "hash" => MaskKind.Hash,
        "email" => MaskKind.Email,
        "first_name" => MaskKind.FirstName,
        "last_name" => MaskKind.LastName,
        "full_name" => MaskKind.FullName,
        "phone" => MaskKind.Phone,
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    private static class Golden
    {
        public const int Int = -170482945;
        public const string Email = "wen.eriksen.fcc2d8de@example.com";
        public const string Hash = "c6c05ac9276";
        public const string Phone = "+3 (889) 911-7664";
    }
}
