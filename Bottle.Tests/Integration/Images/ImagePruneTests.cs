using Bottle.AppHost.Runtimes.Compose;
using Bottle.Tests.Integration.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bottle.Tests.Integration.Images;

/// <summary>
/// <see cref="ImagePrune"/> against the real engine, on tiny images this test builds under a repository name of its
/// own (never another engineer's images): old content-hash builds go; images a running or a stopped container uses,
/// the default name's image and this checkout's current build stay; a hash tag whose image has another name only
/// loses the tag.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class ImagePruneTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Prune_removes_old_unused_builds_and_keeps_used_default_and_current_ones()
    {
        await DockerEngine.RequireAsync();
        await BaseImage.RequireAsync();
        var repository = $"bottle-prunetest-{Guid.NewGuid():N}"[..32];
        var alias = $"{repository}-alias:v1";
        var checkout = Directory.CreateTempSubdirectory("bottle-prune-test-");
        var created = new List<string> { $"{repository}:local", alias };
        await using var containers = new TestContainers();
        try
        {
            var old = await BuildAsync(Path.Combine(checkout.FullName, "old"), repository, created);
            var usedByStopped = await BuildAsync(Path.Combine(checkout.FullName, "stopped"), repository, created);
            var usedByRunning = await BuildAsync(Path.Combine(checkout.FullName, "running"), repository, created);
            var local = await BuildAsync(Path.Combine(checkout.FullName, "local"), repository, created);
            var aliased = await BuildAsync(Path.Combine(checkout.FullName, "aliased"), repository, created);
            // Where ImageBuilderContexts stages a context: this "checkout"'s current build of the repository.
            var current = await BuildAsync(Path.Combine(checkout.FullName, "artifacts", "images", repository), repository, created);

            (await DockerCommand.RunAsync(["create", "--name", containers.NewName("prune-stopped"), "--label", $"{TestContainers.LabelName}={TestContainers.RunId}", usedByStopped, "true"], TestContext.CancellationToken))
                .EnsureSuccess("docker create");
            await containers.RunDetachedAsync("prune-running", usedByRunning, "sleep", "infinity");
            (await DockerCommand.RunAsync(["tag", local, $"{repository}:local"], TestContext.CancellationToken)).EnsureSuccess("docker tag :local");
            (await DockerCommand.RunAsync(["tag", aliased, alias], TestContext.CancellationToken)).EnsureSuccess("docker tag alias");

            var keep = await ImagePrune.CurrentImagesAsync([repository], checkout.FullName, TestContext.CancellationToken);
            CollectionAssert.AreEquivalent(new[] { $"{repository}:local", current }, keep.ToArray(), "the default name and the checkout's staged build are current");

            var dryRun = await ImagePrune.RunAsync([repository], keep, dryRun: true, Console.WriteLine, TestContext.CancellationToken);

            CollectionAssert.AreEquivalent(new[] { old, aliased }, dryRun.Select(p => p.Reference).ToArray());
            Assert.IsTrue(await ExistsAsync(old), "a dry run must remove nothing");
            Assert.AreEqual(0, dryRun.Single(p => p.Reference == old).OtherNames.Count);
            CollectionAssert.AreEqual(new[] { alias }, dryRun.Single(p => p.Reference == aliased).OtherNames.ToArray());
            StringAssert.Contains(dryRun.Single(p => p.Reference == old).Describe(dryRun: true), $"would remove image {old} (");

            var pruned = await ImagePrune.RunAsync([repository], keep, dryRun: false, Console.WriteLine, TestContext.CancellationToken);

            CollectionAssert.AreEquivalent(new[] { old, aliased }, pruned.Select(p => p.Reference).ToArray());
            Assert.IsFalse(await ExistsAsync(old), "the old unused build must be gone");
            Assert.IsFalse(await ExistsAsync(aliased), "the alias's hash tag must be gone");
            Assert.IsTrue(await ExistsAsync(alias), "an image with another name must stay under that name");
            Assert.IsTrue(await ExistsAsync(usedByStopped), "a stopped container's image must stay");
            Assert.IsTrue(await ExistsAsync(usedByRunning), "a running container's image must stay");
            Assert.IsTrue(await ExistsAsync(local), "the default name's image must keep its hash tag too");
            Assert.IsTrue(await ExistsAsync(current), "this checkout's current build must stay");

            var again = await ImagePrune.RunAsync([repository], keep, dryRun: false, Console.WriteLine, TestContext.CancellationToken);
            Assert.AreEqual(0, again.Count, "a second prune finds nothing more");
        }
        finally
        {
            await containers.DisposeAsync();
            await DockerCommand.RunAsync(["rmi", "-f", .. created], CancellationToken.None);
            checkout.Delete(recursive: true);
        }
    }

    private async Task<string> BuildAsync(string context, string repository, List<string> created)
    {
        Directory.CreateDirectory(context);
        await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), "FROM debian:bookworm-slim\nCOPY marker.txt /marker.txt\n", TestContext.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(context, "marker.txt"), Guid.NewGuid().ToString(), TestContext.CancellationToken);
        var built = await new ImageBuilder(NullLogger<ImageBuilder>.Instance, TimeProvider.System)
            .EnsureImageAsync(new ImageBuilderRequest(repository, context), null, TestContext.CancellationToken);
        created.Add(built.Image);
        return built.Image;
    }

    private async Task<bool> ExistsAsync(string image) =>
        (await DockerCommand.RunAsync(["image", "inspect", "--format", "{{.Id}}", image], TestContext.CancellationToken)).ExitCode == 0;
}
