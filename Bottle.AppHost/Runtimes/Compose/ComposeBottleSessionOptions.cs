using Bottle.AppHost.Dashboard;
using Spectre.Console;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>The views a <see cref="ComposeBottleSession"/> adds on top of the bottle (all off by default).</summary>
/// <param name="Dashboard">Serve the web dashboard with these options (its Plan page shows the bottle's plan unless set); null for none.</param>
/// <param name="Console">Show the resources' states on this console (the hosting core's <c>ConsoleResourceView</c>); null for none.</param>
public sealed record ComposeBottleSessionOptions(DashboardOptions? Dashboard = null, IAnsiConsole? Console = null);
