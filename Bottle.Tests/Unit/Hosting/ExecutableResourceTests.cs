using Bottle.AppHost.Hosting;
using Bottle.AppHost.Hosting.ApplicationModel;
using static Bottle.Tests.Unit.Hosting.HostingTestHelpers;

namespace Bottle.Tests.Unit.Hosting;

[TestClass]
public sealed class ExecutableResourceTests
{
    [TestMethod]
    public async Task Output_goes_to_the_log_with_stderr_flagged_and_a_nonzero_exit_code_means_Exited()
    {
        using var deadline = DeadlineSource();
        var dir = CreateTempDirectory();
        try
        {
            var builder = CreateBuilder();
            builder.AddExecutable("job", "sh", dir, "-c", "echo \"$GREETING from $(pwd)\"; echo oops >&2; exit 7")
                .WithEnvironment("GREETING", "hello");
            await using var app = builder.Build();

            await app.StartAsync(deadline.Token);
            await app.Notifications().WaitForResourceAsync("job", KnownResourceStates.Exited, deadline.Token);
            // stdout and stderr are separate pipes: their lines may interleave either way.
            var seen = 0;
            var lines = await app.Logs().ReadLogUntilAsync("job", l => (l.Text == "oops" || l.Text.StartsWith("hello", StringComparison.Ordinal)) && ++seen == 2, deadline.Token);
            await app.StopAsync(deadline.Token);

            Assert.IsTrue(app.Notifications().TryGetCurrentState("job", out var job));
            Assert.AreEqual(7, job.Snapshot.ExitCode);
            Assert.IsNotNull(job.Snapshot.StopTimeStamp);
            var stdout = lines.Single(l => l.Text.StartsWith("hello", StringComparison.Ordinal));
            Assert.AreEqual($"hello from {dir}", stdout.Text);
            Assert.IsFalse(stdout.IsError);
            Assert.IsTrue(lines.Single(l => l.Text == "oops").IsError);
            CollectionAssert.Contains(job.Snapshot.EnvironmentVariables.ToArray(), new EnvironmentVariableSnapshot("GREETING", "hello"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public async Task Exit_code_zero_means_Finished_and_an_endpoint_port_reaches_the_process()
    {
        using var deadline = DeadlineSource();
        var builder = CreateBuilder();
        var job = builder.AddExecutable("job", "sh", ".", "-c", "echo \"port=$PORT\"")
            .WithHttpEndpoint(env: "PORT");
        await using var app = builder.Build();

        await app.StartAsync(deadline.Token);
        var finished = await app.Notifications().WaitForResourceAsync(
            "job", e => e.Snapshot.State?.Text == KnownResourceStates.Finished, deadline.Token);
        var lines = await app.Logs().ReadLogUntilAsync("job", l => l.Text.StartsWith("port=", StringComparison.Ordinal), deadline.Token);
        await app.StopAsync(deadline.Token);

        var port = job.Resource.Annotations.OfType<EndpointAnnotation>().Single().AllocatedPort;
        Assert.IsNotNull(port);
        Assert.AreEqual($"port={port}", lines[^1].Text);
        Assert.AreEqual(0, finished.Snapshot.ExitCode);
        Assert.AreEqual(new Uri($"http://127.0.0.1:{port}"), app.Notifications().TryGetCurrentState("job", out var e) ? e.Snapshot.Urls.Single().Url : null);
    }

    [TestMethod]
    public async Task Stop_reaches_the_children_of_a_shell_script()
    {
        using var deadline = DeadlineSource();
        var builder = CreateBuilder();
        // Without a process-group stop, the backgrounded sleep would survive and hold the output pipe open.
        builder.AddExecutable("script", "sh", ".", "-c", "sleep 60 & echo started; wait");
        await using var app = builder.Build();
        await app.StartAsync(deadline.Token);
        await app.Logs().ReadLogUntilAsync("script", l => l.Text == "started", deadline.Token);
        // The first line can come before the runner has published Running; Stop is enabled only from there.
        await app.Notifications().WaitForResourceAsync("script", KnownResourceStates.Running, deadline.Token);

        var stop = await app.Orchestrator().ExecuteCommandAsync("script", KnownResourceCommands.StopCommand, deadline.Token);
        await app.StopAsync(deadline.Token);

        Assert.IsTrue(stop.Success, stop.ErrorMessage);
        Assert.IsTrue(app.Notifications().TryGetCurrentState("script", out var final));
        Assert.AreEqual(KnownResourceStates.Exited, final.Snapshot.State?.Text);
    }
}
