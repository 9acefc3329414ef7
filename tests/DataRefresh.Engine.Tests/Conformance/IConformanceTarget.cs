using DataRefresh.Configuration;

namespace DataRefresh.Tests.Conformance;

/// <summary>
/// One engine, as the conformance suite sees it: a fresh source and target database, statements and dumps on
/// either side, a config pointing at both, and the few SQL snippets whose spelling differs between engines.
/// Everything else in <see cref="EngineConformanceTests"/> is written once.
/// </summary>
public interface IConformanceTarget : IAsyncDisposable
{
    EngineKind Kind { get; }

    /// <summary>What the history table records as db_login for this connection.</summary>
    string Login { get; }

    /// <summary>
    /// True when a second refresh of a table fails fast naming the run that holds it (PostgreSQL advisory locks,
    /// SQL Server applocks); false when the engine serializes writers instead (SQLite's file lock).
    /// </summary>
    bool LocksPerTable { get; }

    /// <summary>Text every duplicate-key error of this engine contains.</summary>
    string DuplicateKeyError { get; }

    /// <summary>
    /// What a failed refresh says about a child row whose parent_id 6 has no parent row in the target: the
    /// server's own detail, or, where the server gives none (SQLite), the key DataRefresh looked up.
    /// </summary>
    string ForeignKeyDetail { get; }

    /// <summary>The referential action that forbids deleting a referenced row at once: RESTRICT, or NO ACTION where the engine has no RESTRICT (SQL Server).</summary>
    string RestrictAction => "RESTRICT";

    string IntType { get; }

    string BigIntType { get; }

    /// <summary>Unbounded text.</summary>
    string TextType { get; }

    /// <summary>Short text that may be part of a primary key.</summary>
    string KeyType { get; }

    string DateType { get; }

    string TimestampType { get; }

    /// <summary>A fixed-point type with two decimals, as for money amounts.</summary>
    string DecimalType { get; }

    /// <summary>A column definition: <c>id</c>, a whole number filled by the database, the primary key.</summary>
    string IdentityKey { get; }

    /// <summary>A FROM item producing one integer column <c>g</c> with the values first..last.</summary>
    string Series(int first, int last);

    /// <summary>Text concatenation of two or more expressions (numbers allowed).</summary>
    string Concat(params string[] parts);

    /// <summary>The date <paramref name="day"/> ('yyyy-MM-dd') plus <paramref name="days"/> (an integer expression).</summary>
    string AddDays(string day, string days);

    /// <summary>The timestamp at midnight of <paramref name="day"/> ('yyyy-MM-dd') plus <paramref name="hours"/>.</summary>
    string AddHours(string day, string hours);

    /// <summary>
    /// Statements that create <paramref name="table"/> (<paramref name="columns"/>, constraints included) split by
    /// calendar month on the date column <paramref name="column"/>, one partition per month of <paramref name="months"/>
    /// starting at <paramref name="first"/> (PostgreSQL RANGE partitions, a SQL Server partition scheme); a plain table
    /// on an engine without partitions.
    /// </summary>
    IReadOnlyList<string> MonthlyPartitioned(string table, string columns, string column, DateOnly first, int months);

    Task ExecAsync(DatabaseSide side, string sql);

    Task<object?> ScalarAsync(DatabaseSide side, string sql);

    /// <summary>Every row of the table as lossless text, in the given order: equal dumps mean equal data.</summary>
    Task<List<string>> DumpAsync(DatabaseSide side, string table, string orderBy);

    Task<bool> TableExistsAsync(DatabaseSide side, string table);

    RefreshConfig Config(IEnumerable<TableConfig> tables, Func<RefreshSettings, RefreshSettings>? settings = null);
}

/// <summary>
/// A type-fidelity case: a table using the engine's types, rows with NULLs, empty strings, unicode and extremes,
/// and a stale target row. A full refresh must make the target's dump equal the source's.
/// </summary>
/// <param name="NotCopied">Columns the database computes itself: left out of the copy.</param>
public sealed record FidelityCase(string Table, string Create, IReadOnlyList<string> SourceRows, string StaleTargetRow, long Rows, IReadOnlyList<string> NotCopied);
