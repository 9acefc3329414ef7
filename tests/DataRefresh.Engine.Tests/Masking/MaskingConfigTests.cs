using DataRefresh.Configuration;
using DataRefresh.Tests.Config;

namespace DataRefresh.Tests.Masking;

/// <summary>masking: and its settings, read and validated with file, line, table and column.</summary>
public class MaskingConfigTests
{
    private const string Dbs = "databases:\n  source: {server: prod, database: P}\n  target: {server: uat, database: U}\n";

    private static Dictionary<string, string> WithKey() => new(ConfigFiles.FullEnvironment()) { ["DATAREFRESH_MASKING_KEY"] = "a-test-key-of-enough-length" };

    [Fact]
    public void Every_rule_is_read_into_the_table_config_in_file_order()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", Dbs + """
            tables:
              - name: customers
                masking:
                  id: hash
                  email: email
                  first_name: first_name
                  last_name: last_name
                  full_name: full_name
                  phone: phone
                  notes: set_null
                  status: { value: "n/a" }
                  card_number: { partial: { keep_last: 4, fill: "#" } }
                  birth_date: { date_shift: 30 }
            settings:
              require_masking: true
              personal_columns: [ salary, nickname ]
            """);

        var config = ConfigFiles.Load(WithKey(), path);

        var masks = config.Tables[0].Masking;
        Assert.Equal(["id: hash", "email: email", "first_name: first_name", "last_name: last_name", "full_name: full_name", "phone: phone", "notes: set_null", "status: value(n/a)", "card_number: partial(keep_last: 4, fill: #)", "birth_date: date_shift(30)"], masks.Select(m => m.ToString()));
        Assert.Equal((MaskKind.Partial, 4, '#'), (masks[8].Rule.Kind, masks[8].Rule.KeepLast, masks[8].Rule.Fill));
        Assert.Equal(30, masks[9].Rule.ShiftDays);
        Assert.StartsWith(path + ":7:", masks[0].DeclaredAt, StringComparison.Ordinal);
        Assert.True(config.Settings.RequireMasking);
        Assert.Equal(["salary", "nickname"], config.Settings.PersonalColumns);
        Assert.Equal(RefreshSettings.DefaultMaskingKeyEnv, config.Settings.MaskingKeyEnv);
    }

    public static TheoryData<string, string, int, string, string> BadMasking => new()
    {
        { "unknown rule", "tables:\n  - name: customers\n    masking:\n      email: scramble\n", 7, "tables[0](customers).masking.email", "unknown masking rule 'scramble'; expected one of: hash, email" },
        { "unknown parameterized rule", "tables:\n  - name: customers\n    masking:\n      email: { shuffle: 3 }\n", 7, "tables[0](customers).masking.email.shuffle", "unknown masking rule 'shuffle'" },
        { "value without a value", "tables:\n  - name: customers\n    masking:\n      status: value\n", 7, "tables[0](customers).masking.status", "rule value takes a setting" },
        { "partial without keep_last", "tables:\n  - name: customers\n    masking:\n      card: { partial: { fill: \"*\" } }\n", 7, "tables[0](customers).masking.card.partial.keep_last", "is required" },
        { "partial fill of two characters", "tables:\n  - name: customers\n    masking:\n      card: { partial: { keep_last: 4, fill: \"**\" } }\n", 7, "tables[0](customers).masking.card.partial.fill", "must be exactly one character" },
        { "date_shift of 0", "tables:\n  - name: customers\n    masking:\n      born: { date_shift: 0 }\n", 7, "tables[0](customers).masking.born.date_shift", "must be between 1 and 36500, not 0" },
        { "masked incremental_column", "tables:\n  - name: orders\n    sync_mode: incremental\n    incremental_column: order_id\n    incremental_type: identity\n    masking:\n      order_id: hash\n", 10, "tables[0](orders).masking.order_id", "is the incremental_column" },
        { "column masked twice", "tables:\n  - name: customers\n    masking:\n      email: email\n      EMAIL: hash\n", 8, "tables[0](customers).masking.EMAIL", "is masked twice" },
        { "rule list instead of one rule", "tables:\n  - name: customers\n    masking:\n      email: [email, hash]\n", 7, "tables[0](customers).masking.email", "must be one rule" },
        { "bad masking_key_env", "tables:\n  - name: customers\n    masking:\n      email: email\nsettings:\n  masking_key_env: 'my key'\n", 9, "settings.masking_key_env", "is not an environment variable name" },
    };

    [Theory]
    [MemberData(nameof(BadMasking))]
    public void Bad_masking_names_file_line_table_and_column(string scenario, string yaml, int line, string key, string fragment)
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", Dbs + yaml);

        var errors = ConfigFiles.Fail(WithKey(), path).Errors;

        Assert.True(
            errors.Any(e => e.Location is { } at && at.File == path && at.Line == line && e.Key == key && e.Message.Contains(fragment, StringComparison.Ordinal)),
            $"{scenario}: expected {path}:{line}: {key}: …{fragment}… but got:{Environment.NewLine}{ConfigFiles.Describe(errors)}");
    }

    [Theory]
    [InlineData(null, "not set")]
    [InlineData("short", "shorter than 16 characters")]
    public void A_missing_or_short_key_is_an_error_naming_the_variable_never_its_value(string? value, string state)
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", Dbs + "tables:\n  - name: customers\n    masking:\n      email: email\nsettings:\n  masking_key_env: UAT_MASK_KEY\n");
        var env = WithKey();
        if (value is not null)
        {
            env["UAT_MASK_KEY"] = value;
        }

        var error = Assert.Single(ConfigFiles.Fail(env, path).Errors);

        Assert.Equal((path, 9), (error.Location?.File, error.Location?.Line));
        Assert.Contains($"environment variable UAT_MASK_KEY, which is {state}", error.Message, StringComparison.Ordinal);
        Assert.Contains("customers", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("a-test-key", error.Message, StringComparison.Ordinal);
        if (value is not null)
        {
            Assert.DoesNotContain(value, error.ToString().Replace("shorter", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Without_masking_no_key_is_needed()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", Dbs + "tables:\n  - name: customers\n");

        Assert.Empty(ConfigFiles.Load(ConfigFiles.FullEnvironment(), path).Tables[0].Masking);
    }

    [Fact]
    public void The_default_key_variable_is_named_at_the_masking_line()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", Dbs + "tables:\n  - name: customers\n    masking:\n      email: email\n");

        var error = Assert.Single(ConfigFiles.Fail(ConfigFiles.FullEnvironment(), path).Errors);

        Assert.Equal((path, 7), (error.Location?.File, error.Location?.Line));
        Assert.Contains("DATAREFRESH_MASKING_KEY, which is not set", error.Message, StringComparison.Ordinal);
    }
}
