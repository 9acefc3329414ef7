using System.Data.Common;
using System.Globalization;
using System.Text;
using DataRefresh.Configuration;
using DataRefresh.Execution;
using DataRefresh.Planning;
using DataRefresh.Tests.Conformance;
using static DataRefresh.Configuration.DatabaseSide;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Masking;

/// <summary>
/// masking: end to end, written once and run against real engines (a subclass supplies the engine, as the
/// conformance suite does): every rule through a full refresh, determinism across tables and runs, the staging
/// strategy, incremental copies, a missing key, and verify. Each test names its own key variable
/// (settings.masking_key_env), so tests running in parallel never share or unset one another's key.
/// </summary>
public abstract class MaskingRefreshTests : IAsyncLifetime
{
    private IConformanceTarget? _db;

    protected IConformanceTarget Db => _db ?? throw new InvalidOperationException("the engine was not initialized");

    /// <summary>This test's own key variable, set for the test and removed after it.</summary>
    protected string KeyVariable { get; } = $"DATAREFRESH_TEST_MASKING_KEY_{Guid.NewGuid():N}";

    protected abstract Task<IConformanceTarget> CreateTargetAsync();

    /// <summary>A length-limited text column type.</summary>
    protected abstract string Varchar(int length);

    /// <summary>A connection to one side, for reading rows back as the provider decodes them.</summary>
    protected abstract Task<DbConnection> OpenAsync(DatabaseSide side);

    /// <summary>Every table in the database (staging leftovers and the history table included), as <see cref="IConformanceTarget.DumpAsync"/> takes its name.</summary>
    protected abstract Task<IReadOnlyList<string>> AllTablesAsync(DatabaseSide side);

    public async ValueTask InitializeAsync()
    {
        _db = await CreateTargetAsync();
        Environment.SetEnvironmentVariable(KeyVariable, "an-end-to-end-masking-test-key");
    }

