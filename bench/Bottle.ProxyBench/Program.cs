using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Bottle.ProxyBench;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Pipelock;
using Bottle.Sidecars.Policy;
using Bottle.Sidecars.Proxy;
using Bottle.Sidecars.Tls;
using Microsoft.Extensions.Logging.Abstractions;

// Intercepted HTTPS through pipelock vs direct vs mitmdump, same loopback nginx upstream, same run, measured with
// curl (keep-alive latency of a tiny GET; bulk download throughput). Two pipelocks: one in this process with the
// direct connector (TLS + HTTP/2 to nginx, no DLP), and the real `bottle-sidecars pipelock` process as a bottle runs
// it (default DLP rules, clear HTTP/1.1 to "egress", here nginx's plain port, which accepts absolute-form requests).
// Usage:
//   dotnet run -c Release --project bench/Bottle.ProxyBench -- [requests=2000] [bulkMiB=256] [bulkRuns=3]
//   dotnet run -c Release --project bench/Bottle.ProxyBench -- idle-rss <bottle-sidecars>[,<bottle-sidecars>...] <runs> "" "K=V;K=V" ...
// Environment: PROXYBENCH_SIDECAR = the bottle-sidecars executable (default: the .dll next to this bench, run with
// dotnet); PROXYBENCH_SIDECAR_ENV = "K=V;K=V" added to its environment (GC knobs and the like).
if (args is ["idle-rss", var rssExecutable, var rssRuns, .. var variants])
{
    return await IdleRss.RunAsync(rssExecutable, int.Parse(rssRuns, CultureInfo.InvariantCulture), variants);
}

var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var bulkMiB = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 256;
var bulkRuns = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
const string Name = "api.test.local";

var dir = Directory.CreateTempSubdirectory("proxybench-").FullName;
await using var cleanup = new Cleanup(dir);

