using System.Data;
using DataRefresh.Engines.SqlServer;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Tests.Unit;

/// <summary>
/// Watermarks and partition bounds go to SQL Server typed like the column they are compared with: a varchar column
/// compared with an nvarchar parameter is converted row by row (a scan of production), and a DateTime sent as
/// datetime loses datetime2's precision. Also how long the table lock's command may run, and history's timestamps.
/// </summary>
public sealed class SqlServerParameterTests
{
    [Theory]
    [InlineData("varchar(50)", SqlDbType.VarChar, 50, null, null)]
    [InlineData("varchar(max)", SqlDbType.VarChar, -1, null, null)]
    [InlineData("nvarchar(40)", SqlDbType.NVarChar, 40, null, null)]
    [InlineData("nvarchar(max)", SqlDbType.NVarChar, -1, null, null)]
    [InlineData("char(10)", SqlDbType.Char, 10, null, null)]
    [InlineData("nchar(3)", SqlDbType.NChar, 3, null, null)]
    [InlineData("varbinary(16)", SqlDbType.VarBinary, 16, null, null)]
    [InlineData("binary(8)", SqlDbType.Binary, 8, null, null)]
    [InlineData("datetime2(3)", SqlDbType.DateTime2, null, null, 3)]
    [InlineData("datetime2(7)", SqlDbType.DateTime2, null, null, 7)]
    [InlineData("datetime2(0)", SqlDbType.DateTime2, null, null, 0)]
    [InlineData("datetime2", SqlDbType.DateTime2, null, null, 7)]
    [InlineData("datetimeoffset(4)", SqlDbType.DateTimeOffset, null, null, 4)]
    [InlineData("time(6)", SqlDbType.Time, null, null, 6)]
    [InlineData("date", SqlDbType.Date, null, null, null)]
    [InlineData("datetime", SqlDbType.DateTime, null, null, null)]
    [InlineData("smalldatetime", SqlDbType.SmallDateTime, null, null, null)]
    [InlineData("decimal(18,2)", SqlDbType.Decimal, null, 18, 2)]
    [InlineData("numeric(38,0)", SqlDbType.Decimal, null, 38, 0)]
    [InlineData("bigint", SqlDbType.BigInt, null, null, null)]
    [InlineData("int", SqlDbType.Int, null, null, null)]
    [InlineData("smallint", SqlDbType.SmallInt, null, null, null)]
    [InlineData("tinyint", SqlDbType.TinyInt, null, null, null)]
    [InlineData("uniqueidentifier", SqlDbType.UniqueIdentifier, null, null, null)]
    [InlineData("DateTime2(3)", SqlDbType.DateTime2, null, null, 3)]
    public void A_column_type_gives_the_parameter_type(string columnType, SqlDbType type, int? size, int? precision, int? scale)
    {
        var typed = SqlServerTypes.Parameter(columnType);

        Assert.NotNull(typed);
        Assert.Equal((type, size, precision, scale), (typed.Value.Type, typed.Value.Size, (int?)typed.Value.Precision, (int?)typed.Value.Scale));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("hierarchyid")]
    [InlineData("sql_variant")]
    [InlineData("xml")]
    public void Types_not_listed_leave_the_value_untyped(string? columnType) =>
        Assert.Null(SqlServerTypes.Parameter(columnType));

    [Fact]
    public void A_varchar_watermark_goes_as_varchar_of_the_columns_length()
    {
        var p = SqlServerTypes.Typed("bound", "ORD-000123", "varchar(20)");

        Assert.Equal(("bound", SqlDbType.VarChar, 20, (object)"ORD-000123"), (p.ParameterName, p.SqlDbType, p.Size, p.Value));
    }

    /// <summary>SqlClient cuts a value to the parameter's Size without a word: a longer value would compare wrongly.</summary>
    [Fact]
    public void A_text_value_longer_than_the_column_is_sent_whole()
    {
        var p = SqlServerTypes.Typed("bound", new string('x', 30), "varchar(20)");

        Assert.Equal((SqlDbType.VarChar, -1), (p.SqlDbType, p.Size));
    }

    /// <summary>A varchar parameter is encoded in the database's code page, which may lack the column's characters.</summary>
    [Fact]
    public void Text_outside_ascii_goes_as_nvarchar()
    {
        Assert.Equal(SqlDbType.NVarChar, SqlServerTypes.Typed("bound", "Müller", "varchar(50)").SqlDbType);
        Assert.Equal(SqlDbType.NChar, SqlServerTypes.Typed("bound", "Ωmega", "char(10)").SqlDbType);
        Assert.Equal(SqlDbType.NVarChar, SqlServerTypes.Typed("bound", "Müller", "nvarchar(50)").SqlDbType);
    }

    [Fact]
    public void A_datetime2_bound_keeps_the_columns_scale()
    {
        var value = new DateTime(2024, 5, 31, 23, 59, 59, 999, DateTimeKind.Unspecified);
        var p = SqlServerTypes.Typed("bound", value, "datetime2(3)");

        Assert.Equal((SqlDbType.DateTime2, (byte)3, (object)value), (p.SqlDbType, p.Scale, p.Value));
    }

    [Fact]
    public void An_unknown_type_keeps_sqlclients_own_inference()
    {
        var p = SqlServerTypes.Typed("bound", 42L, null);

        Assert.Equal(SqlDbType.BigInt, p.SqlDbType);
    }

    /// <summary>sp_getapplock's wait must end before its command's timeout, or the run fails with error -2 instead of "locked by".</summary>
    [Theory]
    [InlineData(300, 0, 300)]
    [InlineData(300, 60, 300)]
    [InlineData(30, 60, 90)]
    [InlineData(300, 300, 330)]
    [InlineData(0, 600, 0)]
    [InlineData(300, 86400, 86430)]
    public void The_applock_command_outlives_its_wait(int commandTimeout, int waitSeconds, int expected) =>
        Assert.Equal(expected, SqlServerEngine.AppLockCommandTimeout(commandTimeout, TimeSpan.FromSeconds(waitSeconds)));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-5, 0)]
    [InlineData(1.5, 1500)]
    [InlineData(86400, 86400000)]
    public void The_applock_wait_is_milliseconds_never_minus_one(double seconds, int expected) =>
        Assert.Equal(expected, SqlServerEngine.AppLockWaitMilliseconds(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void History_timestamps_go_as_datetime2_7()
    {
        var p = new SqlParameter("started_at", new DateTime(2024, 5, 31, 12, 0, 0, DateTimeKind.Utc).AddTicks(1234567));

        new SqlServerHistory().TypeTimestamp(p);

        Assert.Equal((SqlDbType.DateTime2, (byte)7), (p.SqlDbType, p.Scale));
    }
}
