using System.Net.Sockets;
using DataRefresh.Configuration;

namespace DataRefresh.Engines;

/// <summary>
/// Connection failures in the DBA's words, the cause first: "connection refused", "unknown host", "timed out",
/// "database … does not exist", "login failed for user …", "password is blank". Each engine names its server's
/// own answers; the network's answers are the same for every engine and are named here.
/// </summary>
internal static class ConnectionErrors
{
    /// <summary>"Cannot connect to the source database prod:5432/shop (postgresql): connection refused: …" — one line, no secrets.</summary>
    public static DatabaseConnectionException Failed(DatabaseConfig database, ConnectionFailure failure, string cause, Exception? inner) =>
        new($"Cannot connect to the {database.Side.ToString().ToLowerInvariant()} database {database.Display} ({database.Engine.ToString().ToLowerInvariant()}): {OneLine(cause)}", failure, inner);

    /// <summary>
    /// The cause when the network, not the server, answered; null when nothing matched. <paramref name="address"/>
    /// is the place as the engine writes it (host:port, server,port).
    /// </summary>
    public static (ConnectionFailure Failure, string Cause)? FromNetwork(Exception exception, string host, string address, int timeoutSeconds)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return (ConnectionFailure.Refused, $"connection refused: nothing is listening at {address}");
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } s:
                    return (ConnectionFailure.UnknownHost, $"unknown host '{host}': the name does not resolve ({OneLine(s.Message)})");
                case SocketException { SocketErrorCode: SocketError.HostUnreachable or SocketError.NetworkUnreachable } s:
                    return (ConnectionFailure.Other, $"no route to {address} ({OneLine(s.Message)})");
                case SocketException { SocketErrorCode: SocketError.TimedOut } or TimeoutException:
                    return (ConnectionFailure.TimedOut, $"timed out after {timeoutSeconds} s (settings.connection_timeout) waiting for {address}");
            }
        }

        return null;
    }

    /// <summary>
    /// On the failure path only, for a client that hides the network's answer (SqlClient's managed network layer
    /// reports a refused port as "error: 35 - An internal exception was caught"): open a plain TCP connection to
    /// the same place, send nothing, and name what the network says. Null when something is listening there.
    /// </summary>
    public static async Task<(ConnectionFailure Failure, string Cause)?> ProbeAsync(string host, int port, string address, int timeoutSeconds)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Clamp(timeoutSeconds, 1, 15)));
        try
        {
            await client.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
            return null;
        }
        catch (SocketException ex)
        {
            return FromNetwork(ex, host, address, timeoutSeconds);
        }
        catch (OperationCanceledException)
        {
            return (ConnectionFailure.TimedOut, $"timed out after {timeoutSeconds} s (settings.connection_timeout) waiting for {address}");
        }
    }

    /// <summary>
    /// The login for auth_type: sql, read from its environment variables at the moment of connecting. A variable
    /// that is absent is "not set"; one that is set to nothing (or only spaces) is "blank": different fixes.
    /// </summary>
    public static (string User, string Password) Credentials(DatabaseConfig database)
    {
        var user = Environment.GetEnvironmentVariable(database.UserVariable);
        var password = Environment.GetEnvironmentVariable(database.PasswordVariable);
        foreach (var (what, variable, value) in new[] { ("user", database.UserVariable, user), ("password", database.PasswordVariable, password) })
        {
            if (CredentialVariables.Problem(variable, value) is { } problem)
            {
                var state = value is null ? "not set" : "blank";
                throw Failed(database, ConnectionFailure.Credentials, $"{what} is {state}: {problem}", null);
            }
        }

        return (user!, password!);
    }

    private static string OneLine(string text) => string.Join(" ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