// Upstream: nginx with TLS (HTTP/1.1 and HTTP/2) and a certificate from a test CA of its own.
using var upstreamCa = CertificateAuthority.Create(Path.Combine(dir, "upstream-ca"), TimeProvider.System, "Bench Upstream CA");
var upstreamCaPem = Path.Combine(dir, "upstream-ca", CertificateAuthority.CertificateFileName);
using (var leaf = upstreamCa.IssueLeaf(Name, TimeProvider.System))
{
    File.WriteAllText(Path.Combine(dir, "leaf.pem"), leaf.ExportCertificatePem());
    File.WriteAllText(Path.Combine(dir, "leaf-key.pem"), leaf.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
}

var www = Directory.CreateDirectory(Path.Combine(dir, "www")).FullName;
await using (var bulk = File.Create(Path.Combine(www, "bulk.bin")))
{
    var block = new byte[1024 * 1024];
    new Random(42).NextBytes(block);
    for (var i = 0; i < bulkMiB; i++)
    {
        await bulk.WriteAsync(block);
    }
}

var nginxPort = FreePort();
var nginxPlainPort = FreePort();
File.WriteAllText(Path.Combine(dir, "nginx.conf"), $$"""
    user root;
    worker_processes 1;
    daemon off;
    pid {{dir}}/nginx.pid;
    error_log {{dir}}/nginx-error.log;
    events { worker_connections 256; }
    http {
      access_log off;
      sendfile on;
      client_body_temp_path {{dir}}/tmp; proxy_temp_path {{dir}}/tmp; fastcgi_temp_path {{dir}}/tmp; uwsgi_temp_path {{dir}}/tmp; scgi_temp_path {{dir}}/tmp;
      server {
        listen 127.0.0.1:{{nginxPort}} ssl http2;
        listen 127.0.0.1:{{nginxPlainPort}};
        ssl_certificate {{dir}}/leaf.pem;
        ssl_certificate_key {{dir}}/leaf-key.pem;
        keepalive_requests 100000;
        location = /small { return 200 "ok"; }
        location / { root {{www}}; }
      }
    }
    """);
Directory.CreateDirectory(Path.Combine(dir, "tmp"));
cleanup.Add(Start("nginx", "-c", Path.Combine(dir, "nginx.conf"), "-p", dir));
await WaitForPortAsync(nginxPort);
await WaitForPortAsync(nginxPlainPort);

// pipelock, in this process (the process's RSS is pipelock's plus this small harness).
using (CertificateAuthority.Create(Path.Combine(dir, "bottle"), TimeProvider.System))
{
}

var pipelockConfig = new PipelockConfig(
    new ListenEndpoint("127.0.0.1", 0),
    new ListenEndpoint("127.0.0.1", 0),
    "direct",
    [new EgressRule(HostPattern.Parse(Name), null, [443], [], [], null)],
    DlpSettings.Default,
    [],
    Path.Combine(dir, "bottle", CertificateAuthority.CertificateFileName),
    Path.Combine(dir, "bottle", CertificateAuthority.KeyFileName),
    Path.Combine(dir, "audit.jsonl"));
File.WriteAllText(Path.Combine(dir, "pipelock.yaml"), SidecarConfigJson.Serialize(pipelockConfig));
using var connector = new DirectUpstreamConnector(new DirectUpstreamOptions
{
    ExtraTrustedCa = upstreamCa.Certificate,
    HostOverrides = new Dictionary<string, IPEndPoint> { [Name] = new(IPAddress.Loopback, nginxPort) },
});
await using var pipelock = new PipelockServer(
    new PipelockOptions
    {
        ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
        ConfigPath = Path.Combine(dir, "pipelock.yaml"),
        CaCertificatePath = pipelockConfig.CaCertificatePath,
        CaKeyPath = pipelockConfig.CaKeyPath,
        AuditPath = Path.Combine(dir, "audit.jsonl"),
        AuditToStdout = false,
    },
    connector,
    PassThroughInspector.Instance,
    NullLoggerFactory.Instance);
await pipelock.StartAsync(CancellationToken.None);
GC.Collect();
var pipelockIdleRss = Rss(Environment.ProcessId);

// The real sidecar process, with its own config, as a bottle starts it; optionally a baseline build beside it.
var sidecarSpecs = new List<(string Name, string Executable, Dictionary<string, string> Environment)>
{
    ("pipelock-sidecar", Environment.GetEnvironmentVariable("PROXYBENCH_SIDECAR") ?? Path.Combine(AppContext.BaseDirectory, "bottle-sidecars.dll"), ParseEnvironment("PROXYBENCH_SIDECAR_ENV")),
};
if (Environment.GetEnvironmentVariable("PROXYBENCH_BASELINE_SIDECAR") is { Length: > 0 } baseline)
{
    sidecarSpecs.Insert(0, ("pipelock-sidecar-baseline", baseline, ParseEnvironment("PROXYBENCH_BASELINE_SIDECAR_ENV")));
}

var sidecars = new Dictionary<string, SidecarProcess>();
foreach (var (name, executable, environment) in sidecarSpecs)
{
    var config = pipelockConfig with
    {
        Proxy = new ListenEndpoint("127.0.0.1", FreePort()),
        Admin = new ListenEndpoint("127.0.0.1", FreePort()),
        Upstream = $"http://127.0.0.1:{nginxPlainPort}",
        AuditPath = Path.Combine(dir, $"{name}-audit.jsonl"),
    };
    File.WriteAllText(Path.Combine(dir, $"{name}.yaml"), SidecarConfigJson.Serialize(config));
    var process = await SidecarProcess.StartAsync(executable, Path.Combine(dir, $"{name}.yaml"), config.Proxy.Port, config.Admin.Port, environment);
    cleanup.Add(process);
    sidecars[name] = process;
}

// Idle = healthy and then left alone for 5 s (start-up garbage has had its chance to be collected).
await Task.Delay(TimeSpan.FromSeconds(5));
var sidecarIdleRss = sidecars.ToDictionary(s => s.Key, s => Rss(s.Value.Id));

// mitmdump doing the same interception, streaming bodies, sending every flow to the same nginx.
var mitmPort = FreePort();
var mitmDir = Directory.CreateDirectory(Path.Combine(dir, "mitm")).FullName;
File.WriteAllText(Path.Combine(dir, "redirect.py"), $"""
    class Redirect:
        def server_connect(self, data):
            data.server.address = ("127.0.0.1", {nginxPort})

    addons = [Redirect()]
    """);
var mitm = Start("mitmdump", "-q", "--listen-host", "127.0.0.1", "-p", mitmPort.ToString(CultureInfo.InvariantCulture),
    "--set", $"confdir={mitmDir}", "--set", "stream_large_bodies=1", "--set", $"ssl_verify_upstream_trusted_ca={upstreamCaPem}",
    "-s", Path.Combine(dir, "redirect.py"));
cleanup.Add(mitm);
await WaitForPortAsync(mitmPort);
var mitmIdleRss = Rss(mitm.Id);

Route[] routes =
[
    new("direct", $"https://{Name}:{nginxPort}", ["--resolve", $"{Name}:{nginxPort}:127.0.0.1", "--cacert", upstreamCaPem]),
    new("pipelock", $"https://{Name}", ["--proxy", $"http://127.0.0.1:{pipelock.EndPoint.Port}", "--cacert", Path.Combine(dir, "bottle", CertificateAuthority.CertificateFileName)]),
    .. sidecars.Select(s => new Route(s.Key, $"https://{Name}", ["--proxy", $"http://127.0.0.1:{s.Value.ProxyPort}", "--cacert", Path.Combine(dir, "bottle", CertificateAuthority.CertificateFileName)])),
    new("mitmdump", $"https://{Name}", ["--proxy", $"http://127.0.0.1:{mitmPort}", "--cacert", Path.Combine(mitmDir, "mitmproxy-ca-cert.pem")]),
];

var latency = new Dictionary<string, (double P50, double P99)>();
var perRequest = new Dictionary<string, (double CpuMicroseconds, double ContextSwitches)>();
foreach (var route in routes)
{
    // For the sidecar processes, also what each request costs them whatever the load: CPU time and context
    // switches (every wake-up of a thread is one; fewer hops between threads means fewer switches).
    var before = sidecars.TryGetValue(route.Name, out var measured) ? ProcessCost.Read(measured.Id) : default;
    latency[route.Name] = await Curl.LatencyAsync(route, dir, requests);
    if (measured is not null)
    {
        var after = ProcessCost.Read(measured.Id);
        var count = requests + Curl.Warmup;
        perRequest[route.Name] = ((after.CpuSeconds - before.CpuSeconds) * 1e6 / count, (double)(after.ContextSwitches - before.ContextSwitches) / count);
    }
}

var throughput = routes.ToDictionary(r => r.Name, _ => new List<double>());
for (var run = 0; run < bulkRuns; run++)
{
    foreach (var route in routes)
    {
        throughput[route.Name].Add(await Curl.BulkAsync(route, "/bulk.bin", (long)bulkMiB * 1024 * 1024));
    }
}

var pipelockLoadedRss = Rss(Environment.ProcessId);
var sidecarLoadedRss = sidecars.ToDictionary(s => s.Key, s => Rss(s.Value.Id));
var mitmLoadedRss = Rss(mitm.Id);

Console.WriteLine($"requests={requests} bulk={bulkMiB} MiB x {bulkRuns} runs, curl {Curl.Version()}, nginx upstream on loopback, {Environment.ProcessorCount} cores");
Console.WriteLine();
Console.WriteLine("| route | p50 ms | p99 ms | added p50 ms | added p99 ms | bulk MB/s (median) | bulk vs direct |");
Console.WriteLine("|---|---|---|---|---|---|---|");
var direct = latency["direct"];
var directBulk = Median(throughput["direct"]);
foreach (var route in routes)
{
    var (p50, p99) = latency[route.Name];
    var bulk = Median(throughput[route.Name]);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {route.Name} | {p50:F3} | {p99:F3} | {p50 - direct.P50:F3} | {p99 - direct.P99:F3} | {bulk / 1e6:F0} | {bulk / directBulk:F2}x |"));
}

Console.WriteLine();
foreach (var (name, cost) in perRequest)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: {cost.CpuMicroseconds:F0} µs CPU and {cost.ContextSwitches:F1} context switches per keep-alive request (whole process, latency phase)"));
}

