using System.Runtime.Versioning;
using Bottle.AppHost.Runtimes.Compose;

namespace Bottle.Tests.Unit.Images;

[TestClass]
public sealed class ImageBuilderContentHashTests
{
    private DirectoryInfo context = null!;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void CreateContext()
    {
        context = Directory.CreateTempSubdirectory("bottle-hash-test-");
        Directory.CreateDirectory(Path.Combine(context.FullName, "app"));
        File.WriteAllText(Path.Combine(context.FullName, "Dockerfile"), "FROM debian:bookworm-slim\nCOPY app/ /app/\n");
        File.WriteAllText(Path.Combine(context.FullName, "app", "run.sh"), "#!/bin/sh\necho hi\n");
    }

    [TestCleanup]
    public void DeleteContext() => context.Delete(recursive: true);

    private Task<string> HashAsync() => ImageBuilderContentHash.ComputeAsync(context.FullName, TestContext.CancellationToken);

    [TestMethod]
    public async Task Hash_is_stable_and_ignores_timestamps()
    {
        var before = await HashAsync();
        File.SetLastWriteTimeUtc(Path.Combine(context.FullName, "app", "run.sh"), DateTime.UnixEpoch);

        Assert.AreEqual(before, await HashAsync());
        StringAssert.StartsWith(before, "sha256:");
    }

    [TestMethod]
    public async Task Changing_content_changes_the_hash()
    {
        var before = await HashAsync();
        await File.AppendAllTextAsync(Path.Combine(context.FullName, "app", "run.sh"), "echo more\n", TestContext.CancellationToken);

        Assert.AreNotEqual(before, await HashAsync());
    }

    [TestMethod]
    public async Task Renaming_a_file_changes_the_hash()
    {
        var before = await HashAsync();
        File.Move(Path.Combine(context.FullName, "app", "run.sh"), Path.Combine(context.FullName, "app", "start.sh"));

        Assert.AreNotEqual(before, await HashAsync());
    }

    [TestMethod]
    public async Task Adding_an_empty_file_changes_the_hash()
    {
        var before = await HashAsync();
        await File.WriteAllTextAsync(Path.Combine(context.FullName, "app", "empty"), "", TestContext.CancellationToken);

        Assert.AreNotEqual(before, await HashAsync());
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
    [UnsupportedOSPlatform("windows")]
    public async Task Making_a_file_executable_changes_the_hash()
    {
        var before = await HashAsync();
        var script = Path.Combine(context.FullName, "app", "run.sh");
        File.SetUnixFileMode(script, File.GetUnixFileMode(script) | UnixFileMode.UserExecute);

        Assert.AreNotEqual(before, await HashAsync());
    }

    [TestMethod]
    public async Task A_missing_context_names_the_directory()
    {
        var missing = Path.Combine(context.FullName, "nope");

        var error = await Assert.ThrowsExactlyAsync<DirectoryNotFoundException>(() => ImageBuilderContentHash.ComputeAsync(missing, TestContext.CancellationToken));

        StringAssert.Contains(error.Message, missing);
    }
}
