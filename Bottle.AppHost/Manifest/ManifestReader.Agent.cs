using System.Collections.Immutable;
using Bottle.AppHost.Manifest.Yaml;

namespace Bottle.AppHost.Manifest;

internal sealed partial class ManifestReader
{
    private readonly HashSet<string> agentEnvKeys = new(StringComparer.Ordinal);

    private AgentSpec? ReadAgent(ManifestFields root, IReadOnlyList<GitRemoteSpec> remotes)
    {
        if (!root.Has("agent"))
        {
            Missing(root, "agent");
            return null;
        }

        if (Fields(root, "agent", "image", "build", "command", "workdir", "env", "cpus", "memory", "workspace") is not { } fields)
        {
            return null;
        }

        var image = String(fields, "image");
        var build = ReadBuild(fields);
        if (image is null == (build is null && !fields.Has("build")))
        {
            Error(fields.Node, fields.Path, "the agent names exactly one of 'image' or 'build'");
        }

        var workdir = String(fields, "workdir") ?? AgentSpec.DefaultWorkdir;
        if (!workdir.StartsWith('/'))
        {
            Error(fields["workdir"]!, fields.Child("workdir"), $"'{workdir}' must be an absolute path inside the container");
        }

        var env = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (fields["env"] is { } envNode and not YamlTreeMapping)
        {
            Error(envNode, fields.Child("env"), $"expected a mapping of name to value, found {envNode.Kind}");
        }
        else if (fields["env"] is YamlTreeMapping envMapping)
        {
            // Keys are free-form here, so read the raw entries instead of a fixed key set.
            foreach (var (key, value) in envMapping.Entries)
            {
                var path = $"{fields.Child("env")}.{key.Value}";
                CheckAgentEnvName(key.Value, key, path);
                if (value is not YamlTreeScalar { IsNull: false } scalar)
                {
                    Error(value, path, $"expected a text value, found {value.Kind}");
                }
                else if (!env.TryAdd(key.Value, scalar.Value))
                {
                    Error(key, path, $"duplicate key '{key.Value}'");
                }
            }
        }

        agentEnvKeys.UnionWith(env.Keys);
        return new AgentSpec(
            image,
            build,
            ReadCommand(fields),
            workdir,
            env.ToImmutable(),
            Number(fields, "cpus", 0, 1024),
            Size(fields, "memory"),
            ReadWorkspace(fields, remotes));
    }

    private BuildSpec? ReadBuild(ManifestFields agent)
    {
        if (Fields(agent, "build", "context", "dockerfile") is not { } fields)
        {
            return null;
        }

        var context = String(fields, "context", required: true);
        var dockerfile = String(fields, "dockerfile") ?? "Dockerfile";
        return context is null ? null : new BuildSpec(ResolvePath(context), dockerfile);
    }

    private List<string> ReadCommand(ManifestFields agent)
    {
        var node = agent["command"];
        if (node is YamlTreeScalar scalar)
        {
            return scalar.Value.Length == 0 ? [] : ["sh", "-c", scalar.Value];
        }

        return (Strings(agent, "command") ?? []).Select(c => c.Value).ToList();
    }

    private WorkspaceSpec? ReadWorkspace(ManifestFields agent, IReadOnlyList<GitRemoteSpec> remotes)
    {
        if (Fields(agent, "workspace", "path", "mode", "remote") is not { } fields)
        {
            return null;
        }

        var mode = Enum<WorkspaceMode>(fields, "mode") ?? WorkspaceMode.Mount;
        var path = String(fields, "path");
        var remote = String(fields, "remote");
        if (mode == WorkspaceMode.Mount)
        {
            if (path is null)
            {
                Missing(fields, "path");
            }

            if (remote is not null)
            {
                Error(fields["remote"]!, fields.Child("remote"), "'remote' is for mode clone; mode mount mounts 'path'");
            }

            return path is null ? null : new WorkspaceSpec(mode, ResolvePath(path), null);
        }

        if (path is not null)
        {
            Error(fields["path"]!, fields.Child("path"), "'path' is for mode mount; mode clone clones a git remote through git-gate");
        }

        if (remotes.Count == 0)
        {
            Error(fields.Node, fields.Child("mode"), "mode clone needs a git remote: add one under git.remotes");
            return null;
        }

        if (remote is not null && !remotes.Any(r => r.Name == remote))
        {
            Error(fields["remote"]!, fields.Child("remote"), $"unknown remote '{remote}' (defined: {string.Join(", ", remotes.Select(r => r.Name))})");
            return null;
        }

        return new WorkspaceSpec(mode, null, remote ?? remotes[0].Name);
    }
}
