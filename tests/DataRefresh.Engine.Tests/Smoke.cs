namespace DataRefresh.Tests;

public class Smoke
{
    [Fact]
    public void Parses_a_schema_qualified_name() => Assert.Equal("Order Lines", Configuration.TableName.Parse("sales.\"Order Lines\"").Name.Value);
}
