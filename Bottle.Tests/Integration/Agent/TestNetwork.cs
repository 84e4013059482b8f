using Bottle.Tests.Integration.Infrastructure;

namespace Bottle.Tests.Integration.Agent;

/// <summary>
/// An <c>--internal</c> Docker network of one test: its containers reach each other and nothing beyond it.
/// Dispose it after the containers on it (declare it first).
/// </summary>
internal sealed class TestNetwork : IAsyncDisposable
{
    private TestNetwork(string name) => Name = name;

    public string Name { get; }

    public static async Task<TestNetwork> CreateAsync()
    {
        var name = $"bottle-test-net-{Guid.NewGuid():N}"[..32];
        (await DockerCommand.RunAsync("network", "create", "--internal", "--label", $"{TestContainers.LabelName}={TestContainers.RunId}", name))
            .EnsureSuccess("docker network create");
        return new TestNetwork(name);
    }

    public async ValueTask DisposeAsync() => await DockerCommand.RunAsync("network", "rm", Name);
}