var mAdded = latency["mitmdump"].P50 - direct.P50;
foreach (var name in sidecars.Keys.Prepend("pipelock"))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name} added p50 / mitmdump added p50 = {(latency[name].P50 - direct.P50) / mAdded:F3}; {name} bulk / mitmdump bulk = {Median(throughput[name]) / Median(throughput["mitmdump"]):F2}x"));
}

foreach (var (name, executable, environment) in sidecarSpecs)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"RSS MiB: {name} ({executable}; env: {(environment.Count == 0 ? "none" : string.Join(' ', environment.Select(kv => $"{kv.Key}={kv.Value}")))}) idle {sidecarIdleRss[name] / 1024.0:F1}, loaded {sidecarLoadedRss[name] / 1024.0:F1}"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"RSS MiB: bench process with in-process pipelock idle {pipelockIdleRss / 1024.0:F1}, loaded {pipelockLoadedRss / 1024.0:F1}; mitmdump idle {mitmIdleRss / 1024.0:F1}, loaded {mitmLoadedRss / 1024.0:F1}"));
Console.WriteLine($"pipelock status: {pipelock.GetStatus() with { DeniedByReason = new Dictionary<string, long>() }}");
return 0;

static Dictionary<string, string> ParseEnvironment(string variable) =>
    (Environment.GetEnvironmentVariable(variable) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static long Rss(int pid) => IdleRss.ReadRss(pid);

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static async Task WaitForPortAsync(int port)
{
    var deadline = Stopwatch.StartNew();
    while (true)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return;
        }
        catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }
    }
}

static Process Start(string file, params string[] arguments)
{
    var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = false };
    foreach (var a in arguments)
    {
        info.ArgumentList.Add(a);
    }

    return Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
}
