using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bottle.Sidecars.Net;
using Bottle.Tests.Integration.Egress;

namespace Bottle.Tests.Integration.SidecarRoles;

/// <summary>
/// <c>bottle-sidecars connect</c> (git-gate's ssh ProxyCommand), the real binary as a child process, against a real
/// egress on loopback: bytes go both ways through an allowed tunnel, and a refused tunnel ends non-zero with egress's
/// own reason on stderr.
/// </summary>
[TestClass]
public sealed class SidecarConnectTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Allowed_tunnel_carries_stdin_to_the_destination_and_its_answer_to_stdout()
    {
        using var echo = new EchoListener();
        await using var egress = await StartEgressAsync(gitGateSource: IPAddress.Loopback, echo.Port);

        var run = await RunConnectAsync(egress, "echo.test", echo.Port, "hello through egress\n");

        Assert.AreEqual(0, run.ExitCode, run.StdErr);
        Assert.AreEqual("echo: hello through egress\n", run.StdOut);
        var audit = await egress.AuditForAsync(e => e.Host == "echo.test" && e.Decision == "allow");
        Assert.AreEqual("CONNECT", audit.Method);
    }

    [TestMethod]
    public async Task Host_without_a_rule_is_refused_with_egress_reason_on_stderr_and_exit_1()
    {
        using var echo = new EchoListener();
        await using var egress = await StartEgressAsync(gitGateSource: IPAddress.Loopback, echo.Port);

        var run = await RunConnectAsync(egress, "elsewhere.test", 22, "SSH-2.0-probe\n");

        Assert.AreEqual(1, run.ExitCode);
        Assert.AreEqual(string.Empty, run.StdOut, "nothing may come back through a refused tunnel");
        StringAssert.Contains(run.StdErr, "tunnel to elsewhere.test:22");
        StringAssert.Contains(run.StdErr, "403 Forbidden");
        StringAssert.Contains(run.StdErr, "no allow rule permits a tunnel to elsewhere.test:22");
        Assert.AreEqual(0, echo.Accepted, "the destination was dialled");
    }

    [TestMethod]
    public async Task Ssh_port_from_a_source_that_is_not_git_gate_is_refused()
    {
        using var echo = new EchoListener();

        // The connect process comes from 127.0.0.1, which this egress knows as pipelock, not git-gate.
        await using var egress = await StartEgressAsync(gitGateSource: EgressHarness.Stranger, 22);

        var run = await RunConnectAsync(egress, "echo.test", 22, "SSH-2.0-probe\n");

        Assert.AreEqual(1, run.ExitCode);
        StringAssert.Contains(run.StdErr, "CONNECT to port 22 is for git-gate only");
    }

    [TestMethod]
    public async Task Unreachable_proxy_is_a_clear_failure()
    {
        var closedPort = FreePort();

        var run = await RunAsync(["connect", $"127.0.0.1:{closedPort}", "echo.test", "22"], "");

        Assert.AreEqual(1, run.ExitCode);
        StringAssert.Contains(run.StdErr, $"through 127.0.0.1:{closedPort}: failed:");
    }

    [TestMethod]
    [DataRow(new[] { "connect", "127.0.0.1:3129", "h" }, "takes exactly three arguments")]
    [DataRow(new[] { "connect", "127.0.0.1", "h", "22" }, "proxy '127.0.0.1' is not host:port")]
    [DataRow(new[] { "connect", "127.0.0.1:3129", "h", "ssh" }, "'ssh' is not a port number")]
    public async Task Bad_arguments_exit_2_naming_the_problem(string[] args, string expected)
    {
        var run = await RunAsync(args, "");

        Assert.AreEqual(2, run.ExitCode);
        StringAssert.Contains(run.StdErr, expected);
    }

    private static async Task<EgressHarness> StartEgressAsync(IPAddress gitGateSource, int port)
    {
        var options = EgressHarness.Options([]) with
        {
            PipelockSources = [IPAddress.Loopback],
            GitGateSources = [gitGateSource],
            Rules = [EgressHarness.Rule("echo.test", port)],
            GitGateRules = [EgressHarness.Rule("echo.test", port), EgressHarness.LoopbackCidrRule],
        };
        var resolver = new StaticHostResolver(new Dictionary<string, IPAddress[]> { ["echo.test"] = [IPAddress.Loopback] });
        return await EgressHarness.StartAsync(options, resolver);
    }

    private Task<(int ExitCode, string StdOut, string StdErr)> RunConnectAsync(EgressHarness egress, string host, int port, string input) =>
        RunAsync(["connect", $"127.0.0.1:{egress.EndPoint.Port}", host, port.ToString(CultureInfo.InvariantCulture)], input);

    private async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(string[] args, string input)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "bottle-sidecars"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process refused and exited before reading its input.
        }

        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Answers each connection with "echo: " and what it read, closing after the client half-closes.</summary>
    private sealed class EchoListener : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private int accepted;

        public EchoListener()
        {
            listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public int Accepted => Volatile.Read(ref accepted);

        public void Dispose() => listener.Dispose();

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    using var client = await listener.AcceptTcpClientAsync();
                    Interlocked.Increment(ref accepted);
                    var stream = client.GetStream();
                    var received = new MemoryStream();
                    await stream.CopyToAsync(received);
                    await stream.WriteAsync("echo: "u8.ToArray());
                    await stream.WriteAsync(received.ToArray());
                    client.Client.Shutdown(SocketShutdown.Send);
                }
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException or IOException)
            {
                // Disposed at the end of the test.
            }
        }
    }
}
