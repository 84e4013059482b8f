using System.Collections.Immutable;
using Bottle.Sidecars.Configuration;

namespace Bottle.AppHost.Planning;

/// <summary>
/// The agent's environment: proxy variables pointing at pipelock, the bottle CA for every common TLS stack,
/// git remote rewrites to git-gate and remotes by name (env-based git config), the manifest's own variables, and
/// credential placeholders.
/// </summary>
public static class AgentEnvironment
{
    private static readonly string[] ProxyNames = ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"];
    private static readonly string[] NoProxyNames = ["NO_PROXY", "no_proxy"];
    private static readonly string[] CaNames = ["NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "GIT_SSL_CAINFO"];

    /// <summary>True for names bottle sets itself, which a manifest may not set or reuse.</summary>
    public static bool IsReserved(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ProxyNames.Contains(name) || NoProxyNames.Contains(name) || CaNames.Contains(name) || name == "GIT_CONFIG_COUNT"
            || name.StartsWith("GIT_CONFIG_KEY_", StringComparison.Ordinal) || name.StartsWith("GIT_CONFIG_VALUE_", StringComparison.Ordinal);
    }

    /// <summary>Builds the environment, sorted by name.</summary>
    /// <param name="pipelockAddress">pipelock's address on the agent network.</param>
    /// <param name="gitGateAddress">git-gate's address on the agent network.</param>
    /// <param name="gitRewrites">Real remote URL by git-gate URL, in remote order.</param>
    /// <param name="manifestEnv">The manifest's <c>agent.env</c>.</param>
    /// <param name="placeholders">Placeholder by agent variable name.</param>
    /// <param name="gitRemotes">
    /// git-gate URL by remote name, for remotes the agent reaches by name (local bare repositories): each becomes
    /// <c>remote.&lt;name&gt;.url</c> and a fetch refspec, so <c>git push &lt;name&gt;</c> works in any repository without
    /// touching its own config.
    /// </param>
    public static ImmutableSortedDictionary<string, string> Build(
        string pipelockAddress,
        string gitGateAddress,
        IReadOnlyList<KeyValuePair<string, string>> gitRewrites,
        IReadOnlyDictionary<string, string> manifestEnv,
        IReadOnlyDictionary<string, string> placeholders,
        IReadOnlyList<KeyValuePair<string, string>>? gitRemotes = null)
    {
        ArgumentNullException.ThrowIfNull(gitRewrites);
        ArgumentNullException.ThrowIfNull(manifestEnv);
        ArgumentNullException.ThrowIfNull(placeholders);
        var env = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var proxy = $"http://{pipelockAddress}:{SidecarPorts.PipelockProxy}";
        foreach (var name in ProxyNames)
        {
            env[name] = proxy;
        }

        foreach (var name in NoProxyNames)
        {
            env[name] = $"{gitGateAddress},localhost,127.0.0.1";
        }

        foreach (var name in CaNames)
        {
            env[name] = SidecarPaths.CaCertificate;
        }

        var gitConfig = gitRewrites.Select(r => new KeyValuePair<string, string>($"url.{r.Key}.insteadOf", r.Value)).ToList();
        foreach (var (name, url) in gitRemotes ?? [])
        {
            gitConfig.Add(new($"remote.{name}.url", url));
            gitConfig.Add(new($"remote.{name}.fetch", $"+refs/heads/*:refs/remotes/{name}/*"));
        }

        env["GIT_CONFIG_COUNT"] = gitConfig.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < gitConfig.Count; i++)
        {
            env[$"GIT_CONFIG_KEY_{i}"] = gitConfig[i].Key;
            env[$"GIT_CONFIG_VALUE_{i}"] = gitConfig[i].Value;
        }

        // The manifest loader refuses reserved and duplicate names, so nothing above is overwritten here.
        env.AddRange(manifestEnv);
        env.AddRange(placeholders);
        return env.ToImmutable();
    }
}
