namespace Bottle.AppHost.Manifest;

internal sealed partial class ManifestReader
{
    /// <summary>Local bare-repository remotes, checked against the workspace once the agent is read.</summary>
    private readonly List<(string Path, Yaml.YamlTreeNode Node, string YamlPath)> localRemotes = [];

    private List<GitRemoteSpec> ReadGit(ManifestFields root)
    {
        var remotes = new List<GitRemoteSpec>();
        if (Fields(root, "git", "remotes") is not { } git)
        {
            return remotes;
        }

        var names = new List<(string, Yaml.YamlTreeNode, string)>();
        foreach (var (node, path) in List(git, "remotes") ?? [])
        {
            if (Fields(node, path, "name", "url", "push", "forcePush", "deleteRefs", "tags", "credential", "allowFingerprints", "hostKeys") is not { } fields)
            {
                continue;
            }

            var name = String(fields, "name", required: true);
            if (name is not null)
            {
                names.Add((name, fields["name"]!, fields.Child("name")));
                if (ManifestNames.CheckIdentifier(name) is { } nameError)
                {
                    Error(fields["name"]!, fields.Child("name"), nameError);
                }
            }

            GitRemoteUrl? url = null;
            if (String(fields, "url", required: true) is { } urlText)
            {
                if (GitRemoteUrl.IsLocalPath(urlText))
                {
                    url = GitRemoteUrl.Local(ResolvePath(urlText));
                    localRemotes.Add((url.Text, fields["url"]!, fields.Child("url")));
                }
                else if (!GitRemoteUrl.TryParse(urlText, out url, out var urlError))
                {
                    Error(fields["url"]!, fields.Child("url"), urlError);
                }
            }

            var push = new List<string>();
            foreach (var (value, node2, path2) in Strings(fields, "push") ?? [])
            {
                if (value.StartsWith("refs/", StringComparison.Ordinal) && !value.Contains("..", StringComparison.Ordinal) && !value.Any(char.IsWhiteSpace))
                {
                    push.Add(value);
                }
                else
                {
                    Error(node2, path2, $"'{value}' is not a ref pattern: it starts with 'refs/' (e.g. refs/heads/bottle/*)");
                }
            }

            var credential = String(fields, "credential");
            if (credential is not null)
            {
                credentialReferences.Add(new(credential, fields["credential"]!, fields.Child("credential"), null, false));
            }

            var fingerprints = (Strings(fields, "allowFingerprints") ?? []).Select(f => f.Value).ToList();
            var hostKeys = ReadHostKeys(fields, url);
            var forcePush = Bool(fields, "forcePush") ?? false;
            var deleteRefs = Bool(fields, "deleteRefs") ?? false;
            var tags = Bool(fields, "tags") ?? false;
            if (name is not null && url is not null)
            {
                remotes.Add(new GitRemoteSpec(name, url, push.Count == 0 ? GitRemoteSpec.DefaultPush : push, forcePush, deleteRefs, tags, credential, fingerprints, hostKeys));
            }
        }

        RejectDuplicates(names, "remote name", StringComparer.Ordinal);
        return remotes;
    }

    /// <summary>
    /// The host keys git-gate pins for an ssh remote: the manifest's <c>hostKeys</c>, else the host's published keys;
    /// an ssh remote with neither is an error (git-gate would have nothing to check the server against).
    /// </summary>
    private List<string> ReadHostKeys(ManifestFields fields, GitRemoteUrl? url)
    {
        var keys = new List<string>();
        var written = Strings(fields, "hostKeys");
        foreach (var (value, node, path) in written ?? [])
        {
            if (SshHostKey.TryParse(value, out var key, out var keyError))
            {
                keys.Add(key);
            }
            else
            {
                Error(node, path, keyError);
            }
        }

        if (url is null)
        {
            return keys;
        }

        if (url.Scheme != "ssh")
        {
            if (written is { Count: > 0 })
            {
                Error(fields["hostKeys"]!, fields.Child("hostKeys"), $"host keys are for ssh remotes; '{url.Text}' is {url.Scheme} (its server is checked by TLS)");
            }

            return keys;
        }

        if (written is null or { Count: 0 })
        {
            keys.AddRange(PublishedSshHostKeys.For(url.Host));
            if (keys.Count == 0)
            {
                Error(fields["url"]!, fields.Child("hostKeys"),
                    $"ssh remote '{url.Text}' needs hostKeys: the host keys of {url.Host} as '<type> <base64>' lines (e.g. from 'ssh-keyscan -p {url.Port} {url.Host}', checked against what the host publishes); git-gate accepts no other key");
            }
        }

        return keys;
    }

    /// <summary>
    /// A local remote the agent can reach through its mounted workspace would let it write commits (or hooks) there
    /// directly, past git-gate's scan: refuse one inside the workspace, and a workspace inside one.
    /// </summary>
    private void CheckLocalRemotes(AgentSpec? agent)
    {
        if (agent?.Workspace is not { Mode: WorkspaceMode.Mount, Path: { } workspace })
        {
            return;
        }

        foreach (var (path, node, yamlPath) in localRemotes)
        {
            if (HostPaths.IsSameOrInside(path, workspace))
            {
                Error(node, yamlPath,
                    $"'{path}' is inside the agent's mounted workspace '{workspace}' (agent.workspace.path): the agent could write to it "
                    + "directly, bypassing git-gate; keep the bare repository outside it (e.g. ~/.local/share/bottle/remotes/<name>.git)");
            }
            else if (HostPaths.IsSameOrInside(workspace, path))
            {
                Error(node, yamlPath,
                    $"the agent's mounted workspace '{workspace}' (agent.workspace.path) is inside '{path}': the agent could write to the "
                    + "repository directly, bypassing git-gate");
            }
        }
    }
}
