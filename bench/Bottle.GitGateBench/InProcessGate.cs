using Bottle.Sidecars.GitGate;
using Microsoft.Extensions.Logging;

namespace Bottle.GitGateBench;

/// <summary>git-gate as a <see cref="GitGateServer"/> inside the bench process (with the bench's runtime settings).</summary>
internal sealed class InProcessGate(GitGateServer server) : IBenchGate
{
    public string Name => "in-process";

    public static async Task<InProcessGate> StartAsync(string root, IReadOnlyList<string> upstreams)
    {
        var options = new GitGateOptions
        {
            StateDirectory = Path.Combine(root, "state-inproc"),
            Remotes = upstreams.Select((url, run) => new GitGateRemoteOptions { Name = $"origin{run}", Url = url, PushRefPatterns = ["refs/heads/bottle/*"] }).ToList(),
        };
        var server = await GitGateServer.StartAsync(options, configure: b => b.Logging.ClearProviders().AddSimpleConsole().AddFilter("Bottle.Sidecars.GitGate.Push", LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning));
        return new InProcessGate(server);
    }

    public Uri RemoteUrl(string remote) => server.RemoteUrl(remote);

    public double ExternalCpuSeconds() => 0;

    public double OwnCpuSeconds() => CpuTime.Read("self", children: false);

    public IReadOnlyList<string> DrainLog() => [];

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
