using Bottle.AppHost.Runtimes.Compose;
using Bottle.Tests.Integration.Infrastructure;

namespace Bottle.Tests.Integration.Compose;

/// <summary>
/// <see cref="BottleNetworks.RemoveAsync"/> against the real engine: networks that are already gone are not an error,
/// a network still in use is, and it is named, and the others are removed all the same.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class BottleNetworksRemovalTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Removes_every_named_network_and_a_missing_one_is_not_an_error()
    {
        await DockerEngine.RequireAsync();
        var names = new[] { NewName(), NewName() };
        try
        {
            foreach (var name in names)
            {
                await CreateAsync(name);
            }

            await BottleNetworks.RemoveAsync([.. names, NewName()], TestContext.CancellationToken);

            foreach (var name in names)
            {
                Assert.IsFalse(await ExistsAsync(name), $"network {name} must be gone");
            }

            // Again, with nothing left: idempotent.
            await BottleNetworks.RemoveAsync(names, TestContext.CancellationToken);
        }
        finally
        {
            await DockerCommand.RunAsync(["network", "rm", .. names], CancellationToken.None);
        }
    }

    [TestMethod]
    public async Task A_network_in_use_is_an_error_that_names_it_and_the_others_still_go()
    {
        await DockerEngine.RequireAsync();
        await BaseImage.RequireAsync();
        var (busy, free) = (NewName(), NewName());
        await using var containers = new TestContainers();
        try
        {
            await CreateAsync(busy);
            await CreateAsync(free);
            await containers.RunDetachedAsync("netrm", ["--network", busy], BaseImage.Name, "sleep", "infinity");

            var error = await Assert.ThrowsExactlyAsync<InvalidOperationException>(
                () => BottleNetworks.RemoveAsync([busy, free], TestContext.CancellationToken));

            StringAssert.Contains(error.Message, busy);
            StringAssert.Contains(error.Message, "active endpoints");
            Assert.IsTrue(await ExistsAsync(busy), "a network in use must stay");
            Assert.IsFalse(await ExistsAsync(free), "the free network must be removed all the same");
        }
        finally
        {
            await containers.DisposeAsync();
            await DockerCommand.RunAsync(["network", "rm", busy, free], CancellationToken.None);
        }
    }

    private static string NewName() => $"bottle-test-netrm-{Guid.NewGuid():N}"[..36];

    private async Task CreateAsync(string name) =>
        (await DockerCommand.RunAsync(["network", "create", "--internal", "--label", $"{TestContainers.LabelName}={TestContainers.RunId}", name], TestContext.CancellationToken))
            .EnsureSuccess($"docker network create {name}");

    private async Task<bool> ExistsAsync(string name) =>
        (await DockerCommand.RunAsync(["network", "inspect", name], TestContext.CancellationToken)).ExitCode == 0;
}
