using System.Net;
using System.Text.Json;
using Bottle.Sidecars.Egress;
using Bottle.Sidecars.Net;
using Bottle.Sidecars.Policy;
using Microsoft.Extensions.Logging;

namespace Bottle.Tests.Integration.Egress;

/// <summary>
/// Runs a real <see cref="EgressServer"/> on 127.0.0.1 with pipelock at 127.0.0.2 and git-gate at 127.0.0.3,
/// capturing its logs and audit lines.
/// </summary>
public sealed class EgressHarness : IAsyncDisposable
{
    public static readonly IPAddress Pipelock = IPAddress.Parse("127.0.0.2");
    public static readonly IPAddress GitGate = IPAddress.Parse("127.0.0.3");
    public static readonly IPAddress Stranger = IPAddress.Parse("127.0.0.9");

    /// <summary>The allow rule that makes loopback dialable for one test (an explicit manifest CIDR).</summary>
    public static readonly EgressRule LoopbackCidrRule = new(null, IPNetwork.Parse("127.0.0.0/8"), [1], [], [], null);

    private readonly ILoggerFactory loggerFactory;

    private EgressHarness(EgressServer server, CapturingAuditSink audit, CapturingLoggerProvider logs, ILoggerFactory loggerFactory)
    {
        Server = server;
        Audit = audit;
        Logs = logs;
        this.loggerFactory = loggerFactory;
    }

    public EgressServer Server { get; }

    public CapturingAuditSink Audit { get; }

    public CapturingLoggerProvider Logs { get; }

    public IPEndPoint EndPoint => Server.LocalEndPoint!;

    public static EgressOptions Options(IReadOnlyList<EgressRule> rules) => new()
    {
        Listen = new IPEndPoint(IPAddress.Loopback, 0),
        PipelockSources = [Pipelock],
        GitGateSources = [GitGate],
        Rules = rules,
        GitGateRules = rules,
    };

    public static EgressRule Rule(string host, int port, string? credential = null) =>
        new(HostPattern.Parse(host), null, [port], [], [], credential);

    public static async Task<EgressHarness> StartAsync(EgressOptions options, IHostResolver resolver, ISocketConnector? connector = null)
    {
        var logs = new CapturingLoggerProvider();
        var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var audit = new CapturingAuditSink();
        var server = new EgressServer(options, resolver, connector ?? new TcpSocketConnector(), audit, TimeProvider.System, loggerFactory);
        await server.StartAsync(CancellationToken.None);
        return new EgressHarness(server, audit, logs, loggerFactory);
    }

    /// <summary>Writes a credentials file with mode 0600 in a fresh temp directory.</summary>
    public static string WriteCredentials(IReadOnlyDictionary<string, string> credentials, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        var directory = Directory.CreateTempSubdirectory("bottle-egress-test-").FullName;
        var path = Path.Combine(directory, "credentials.json");
        File.WriteAllText(path, JsonSerializer.Serialize(credentials));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
        return path;
    }

    /// <summary>The first audit event that matches, waiting (with a deadline) for it to be written.</summary>
    public async Task<Bottle.Sidecars.Audit.AuditEvent> AuditForAsync(Func<Bottle.Sidecars.Audit.AuditEvent, bool> match)
    {
        // Audit lines are written after the response, so a client can see the response a moment before the line exists.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var found = Audit.Events.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(10, deadline.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        loggerFactory.Dispose();
    }
}
