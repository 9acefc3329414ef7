using DataRefresh.Configuration;

namespace DataRefresh.Tests.Unit;

public class TableNameTests
{
    [Theory]
    [InlineData("Users", null, false, "Users", false)]
    [InlineData("dbo.Users", "dbo", false, "Users", false)]
    [InlineData("sales.\"Order Lines\"", "sales", false, "Order Lines", true)]
    [InlineData("[dbo].[Users]", "dbo", true, "Users", true)]
    [InlineData("[dbo].Users", "dbo", true, "Users", false)]
    [InlineData("\"My.Schema\".\"A.B\"", "My.Schema", true, "A.B", true)]
    [InlineData("  dbo . Users  ", "dbo", false, "Users", false)]
    [InlineData("\"say \"\"hi\"\"\"", null, false, "say \"hi\"", true)]
    [InlineData("[a]]b]", null, false, "a]b", true)]
    [InlineData("[\"]", null, false, "\"", true)]
    [InlineData("\"[x]\"", null, false, "[x]", true)]
    [InlineData("Zähler.Größe", "Zähler", false, "Größe", false)]
    [InlineData("\"Ωmega 表\"", null, false, "Ωmega 表", true)]
    [InlineData("dbo.\"  padded  \"", "dbo", false, "  padded  ", true)]
    [InlineData("Order Lines", null, false, "Order Lines", false)]
    public void Parses(string text, string? schema, bool schemaQuoted, string name, bool nameQuoted)
    {
        Assert.True(TableName.TryParse(text, out var parsed, out var error), error);

        Assert.Equal(schema is null ? null : new NamePart(schema, schemaQuoted), parsed!.Schema);
        Assert.Equal(new NamePart(name, nameQuoted), parsed.Name);
        Assert.Equal(text, parsed.Text);
        Assert.Equal(text, parsed.ToString());
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("", "the name is empty")]
    [InlineData("   ", "the name is empty")]
    [InlineData("dbo.", "the name ends with '.'")]
    [InlineData("dbo. ", "the name ends with '.'")]
    [InlineData(".Users", "a part of the name is empty")]
    [InlineData("dbo..Users", "a part of the name is empty")]
    [InlineData("a.b.c", "use table or schema.table")]
    [InlineData("server.db.dbo.Users", "database or server prefixes are not allowed")]
    [InlineData("\"Users", "the quoted part starting with \" is not closed")]
    [InlineData("sales.\"Order Lines", "the quoted part starting with \" is not closed")]
    [InlineData("[dbo].[Users", "the quoted part starting with [ is not closed")]
    [InlineData("\"a\"\"", "the quoted part starting with \" is not closed")]
    [InlineData("\"\"", "a quoted part is empty")]
    [InlineData("dbo.[]", "a quoted part is empty")]
    [InlineData("\"Users\"x", "unexpected 'x' at position 8")]
    [InlineData("ab\"c\"", "unexpected '\"' at position 3")]
    [InlineData("dbo [Users]", "unexpected '[' at position 5")]
    public void Rejects(string text, string fragment)
    {
        Assert.False(TableName.TryParse(text, out var parsed, out var error));

        Assert.Null(parsed);
        Assert.Contains(fragment, error);
        var thrown = Assert.Throws<ArgumentException>(() => TableName.Parse(text));
        Assert.Contains($"'{text}' is not a table name: {error}", thrown.Message);
    }

    [Theory]
    [InlineData("users", "Users", true)]
    [InlineData("USERS", "Users", true)]
    [InlineData("\"Users\"", "Users", true)]
    [InlineData("\"users\"", "Users", false)]
    [InlineData("[Users]", "USERS", false)]
    [InlineData("Größe", "GRÖSSE", true)]
    [InlineData("größe", "GRÖẞE", true)]
    [InlineData("größe", "GRÖßE", true)]
    [InlineData("\"Größe\"", "GRÖSSE", false)]
    [InlineData("ÜNÏCÖDÉ表", "Ünïcödé表", true)]
    [InlineData("\"Ünïcödé表\"", "Ünïcödé表", true)]
    [InlineData("\"Ünïcödé表\"", "ünïcödé表", false)]
    [InlineData("Crème", "CRE\u0300ME", true)]
    [InlineData("\"Crème\"", "Cre\u0300me", false)]
    [InlineData("ΣΊΣΥΦΟΣ", "σίσυφος", true)]
    [InlineData("ﬁle", "FILE", true)]
    [InlineData("istanbul", "İSTANBUL", false)]
    [InlineData("ab", "a\u200Bb", false)]
    [InlineData("𐐀𐐁", "𐐨𐐩", true)]
    public void Quoted_parts_match_exactly_and_unquoted_ones_ignore_case(string text, string catalogName, bool matches) =>
        Assert.Equal(matches, TableName.Parse(text).Name.Matches(catalogName));
}
