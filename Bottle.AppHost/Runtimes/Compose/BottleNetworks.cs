using Bottle.AppHost.Planning;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>Creates and removes a bottle's Docker networks; both idempotent.</summary>
public static class BottleNetworks
{
    /// <summary>
    /// Keeps the host off the internal networks: the bridge gets no IPv4 address, so the gateway address answers
    /// nobody and a host service bound to 0.0.0.0 cannot be reached through it (with an address it can, even on
    /// an <c>--internal</c> network).
    /// </summary>
    public const string InhibitHostAddress = "com.docker.network.bridge.inhibit_ipv4=true";

    /// <summary>Creates <paramref name="network"/> unless this bottle already has it; fails when another owner has the name.</summary>
    public static async Task CreateAsync(NetworkPlan network, IReadOnlyDictionary<string, string> labels, string stateDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(labels);
        List<string> args = ["network", "create", "--driver", "bridge", "--subnet", network.Subnet, "--gateway", network.Gateway];
        if (network.Internal)
        {
            args.AddRange(["--internal", "--opt", InhibitHostAddress]);
        }

        foreach (var (key, value) in labels.Append(new(BottleLabels.StateDirectory, stateDirectory)))
        {
            args.AddRange(["--label", $"{key}={value}"]);
        }

        args.Add(network.Name);
        var created = await DockerCli.RunAsync(args, cancellationToken);
        if (created.Succeeded)
        {
            return;
        }

        var owner = await DockerCli.RunAsync(
            ["network", "inspect", "--format", $"{{{{index .Labels \"{BottleLabels.Slug}\"}}}}", network.Name], cancellationToken);
        if (owner.Succeeded && labels.TryGetValue(BottleLabels.Slug, out var slug) && owner.StdOut.Trim() == slug)
        {
            return;
        }

        throw new InvalidOperationException(
            $"cannot create network '{network.Name}' ({network.Subnet}): {created.StdErr.Trim()}"
            + (created.StdErr.Contains("overlap", StringComparison.OrdinalIgnoreCase)
                ? " (another network uses this subnet: set network.salt in the manifest to move the bottle's subnets)"
                : string.Empty));
    }

    /// <summary>
    /// Removes the named networks in one call; a network that is already gone is not an error. (One call per
    /// network, side by side, was measured and is no faster: the engine removes networks one at a time, ~0.08 s each.)
    /// </summary>
    public static async Task RemoveAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return;
        }

        // The client goes on past a network it cannot remove, reports each on its own stderr line, then its own
        // "exit status 1" summary line.
        var removed = await DockerCli.RunAsync(["network", "rm", .. distinct], cancellationToken);
        var problems = removed.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !IsNotFound(line) && !line.StartsWith("exit status", StringComparison.Ordinal))
            .ToList();
        if (!removed.Succeeded && (problems.Count > 0 || removed.StdErr.Trim().Length == 0))
        {
            throw new InvalidOperationException($"cannot remove network(s) {string.Join(", ", distinct)}: {string.Join("; ", problems)}");
        }
    }

    /// <summary>The names of every network labelled with <paramref name="slug"/>.</summary>
    public static async Task<IReadOnlyList<string>> ListAsync(string slug, CancellationToken cancellationToken) =>
        (await DockerCli.RunAsync(["network", "ls", "--filter", BottleLabels.SlugFilter(slug), "--format", "{{.Name}}"], cancellationToken))
            .EnsureSuccess("docker network ls")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsNotFound(string line) =>
        line.Contains("not found", StringComparison.OrdinalIgnoreCase)
        || line.Contains("No such network", StringComparison.OrdinalIgnoreCase);
}
