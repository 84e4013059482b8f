using Microsoft.Extensions.Logging;

namespace Bottle.AppHost.Hosting.Logging;

/// <summary>An <see cref="ILogger"/> that writes into one resource's log stream (errors flagged).</summary>
internal sealed class ResourceLogger(ResourceLoggerService service, string resourceName) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var text = formatter(state, exception);
        if (exception is not null)
        {
            text = text + Environment.NewLine + exception;
        }

        service.WriteLine(resourceName, text, logLevel >= LogLevel.Error);
    }
}
