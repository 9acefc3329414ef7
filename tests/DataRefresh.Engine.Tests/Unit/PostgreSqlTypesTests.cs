using DataRefresh.Catalog;
using DataRefresh.Engines.PostgreSql;

namespace DataRefresh.Tests.Unit;

public class PostgreSqlTypesTests
{
    private static ColumnInfo Column(string type, string name = "amount") => new() { Name = name, Ordinal = 1, DataType = type };

    [Theory]
    [InlineData("integer", "integer")]
    [InlineData("smallint", "integer")]
    [InlineData("smallint", "bigint")]
    [InlineData("integer", "bigint")]
    [InlineData("integer", "numeric")]
    [InlineData("bigint", "numeric(19,0)")]
    [InlineData("integer", "numeric(21,2)")]
    [InlineData("real", "double precision")]
    [InlineData("character varying(10)", "character varying(20)")]
    [InlineData("character varying(10)", "character varying(10)")]
    [InlineData("character varying(10)", "character varying")]
    [InlineData("character varying(10)", "text")]
    [InlineData("character varying", "text")]
    [InlineData("text", "text")]
    [InlineData("numeric(12,2)", "numeric(14,2)")]
    [InlineData("numeric(12,2)", "numeric(14,4)")]
    [InlineData("numeric(12,2)", "numeric")]
    [InlineData("numeric(12)", "numeric(12,0)")]
    [InlineData("numeric(12)", "numeric(14,2)")]
    [InlineData("json", "jsonb")]
    [InlineData("timestamp without time zone", "timestamp without time zone")]
    public void Loads_without_loss(string source, string target) =>
        Assert.Null(PostgreSqlTypes.Incompatibility(Column(source), Column(target)));

    [Theory]
    [InlineData("bigint", "integer")]
    [InlineData("integer", "smallint")]
    [InlineData("integer", "numeric(10,0)")]
    [InlineData("bigint", "numeric(20,2)")]
    [InlineData("double precision", "real")]
    [InlineData("text", "character varying(5)")]
    [InlineData("text", "character varying")]
    [InlineData("character varying(20)", "character varying(10)")]
    [InlineData("character varying", "character varying(20)")]
    [InlineData("numeric(12,2)", "numeric(12,4)")]
    [InlineData("numeric(12,2)", "numeric(11,2)")]
    [InlineData("numeric(12,2)", "numeric(14,1)")]
    [InlineData("numeric", "numeric(38,10)")]
    [InlineData("numeric(12,2)", "integer")]
    [InlineData("numeric(12)", "numeric(12,2)")]
    [InlineData("integer", "text")]
    [InlineData("text", "integer")]
    [InlineData("jsonb", "json")]
    [InlineData("timestamp with time zone", "timestamp without time zone")]
    [InlineData("uuid", "text")]
    public void Blocks_what_would_lose_or_reinterpret_data(string source, string target) =>
        Assert.Equal(
            $"column amount: source type {source} does not load into target type {target} without loss",
            PostgreSqlTypes.Incompatibility(Column(source), Column(target)));

    [Fact]
    public void The_message_names_the_column_and_both_types()
    {
        var message = PostgreSqlTypes.Incompatibility(Column("numeric(12,2)", "unit_price"), Column("numeric(12,4)", "unit_price"));

        Assert.NotNull(message);
        Assert.Contains("unit_price", message);
        Assert.Contains("numeric(12,2)", message);
        Assert.Contains("numeric(12,4)", message);
    }

    [Theory]
    [InlineData("integer", "integer", true)]
    [InlineData("numeric(12,2)", "numeric(12,2)", true)]
    [InlineData("integer", "bigint", false)]
    [InlineData("character varying(10)", "text", false)]
    public void Only_identical_types_pass_binary_copy_through(string source, string target, bool same) =>
        Assert.Equal(same, PostgreSqlTypes.SameType(Column(source), Column(target)));
}
