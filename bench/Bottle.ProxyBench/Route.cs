namespace Bottle.ProxyBench;

/// <summary>One way to reach the upstream: a base URL and the curl arguments (proxy, trust, resolution) it needs.</summary>
internal sealed record Route(string Name, string BaseUrl, string[] CurlArguments);
