using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Bottle.AppHost.Audit;
using Bottle.AppHost.Runtimes.Compose;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bottle.AppHost.Cli;

/// <summary>
/// <c>bottle audit &lt;bottle&gt; [--follow] [--format text|json]</c>: print a bottle's sidecar audit events from its
/// <c>audit.jsonl</c>, the same feed the dashboard's Egress page shows; <c>--follow</c> keeps printing new ones.
/// </summary>
internal static class AuditCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var target = CliSymbols.Target();
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing events as the sidecars write them, until Ctrl-C." };
        var format = new Option<PlanFormat>("--format") { Description = "text (one line per event) or json (one JSON object per line).", DefaultValueFactory = _ => PlanFormat.Text };
        var stateDir = ComposeVerbSymbols.StateDir();
        var command = new Command("audit", "Print a bottle's egress audit events (allowed, denied, DLP) from its audit.jsonl.") { target, follow, format, stateDir };
        command.SetAction((result, cancellationToken) => RunAsync(
            result, result.GetRequiredValue(target), result.GetValue(follow), result.GetValue(format), BottleStateRoot.Resolve(result.GetValue(stateDir)), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, string target, bool follow, PlanFormat format, BottleStateRoot root, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        if (await ComposeVerbSymbols.FindAsync(target, root, error, cancellationToken) is not { } bottle)
        {
            return ExitCodes.RuntimeFailure;
        }

        var reader = new AuditFileReader(Path.Combine(bottle.StateDirectory, ComposeBottleSession.AuditFileName), TimeProvider.System, NullLogger<AuditFileReader>.Instance);
        try
        {
            await foreach (var auditEvent in reader.ReadAsync(follow, cancellationToken))
            {
                await output.WriteLineAsync(format == PlanFormat.Json ? JsonSerializer.Serialize(auditEvent, Json) : Text(auditEvent));
                await output.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C ends --follow.
        }

        return ExitCodes.Ok;
    }

    /// <summary>One event as a line: the decision as the Egress page labels it, so both read the same.</summary>
    internal static string Text(Sidecars.Audit.AuditEvent auditEvent)
    {
        var view = AuditEventMapper.ToView(auditEvent);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{view.Timestamp.ToUniversalTime():yyyy-MM-ddTHH:mm:ss.fffZ} {view.Sidecar,-8} {view.Decision.ToString().ToUpperInvariant(),-5} {view.Method} {view.Host}{view.Path}");
        return line + (view.Reason is { } reason ? $"  {reason}" : "") + (view.Rule is { } rule ? $"  [{rule}]" : "");
    }
}
