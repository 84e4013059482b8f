using System.Text.Json;

namespace Bottle.Tests.EndToEnd.StandIns;

/// <summary>One request as a stand-in server received it: one line of its <c>requests.jsonl</c>.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request target (path and query).</param>
/// <param name="Headers">Every header as sent, in order.</param>
/// <param name="Body">The body as UTF-8 text.</param>
internal sealed record RecordedRequest(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body)
{
    /// <summary>The values of the header <paramref name="name"/> (any case), in order.</summary>
    public IEnumerable<string> HeaderValues(string name) =>
        Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    /// <summary>Reads one line written by the stand-in.</summary>
    public static RecordedRequest Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var headers = root.GetProperty("headers").EnumerateArray()
            .Select(pair => KeyValuePair.Create(pair[0].GetString()!, pair[1].GetString()!))
            .ToList();
        return new RecordedRequest(root.GetProperty("method").GetString()!, root.GetProperty("path").GetString()!, headers, root.GetProperty("body").GetString()!);
    }
}
