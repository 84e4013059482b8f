using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Bottle.AppHost.Dashboard;
using Bottle.AppHost.Hosting;
using Bottle.AppHost.Hosting.ApplicationModel;

namespace Bottle.Tests.Browser;

/// <summary>The dashboard's access rules over plain HTTP (no browser needed): each test is an attack that must fail.</summary>
[TestClass]
public sealed partial class DashboardHttpTests
{
    private const string Resource = "secretive-svc";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Every_api_answers_401_without_the_cookie_and_leaks_nothing()
    {
        await using var app = await StartAsync();

        // Started once before the refused restart, so its start count can show the restart did not run (before the
        // first start the count is not set yet: the check below raced it).
        await app.Notifications.WaitForResourceAsync(Resource, KnownResourceStates.Running, TestContext.CancellationToken);
        using var http = Client(app, out _);
        string[] gets = ["api/resources", "api/resources/stream", $"api/logs/{Resource}/stream", "api/graph", "api/plan", "api/audit/stream", "assets/dashboard.js"];

        foreach (var path in gets)
        {
            using var response = await http.GetAsync(new Uri(app.Server.BaseAddress, path), TestContext.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.CancellationToken);
            Assert.AreNotEqual(HttpStatusCode.OK, response.StatusCode, $"/{path} answered without the cookie");
            Assert.DoesNotContain(Resource, body, $"/{path} leaked a resource name");
        }

        using var restart = await http.PostAsync(
            new Uri(app.Server.BaseAddress, $"api/resources/{Resource}/commands/{KnownResourceCommands.RestartCommand}"), null, TestContext.CancellationToken);
        Assert.AreEqual(HttpStatusCode.Unauthorized, restart.StatusCode);
        Assert.IsTrue(app.Notifications.TryGetCurrentState(Resource, out var current));
        Assert.AreEqual("1", current.Snapshot.GetProperty(KnownProperties.StartCount), "the command did not run");
    }

