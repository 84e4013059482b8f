using System.Diagnostics;
using System.Security.Cryptography;

namespace Bottle.Tests.Integration.Pipelock;

/// <summary>The agent's view with a real curl: proxy by URL, trust only the bottle CA, names resolved by the proxy.</summary>
[TestClass]
public sealed class CurlClientTests
{
    private const string Base = $"https://{PipelockTestEnvironment.Host}";

    [TestMethod]
    public async Task Curl_gets_an_allowed_url_and_reuses_its_connection()
    {
        await using var env = await PipelockTestEnvironment.StartAsync();

        var result = await CurlAsync(env, "-v", $"{Base}/v1/hello", $"{Base}/v1/hello");

        Assert.AreEqual(0, result.ExitCode, result.Stderr);
        Assert.AreEqual("hello from upstreamhello from upstream", result.Stdout);
        StringAssert.Contains(result.Stderr, "Re-using existing connection");
        Assert.AreEqual(1, env.Server.GetStatus().LeafCertificates);
    }

    [TestMethod]
    public async Task Curl_uploads_a_file_byte_exact()
    {
        await using var env = await PipelockTestEnvironment.StartAsync();
        var input = Path.Combine(env.Directory, "in.bin");
        var output = Path.Combine(env.Directory, "out.bin");
        var payload = RandomNumberGenerator.GetBytes(2 * 1024 * 1024 + 5);
        await File.WriteAllBytesAsync(input, payload);

        var result = await CurlAsync(env, "--data-binary", $"@{input}", "-H", "X-Test-Id: curl", "-o", output, $"{Base}/v1/echo");

        Assert.AreEqual(0, result.ExitCode, result.Stderr);
        CollectionAssert.AreEqual(payload, env.Upstream.ReceivedBodies["curl"]);
        CollectionAssert.AreEqual(payload, await File.ReadAllBytesAsync(output));
    }

    [TestMethod]
    public async Task Curl_sees_the_deny_reason_for_a_path_trick_and_a_denied_host()
    {
        await using var env = await PipelockTestEnvironment.StartAsync();

        var path = await CurlAsync(env, "--path-as-is", "-D", "-", "-o", "/dev/null", $"{Base}/v1/../v2/secret");
        Assert.AreEqual(0, path.ExitCode, path.Stderr);
        StringAssert.Contains(path.Stdout, "\r\n\r\nHTTP/1.1 403 Forbidden\r\n"); // after the CONNECT 200
        StringAssert.Contains(path.Stdout, "X-Bottle-Deny-Reason: path-not-allowed");

        var host = await CurlAsync(env, $"https://{PipelockTestEnvironment.OtherHost}/v1/hello");
        Assert.AreNotEqual(0, host.ExitCode);
        StringAssert.Contains(host.Stderr, "403");
        Assert.IsTrue(env.Upstream.Paths.IsEmpty);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> CurlAsync(PipelockTestEnvironment env, params string[] args)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-sS", "--proxy", env.ProxyUri.ToString(), "--cacert", env.CaPemPath, "--max-time", "30" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        // Only the proxy we name: no inherited proxy settings, no ~/.curlrc.
        foreach (var name in new[] { "http_proxy", "https_proxy", "HTTPS_PROXY", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy" })
        {
            start.Environment.Remove(name);
        }

        start.ArgumentList.Insert(0, "-q");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("curl did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
