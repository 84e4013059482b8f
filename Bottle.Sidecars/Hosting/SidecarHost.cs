using Bottle.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bottle.Sidecars.Hosting;

/// <summary>
/// The process every sidecar container runs: parses the role, builds one ASP.NET Core host with the
/// admin endpoint (<c>/health</c>, <c>/alive</c>, <c>/metrics</c> on port 9901 of the config's admin address and
/// loopback: <see cref="AdminListeners"/>) and the chosen roles plugged in, and runs it
/// until SIGTERM (the generic host turns SIGTERM/SIGINT into a graceful stop and exit code 0).
/// </summary>
public static partial class SidecarHost
{
    /// <summary>The executable's name, as logs and <c>/health</c> report it.</summary>
    public const string ServiceName = "bottle-sidecars";

    /// <summary>The admin endpoint's Prometheus page: every role's <see cref="SidecarMetricsSource"/>.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Exit code for a command line or config path that is wrong.</summary>
    public const int UsageExitCode = 2;

    // docker stop waits 10 s before SIGKILL: finish stopping well inside that so shutdown is always clean.
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Runs the program: 0 after a clean stop, 1 when the host fails, 2 for a bad command line.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        if (!SidecarCommandLine.TryParse(args, out var commandLine, out var error))
        {
            await stderr.WriteLineAsync($"{ServiceName}: {error}\n{SidecarCommandLine.Usage}");
            return UsageExitCode;
        }

        switch (commandLine.Command)
        {
            case SidecarCommand.Help:
                await stdout.WriteLineAsync(SidecarCommandLine.Usage);
                return 0;
            case SidecarCommand.Probe:
                return await SidecarProbe.RunAsync(commandLine.AdminPort, stderr, cancellationToken);
            case SidecarCommand.Connect:
                // Raw bytes both ways (ssh's protocol), so the console streams rather than the text writers.
                await using (var input = Console.OpenStandardInput())
                await using (var output = Console.OpenStandardOutput())
                {
                    return await SidecarConnect.RunAsync(commandLine.Connect!, input, output, stderr, cancellationToken);
                }
        }

        if (commandLine.ConfigPath is not null && !File.Exists(commandLine.ConfigPath) && !Directory.Exists(commandLine.ConfigPath))
        {
            await stderr.WriteLineAsync($"{ServiceName}: config file '{commandLine.ConfigPath}' (from --config) does not exist");
            return UsageExitCode;
        }

        try
        {
            // Building reads each role's config: a config that cannot be used stops the process here (fail closed).
            await using var app = Build(commandLine);
            await app.RunAsync(cancellationToken);
            return 0;
        }
#pragma warning disable CA1031 // Any start-up failure (port taken, bad config) must end the process with a clear line and exit 1: fail closed.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            await stderr.WriteLineAsync($"{ServiceName} {commandLine.RoleName}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>Builds the host for <paramref name="commandLine"/> without starting it (tests start it on port 0).</summary>
    public static WebApplication Build(SidecarCommandLine commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        if (commandLine.Command != SidecarCommand.Serve)
        {
            throw new ArgumentException($"only {SidecarCommand.Serve} builds a host, not {commandLine.Command}", nameof(commandLine));
        }

        var context = new SidecarHostContext(commandLine.RoleName, commandLine.ConfigPath, commandLine.AdminPort);
        var adminAddresses = commandLine.Roles.Select(r => r.AdminAddress(context)).ToList();

        // Args are ours (role, --config), not configuration keys: keep them out of IConfiguration. The slim builder:
        // no IIS integration, host filtering, HTTPS defaults or HTTP/3 transport, which a sidecar never uses and
        // which otherwise stay loaded in every sidecar process (idle RSS; see bench/BENCHMARKS.md, pipelock proxy).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = ServiceName, Args = [] });
        builder.AddServiceDefaults(ServiceIdentity.ForAssembly(ServiceName, commandLine.RoleName, typeof(SidecarHost).Assembly));
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            AdminListeners.Listen(kestrel, adminAddresses, commandLine.AdminPort);
        });

        foreach (var role in commandLine.Roles)
        {
            role.ConfigureServices(builder, context);
        }

        var app = builder.Build();
        app.MapDefaultEndpoints();
        // A plain RequestDelegate: a lambda with parameters would make minimal APIs compile expression trees at start.
        app.MapGet(MetricsPath, (RequestDelegate)(context =>
        {
            var sources = context.RequestServices.GetServices<SidecarMetricsSource>();
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            return context.Response.WriteAsync(string.Concat(sources.Select(s => s.Render())), context.RequestAborted);
        }));
        foreach (var role in commandLine.Roles)
        {
            role.MapEndpoints(app, context);
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(ServiceName);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(' ', app.Urls);
            LogStarted(logger, commandLine.RoleName, urls);
        });
        app.Lifetime.ApplicationStopped.Register(() => LogStopped(logger, commandLine.RoleName));
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sidecar {Role} started; admin endpoint on {Urls}")]
    private static partial void LogStarted(ILogger logger, string role, string urls);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sidecar {Role} stopped")]
    private static partial void LogStopped(ILogger logger, string role);
}
