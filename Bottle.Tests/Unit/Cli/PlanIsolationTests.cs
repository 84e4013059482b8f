using System.Diagnostics;
using System.Runtime.Versioning;
using Bottle.AppHost.Cli;
using Bottle.Tests.Integration.Infrastructure;
using Bottle.Tests.Unit.Planning;

namespace Bottle.Tests.Unit.Cli;

/// <summary>
/// <c>bottle plan</c> as a real child process: a <c>docker</c> first on PATH records any call and fails, and the
/// process gets a fresh working directory, HOME and TMPDIR that must still be empty when it is done.
/// </summary>
[TestClass]
[UnsupportedOSPlatform("windows")] // shell scripts and Unix file modes
public sealed class PlanIsolationTests
{
    private static readonly string[] WatchedDirectories = ["work", "home", "tmp"];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("plan", "--format", "json")]
    [DataRow("plan", "--format", "text")]
    [DataRow("up", "--dry-run")]
    public async Task Planning_makes_no_docker_call_and_writes_no_file(string verb, string option, string? value = null)
    {
        var root = Directory.CreateTempSubdirectory("bottle-plan-isolation-");
        try
        {
            var bin = Directory.CreateDirectory(Path.Combine(root.FullName, "bin"));
            var watched = WatchedDirectories.Select(d => Directory.CreateDirectory(Path.Combine(root.FullName, d))).ToArray();
            var dockerLog = Path.Combine(root.FullName, "docker-calls.log");
            var docker = Path.Combine(bin.FullName, "docker");
            await File.WriteAllTextAsync(docker, $"#!/bin/sh\necho \"docker $*\" >> '{dockerLog}'\nexit 97\n", TestContext.CancellationToken);
            File.SetUnixFileMode(docker, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            var start = new ProcessStartInfo(BottleProcess.DotnetHost, [typeof(BottleCli).Assembly.Location, verb, TestRepository.Bottle("implementer"), option])
            {
                WorkingDirectory = watched[0].FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            if (value is not null)
            {
                start.ArgumentList.Add(value);
            }

            start.Environment["PATH"] = $"{bin.FullName}:{Environment.GetEnvironmentVariable("PATH")}";
            start.Environment["HOME"] = watched[1].FullName;
            start.Environment["TMPDIR"] = watched[2].FullName;
            start.Environment["DOTNET_CLI_HOME"] = watched[1].FullName;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(TestContext.CancellationToken);
            var error = process.StandardError.ReadToEndAsync(TestContext.CancellationToken);
            await process.WaitForExitAsync(TestContext.CancellationToken);

            Assert.AreEqual(0, process.ExitCode, await error);
            Assert.Contains("implementer-", await output);
            Assert.IsFalse(File.Exists(dockerLog), File.Exists(dockerLog) ? await File.ReadAllTextAsync(dockerLog, TestContext.CancellationToken) : null);
            foreach (var dir in watched)
            {
                Assert.IsEmpty(dir.EnumerateFileSystemInfos("*", SearchOption.AllDirectories).Select(f => f.FullName).ToList(), $"{dir.Name} must stay empty");
            }
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void The_fake_docker_would_catch_a_call()
    {
        // Guards the guard: the recording script really is what 'docker' resolves to for the child.
        var bin = Directory.CreateTempSubdirectory("bottle-fake-docker-");
        try
        {
            var log = Path.Combine(bin.FullName, "calls.log");
            var docker = Path.Combine(bin.FullName, "docker");
            File.WriteAllText(docker, $"#!/bin/sh\necho \"docker $*\" >> '{log}'\nexit 97\n");
            File.SetUnixFileMode(docker, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var start = new ProcessStartInfo("sh", ["-c", "docker ps"]);
            start.Environment["PATH"] = $"{bin.FullName}:{Environment.GetEnvironmentVariable("PATH")}";
            using var process = Process.Start(start)!;
            process.WaitForExit();

            Assert.AreEqual(97, process.ExitCode);
            Assert.AreEqual("docker ps\n", File.ReadAllText(log));
        }
        finally
        {
            bin.Delete(recursive: true);
        }
    }
}
