using Bottle.AppHost.Cli;

namespace Bottle.Tests.Integration.Infrastructure;

/// <summary>How a test starts <c>bottle</c> as a real child process: the dotnet host running the tests, and the app host's assembly.</summary>
internal static class BottleProcess
{
    /// <summary>The dotnet host running the tests (the one on PATH when the tests run under another host).</summary>
    public static string DotnetHost { get; } =
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    /// <summary>The command line of <c>bottle &lt;arguments&gt;</c>.</summary>
    public static IReadOnlyList<string> CommandLine(params string[] arguments) => [DotnetHost, typeof(BottleCli).Assembly.Location, .. arguments];
}
