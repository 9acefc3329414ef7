using System.Net.Sockets;
using System.Reflection;
using DataRefresh.Engines;
using DataRefresh.Engines.SqlServer;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Tests.Unit;

/// <summary>
/// Which SQL Server failures the runner retries. SqlException has no public constructor: it is built here through
/// reflection, as SqlClient's own tests do (SqlError's internal constructor, SqlErrorCollection.Add,
/// SqlException.CreateException).
/// </summary>
public sealed class SqlServerTransientTests
{
    private static readonly SqlServerEngine Engine = new();

    [Theory]
    [InlineData(1205)]
    [InlineData(1204)]
    [InlineData(3961)]
    [InlineData(3966)]
    [InlineData(40613)]
    [InlineData(10054)]
    public void Transient_server_errors_are_retried(int number) =>
        Assert.True(Engine.IsTransient(Sql(number)));

    [Theory]
    [InlineData(4060)]
    [InlineData(11001)]
    [InlineData(18456)]
    [InlineData(208)]
    [InlineData(2627)]
    [InlineData(-2)]
    public void Permanent_server_errors_are_not_retried(int number) =>
        Assert.False(Engine.IsTransient(Sql(number)));

    /// <summary>On Linux a lost connection arrives as error 0 with the network's exception inside.</summary>
    [Fact]
    public void Error_0_with_a_socket_exception_inside_is_a_lost_connection()
    {
        var ex = Sql(0, new SocketException((int)SocketError.ConnectionReset));

        Assert.True(Engine.IsTransient(ex));
    }

    [Fact]
    public void Error_0_with_an_io_exception_inside_is_a_lost_connection()
    {
        var ex = Sql(0, new IOException("Unable to read data from the transport connection: Connection reset by peer.", new SocketException((int)SocketError.ConnectionReset)));

        Assert.True(Engine.IsTransient(ex));
        Assert.True(Engine.IsTransient(new InvalidOperationException("wrapped", ex)));
    }

    [Fact]
    public void Error_0_with_nothing_inside_is_not_retried() =>
        Assert.False(Engine.IsTransient(Sql(0)));

    [Fact]
    public void A_host_name_that_does_not_resolve_is_not_retried_even_inside_error_0() =>
        Assert.False(Engine.IsTransient(Sql(0, new SocketException((int)SocketError.HostNotFound))));

    [Fact]
    public void A_missing_database_with_a_network_exception_inside_is_not_retried() =>
        Assert.False(Engine.IsTransient(Sql(4060, new IOException("closed"))));

    [Theory]
    [InlineData(ConnectionFailure.UnknownHost, false)]
    [InlineData(ConnectionFailure.DatabaseMissing, false)]
    [InlineData(ConnectionFailure.LoginFailed, false)]
    [InlineData(ConnectionFailure.Credentials, false)]
    [InlineData(ConnectionFailure.TimedOut, true)]
    [InlineData(ConnectionFailure.Refused, true)]
    public void Connection_failures_the_engine_named_permanent_are_not_retried(ConnectionFailure failure, bool transient)
    {
        var ex = new DatabaseConnectionException("Cannot connect", failure, Sql(0, new SocketException((int)SocketError.ConnectionReset)));

        Assert.Equal(transient, Engine.IsTransient(ex));
    }

    internal static SqlException Sql(int number, Exception? inner = null)
    {
        const BindingFlags Flags = BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static;
        var errorCtor = typeof(SqlError).GetConstructors(Flags).Single(c => c.GetParameters().Select(p => p.ParameterType).SequenceEqual(
            [typeof(int), typeof(byte), typeof(byte), typeof(string), typeof(string), typeof(string), typeof(int), typeof(Exception)]));
        var error = (SqlError)errorCtor.Invoke([number, (byte)0, (byte)20, "uat-db", $"error {number}", "", 0, inner]);
        var errors = (SqlErrorCollection)typeof(SqlErrorCollection).GetConstructors(Flags).Single(c => c.GetParameters().Length == 0).Invoke([]);
        typeof(SqlErrorCollection).GetMethod("Add", Flags, [typeof(SqlError)])!.Invoke(errors, [error]);
        var create = typeof(SqlException).GetMethod("CreateException", Flags, [typeof(SqlErrorCollection), typeof(string), typeof(Guid), typeof(Exception)])!;
        return (SqlException)create.Invoke(null, [errors, "16.0", Guid.Empty, inner])!;
    }
}
