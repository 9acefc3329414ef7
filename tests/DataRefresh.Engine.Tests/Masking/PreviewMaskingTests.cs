using DataRefresh.Configuration;
using DataRefresh.Preview;
using DataRefresh.Tests.Config;

namespace DataRefresh.Tests.Masking;

/// <summary>The dashboard's row preview: production values of masked columns never reach a page.</summary>
public class PreviewMaskingTests
{
    private static RefreshConfig Config()
    {
        using var files = new ConfigFiles();
        var path = files.Write("config.yaml", """
            databases:
              source: {server: prod, database: P}
              target: {server: uat, database: U}
            tables:
              - name: customers
                masking:
                  email: email
                  Phone: phone
            """);
        return ConfigFiles.Load(new Dictionary<string, string>(ConfigFiles.FullEnvironment()) { ["DATAREFRESH_MASKING_KEY"] = "a-test-key-of-enough-length" }, path);
    }

    [Fact]
    public void A_production_row_withholds_its_masked_columns_and_keeps_the_others()
    {
        var config = Config();
        object?[] row = [1, "jane@corp.example", "+1 555 0100", "Jane"];

        PreviewMasking.Apply(config, config.Tables[0], DatabaseSide.Source, ["id", "email", "phone", "name"], [row]);

        Assert.Equal([1, PreviewMasking.Withheld, PreviewMasking.Withheld, "Jane"], row);
    }

    [Fact]
    public void A_uat_row_shows_what_uat_holds_masked_on_the_way_in()
    {
        var config = Config();
        object?[] row = [1, "wen.eriksen.fcc2d8de@example.com", "+3 889 9117", "Jane"];

        PreviewMasking.Apply(config, config.Tables[0], DatabaseSide.Target, ["id", "email", "phone", "name"], [row]);

        Assert.Equal([1, "wen.eriksen.fcc2d8de@example.com", "+3 889 9117", "Jane"], row);
    }
}
