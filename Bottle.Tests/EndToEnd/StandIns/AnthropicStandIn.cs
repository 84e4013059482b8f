namespace Bottle.Tests.EndToEnd.StandIns;

/// <summary>
/// A stand-in for the Anthropic Messages API (<c>anthropic_stand_in.py</c>, Python's standard library on Debian's
/// python3), run as a <see cref="TestHttpsUpstream"/> answering to <see cref="Host"/>. It answers
/// <c>POST /v1/messages</c> with <see cref="Reply"/> (as server-sent events when asked to stream), anything else
/// with the API's 404 error, and records every request it receives, headers included.
/// </summary>
internal static class AnthropicStandIn
{
    /// <summary>The name the stand-in answers to: the real API's, so the client is not told where to go.</summary>
    public const string Host = "api.anthropic.com";

    /// <summary>The assistant's text in every Messages answer.</summary>
    public const string Reply = "Hello from the Bottle stand-in.";

    private const string Script = "anthropic_stand_in.py";

    public static TestUpstreamImage Image { get; } = new("bottle-test-anthropic", $"""
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
        COPY {Script} /usr/local/bin/{Script}
        ENV STAND_IN_REPLY="{Reply}"
        ENTRYPOINT ["python3", "/usr/local/bin/{Script}"]
        """, new Dictionary<string, string> { [Script] = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "EndToEnd", "StandIns", Script)) });

    /// <summary>Every request the stand-in of <paramref name="upstream"/> has received so far, in order.</summary>
    public static async Task<IReadOnlyList<RecordedRequest>> ReadRequestsAsync(TestHttpsUpstream upstream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var path = Path.Combine(upstream.RecordsDirectory, "requests.jsonl");
        if (!File.Exists(path))
        {
            return [];
        }

        // The stand-in writes whole lines in one write each; a line without its newline is not finished yet.
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        return [.. text.Split('\n').SkipLast(1).Select(RecordedRequest.Parse)];
    }
}
