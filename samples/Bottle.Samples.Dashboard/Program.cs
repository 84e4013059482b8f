// A three-resource app host that needs nothing but a POSIX shell: run it with
//   dotnet run --project samples/Bottle.Samples.Dashboard
// "db" warms up and becomes healthy, "api" waits for it, "worker" waits for the api, works and exits 0.
// The states show in the terminal and in the web dashboard (open the printed "Dashboard: ..." link;
// --dashboard-port N fixes the port, --no-dashboard turns it off); Ctrl-C stops everything in reverse order.
using Bottle.AppHost.Dashboard;
using Bottle.AppHost.Hosting;
using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Hosting.Terminal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = BottleApplication.CreateBuilder(args);

// The terminal table is the view; the host's own log lines would tear it.
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.Configure<BottleHostingOptions>(o => o.HealthCheckInterval = TimeSpan.FromSeconds(1));

var workDir = Path.Combine(Path.GetTempPath(), $"bottle-sample-{Environment.ProcessId}");
Directory.CreateDirectory(workDir);
var readyFile = Path.Combine(workDir, "db.ready");

// db is healthy once it has written its ready file, like a database that accepts connections after recovery.
builder.Services.AddHealthChecks().AddCheck("db-ready", () => File.Exists(readyFile)
    ? HealthCheckResult.Healthy("ready file present")
    : HealthCheckResult.Unhealthy("still warming up"));

var db = builder.AddExecutable("db", "sh", workDir, "-c", """
        echo "db: recovering"
        sleep 3
        touch "$READY_FILE"
        echo "db: ready"
        i=0
        while :; do i=$((i+1)); echo "db: checkpoint $i"; sleep 5; done
        """)
    .WithEnvironment("READY_FILE", readyFile)
    .WithHealthCheck("db-ready")
    .WithCommand("toggle-ready", "Toggle ready", _ =>
    {
        // Lets a newcomer watch Running -> RuntimeUnhealthy -> Running without killing anything.
        if (File.Exists(readyFile))
        {
            File.Delete(readyFile);
        }
        else
        {
            File.WriteAllText(readyFile, "");
        }

        return Task.FromResult(CommandResult.Succeeded);
    });

var api = builder.AddExecutable("api", "sh", workDir, "-c", """
        echo "api: would listen on port $PORT"
        while :; do echo "api: served a request"; sleep 2; done
        """)
    .WithHttpEndpoint(env: "PORT")
    .WaitFor(db);

builder.AddExecutable("worker", "sh", workDir, "-c", """
        for i in 1 2 3 4 5; do echo "worker: job $i of 5"; sleep 1; done
        echo "worker: all jobs done"
        """)
    .WaitFor(api);

builder.AddConsoleResourceView();
if (!args.Contains("--no-dashboard"))
{
    // Added after the console view so its login link is printed before the live table starts.
    builder.AddDashboard(new DashboardOptions
    {
        BottleName = "sample",
        Port = builder.Configuration.GetValue("dashboard-port", 0),
    });
}

await using var app = builder.Build();
try
{
    await app.RunAsync();
}
finally
{
    Directory.Delete(workDir, recursive: true);
}
