using System.Net;
using System.Text.Json;
using Bottle.ServiceDefaults;
using Bottle.Sidecars.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Trace;

namespace Bottle.Tests.Unit.ServiceDefaults;

[TestClass]
public sealed class ServiceDefaultsTests
{
    private static readonly ServiceIdentity Identity = new("bottle-test", "tester", "1.2.3");

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task OpenTelemetry_stays_off_without_an_otlp_endpoint()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = "";
        builder.AddServiceDefaults(Identity);
        await using var app = builder.Build();

        Assert.IsNull(app.Services.GetService<TracerProvider>());
    }

    [TestMethod]
    public async Task OpenTelemetry_is_on_when_an_otlp_endpoint_is_configured()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        // Nothing listens there and nothing is exported: the provider is only built, never flushed to it.
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317";
        builder.AddServiceDefaults(Identity);
        await using var app = builder.Build();

        Assert.IsNotNull(app.Services.GetService<TracerProvider>());
    }

    [TestMethod]
    public async Task An_unhealthy_check_fails_health_and_the_probe_but_not_alive()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults(Identity);
        builder.Services.AddHealthChecks().AddCheck("upstream", () => HealthCheckResult.Unhealthy("down"));
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync(TestContext.CancellationToken);
        try
        {
            var port = new Uri(app.Urls.Single()).Port;
            using var http = new HttpClient();

            using var health = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"), TestContext.CancellationToken);
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync(TestContext.CancellationToken));
            Assert.AreEqual("Unhealthy", json.RootElement.GetProperty("status").GetString());
            Assert.AreEqual("tester", json.RootElement.GetProperty("role").GetString());
            Assert.AreEqual("1.2.3", json.RootElement.GetProperty("version").GetString());
            Assert.AreEqual("Unhealthy", json.RootElement.GetProperty("checks").GetProperty("upstream").GetString());

            using var alive = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/alive"), TestContext.CancellationToken);
            Assert.AreEqual(HttpStatusCode.OK, alive.StatusCode, "liveness must not depend on non-live checks");

            using var stderr = new StringWriter();
            Assert.AreEqual(1, await SidecarHost.RunAsync(["probe", "--admin-port", port.ToString()], TextWriter.Null, stderr, TestContext.CancellationToken));
            StringAssert.Contains(stderr.ToString(), "503");
        }
        finally
        {
            await app.StopAsync(TestContext.CancellationToken);
        }
    }
}
