using Bottle.AppHost.Dashboard.Audit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bottle.AppHost.Audit;

/// <summary>
/// Follows a bottle's <c>audit.jsonl</c> for the life of the app host and publishes each event into the
/// <see cref="InMemoryAuditEventSource"/> the dashboard's Egress page (and tests) watch. Register it with
/// <c>builder.AddAuditFeed(path)</c>.
/// </summary>
public sealed partial class AuditFeed : BackgroundService
{
    private readonly AuditFileReader _reader;
    private readonly InMemoryAuditEventSource _source;
    private readonly ILogger<AuditFeed> _logger;

    /// <summary>Creates a feed from <paramref name="reader"/> into <paramref name="source"/>.</summary>
    public AuditFeed(AuditFileReader reader, InMemoryAuditEventSource source, ILogger<AuditFeed> logger)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(logger);
        _reader = reader;
        _source = source;
        _logger = logger;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogFollowing(_logger, _reader.Path);
        try
        {
            await foreach (var auditEvent in _reader.ReadAsync(follow: true, stoppingToken))
            {
                _source.Publish(AuditEventMapper.ToView(auditEvent));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app host is stopping: the normal way out.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Following the audit log {Path}")]
    private static partial void LogFollowing(ILogger logger, string path);
}
