using Bottle.AppHost.Manifest.Yaml;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Policy;

namespace Bottle.AppHost.Manifest;

internal sealed partial class ManifestReader
{
    /// <summary>A credential named somewhere (an egress rule or a git remote), checked once all credentials are read.</summary>
    private sealed record CredentialReference(string Name, YamlTreeNode Node, string Path, HostPattern? RuleHost, bool RuleIsCidr);

    private readonly List<CredentialReference> credentialReferences = [];

    /// <summary>Reads the whole manifest; null when any error was found (see <see cref="Errors"/>).</summary>
    public BottleManifest? Read(YamlTreeNode root)
    {
        var fields = Fields(root, string.Empty, "name", "runtime", "instance", "network", "agent", "egress", "dlp", "git", "credentials");
        if (fields is null)
        {
            return null;
        }

        var name = String(fields, "name", required: true);
        if (name is not null && ManifestNames.CheckBottleName(name) is { } nameError)
        {
            Error(fields["name"]!, "name", nameError);
        }

        var runtime = Enum<BottleRuntime>(fields, "runtime") ?? BottleRuntime.Docker;
        var instance = String(fields, "instance") ?? BottleManifest.DefaultInstance;
        if (ManifestNames.CheckIdentifier(instance, ManifestNames.MaxNameLength) is { } instanceError)
        {
            Error(fields["instance"]!, "instance", instanceError);
        }

        var salt = 0;
        if (Fields(fields, "network", "salt") is { } network)
        {
            salt = Int(network, "salt", 0, int.MaxValue) ?? 0;
        }

        var gitRemotes = ReadGit(fields);
        var agent = ReadAgent(fields, gitRemotes);
        CheckLocalRemotes(agent);
        var egress = ReadEgress(fields);
        var dlp = ReadDlp(fields);
        var credentials = ReadCredentials(fields);
        CheckCredentialReferences(credentials);

        return errors.Count == 0 && name is not null && agent is not null
            ? new BottleManifest(name, runtime, instance, salt, agent, egress, dlp, gitRemotes, credentials, manifestPath)
            : null;
    }

    private void CheckCredentialReferences(IReadOnlyList<CredentialSpec> credentials)
    {
        var byName = credentials.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var reference in credentialReferences)
        {
            if (!byName.TryGetValue(reference.Name, out var credential))
            {
                var known = byName.Count == 0 ? "none are defined" : $"defined: {string.Join(", ", byName.Keys)}";
                Error(reference.Node, reference.Path, $"unknown credential '{reference.Name}' ({known} under 'credentials')");
            }
            else if (reference.RuleIsCidr)
            {
                Error(reference.Node, reference.Path, "a credential goes only to named hosts; a rule by 'cidr' cannot carry one");
            }
            else if (reference.RuleHost is { } host && !credential.Hosts.Any(h => Covers(h, host)))
            {
                Error(reference.Node, reference.Path,
                    $"credential '{reference.Name}' may not go to '{host}' (its hosts: {string.Join(", ", credential.Hosts)})");
            }
        }
    }

    /// <summary>True when every name <paramref name="rule"/> matches is also matched by <paramref name="allowed"/>.</summary>
    private static bool Covers(HostPattern allowed, HostPattern rule) =>
        rule.IsWildcard
            ? allowed.IsWildcard && rule.Value[1..].EndsWith(allowed.Value[1..], StringComparison.Ordinal)
            : allowed.Matches(rule.Value);

    private DlpSettings ReadDlp(ManifestFields root)
    {
        if (Fields(root, "dlp", "mode", "maxBodyBytes", "exemptHosts", "inlineIgnore", "patterns") is not { } fields)
        {
            return DlpSettings.Default;
        }

        var exempt = new List<HostPattern>();
        foreach (var (value, node, path) in Strings(fields, "exemptHosts") ?? [])
        {
            if (HostPattern.TryParse(value, out var pattern, out var error))
            {
                exempt.Add(pattern);
            }
            else
            {
                Error(node, path, error);
            }
        }

        return new DlpSettings(
            Enum<DlpMode>(fields, "mode") ?? DlpMode.Block,
            Size(fields, "maxBodyBytes") ?? DlpSettings.DefaultMaxBodyBytes,
            exempt,
            Bool(fields, "inlineIgnore") ?? false,
            ReadDlpPatterns(fields));
    }
}
