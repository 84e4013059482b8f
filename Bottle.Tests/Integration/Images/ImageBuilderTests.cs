using Bottle.AppHost.Runtimes.Compose;
using Bottle.Tests.Integration.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bottle.Tests.Integration.Images;

[TestClass]
[TestCategory("Integration")]
public sealed class ImageBuilderTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Unchanged_context_is_reused_and_a_changed_one_is_rebuilt_under_a_new_tag()
    {
        await DockerEngine.RequireAsync();
        await BaseImage.RequireAsync();
        var context = Directory.CreateTempSubdirectory("bottle-image-test-");
        var repository = $"bottle-test-image-{Guid.NewGuid():N}"[..32];
        var built = new List<string>();
        try
        {
            // A unique file so this test's first build can never find an image left by another run.
            await File.WriteAllTextAsync(Path.Combine(context.FullName, "Dockerfile"), "FROM debian:bookworm-slim\nCOPY marker.txt /marker.txt\n", TestContext.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(context.FullName, "marker.txt"), Guid.NewGuid().ToString(), TestContext.CancellationToken);
            var builder = new ImageBuilder(NullLogger<ImageBuilder>.Instance, TimeProvider.System);
            var request = new ImageBuilderRequest(repository, context.FullName);
            var progress = new List<string>();

            var first = await builder.EnsureImageAsync(request, progress.Add, TestContext.CancellationToken);
            built.Add(first.Image);
            Assert.IsTrue(first.Built, "the first build of a new context must build");
            Assert.IsTrue(progress.Any(line => line.Contains("COPY marker.txt", StringComparison.Ordinal)), "docker build output was not streamed to the callback");
            Assert.AreEqual(first.ContentHash, await ImageBuilder.GetContentHashLabelAsync(first.Image, TestContext.CancellationToken));

            // Touching a file changes its timestamp, not its content: still the same image.
            File.SetLastWriteTimeUtc(Path.Combine(context.FullName, "marker.txt"), DateTime.UnixEpoch);
            var second = await builder.EnsureImageAsync(request, null, TestContext.CancellationToken);
            Assert.IsFalse(second.Built, "an unchanged context must reuse the image");
            Assert.AreEqual(first.Image, second.Image);

            await File.AppendAllTextAsync(Path.Combine(context.FullName, "marker.txt"), "changed", TestContext.CancellationToken);
            var third = await builder.EnsureImageAsync(request, null, TestContext.CancellationToken);
            built.Add(third.Image);
            Assert.IsTrue(third.Built, "a changed context must rebuild");
            Assert.AreNotEqual(first.Image, third.Image);
            Assert.AreNotEqual(first.ContentHash, third.ContentHash);
        }
        finally
        {
            context.Delete(recursive: true);
            if (built.Count > 0)
            {
                await DockerCommand.RunAsync(["rmi", "-f", .. built], CancellationToken.None);
            }
        }
    }

    [TestMethod]
    public async Task A_failing_build_throws_with_the_build_output()
    {
        await DockerEngine.RequireAsync();
        await BaseImage.RequireAsync();
        var context = Directory.CreateTempSubdirectory("bottle-image-test-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(context.FullName, "Dockerfile"), "FROM debian:bookworm-slim\nRUN exit 7\n", TestContext.CancellationToken);
            var builder = new ImageBuilder(NullLogger<ImageBuilder>.Instance, TimeProvider.System);
            var request = new ImageBuilderRequest($"bottle-test-image-{Guid.NewGuid():N}"[..32], context.FullName);

            var error = await Assert.ThrowsExactlyAsync<InvalidOperationException>(
                () => builder.EnsureImageAsync(request, null, TestContext.CancellationToken));
            StringAssert.Contains(error.Message, "docker build of");
            StringAssert.Contains(error.Message, "exit 7");
        }
        finally
        {
            context.Delete(recursive: true);
        }
    }
}