    public async ValueTask DisposeAsync()
    {
        Environment.SetEnvironmentVariable(KeyVariable, null);
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected RefreshConfig Config(params TableConfig[] tables) => Config(tables, s => s);

    protected RefreshConfig Config(TableConfig[] tables, Func<RefreshSettings, RefreshSettings> settings) =>
        Db.Config(tables, s => settings(s with { MaskingKeyEnv = KeyVariable }));

    protected static ColumnMask Mask(string column, MaskKind kind, string? value = null, int keepLast = 0, char fill = '*', int shiftDays = 0) =>
        new(column, new MaskRule { Kind = kind, Value = value, KeepLast = keepLast, Fill = fill, ShiftDays = shiftDays }, "(test)");

    protected static TableConfig Masked(TableConfig table, params ColumnMask[] masks) => table with { Masking = masks };

    protected async Task Both(string sql)
    {
        await Db.ExecAsync(Source, sql);
        await Db.ExecAsync(Target, sql);
    }

    private static string Lit(string? value) => value is null ? "NULL" : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A value as invariant text (NULL as null), the same way on both sides of one engine.</summary>
    private static string? Text(object? value) => value switch
    {
        null or DBNull => null,
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.ToString("yyyy-MM-dd HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>The rows of a query, each column as <see cref="Text"/>.</summary>
    protected async Task<List<string?[]>> RowsAsync(DatabaseSide side, string sql)
    {
        await using var c = await OpenAsync(side);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await r.ReadAsync())
        {
            var row = new string?[r.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = Text(r.IsDBNull(i) ? null : r.GetValue(i));
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>One column keyed by the first column of the query.</summary>
    private async Task<Dictionary<string, string?>> ColumnAsync(DatabaseSide side, string table, string key, string column) =>
        (await RowsAsync(side, $"SELECT {key}, {column} FROM {table} ORDER BY {key}")).ToDictionary(r => r[0]!, r => r[1], StringComparer.Ordinal);

    /// <summary>Every row of every table of the target database as text, for a search for production's values.</summary>
    protected async Task<string> EverythingInTargetAsync()
    {
        var all = new StringBuilder();
        foreach (var table in await AllTablesAsync(Target))
        {
            all.Append(table).Append(':').AppendJoin('\n', await Db.DumpAsync(Target, table, "1")).Append('\n');
        }

        return all.ToString();
    }

    // ---------------------------------------------------------------- every rule

    private static readonly string[] Firsts = ["Margaret", "Thomas", "Ingrid", "Pedro", "Aiko", "Olu", "Siobhan", "Bjorn"];
    private static readonly string[] Lasts = ["Whitfield", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Novak", "Brennan"];

    private string PeopleTable(string name) => $"""
        CREATE TABLE {name} (
            id {Db.IntType} PRIMARY KEY,
            cust_no {Db.BigIntType}, small_no {Db.IntType}, code {Varchar(20)}, email {Varchar(20)}, email_wide {Db.TextType},
            first {Varchar(10)}, last {Varchar(10)}, full_name {Varchar(12)}, phone {Varchar(20)}, notes {Db.TextType},
            status {Varchar(5)}, card {Varchar(20)}, born {Db.DateType}, seen {Db.TimestampType},
            amount {Db.DecimalType}, label {Db.TextType})
        """;

    /// <summary>Production's people: every 7th row NULL in every masked column; short cards (fully filled) every 11th.</summary>
    private static string PeopleRows(string name, int from, int to)
    {
        var rows = new List<string>();
        for (var i = from; i <= to; i++)
        {
            var first = Firsts[i % Firsts.Length];
            var last = Lasts[i % Lasts.Length];
            var masked = i % 7 == 0
                ? Enumerable.Repeat("NULL", 14)
                : new[]
                {
                    (1_000_000_000_000L + (i * 7919L)).ToString(CultureInfo.InvariantCulture), (i * 31).ToString(CultureInfo.InvariantCulture),
                    Lit($"CODE-{i:D5}"), Lit($"u{i}@corp.example"), Lit($"person.number{i}@production.example.com"),
                    Lit(first[..Math.Min(10, first.Length)]), Lit(last[..Math.Min(10, last.Length)]), Lit($"{first[0]}. {last}"[..Math.Min(12, $"{first[0]}. {last}".Length)]),
                    Lit($"+1 (555) {i % 1000:D3}-{i * 7 % 10000:D4}"), Lit($"secret note {i}"), Lit(i % 2 == 0 ? "open" : "done"),
                    Lit(i % 11 == 0 ? "12" : $"4111-1111-{i:D4}-{i * 13 % 10000:D4}"),
                    Lit(new DateOnly(1950, 1, 1).AddDays(i * 37).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    Lit(new DateTime(2024, 1, 1).AddHours(i * 3).AddSeconds(i).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                };
            rows.Add($"({i}, {string.Join(", ", masked)}, {(i * 1.25m).ToString(CultureInfo.InvariantCulture)}, {Lit($"label {i}")})");
        }

        return $"INSERT INTO {name} (id, cust_no, small_no, code, email, email_wide, first, last, full_name, phone, notes, status, card, born, seen, amount, label) VALUES {string.Join(", ", rows)}";
    }

    private static readonly ColumnMask[] PeopleMasks =
    [
        Mask("cust_no", MaskKind.Hash), Mask("small_no", MaskKind.Hash), Mask("code", MaskKind.Hash), Mask("email", MaskKind.Email),
        Mask("email_wide", MaskKind.Email), Mask("first", MaskKind.FirstName), Mask("last", MaskKind.LastName), Mask("full_name", MaskKind.FullName),
        Mask("phone", MaskKind.Phone), Mask("notes", MaskKind.SetNull), Mask("status", MaskKind.Value, value: "n/a"),
        Mask("card", MaskKind.Partial, keepLast: 4, fill: '#'), Mask("born", MaskKind.DateShift, shiftDays: 30), Mask("seen", MaskKind.DateShift, shiftDays: 5),
    ];

    private static readonly Dictionary<string, int> PeopleLengths = new(StringComparer.Ordinal)
    {
        ["code"] = 20,
        ["email"] = 20,
        ["first"] = 10,
        ["last"] = 10,
        ["full_name"] = 12,
        ["phone"] = 20,
        ["status"] = 5,
        ["card"] = 20,
    };

    private const string PeopleColumns = "id, cust_no, small_no, code, email, email_wide, first, last, full_name, phone, notes, status, card, born, seen, amount, label";

    private async Task AssertPeopleMaskedAsync(string table, int rows)
    {
        var source = (await RowsAsync(Source, $"SELECT {PeopleColumns} FROM {table} ORDER BY id")).ToDictionary(r => r[0]!, StringComparer.Ordinal);
        var target = (await RowsAsync(Target, $"SELECT {PeopleColumns} FROM {table} ORDER BY id")).ToDictionary(r => r[0]!, StringComparer.Ordinal);
        Assert.Equal(rows, source.Count);
        Assert.Equal(source.Keys.Order(StringComparer.Ordinal), target.Keys.Order(StringComparer.Ordinal));
        var names = PeopleColumns.Split(", ");
        int Col(string name) => Array.IndexOf(names, name);
        foreach (var (id, s) in source)
        {
            var t = target[id];

            // Unmasked columns as production has them.
            Assert.Equal((s[Col("amount")], s[Col("label")]), (t[Col("amount")], t[Col("label")]));

            // set_null and value replace every value, NULL included.
            Assert.Null(t[Col("notes")]);
            Assert.Equal("n/a", t[Col("status")]);
            foreach (var mask in PeopleMasks.Where(m => m.Rule.Kind is not (MaskKind.SetNull or MaskKind.Value)))
            {
                var (before, after) = (s[Col(mask.Column)], t[Col(mask.Column)]);
                if (before is null)
                {
                    Assert.True(after is null, $"{table}.{mask.Column} id {id}: NULL became '{after}'");
                    continue;
                }

                Assert.NotNull(after);
                Assert.True(before != after, $"{table}.{mask.Column} id {id}: '{before}' was copied unmasked ({mask.Rule})");
                if (PeopleLengths.TryGetValue(mask.Column, out var max))
                {
                    Assert.True(after.Length <= max, $"{table}.{mask.Column} id {id}: '{after}' is longer than {max}");
                }
            }

            if (s[Col("email")] is not null)
            {
                Assert.Contains('@', t[Col("email_wide")]!);
                Assert.EndsWith("@example.com", t[Col("email_wide")]!, StringComparison.Ordinal);

                // Phone keeps everything but the digits; partial keeps the last 4 (a value of 4 or fewer is filled whole).
                var (phone, masked) = (s[Col("phone")]!, t[Col("phone")]!);
                Assert.Equal(phone.Length, masked.Length);
                Assert.Equal(phone.Where(ch => !char.IsAsciiDigit(ch)), masked.Where(ch => !char.IsAsciiDigit(ch)));
                var card = s[Col("card")]!;
                Assert.Equal(card.Length > 4 ? new string('#', card.Length - 4) + card[^4..] : new string('#', card.Length), t[Col("card")]);

                // date_shift moves by 1..N days, keeps the time of day.
                var (born, bornAfter) = (DateTime.Parse(s[Col("born")]!, CultureInfo.InvariantCulture), DateTime.Parse(t[Col("born")]!, CultureInfo.InvariantCulture));
                Assert.InRange(Math.Abs((bornAfter - born).TotalDays), 1, 30);
                var (seen, seenAfter) = (DateTime.Parse(s[Col("seen")]!, CultureInfo.InvariantCulture), DateTime.Parse(t[Col("seen")]!, CultureInfo.InvariantCulture));
                Assert.InRange(Math.Abs((seenAfter - seen).TotalDays), 1, 5);
                Assert.Equal(seen.TimeOfDay, seenAfter.TimeOfDay);
            }
        }

        // The integer hash is a permutation: distinct values stay distinct.
        foreach (var column in new[] { "cust_no", "small_no", "code" })
        {
            Assert.Equal(source.Values.Select(r => r[Col(column)]).Where(v => v is not null).Distinct().Count(), target.Values.Select(r => r[Col(column)]).Where(v => v is not null).Distinct().Count());
        }
    }

    [Fact]
    public async Task Every_rule_masks_every_non_null_value_keeps_nulls_and_unmasked_columns_and_fits_the_column()
    {
        await Both(PeopleTable("people"));
        await Db.ExecAsync(Source, PeopleRows("people", 1, 300));
        await Db.ExecAsync(Target, PeopleRows("people", 1000, 1002));

        var (plans, results, _) = await RunAsync(Config(Masked(Full("people"), PeopleMasks)));

        Assert.Equal(PeopleMasks.Select(m => m.ToString()), plans.Single("people").Masking.Select(m => m.ToString()));
        var result = results.Single("people");
        Assert.True(result.Status == RefreshStatus.Succeeded, result.Error);
        Assert.Equal((300L, 3L), (result.RowsCopied, result.RowsDeleted));
        await AssertPeopleMaskedAsync("people", 300);
    }

    // ---------------------------------------------------------------- determinism

    private async Task CustomersAndOrdersAsync()
    {
        await Both($"""
            CREATE TABLE customers (id {Db.IntType} PRIMARY KEY, name {Varchar(40)} NOT NULL UNIQUE, email {Db.TextType});
            CREATE TABLE orders (order_id {Db.IntType} PRIMARY KEY, customer_id {Db.IntType} NOT NULL REFERENCES customers (id), amount {Db.DecimalType})
            """);
        await Db.ExecAsync(Source, "INSERT INTO customers (id, name, email) VALUES " + string.Join(", ", Enumerable.Range(1, 200).Select(i => $"({i * 3}, 'customer {i}', 'customer{i}@prod.example')")));
        await Db.ExecAsync(Source, "INSERT INTO orders (order_id, customer_id, amount) VALUES " + string.Join(", ", Enumerable.Range(1, 1000).Select(i => $"({i}, {(1 + (i * 37 % 200)) * 3}, {i}.50)")));
        await Db.ExecAsync(Target, "INSERT INTO customers (id, name, email) VALUES (1, 'stale uat customer', NULL)");
        await Db.ExecAsync(Target, "INSERT INTO orders (order_id, customer_id, amount) VALUES (1, 1, 1)");
    }

    private RefreshConfig CustomersAndOrdersConfig() => Config(
        Masked(Full("customers"), Mask("id", MaskKind.Hash), Mask("email", MaskKind.Email)),
        Masked(Full("orders"), Mask("customer_id", MaskKind.Hash)));

    [Fact]
    public async Task The_plan_warns_when_a_hashed_key_is_referenced_by_a_column_this_configuration_does_not_hash()
    {
        await CustomersAndOrdersAsync();
        var lopsided = Config(Masked(Full("customers"), Mask("id", MaskKind.Hash)), Full("orders"));

        var plans = await new RefreshSession(lopsided).PlanAsync(null, TestContext.Current.CancellationToken);
        var both = await new RefreshSession(CustomersAndOrdersConfig()).PlanAsync(null, TestContext.Current.CancellationToken);

        var warning = Assert.Single(plans.Single(p => p.Table == "customers").Warnings, w => w.StartsWith("masking: id is masked with hash", StringComparison.Ordinal));
        Assert.Contains("(customer_id) references it", warning, StringComparison.Ordinal);
        Assert.Contains("mask orders.customer_id: hash too", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(both.SelectMany(p => p.Warnings), w => w.Contains("is masked with hash", StringComparison.Ordinal));
    }

    private const string Pairs = "SELECT o.order_id, c.name, o.amount FROM orders o JOIN customers c ON c.id = o.customer_id ORDER BY o.order_id";

    [Fact]
    public async Task A_hashed_key_and_its_hashed_foreign_key_still_join_to_the_same_rows_and_two_runs_mask_alike()
    {
        await CustomersAndOrdersAsync();

        var (_, results, _) = await RunAsync(CustomersAndOrdersConfig());

        Assert.All(results, r => Assert.True(r.Status == RefreshStatus.Succeeded, r.Error));
        var pairs = await RowsAsync(Source, Pairs);
        Assert.Equal(1000, pairs.Count);
        Assert.Equal(pairs, await RowsAsync(Target, Pairs));

        // Every key was mapped (a permutation: no two customers share one), and the mapping is the one the orders use.
        var sourceIds = (await RowsAsync(Source, "SELECT name, id FROM customers")).ToDictionary(r => r[0]!, r => r[1]!, StringComparer.Ordinal);
        var targetIds = (await RowsAsync(Target, "SELECT name, id FROM customers")).ToDictionary(r => r[0]!, r => r[1]!, StringComparer.Ordinal);
        Assert.Equal(sourceIds.Keys.Order(StringComparer.Ordinal), targetIds.Keys.Order(StringComparer.Ordinal));
        Assert.All(sourceIds, p => Assert.NotEqual(p.Value, targetIds[p.Key]));
        var map = sourceIds.ToDictionary(p => p.Value, p => targetIds[p.Key], StringComparer.Ordinal);
        var sourceOrders = await ColumnAsync(Source, "orders", "order_id", "customer_id");
        var targetOrders = await ColumnAsync(Target, "orders", "order_id", "customer_id");
        Assert.All(sourceOrders, o => Assert.Equal(map[o.Value!], targetOrders[o.Key]));

        // A second run with the same key writes exactly the same values.
        var (customers, orders) = (await Db.DumpAsync(Target, "customers", "name"), await Db.DumpAsync(Target, "orders", "order_id"));
        var (_, again, _) = await RunAsync(CustomersAndOrdersConfig());
        Assert.All(again, r => Assert.True(r.Status == RefreshStatus.Succeeded, r.Error));
        Assert.Equal(customers, await Db.DumpAsync(Target, "customers", "name"));
        Assert.Equal(orders, await Db.DumpAsync(Target, "orders", "order_id"));
    }

    // ---------------------------------------------------------------- staging

    [Fact]
    public async Task Staging_masks_a_plain_and_a_partitioned_table_and_leaves_no_production_value_anywhere_in_uat()
    {
        await Both($"CREATE TABLE contacts (id {Db.IntType} PRIMARY KEY, email {Db.TextType}, phone {Varchar(20)}, note {Db.TextType})");
        foreach (var statement in Db.MonthlyPartitioned("visits", $"visit_id {Db.BigIntType} NOT NULL, visit_date {Db.DateType} NOT NULL, visitor {Db.TextType}, PRIMARY KEY (visit_id, visit_date)", "visit_date", new DateOnly(2024, 1, 1), 6))
        {
            await Both(statement);
        }

        await Db.ExecAsync(Source, "INSERT INTO contacts (id, email, phone, note) VALUES " + string.Join(", ", Enumerable.Range(1, 300).Select(i => $"({i}, 'secret{i}@prod.example', '+44 20 7946 {i:D4}', 'secret note {i}')")));
        string Visits(int from, int to) => "INSERT INTO visits (visit_id, visit_date, visitor) VALUES " + string.Join(", ", Enumerable.Range(from, to - from + 1).Select(i =>
            $"({i}, '{new DateOnly(2024, 1, 1).AddDays(i / 4):yyyy-MM-dd}', 'Secret Visitor {i}')"));
        await Db.ExecAsync(Source, Visits(0, 4 * 120));
        await Db.ExecAsync(Target, "INSERT INTO contacts (id, email, phone, note) VALUES (9001, 'uat@uat.example', '0', 'stale')");
        await Db.ExecAsync(Target, "INSERT INTO visits (visit_id, visit_date, visitor) VALUES (9001, '2024-03-01', 'uat visitor')");
        var contacts = Masked(Full("contacts") with { Strategy = RefreshStrategy.StagingPartitionSwitch }, Mask("email", MaskKind.Email), Mask("phone", MaskKind.Phone), Mask("note", MaskKind.Value, value: "redacted"));
        var visits = Masked(Full("visits") with { Strategy = RefreshStrategy.StagingPartitionSwitch }, Mask("visitor", MaskKind.FullName));

        var (plans, results, _) = await RunAsync(Config(contacts, visits));

        Assert.All(plans, p => Assert.NotEmpty(p.Steps));
        Assert.All(results, r => Assert.True(r.Status == RefreshStatus.Succeeded, r.Error));
        Assert.Equal((300L, 481L), (results.Single("contacts").RowsCopied, results.Single("visits").RowsCopied));
        var phones = (await ColumnAsync(Source, "contacts", "id", "phone")).Values.ToHashSet(StringComparer.Ordinal);
        async Task AssertNothingUnmasked()
        {
            var everything = await EverythingInTargetAsync();
            Assert.DoesNotContain("secret", everything, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("prod.example", everything, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(phones, p => everything.Contains(p!, StringComparison.Ordinal));
        }

        await AssertNothingUnmasked();
        Assert.Equal(300L, Convert.ToInt64(await Db.ScalarAsync(Target, "SELECT count(*) FROM contacts WHERE note = 'redacted' AND email LIKE '%@example.com'"), CultureInfo.InvariantCulture));

        // A buffered window through staging: late changes and new rows, masked too.
        await Db.ExecAsync(Source, "UPDATE visits SET visitor = 'Secret Late Change' WHERE visit_date = '2024-04-25'");
        await Db.ExecAsync(Source, Visits((4 * 120) + 1, 4 * 150));
        var window = Masked(Incremental("visits", "visit_date", IncrementalType.Date, buffer: 10) with { Strategy = RefreshStrategy.StagingPartitionSwitch }, Mask("visitor", MaskKind.FullName));
        var (_, second, _) = await RunAsync(Config(window));

        Assert.True(second.Single("visits").Status == RefreshStatus.Succeeded, second.Single("visits").Error);
        Assert.Equal(RefreshAction.Incremental, second.Single("visits").Action);
        Assert.Equal(601L, Convert.ToInt64(await Db.ScalarAsync(Target, "SELECT count(*) FROM visits"), CultureInfo.InvariantCulture));
        await AssertNothingUnmasked();
    }

    // ---------------------------------------------------------------- incremental

    [Fact]
    public async Task An_incremental_copy_masks_the_new_rows_like_the_old_and_leaves_the_old_rows_alone()
    {
        await Both($"CREATE TABLE signups (id {Db.BigIntType} PRIMARY KEY, email {Db.TextType}, born {Db.DateType}, plan_name {Db.TextType})");
        string Signups(int from, int to) => "INSERT INTO signups (id, email, born, plan_name) VALUES " + string.Join(", ", Enumerable.Range(from, to - from + 1).Select(i =>
            i % 100 % 9 == 0 ? $"({i}, NULL, NULL, 'plan {i}')" : $"({i}, 'signup{i % 100}@prod.example', '{new DateOnly(1980, 1, 1).AddDays(i % 100 * 11):yyyy-MM-dd}', 'plan {i}')"));
        await Db.ExecAsync(Source, Signups(1, 100));
        var table = Masked(Incremental("signups", "id"), Mask("email", MaskKind.Email), Mask("born", MaskKind.DateShift, shiftDays: 10));

        var (_, first, _) = await RunAsync(Config(table));
        Assert.True(first.Single("signups").Status == RefreshStatus.Succeeded, first.Single("signups").Error);
        var before = await Db.DumpAsync(Target, "signups", "id");

        // New rows repeat old rows' values (ids 101..150 have the e-mail and birth date of ids 1..50).
        await Db.ExecAsync(Source, Signups(101, 150));
        var (plans, second, _) = await RunAsync(Config(table));

        Assert.Equal(RefreshAction.Incremental, plans.Single("signups").Action);
        var result = second.Single("signups");
        Assert.Equal((RefreshStatus.Succeeded, RefreshAction.Incremental, 50L), (result.Status, result.Action, result.RowsCopied));
        Assert.Equal(before, (await Db.DumpAsync(Target, "signups", "id")).Take(100));
        foreach (var column in new[] { "email", "born" })
        {
            var source = await ColumnAsync(Source, "signups", "id", column);
            var target = await ColumnAsync(Target, "signups", "id", column);
            Assert.Equal(150, target.Count);
            Assert.All(source, s => Assert.True(s.Value is null ? target[s.Key] is null : target[s.Key] is { } t && t != s.Value, $"signups.{column} id {s.Key}: '{s.Value}' -> '{target[s.Key]}'"));
            Assert.All(Enumerable.Range(101, 50), id => Assert.Equal(target[(id - 100).ToString(CultureInfo.InvariantCulture)], target[id.ToString(CultureInfo.InvariantCulture)]));
        }

        Assert.Equal(await ColumnAsync(Source, "signups", "id", "plan_name"), await ColumnAsync(Target, "signups", "id", "plan_name"));
    }

    // ---------------------------------------------------------------- no key

    [Theory]
    [InlineData(null, "not set")]
    [InlineData("short-secret", "shorter than 16 characters")]
    public async Task Without_a_usable_key_the_masked_table_is_blocked_naming_the_variable_and_nothing_is_written(string? key, string state)
    {
        await Both(PeopleTable("people"));
        await Db.ExecAsync(Source, PeopleRows("people", 1, 50));
        await Db.ExecAsync(Target, PeopleRows("people", 1000, 1002));
        var before = await Db.DumpAsync(Target, "people", "id");
        Environment.SetEnvironmentVariable(KeyVariable, key);
        var config = Config(Masked(Full("people"), PeopleMasks));

        var plan = (await PlanAsync(config)).Single("people");
        Assert.Equal(RefreshAction.Skip, plan.Action);
        Assert.Contains($"masking needs its key in the environment variable {KeyVariable}, which is {state}", plan.Reason, StringComparison.Ordinal);

        var (_, results, _) = await RunAsync(config);

        var result = results.Single("people");
        Assert.Equal((RefreshStatus.Skipped, 0L, 0L), (result.Status, result.RowsCopied, result.RowsDeleted));
        Assert.Contains(KeyVariable, result.Error + result.Note, StringComparison.Ordinal);
        Assert.Equal(before, await Db.DumpAsync(Target, "people", "id"));
        if (key is not null)
        {
            Assert.DoesNotContain(key, plan.Reason + result.Error + result.Note, StringComparison.Ordinal);
        }
    }

    // ---------------------------------------------------------------- merge

    [Fact]
    public async Task A_merge_load_masks_what_it_inserts_and_a_second_merge_finds_nothing_to_change()
    {
        await Both(PeopleTable("people"));
        await Db.ExecAsync(Source, PeopleRows("people", 1, 300));
        await Db.ExecAsync(Target, PeopleRows("people", 290, 310));
        var config = Config(Masked(Full("people") with { LoadMethod = LoadMethod.Merge }, PeopleMasks));

        var (plans, results, _) = await RunAsync(config);

        Assert.Equal(LoadMethod.Merge, plans.Single("people").LoadMethod);
        var result = results.Single("people");
        Assert.True(result.Status == RefreshStatus.Succeeded, result.Error);
        Assert.Equal((289L, 10L), (result.RowsInserted, result.RowsDeleted));
        await AssertPeopleMaskedAsync("people", 300);

        // Masking is deterministic: the merge compares masked with masked and finds every row as it is.
        var (_, again, _) = await RunAsync(config);
        Assert.Equal((RefreshStatus.Succeeded, 0L, 0L, 0L), (again[0].Status, again[0].RowsInserted, again[0].RowsUpdated, again[0].RowsDeleted));
    }

    // ---------------------------------------------------------------- verify

    [Theory]
    [InlineData(VerifyMode.Counts)]
    [InlineData(VerifyMode.Checksum)]
    public async Task Verify_does_not_fail_a_masked_table_for_the_values_masking_changed(VerifyMode mode)
    {
        await Both(PeopleTable("people"));
        await Db.ExecAsync(Source, PeopleRows("people", 1, 300));

        var (_, results, _) = await RunAsync(Config([Masked(Full("people"), PeopleMasks)], s => s with { Verify = mode }));

        var result = results.Single("people");
        Assert.True(result.Status == RefreshStatus.Succeeded, result.Error + " / " + result.VerifyDetail);
        Assert.Equal("Equal", result.VerifyStatus);
        Assert.StartsWith($"verify: {(mode == VerifyMode.Counts ? "counts" : "checksum")}: UAT equals production (300 row(s) on both sides", result.VerifyDetail, StringComparison.Ordinal);
        if (mode == VerifyMode.Checksum)
        {
            Assert.Contains("masked columns not compared", result.VerifyDetail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Verify_checksum_of_a_table_with_a_masked_key_compares_the_unmasked_columns_as_a_whole()
    {
        await CustomersAndOrdersAsync();

        var (_, results, _) = await RunAsync(Config([.. CustomersAndOrdersConfig().Tables], s => s with { Verify = VerifyMode.Checksum }));

        Assert.All(results, r =>
        {
            Assert.True(r.Status == RefreshStatus.Succeeded, r.Error + " / " + r.VerifyDetail);
            Assert.Equal("Equal", r.VerifyStatus);
        });

        // customers.id is masked: no key to pair rows by, one checksum of the names; orders keeps its key and leaves customer_id out.
        Assert.Equal(
            "verify: checksum: UAT equals production (200 row(s) on both sides, 1 key range(s) checked); masked columns not compared (masking changes them by design): id, email; "
            + "the key is masked, so the table was compared by count and one whole-table checksum of the unmasked columns; rows cannot be named",
            results.Single("customers").VerifyDetail);
        Assert.EndsWith("; masked columns not compared (masking changes them by design): customer_id", results.Single("orders").VerifyDetail, StringComparison.Ordinal);
    }

    /// <summary>A UAT trigger that changes an unmasked column on the way in: checksum verify must still see it.</summary>
    protected abstract string StampLabelTrigger(string table);

    [Fact]
    public async Task Verify_checksum_still_fails_a_masked_table_whose_unmasked_columns_differ()
    {
        await Both(PeopleTable("people"));
        await Db.ExecAsync(Source, PeopleRows("people", 1, 300));
        await Db.ExecAsync(Target, StampLabelTrigger("people"));

        var (_, results, _) = await RunAsync(Config([Masked(Full("people") with { FireTriggers = true }, PeopleMasks)], s => s with { Verify = VerifyMode.Checksum }));

        var result = results.Single("people");
        Assert.Equal((RefreshStatus.Failed, "Different"), (result.Status, result.VerifyStatus));
        Assert.Equal(1L, Convert.ToInt64(await Db.ScalarAsync(Target, "SELECT count(*) FROM people WHERE label = 'stamped in uat'"), CultureInfo.InvariantCulture));
    }
}
