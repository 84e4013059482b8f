using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace Bottle.AppHost.Hosting.Terminal;

/// <summary>Registers the terminal view of the resources.</summary>
public static class ConsoleResourceViewBuilderExtensions
{
    /// <summary>
    /// Shows the resources in the terminal while the app runs (<c>up --no-dashboard</c>). Uses
    /// <see cref="AnsiConsole.Console"/> unless an <see cref="IAnsiConsole"/> is registered.
    /// </summary>
    public static BottleApplicationBuilder AddConsoleResourceView(this BottleApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(_ => AnsiConsole.Console);
        builder.Services.TryAddSingleton<ConsoleResourceView>();
        // First among the hosted services: the host stops them in reverse order, so the view is stopped
        // last and still shows every resource reaching Stopping and Exited on shutdown.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, ConsoleResourceViewService>());
        return builder;
    }
}
