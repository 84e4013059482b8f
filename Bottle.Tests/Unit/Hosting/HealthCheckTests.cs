using System.Net;
using System.Net.Sockets;
using Bottle.AppHost.Hosting;
using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Hosting.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using static Bottle.Tests.Unit.Hosting.HostingTestHelpers;

namespace Bottle.Tests.Unit.Hosting;

[TestClass]
public sealed class HealthCheckTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    [TestMethod]
    public async Task Health_flips_Running_to_RuntimeUnhealthy_and_back_and_holds_WaitFor_dependants_meanwhile()
    {
        using var deadline = DeadlineSource();
        var time = new FakeTimeProvider();
        var check = new SwitchableHealthCheck(HealthStatus.Unhealthy);
        var builder = CreateBuilder(time, o => o.HealthCheckInterval = Interval);
        builder.Services.AddHealthChecks().AddCheck("db-ready", check);
        var db = builder.AddExecutable("db", "sh", ".", "-c", "exec sleep 60").WithHealthCheck("db-ready");
        builder.AddExecutable("api", "sh", ".", "-c", "exec sleep 60").WaitFor(db);
        await using var app = builder.Build();
        await using var recorder = new StateRecorder(app.Notifications());
        var notifications = app.Notifications();

        await app.StartAsync(deadline.Token);
        await notifications.WaitForResourceAsync("db", KnownResourceStates.RuntimeUnhealthy, deadline.Token);
        Assert.IsTrue(notifications.TryGetCurrentState("api", out var apiWhileDbUnhealthy));

        check.Status = HealthStatus.Healthy;
        time.Advance(Interval);
        var healthy = await notifications.WaitForResourceHealthyAsync("db", deadline.Token);
        await notifications.WaitForResourceAsync("api", KnownResourceStates.Running, deadline.Token);

        check.Status = HealthStatus.Unhealthy;
        time.Advance(Interval);
        await notifications.WaitForResourceAsync("db", e => e.Snapshot.State?.Text == KnownResourceStates.RuntimeUnhealthy, deadline.Token);

        check.Status = HealthStatus.Healthy;
        time.Advance(Interval);
        await notifications.WaitForResourceHealthyAsync("db", deadline.Token);
        await app.StopAsync(deadline.Token);
        await recorder.CatchUpAsync(deadline.Token);

        Assert.AreEqual(KnownResourceStates.Waiting, apiWhileDbUnhealthy.Snapshot.State?.Text);
        Assert.AreEqual(KnownResourceStates.Running, healthy.Snapshot.State?.Text);
        Assert.AreEqual(new HealthReportSnapshot("db-ready", HealthStatus.Healthy, "switch", null), healthy.Snapshot.HealthReports.Single());
        CollectionAssert.AreEqual(
            new[]
            {
                KnownResourceStates.NotStarted, KnownResourceStates.Starting, KnownResourceStates.Running,
                KnownResourceStates.RuntimeUnhealthy, KnownResourceStates.Running,
                KnownResourceStates.RuntimeUnhealthy, KnownResourceStates.Running,
                KnownResourceStates.Stopping, KnownResourceStates.Exited,
            },
            recorder.StatesOf("db").ToArray());
    }

    [TestMethod]
    public async Task A_health_check_key_nobody_registered_reports_unhealthy_and_names_the_key()
    {
        using var deadline = DeadlineSource();
        var builder = CreateBuilder();
        builder.AddExecutable("db", "sh", ".", "-c", "exec sleep 60").WithHealthCheck("typo-check");
        await using var app = builder.Build();

        await app.StartAsync(deadline.Token);
        var unhealthy = await app.Notifications().WaitForResourceAsync(
            "db", e => e.Snapshot.State?.Text == KnownResourceStates.RuntimeUnhealthy, deadline.Token);
        await app.StopAsync(deadline.Token);

        var report = unhealthy.Snapshot.HealthReports.Single();
        Assert.AreEqual(HealthStatus.Unhealthy, report.Status);
        Assert.AreEqual(HealthStatus.Unhealthy, unhealthy.Snapshot.HealthStatus);
        StringAssert.Contains(report.Description, "'typo-check'");
    }

    [TestMethod]
    public async Task WithHttpHealthCheck_follows_the_status_the_endpoint_answers()
    {
        using var deadline = DeadlineSource();
        var time = new FakeTimeProvider();
        var started = StartListenerOnFreePort();
        using var server = started.Server;
        var port = started.Port;
        var status = 503;
        var serving = Task.Run(async () =>
        {
            while (server.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await server.GetContextAsync();
                }
                catch (HttpListenerException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }

                context.Response.StatusCode = context.Request.Url?.AbsolutePath == "/health" ? Volatile.Read(ref status) : 404;
                context.Response.Close();
            }
        });
        var builder = CreateBuilder(time, o => o.HealthCheckInterval = Interval);
        // The process stands for a service; the test's listener answers on its fixed endpoint port.
        builder.AddExecutable("web", "sh", ".", "-c", "exec sleep 60")
            .WithHttpEndpoint(port: port)
            .WithHttpHealthCheck("/health");
        await using var app = builder.Build();

        await app.StartAsync(deadline.Token);
        var unhealthy = await app.Notifications().WaitForResourceAsync("web", KnownResourceStates.RuntimeUnhealthy, deadline.Token);
        Volatile.Write(ref status, 200);
        time.Advance(Interval);
        var healthy = await app.Notifications().WaitForResourceHealthyAsync("web", deadline.Token);
        await app.StopAsync(deadline.Token);
        server.Stop();
        await serving;

        Assert.AreEqual(KnownResourceStates.RuntimeUnhealthy, unhealthy);
        StringAssert.Contains(healthy.Snapshot.HealthReports.Single().Description, "answered 200");
    }

    [TestMethod]
    public async Task A_health_change_from_the_run_is_checked_at_once_without_waiting_for_the_next_tick()
    {
        using var deadline = DeadlineSource();
        var time = new FakeTimeProvider(); // never advanced: no tick comes
        var check = new SwitchableHealthCheck(HealthStatus.Unhealthy);
        var runner = new SignallingRunner();
        await using var app = await StartUnhealthySignallingAppAsync(time, check, runner, deadline.Token);
        check.Status = HealthStatus.Healthy;
        await runner.Changes.Writer.WriteAsync(true, deadline.Token);
        var healthy = await app.Notifications().WaitForResourceHealthyAsync("svc", deadline.Token);
        await app.StopAsync(deadline.Token);

        Assert.AreEqual(KnownResourceStates.Running, healthy.Snapshot.State?.Text);
    }

    [TestMethod]
    public async Task When_the_runs_health_changes_end_the_periodic_checks_go_on()
    {
        using var deadline = DeadlineSource();
        var time = new FakeTimeProvider();
        var check = new SwitchableHealthCheck(HealthStatus.Unhealthy);
        var runner = new SignallingRunner();
        await using var app = await StartUnhealthySignallingAppAsync(time, check, runner, deadline.Token);
        runner.Changes.Writer.Complete();
        check.Status = HealthStatus.Healthy;
        time.Advance(Interval); // a PeriodicTimer keeps a tick that comes before its wait
        var healthy = await app.Notifications().WaitForResourceHealthyAsync("svc", deadline.Token);
        await app.StopAsync(deadline.Token);

        Assert.AreEqual(KnownResourceStates.Running, healthy.Snapshot.State?.Text);
    }

    // A resource "svc" whose run can signal health changes (runner), checked by "check", started and seen unhealthy.
    private static async Task<BottleApplication> StartUnhealthySignallingAppAsync(
        FakeTimeProvider time, SwitchableHealthCheck check, SignallingRunner runner, CancellationToken cancellationToken)
    {
        var builder = CreateBuilder(time, o => o.HealthCheckInterval = Interval);
        builder.Services.AddSingleton<IResourceRunner>(runner);
        builder.Services.AddHealthChecks().AddCheck("svc-ready", check);
        builder.AddResource(new SignallingResource("svc")).WithHealthCheck("svc-ready");
        var app = builder.Build();
        try
        {
            await app.StartAsync(cancellationToken);
            await app.Notifications().WaitForResourceAsync("svc", KnownResourceStates.RuntimeUnhealthy, cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    // HttpListener cannot bind port 0, so a free port is picked first; another process can take it in between (seen
    // under parallel test runs: "Address already in use"), so a taken port means trying another one.
    private static (HttpListener Server, int Port) StartListenerOnFreePort()
    {
        for (var attempt = 1; ; attempt++)
        {
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            var server = new HttpListener();
            server.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                server.Start();
                return (server, port);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                server.Close();
            }
        }
    }

    private sealed class SwitchableHealthCheck(HealthStatus initial) : IHealthCheck
    {
        private volatile int _status = (int)initial;

        public HealthStatus Status
        {
            get => (HealthStatus)_status;
            set => _status = (int)value;
        }

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(new HealthCheckResult(Status, "switch"));
    }
}
