namespace Bottle.AppHost.Hosting.Logging;

/// <summary>One line of a resource's console log.</summary>
/// <param name="LineNumber">1-based, increasing per resource for the life of the app (gaps mean dropped backlog).</param>
/// <param name="Timestamp">When the line was received.</param>
/// <param name="Text">The line, without its line ending.</param>
/// <param name="IsError">True for stderr or error-level log entries.</param>
public sealed record LogLine(long LineNumber, DateTimeOffset Timestamp, string Text, bool IsError);
