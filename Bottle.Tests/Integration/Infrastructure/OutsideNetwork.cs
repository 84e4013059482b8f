namespace Bottle.Tests.Integration.Infrastructure;

/// <summary>
/// The "outside" of an end-to-end test: an <c>--internal</c> Docker network of the test's own, on a /24 picked at
/// random in 10.231.0.0/16 (outside Bottle's own pools; taken ones are skipped), so a manifest can name it by CIDR.
/// Only the bottle's egress is connected to it; the test host reaches it through the bridge.
/// </summary>
internal sealed record OutsideNetwork(string Name, string Subnet)
{
    public static async Task<OutsideNetwork> CreateAsync()
    {
        var name = $"bottle-e2e-{Guid.NewGuid():N}"[..26];
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var subnet = $"10.231.{Random.Shared.Next(1, 255)}.0/24";
            var created = await DockerCommand.RunAsync("network", "create", "--internal", "--subnet", subnet, "--label", $"{TestContainers.LabelName}={TestContainers.RunId}", name);
            if (created.ExitCode == 0)
            {
                return new OutsideNetwork(name, subnet);
            }
        }

        Assert.Fail("no free /24 in 10.231.0.0/16 for the test's outside network");
        return null!;
    }

    /// <summary>Connects <paramref name="container"/> (the bottle's egress) to this network.</summary>
    public async Task ConnectAsync(string container) =>
        (await DockerCommand.RunAsync("network", "connect", Name, container)).EnsureSuccess($"docker network connect {Name} {container}");

    public async Task RemoveAsync() => await DockerCommand.RunAsync("network", "rm", Name);
}
