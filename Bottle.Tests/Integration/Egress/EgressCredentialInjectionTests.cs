using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Egress;
using Bottle.Sidecars.Egress.Audit;
using Bottle.Sidecars.Net;

namespace Bottle.Tests.Integration.Egress;

/// <summary>
/// End to end over real sockets and real TLS: a client speaking pipelock's protocol -> egress -> local Kestrel
/// "APIs" reached by name through a static resolver. (pipelock itself is not in this chain yet: its branch had
/// not landed; the client sends exactly what pipelock sends.)
/// </summary>
[TestClass]
public sealed class EgressCredentialInjectionTests
{
    private const string RealKey = "sk-real-4f1c9a7e2b8d4e6f9a0b1c2d3e4f5a6b";
    private static readonly string Placeholder = CredentialPlaceholder.Create("test", "anthropic");
    private static readonly IPAddress ApiAddress = IPAddress.Parse("127.0.0.20");
    private static readonly IPAddress OtherAddress = IPAddress.Parse("127.0.0.21");
    private static readonly IPAddress PlainAddress = IPAddress.Parse("127.0.0.22");

    private static TestCertificateAuthority ca = null!;
    private static TestUpstream api = null!;
    private static TestUpstream other = null!;
    private static TestUpstream plain = null!;
    private static EgressHarness egress = null!;
    private static string caFile = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        ca = new TestCertificateAuthority();
        caFile = ca.WritePemFile();
        api = await TestUpstream.StartAsync(ApiAddress, new Dictionary<string, X509Certificate2> { ["api.test"] = ca.IssueServer("api.test") });
        other = await TestUpstream.StartAsync(OtherAddress, new Dictionary<string, X509Certificate2> { ["other.test"] = ca.IssueServer("other.test") });
        plain = await TestUpstream.StartAsync(PlainAddress, null);
        var resolver = new StaticHostResolver(new Dictionary<string, IPAddress[]>
        {
            ["api.test"] = [ApiAddress],
            ["other.test"] = [OtherAddress],
            ["plain.api.test"] = [PlainAddress],
        });
        var options = EgressHarness.Options(
        [
            EgressHarness.Rule("api.test", api.Port, credential: "anthropic"),
            EgressHarness.Rule("other.test", other.Port),
            EgressHarness.Rule("*.api.test", plain.Port, credential: "anthropic"),
            EgressHarness.LoopbackCidrRule,
        ]) with
        {
            CredentialsFile = EgressHarness.WriteCredentials(new Dictionary<string, string> { ["anthropic"] = RealKey }),
            Bindings = [new CredentialBinding(Placeholder, "anthropic", [Sidecars.Policy.HostPattern.Parse("api.test"), Sidecars.Policy.HostPattern.Parse("*.api.test")], "x-api-key")],
            ExtraCaFile = caFile,
        };
        egress = await EgressHarness.StartAsync(options, resolver);
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        await egress.DisposeAsync();
        await api.DisposeAsync();
        await other.DisposeAsync();
        await plain.DisposeAsync();
        ca.Dispose();
        File.Delete(caFile);
    }

    [TestMethod]
    public async Task Curl_through_egress_delivers_the_real_key_upstream_and_only_the_placeholder_was_ever_sent()
    {
        var marker = Guid.NewGuid().ToString("N");
        var (exit, output) = await CurlAsync(
            "--request-target", $"https://api.test:{api.Port}/v1/messages",
            "-H", $"Host: api.test:{api.Port}",
            "-H", $"x-api-key: {Placeholder}",
            "-H", "content-type: application/json",
            "--data", $"{{\"marker\":\"{marker}\"}}",
            $"http://{egress.EndPoint}/");

        Assert.AreEqual(0, exit, output);
        StringAssert.Contains(output, "\"ok\":true");
        var received = api.Requests.Single(r => r.Body.Contains(marker, StringComparison.Ordinal));
        Assert.AreEqual(RealKey, received.Headers["x-api-key"], "the upstream must receive the real key");
        Assert.AreEqual($"api.test:{api.Port}", received.Host);
        Assert.IsFalse(output.Contains(RealKey, StringComparison.Ordinal), "the client must never see the real key");

        var line = await egress.AuditForAsync(e => e.Host == "api.test" && e.Decision == "allow" && e.Path == "/v1/messages");
        Assert.AreEqual("anthropic", line.Credentials!.Single());
        Assert.AreEqual($"{ApiAddress}:{api.Port}", line.UpstreamAddress);
        StringAssert.StartsWith(line.TlsVersion, "TLSv1.");
        Assert.AreEqual(200, line.UpstreamStatus);
        Assert.IsTrue(line.BytesUp > 0 && line.BytesDown > 0);
    }

    [TestMethod]
    public async Task The_same_placeholder_sent_to_a_different_allowed_host_is_blocked_as_exfiltration()
    {
        var before = other.Requests.Count;
        var response = await RawHttpExchange.SendAsync(EgressHarness.Pipelock, egress.EndPoint,
            $"GET https://other.test:{other.Port}/v1/models HTTP/1.1\r\nHost: other.test:{other.Port}\r\nAuthorization: Bearer {Placeholder}\r\n\r\n");

        Assert.AreEqual(403, response.Status);
        StringAssert.Contains(response.Body, EgressAuditCategories.ExfiltrationAttempt);
        Assert.AreEqual(before, other.Requests.Count, "nothing may reach the other host");
        var line = await egress.AuditForAsync(e => e.Host == "other.test" && e.Category == EgressAuditCategories.ExfiltrationAttempt);
        Assert.AreEqual(Sidecars.Audit.AuditEvent.Deny, line.Decision);
    }

    [TestMethod]
    public async Task A_placeholder_hidden_in_the_body_or_url_to_another_host_is_blocked()
    {
        var body = System.Text.Encoding.UTF8.GetBytes($"{{\"leak\":\"{Placeholder.ToUpperInvariant()}\"}}");
        var inBody = await RawHttpExchange.SendAsync(EgressHarness.Pipelock, egress.EndPoint,
            $"POST https://other.test:{other.Port}/v1/messages HTTP/1.1\r\nHost: other.test:{other.Port}\r\nContent-Length: {body.Length}\r\n\r\n", body);
        var inUrl = await RawHttpExchange.SendAsync(EgressHarness.Pipelock, egress.EndPoint,
            $"GET https://other.test:{other.Port}/v1/models?k={Uri.EscapeDataString(Placeholder).Replace("-", "%2D", StringComparison.Ordinal)} HTTP/1.1\r\nHost: other.test:{other.Port}\r\n\r\n");

        Assert.AreEqual(403, inBody.Status);
        Assert.AreEqual(403, inUrl.Status);
        Assert.IsFalse(other.Requests.Any(r => r.Body.Contains("leak", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Plain_http_to_the_credentials_host_gets_no_credential()
    {
        var withPlaceholder = await RawHttpExchange.SendAsync(EgressHarness.Pipelock, egress.EndPoint,
            $"GET http://plain.api.test:{plain.Port}/v1/models HTTP/1.1\r\nHost: plain.api.test:{plain.Port}\r\nx-api-key: {Placeholder}\r\n\r\n");
        var without = await RawHttpExchange.SendAsync(EgressHarness.Pipelock, egress.EndPoint,
            $"GET http://plain.api.test:{plain.Port}/v1/models HTTP/1.1\r\nHost: plain.api.test:{plain.Port}\r\n\r\n");

        Assert.AreEqual(403, withPlaceholder.Status, "a placeholder over plain http is an exfiltration attempt");
        Assert.AreEqual(200, without.Status, "plain http itself is allowed by the rule");
        Assert.IsFalse(plain.Requests.Any(r => r.Headers.Values.Any(v => v.Contains(RealKey, StringComparison.Ordinal))));
        Assert.IsFalse(plain.Requests.Any(r => r.Headers.ContainsKey("x-api-key")));
    }

    [TestMethod]
    public async Task An_upstream_that_echoes_the_key_back_has_it_redacted_before_the_client_sees_it()
    {
        var response = await RawHttpExchange.SendAsync(EgressHarness.Pipelock, egress.EndPoint,
            $"GET https://api.test:{api.Port}/echo HTTP/1.1\r\nHost: api.test:{api.Port}\r\nx-api-key: {Placeholder}\r\n\r\n");

        Assert.AreEqual(200, response.Status);
        Assert.AreEqual(CredentialInjector.RedactedMarker, response.Header("x-echo"));
    }

    [TestMethod]
    public async Task Requests_pipelock_should_have_blocked_are_blocked_and_audited_as_anomalies()
    {
        var unknownHost = await RawHttpExchange.SendAsync(EgressHarness.Pipelock, egress.EndPoint,
            $"GET https://api.test:{api.Port + 1}/ HTTP/1.1\r\nHost: api.test:{api.Port + 1}\r\n\r\n");
        var hostMismatch = await RawHttpExchange.SendAsync(EgressHarness.Pipelock, egress.EndPoint,
            $"GET https://api.test:{api.Port}/v1/models HTTP/1.1\r\nHost: other.test:{other.Port}\r\n\r\n");
        var dotSegments = await RawHttpExchange.SendAsync(EgressHarness.Pipelock, egress.EndPoint,
            $"GET https://api.test:{api.Port}/v1/%2e%2e/admin HTTP/1.1\r\nHost: api.test:{api.Port}\r\n\r\n");
        var smuggle = await RawHttpExchange.SendAsync(EgressHarness.Pipelock, egress.EndPoint,
            $"POST https://api.test:{api.Port}/v1/messages HTTP/1.1\r\nHost: api.test:{api.Port}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");

        Assert.AreEqual(403, unknownHost.Status);
        Assert.AreEqual(400, hostMismatch.Status);
        Assert.AreEqual(400, dotSegments.Status);
        Assert.AreEqual(400, smuggle.Status);
        Assert.IsTrue(egress.Audit.Events.Count(e => e.Category == EgressAuditCategories.Anomaly) >= 4);
    }

    [TestMethod]
    public async Task A_client_from_any_other_address_gets_its_connection_closed()
    {
        var before = api.Requests.Count;
        var response = await RawHttpExchange.SendAsync(EgressHarness.Stranger, egress.EndPoint,
            $"GET https://api.test:{api.Port}/v1/models HTTP/1.1\r\nHost: api.test:{api.Port}\r\nx-api-key: {Placeholder}\r\n\r\n");

        Assert.AreSame(RawResponse.Closed, response);
        Assert.AreEqual(before, api.Requests.Count);
        var line = await egress.AuditForAsync(e => e.Source == EgressHarness.Stranger.ToString());
        Assert.AreEqual(EgressAuditCategories.SourceRefused, line.Category);
    }

    [TestMethod]
    public async Task Keep_alive_chunked_requests_are_framed_correctly()
    {
        using var socket = await RawHttpExchange.ConnectFromAsync(EgressHarness.Pipelock, egress.EndPoint, CancellationToken.None);
        await using var stream = new System.Net.Sockets.NetworkStream(socket);
        for (var i = 0; i < 3; i++)
        {
            var marker = $"chunked-{i}-{Guid.NewGuid():N}";
            var head = $"POST https://api.test:{api.Port}/v1/messages HTTP/1.1\r\nHost: api.test:{api.Port}\r\nx-api-key: {Placeholder}\r\nTransfer-Encoding: chunked\r\n\r\n";
            var chunk = $"{marker.Length:x}\r\n{marker}\r\n0\r\n\r\n";
            await stream.WriteAsync(System.Text.Encoding.Latin1.GetBytes(head + chunk));
            var response = await RawHttpExchange.ReadResponseAsync(stream, CancellationToken.None);
            Assert.AreEqual(200, response.Status, response.Body);
            Assert.AreEqual(marker, api.Requests.Single(r => r.Body == marker).Body);
        }
    }

    [TestMethod]
    public async Task Real_values_never_appear_in_any_log_or_audit_line()
    {
        // Exercise every path that logs: injection, exfiltration block, echo, refusals.
        await Curl_through_egress_delivers_the_real_key_upstream_and_only_the_placeholder_was_ever_sent();
        await The_same_placeholder_sent_to_a_different_allowed_host_is_blocked_as_exfiltration();
        await An_upstream_that_echoes_the_key_back_has_it_redacted_before_the_client_sees_it();
        await A_client_from_any_other_address_gets_its_connection_closed();

        Assert.IsFalse(egress.Logs.Lines.IsEmpty || egress.Audit.Lines.IsEmpty);
        foreach (var line in egress.Logs.Lines.Concat(egress.Audit.Lines))
        {
            Assert.IsFalse(line.Contains(RealKey, StringComparison.Ordinal), $"real key in: {line}");
        }
    }

    private static async Task<(int Exit, string Output)> CurlAsync(params string[] arguments)
    {
        if (!File.Exists("/usr/bin/curl"))
        {
            Assert.Inconclusive("curl is not installed");
        }

        var start = new ProcessStartInfo("/usr/bin/curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-sS", "-i", "--max-time", "20", "--noproxy", "*", "--interface", EgressHarness.Pipelock.ToString() }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
