using System.ComponentModel;

namespace Bottle.Tests.Integration.Infrastructure;

/// <summary>
/// Gate for tests that need a real Docker engine. Without an engine the test is Inconclusive, so a plain
/// <c>dotnet test</c> on a laptop without Docker stays green-but-honest; with <c>BOTTLE_REQUIRE_DOCKER=1</c>
/// (set by CI after eng/install-docker.sh) a missing engine fails the test instead.
/// </summary>
internal static class DockerEngine
{
    public const string RequireVariable = "BOTTLE_REQUIRE_DOCKER";

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(20);

    // One probe per test run: the answer does not change while tests run, and `docker info` costs ~100 ms.
    private static readonly Lazy<Task<string?>> Problem = new(ProbeAsync);

    public static bool IsRequired => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Returns when an engine answers; otherwise marks the test Inconclusive (or Failed when required).</summary>
    public static async Task RequireAsync()
    {
        var problem = await Problem.Value;
        if (problem is null)
        {
            return;
        }

        var message = $"no Docker engine answers ({problem}); run eng/install-docker.sh as root";
        if (IsRequired)
        {
            Assert.Fail($"{message}. {RequireVariable}=1, so this is a failure.");
        }

        Assert.Inconclusive(message);
    }

    private static async Task<string?> ProbeAsync()
    {
        using var timeout = new CancellationTokenSource(ProbeTimeout);
        try
        {
            var info = await DockerCommand.RunAsync(["info", "--format", "{{.ServerVersion}}"], timeout.Token);
            return info.ExitCode == 0 ? null : $"docker info exited {info.ExitCode}: {info.StdErr.Trim()}";
        }
        catch (Win32Exception ex)
        {
            return $"docker client not found: {ex.Message}";
        }
        catch (OperationCanceledException)
        {
            return $"docker info did not answer within {ProbeTimeout.TotalSeconds:F0} s";
        }
    }
}
