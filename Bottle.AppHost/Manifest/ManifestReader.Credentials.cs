using Bottle.AppHost.Planning;
using Bottle.Sidecars.Policy;

namespace Bottle.AppHost.Manifest;

internal sealed partial class ManifestReader
{
    private static readonly string[] SourceKinds = ["env", "file", "command"];

    private List<CredentialSpec> ReadCredentials(ManifestFields root)
    {
        var credentials = new List<CredentialSpec>();
        var node = root["credentials"];
        if (node is null)
        {
            return credentials;
        }

        if (node is not Yaml.YamlTreeMapping mapping)
        {
            Error(node, "credentials", $"expected a mapping of name to credential, found {node.Kind}");
            return credentials;
        }

        var agentEnvs = new List<(string, Yaml.YamlTreeNode, string)>();
        var names = mapping.Entries.Select(e => (e.Key.Value, (Yaml.YamlTreeNode)e.Key, $"credentials.{e.Key.Value}")).ToList();
        RejectDuplicates(names, "credential", StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Entries)
        {
            var path = $"credentials.{key.Value}";
            if (ManifestNames.CheckIdentifier(key.Value) is { } nameError)
            {
                Error(key, path, nameError);
            }

            if (Fields(value, path, "source", "header", "format", "hosts", "agentEnv") is not { } fields)
            {
                continue;
            }

            var source = ReadCredentialSource(fields);
            var header = String(fields, "header");
            if (header is not null && ManifestNames.CheckHeaderName(header) is { } headerError)
            {
                Error(fields["header"]!, fields.Child("header"), headerError);
            }

            var format = String(fields, "format") ?? "{value}";
            if (!format.Contains("{value}", StringComparison.Ordinal) || format.Any(char.IsControl))
            {
                Error(fields["format"]!, fields.Child("format"), $"'{format}' must hold '{{value}}' and no control characters (e.g. 'Bearer {{value}}')");
            }

            var hosts = new List<HostPattern>();
            var hostItems = Strings(fields, "hosts");
            if (hostItems is null or { Count: 0 })
            {
                Error(fields["hosts"] ?? fields.Node, fields.Child("hosts"), "a credential names the hosts it may go to (a non-empty list)");
            }

            foreach (var (text, hostNode, hostPath) in hostItems ?? [])
            {
                if (HostPattern.TryParse(text, out var pattern, out var error))
                {
                    hosts.Add(pattern);
                }
                else
                {
                    Error(hostNode, hostPath, error);
                }
            }

            var agentEnv = String(fields, "agentEnv");
            if (agentEnv is not null)
            {
                agentEnvs.Add((agentEnv, fields["agentEnv"]!, fields.Child("agentEnv")));
                CheckAgentEnvName(agentEnv, fields["agentEnv"]!, fields.Child("agentEnv"));
            }

            if (source is not null)
            {
                credentials.Add(new CredentialSpec(key.Value, source, header, format, hosts, agentEnv));
            }
        }

        RejectDuplicates(agentEnvs, "agentEnv", StringComparer.Ordinal);
        foreach (var (env, envNode, envPath) in agentEnvs.Where(e => agentEnvKeys.Contains(e.Item1)))
        {
            Error(envNode, envPath, $"'{env}' is also set in agent.env; a placeholder variable must be the only source of its value");
        }

        return [.. credentials.OrderBy(c => c.Name, StringComparer.Ordinal)];
    }

    private CredentialSource? ReadCredentialSource(ManifestFields credential)
    {
        if (Fields(credential, "source", "env", "file", "command") is not { } fields)
        {
            if (!credential.Has("source"))
            {
                Missing(credential, "source");
            }

            return null;
        }

        var given = SourceKinds.Where(fields.Has).ToList();
        if (given.Count != 1)
        {
            Error(fields.Node, fields.Path, $"a source names exactly one of env, file or command (found {(given.Count == 0 ? "none" : string.Join(", ", given))})");
            return null;
        }

        var value = String(fields, given[0]);
        if (value is null)
        {
            return null;
        }

        switch (given[0])
        {
            case "env":
                if (ManifestNames.CheckEnvName(value) is { } envError)
                {
                    Error(fields["env"]!, fields.Child("env"), envError);
                }

                return new CredentialSource(CredentialSourceKind.Env, value);
            case "file":
                return new CredentialSource(CredentialSourceKind.File, ResolvePath(value));
            default:
                return new CredentialSource(CredentialSourceKind.Command, value);
        }
    }

    /// <summary>Names the agent may set itself: valid, and not one bottle sets (proxy, CA, git rewrites).</summary>
    private void CheckAgentEnvName(string name, Yaml.YamlTreeNode node, string path)
    {
        if (ManifestNames.CheckEnvName(name) is { } error)
        {
            Error(node, path, error);
        }
        else if (AgentEnvironment.IsReserved(name))
        {
            Error(node, path, $"'{name}' is set by bottle itself (proxy, CA and git settings) and cannot be overridden");
        }
    }
}