    [TestMethod]
    public async Task Pages_redirect_to_login_and_a_forged_cookie_is_refused()
    {
        await using var app = await StartAsync();
        using var http = Client(app, out var cookies);
        cookies.Add(app.Server.BaseAddress, new Cookie($"bottle_dashboard_{app.Server.BaseAddress.Port}", new string('x', 43)));

        foreach (var path in new[] { "", "graph", "logs", "egress", "plan" })
        {
            using var page = await http.GetAsync(new Uri(app.Server.BaseAddress, path), TestContext.CancellationToken);
            Assert.AreEqual(HttpStatusCode.Redirect, page.StatusCode, $"/{path}");
            Assert.AreEqual("/login", page.Headers.Location?.OriginalString);
        }

        using var api = await http.GetAsync(new Uri(app.Server.BaseAddress, "api/resources"), TestContext.CancellationToken);
        Assert.AreEqual(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [TestMethod]
    public async Task The_login_link_sets_a_strict_http_only_cookie_that_opens_the_api()
    {
        await using var app = await StartAsync();
        using var http = Client(app, out _);

        using var login = await http.GetAsync(app.Server.LoginUrl, TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.Redirect, login.StatusCode);
        Assert.AreEqual("/", login.Headers.Location?.OriginalString);
        var setCookie = login.Headers.GetValues("Set-Cookie").Single();
        StringAssert.StartsWith(setCookie, $"bottle_dashboard_{app.Server.BaseAddress.Port}={app.Server.Token};");
        StringAssert.Contains(setCookie.ToLowerInvariant(), "httponly");
        StringAssert.Contains(setCookie.ToLowerInvariant(), "samesite=strict");
        using var api = await http.GetAsync(new Uri(app.Server.BaseAddress, "api/resources"), TestContext.CancellationToken);
        Assert.AreEqual(HttpStatusCode.OK, api.StatusCode);
        StringAssert.Contains(await api.Content.ReadAsStringAsync(TestContext.CancellationToken), Resource);
        Assert.AreEqual("no-store", api.Headers.CacheControl?.ToString());
    }

    [TestMethod]
    public async Task Credential_like_environment_values_never_leave_the_server()
    {
        await using var app = await StartAsync();
        await app.Notifications.WaitForResourceAsync(Resource, KnownResourceStates.Running, TestContext.CancellationToken);
        using var http = await SignedInClientAsync(app);

        var json = await http.GetStringAsync(new Uri(app.Server.BaseAddress, "api/resources"), TestContext.CancellationToken);

        StringAssert.Contains(json, "GITHUB_TOKEN");
        StringAssert.Contains(json, "UPSTREAM");
        StringAssert.Contains(json, "\"LOG_LEVEL\",\"value\":\"debug\"");
        Assert.DoesNotContain("bottle-cred-", json);
        Assert.DoesNotContain("ghp_", json);
        Assert.DoesNotContain("Zx9Qw2", json);
    }

    [TestMethod]
    public async Task A_foreign_host_header_or_a_cross_origin_post_is_refused_even_with_the_cookie()
    {
        await using var app = await StartAsync();
        await app.Notifications.WaitForResourceAsync(Resource, KnownResourceStates.Running, TestContext.CancellationToken);
        using var http = await SignedInClientAsync(app);

        // DNS rebinding: a page on attacker.example resolving to 127.0.0.1 sends its own Host.
        using var rebinding = new HttpRequestMessage(HttpMethod.Get, new Uri(app.Server.BaseAddress, "api/resources"));
        rebinding.Headers.Host = $"attacker.example:{app.Server.BaseAddress.Port}";
        using var rebound = await http.SendAsync(rebinding, TestContext.CancellationToken);
        Assert.AreEqual(HttpStatusCode.BadRequest, rebound.StatusCode);
        Assert.DoesNotContain(Resource, await rebound.Content.ReadAsStringAsync(TestContext.CancellationToken));

        using var crossSite = new HttpRequestMessage(HttpMethod.Post, new Uri(app.Server.BaseAddress, $"api/resources/{Resource}/commands/{KnownResourceCommands.StopCommand}"));
        crossSite.Headers.Add("Origin", "http://attacker.example");
        using var refused = await http.SendAsync(crossSite, TestContext.CancellationToken);
        Assert.AreEqual(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.IsTrue(app.Notifications.TryGetCurrentState(Resource, out var current));
        Assert.AreEqual(KnownResourceStates.Running, current.Snapshot.State?.Text, "the cross-origin stop did not run");
    }

    [TestMethod]
    public async Task It_listens_on_loopback_only_and_prints_a_fresh_login_link_each_run()
    {
        using var first = new StringWriter();
        using var second = new StringWriter();
        await using (var app = await StartAsync(new DashboardOptions { Output = first }))
        {
            Assert.AreEqual("127.0.0.1", app.Server.BaseAddress.Host);
            foreach (var address in OtherLocalAddresses())
            {
                using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                var ex = await Assert.ThrowsExactlyAsync<SocketException>(
                    async () => await socket.ConnectAsync(new IPEndPoint(address, app.Server.BaseAddress.Port), TestContext.CancellationToken));
                Assert.AreEqual(SocketError.ConnectionRefused, ex.SocketErrorCode, $"{address} must not reach the dashboard");
            }
        }

        await using (await StartAsync(new DashboardOptions { Output = second }))
        {
        }

        var pattern = LoginLine();
        var firstMatch = pattern.Match(first.ToString());
        var secondMatch = pattern.Match(second.ToString());
        Assert.IsTrue(firstMatch.Success, first.ToString());
        Assert.IsTrue(secondMatch.Success, second.ToString());
        Assert.AreNotEqual(firstMatch.Groups["token"].Value, secondMatch.Groups["token"].Value, "a new token per run");
    }

    [TestMethod]
    public async Task Bad_options_and_a_taken_port_fail_with_a_message_that_names_the_problem()
    {
        var badPort = await Assert.ThrowsExactlyAsync<BottleApplicationException>(() => StartAsync(new DashboardOptions { Port = 70000 }));
        StringAssert.Contains(badPort.Message, "70000");
        var badToken = await Assert.ThrowsExactlyAsync<BottleApplicationException>(() => StartAsync(new DashboardOptions { Token = "short" }));
        StringAssert.Contains(badToken.Message, "DashboardOptions.Token");
        var oddToken = await Assert.ThrowsExactlyAsync<BottleApplicationException>(() => StartAsync(new DashboardOptions { Token = "abcdefghijklmnop;q" }));
        StringAssert.Contains(oddToken.Message, "';'");

        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var inUse = await Assert.ThrowsExactlyAsync<BottleApplicationException>(() => StartAsync(new DashboardOptions { Port = port }));
        StringAssert.Contains(inUse.Message, $"127.0.0.1:{port}");
    }

    private Task<DashboardTestApp> StartAsync(DashboardOptions? options = null)
    {
        options ??= new DashboardOptions();
        options.Output ??= TextWriter.Null;
        return DashboardTestApp.StartAsync((builder, dir) => builder
            .AddExecutable(Resource, "sh", dir, "-c", "echo up; exec sleep 600")
            .WithEnvironment("GITHUB_TOKEN", "ghp_notarealtokenbutlooksone0123456789")
            .WithEnvironment("UPSTREAM", "bottle-cred-0b9f7c1e-5d2a-4e7b-9a41-2f1c3d4e5f60")
            .WithEnvironment("SIGNING", "Zx9Qw2Lm8Rt5Yp3Vb7Nc1Kd4Hf6Js0Ga")
            .WithEnvironment("LOG_LEVEL", "debug"), options, TestContext.CancellationToken);
    }

    private static HttpClient Client(DashboardTestApp app, out CookieContainer cookies)
    {
        cookies = new CookieContainer();
#pragma warning disable CA2000 // The client owns the handler (disposeHandler: true).
        var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies, UseCookies = true };
#pragma warning restore CA2000
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = app.Server.BaseAddress };
    }

    private async Task<HttpClient> SignedInClientAsync(DashboardTestApp app)
    {
        var http = Client(app, out _);
        using var login = await http.GetAsync(app.Server.LoginUrl, TestContext.CancellationToken);
        Assert.AreEqual(HttpStatusCode.Redirect, login.StatusCode);
        return http;
    }

    private static IEnumerable<IPAddress> OtherLocalAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

    [GeneratedRegex(@"^Dashboard: http://127\.0\.0\.1:(?<port>\d+)/login\?t=(?<token>[A-Za-z0-9_-]{43})\r?\n$")]
    private static partial Regex LoginLine();
}
