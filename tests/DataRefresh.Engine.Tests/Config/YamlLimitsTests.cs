using System.Diagnostics;
using System.Text;
using DataRefresh.Configuration;

namespace DataRefresh.Tests.Config;

/// <summary>Hostile or oversized YAML fails fast naming file and line; merge keys work within the same bounds.</summary>
public class YamlLimitsTests
{
    private const string Dbs = "databases:\n  source: {server: prod, database: P}\n  target: {server: uat, database: U}\n";

    /// <summary>"Billion laughs": each level is ten aliases of the one before, so level n stands for 10^n values.</summary>
    private static string Laughs(int levels, string key)
    {
        var yaml = new StringBuilder($"{key}:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= levels; i++)
        {
            yaml.Append($"  l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]\n");
        }

        return yaml.ToString();
    }

    [Theory]
    [InlineData(6, "settings")]
    [InlineData(9, "settings")]
    [InlineData(6, "laughs")]
    [InlineData(9, "laughs")]
    public void A_billion_laughs_file_fails_in_well_under_a_second_naming_the_alias_that_went_over(int levels, string key)
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", Dbs + "tables:\n  - name: Users\n" + Laughs(levels, key));
        var watch = Stopwatch.StartNew();

        var error = Assert.Single(ConfigFiles.Fail(null, path).Errors);

        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");

        // l3 stands for 11,111 values: the eighth alias of it, on l4's line, takes the file past 100,000.
        Assert.Equal((path, 11, 47), (error.Location!.Value.File, error.Location.Value.Line, error.Location.Value.Column));
        Assert.Equal($"{key}.l4[7]", error.Key);
        Assert.Contains("alias *l3 would make this file stand for more than 100,000 values", error.Message, StringComparison.Ordinal);
        Assert.Contains("billion laughs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_one_MiB_fails_on_its_size_before_it_is_parsed()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", Dbs + "tables:\n  - name: Users\n" + string.Concat(Enumerable.Repeat("# padding " + new string('x', 100) + "\n", 10_000)));

        var error = Assert.Single(ConfigFiles.Fail(null, path).Errors);

        Assert.Equal(path, error.Location!.Value.File);
        Assert.Contains("the file is larger than 1 MiB (1,048,576 bytes), the limit for a configuration file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_just_under_one_MiB_loads()
    {
        using var files = new ConfigFiles();
        var yaml = Dbs + "tables:\n  - name: Users\n";
        var path = files.Write("config.yaml", yaml + new string('#', (1024 * 1024) - yaml.Length - 1) + "\n");

        Assert.Equal("Users", Assert.Single(ConfigFiles.Load(null, path).Tables).Name);
    }

    [Fact]
    public void Deep_nesting_fails_naming_the_line_instead_of_overflowing_the_stack()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", Dbs + "tables:\n  - name: Users\nsettings:\n  deep: " + new string('[', 100_000) + new string(']', 100_000) + "\n");

        var error = Assert.Single(ConfigFiles.Fail(null, path).Errors);

        Assert.Equal(7, error.Location!.Value.Line);
        Assert.Contains("nested more than 64 levels deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_keys_fill_in_what_a_mapping_leaves_out_and_explicit_keys_win()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", """
            databases:
              source: &prod {engine: postgresql, server: prod, port: 5433, database: P, application_name: nightly}
              target:
                <<: *prod
                server: uat
                database: U
            tables:
              - &incremental
                name: Orders
                sync_mode: incremental
                incremental_column: id
                incremental_type: identity
                batch_size: 100
              - <<: *incremental
                name: OrderLines
              - <<: [{batch_size: 7, row_limit: 5}, *incremental, {row_limit: 6, truncate_target: false}]
                name: Refunds
              - name: Invoices
                <<: *incremental
                batch_size: 9
            """);

        var config = ConfigFiles.Load(null, path);

        Assert.Equal((EngineKind.PostgreSql, "uat", 5433, "U", "nightly"), (config.Target.Engine, config.Target.Server, config.Target.Port, config.Target.Database, config.Target.ApplicationName));
        Assert.Equal(["Orders", "OrderLines", "Refunds", "Invoices"], config.Tables.Select(t => t.Name));
        Assert.All(config.Tables, t => Assert.Equal((SyncMode.Incremental, "id", IncrementalType.Identity), (t.SyncMode, t.IncrementalColumn, t.IncrementalType)));
        Assert.Equal(100, config.Tables[1].BatchSize);
        Assert.Equal((7, 5L, false), (config.Tables[2].BatchSize, config.Tables[2].RowLimit, config.Tables[2].TruncateTarget));
        Assert.Equal(9, config.Tables[3].BatchSize);
    }

    [Fact]
    public void A_bad_merged_value_is_reported_where_it_was_written_for_every_table_that_merges_it()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", Dbs + """
            tables:
              - &defaults
                name: Users
                batch_size: lots
              - <<: *defaults
                name: Orders
            """);

        var errors = ConfigFiles.Fail(null, path).Errors;

        Assert.Equal(
            [(7, 17, "tables[0](Users).batch_size"), (7, 17, "tables[1](Orders).batch_size")],
            errors.Select(e => (e.Location!.Value.Line, e.Location.Value.Column, e.Key)).OrderBy(e => e.Key));
        Assert.All(errors, e => Assert.Contains("must be a whole number, not 'lots'", e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("  - name: Users\n    <<: *nowhere\n", 6, 9, "tables[0].<<", "alias *nowhere does not refer to an anchor (&nowhere) earlier in this file")]
    [InlineData("  - name: &n Users\n  - <<: *n\n", 6, 9, "tables[1].<<", "<< merges a mapping or a list of mappings into this one (<<: *defaults or <<: [*a, *b]), not a value")]
    [InlineData("  - name: Users\n    <<: [{a: 1}, [x]]\n", 6, 9, "tables[0].<<", "<< merges a mapping or a list of mappings into this one (<<: *defaults or <<: [*a, *b]), not a list holding a list")]
    [InlineData("  - &d {name: Users}\n  - <<: *d\n    <<: *d\n    name: Orders\n", 7, 5, "tables[1].<<", "<< appears more than once in this mapping; merge several with <<: [*a, *b]")]
    [InlineData("  - &d [name, Users]\n  - {*d : x}\n", 6, 6, "tables[1]", "a key must be a single value, not a list")]
    [InlineData("  - name: Users\n    '<<': {batch_size: 1}\n", 6, 5, "tables[0].<<", "unknown key")]
    [InlineData("  - name: Users\n    batch_size: 1\n    batch_size: 2\n", 7, 5, "tables[0].batch_size", "key appears more than once")]
    public void Broken_aliases_and_merge_keys_are_named_with_their_line(string tables, int line, int column, string key, string fragment)
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", Dbs + "tables:\n" + tables);

        var error = Assert.Single(ConfigFiles.Fail(null, path).Errors);

        Assert.Equal((line, column, key), (error.Location!.Value.Line, error.Location.Value.Column, error.Key));
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlay_files_with_their_own_merge_keys_still_merge_by_table_name()
    {
        using var files = new ConfigFiles();
        var basePath = files.Write("config.yaml", Dbs + """
            tables:
              - &full {name: Users, batch_size: 10}
              - <<: *full
                name: Orders
            """);
        var overlay = files.Write("overlay.yaml", """
            tables:
              - &small {name: orders, row_limit: 5}
              - <<: *small
                name: Audit
            """);

        var config = ConfigFiles.Load(null, basePath, overlay);

        Assert.Equal(["Users", "orders", "Audit"], config.Tables.Select(t => t.Name));
        Assert.Equal((10, 5L), (config.Tables[1].BatchSize, config.Tables[1].RowLimit));
        Assert.Equal(((int?)null, 5L), (config.Tables[2].BatchSize, config.Tables[2].RowLimit));
    }
}
