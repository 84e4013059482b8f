namespace Bottle.Tests.Integration.Run;

/// <summary>A string writer that completes <see cref="Seen"/> once its text holds a marker: an event to wait on instead of a sleep.</summary>
internal sealed class MarkerWriter(string marker) : StringWriter
{
    private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Seen => _seen.Task;

    public override void Write(char value)
    {
        base.Write(value);
        Check();
    }

    public override void Write(char[] buffer, int index, int count)
    {
        base.Write(buffer, index, count);
        Check();
    }

    public override void Write(string? value)
    {
        base.Write(value);
        Check();
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        base.Write(buffer.Span);
        Check();
        return Task.CompletedTask;
    }

    private void Check()
    {
        if (ToString().Contains(marker, StringComparison.Ordinal))
        {
            _seen.TrySetResult();
        }
    }
}
