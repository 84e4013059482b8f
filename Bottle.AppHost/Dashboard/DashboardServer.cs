using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bottle.AppHost.Dashboard.Audit;
using Bottle.AppHost.Dashboard.Web;
using Bottle.AppHost.Hosting;
using Bottle.AppHost.Hosting.Logging;
using Bottle.AppHost.Hosting.Orchestration;
using Bottle.AppHost.Planning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bottle.AppHost.Dashboard;

/// <summary>
/// The web dashboard, served by Kestrel inside the app host on 127.0.0.1 only. It is a view over the same
/// <see cref="ResourceNotificationService"/>, <see cref="ResourceLoggerService"/> and orchestrator the terminal
/// view uses. Every page and API needs the per-run token: open <see cref="LoginUrl"/> (printed at start).
/// </summary>
public sealed partial class DashboardServer : IHostedService, IAsyncDisposable
{
    private readonly DashboardOptions _options;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<DashboardServer> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _web;
    private Uri? _baseAddress;

    /// <summary>Creates the server (normally resolved from DI; see <c>AddDashboard</c>).</summary>
    /// <exception cref="BottleApplicationException">The options are invalid; the message says which and why.</exception>
    public DashboardServer(DashboardOptions options, IServiceProvider services, ILoggerFactory loggerFactory, ILogger<DashboardServer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.Port is < 0 or > IPEndPoint.MaxPort)
        {
            throw new BottleApplicationException($"Dashboard port {options.Port} is out of range: use 1-65535, or 0 for a free port.");
        }

        if (options.Token is { } token && DashboardToken.Validate(token) is { } problem)
        {
            throw new BottleApplicationException(problem);
        }

        _options = options;
        _services = services;
        _loggerFactory = loggerFactory;
        _logger = logger;
        Token = options.Token ?? DashboardToken.Generate();
    }

    /// <summary>The access token of this run.</summary>
    public string Token { get; }

    /// <summary>Where the dashboard listens, e.g. <c>http://127.0.0.1:41234/</c>; known once the app has started.</summary>
    /// <exception cref="InvalidOperationException">The dashboard has not started yet.</exception>
    public Uri BaseAddress => _baseAddress
        ?? throw new InvalidOperationException("The dashboard has not started yet: read its address after the app has started.");

    /// <summary>The link that signs a browser in: <c>http://127.0.0.1:PORT/login?t=TOKEN</c>.</summary>
    public Uri LoginUrl => new(BaseAddress, $"login?t={Token}");

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(DashboardServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _options.Port));
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(_loggerFactory);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        var web = builder.Build();

        var gate = new DashboardAccessGate(Token);
        web.Use(AddSecurityHeaders);
        web.Use(gate.InvokeAsync);
        web.UseRouting();
        DashboardEndpoints.Map(web, CreateContext(), gate);

        try
        {
            await web.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            await web.DisposeAsync();
            throw new BottleApplicationException(
                $"The dashboard cannot listen on 127.0.0.1:{_options.Port}: {ex.Message} Choose another port, or 0 for a free one.", ex);
        }

        _web = web;
        var address = web.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        _baseAddress = new Uri(address.TrimEnd('/') + "/");
        var output = _options.Output ?? Console.Out;
        await output.WriteLineAsync($"Dashboard: {LoginUrl}");
        await output.FlushAsync(cancellationToken);
        LogListening(_logger, BaseAddress);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // End the live streams first: open pages must not hold the host's shutdown.
        await _stopping.CancelAsync();
        if (_web is not null)
        {
            await _web.StopAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private DashboardContext CreateContext() => new(
        _services.GetRequiredService<BottleApplicationModel>(),
        _services.GetRequiredService<ResourceNotificationService>(),
        _services.GetRequiredService<ResourceLoggerService>(),
        _services.GetRequiredService<ApplicationOrchestrator>(),
        _services.GetRequiredService<IAuditEventSource>(),
        _options.BottleName,
        FormatPlan(_options.Plan),
        _stopping.Token);

    /// <summary>The plan as indented JSON: a <see cref="BottlePlan"/> in its own format, JSON text re-indented, anything else serialised.</summary>
    internal static string? FormatPlan(object? plan) => plan switch
    {
        null => null,
        BottlePlan bottlePlan => PlanJson.Serialize(bottlePlan),
        string json => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement, IndentedJson),
        _ => JsonSerializer.Serialize(plan, plan.GetType(), IndentedJson),
    };

    private static readonly JsonSerializerOptions IndentedJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Defence in depth: scripts only from the dashboard itself, no framing, no token in referrers, no caching.</summary>
    private static Task AddSecurityHeaders(HttpContext http, RequestDelegate next)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return next(http);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard listening on {Address}")]
    private static partial void LogListening(ILogger logger, Uri address);
}
