using DataRefresh.Dashboard;
using DataRefresh.Tests.Support;

namespace DataRefresh.Tests.Dashboard;

public sealed class UsersFileTests
{
    [Fact]
    public void Set_stores_a_salted_pbkdf2_hash_that_verifies_and_remove_takes_it_out()
    {
        using var dir = new TempDir();
        var path = dir.File("users.json");
        Assert.True(UsersFile.Set(path, "alice", "first-secret"));
        Assert.False(UsersFile.Set(path, "Alice", "second-secret"));
        Assert.True(UsersFile.Set(path, "bob", "second-secret"));
        var text = File.ReadAllText(path);
        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
        Assert.True(UsersFile.Iterations >= 600_000);

        var users = UsersFile.Load(path);
        Assert.Equal("Alice", users.Verify("alice", "second-secret"));
        Assert.Null(users.Verify("alice", "first-secret"));
        Assert.Null(users.Verify("mallory", "second-secret"));

        // Same password, different salt: the hashes differ.
        var hashes = System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("hash").GetString()).ToList();
        Assert.Equal(2, hashes.Distinct().Count());

        Assert.True(UsersFile.Remove(path, "ALICE"));
        Assert.False(UsersFile.Remove(path, "alice"));
        Assert.Equal(["bob"], UsersFile.Load(path).Names);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a:b")]
    [InlineData("tab\there")]
    public void Names_that_could_not_sign_in_are_refused(string name)
    {
        using var dir = new TempDir();
        Assert.Throws<ArgumentException>(() => UsersFile.Set(dir.File("users.json"), name, "pw"));
    }
}
