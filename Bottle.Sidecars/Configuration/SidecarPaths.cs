namespace Bottle.Sidecars.Configuration;

/// <summary>Fixed paths inside the sidecar and agent containers.</summary>
public static class SidecarPaths
{
    /// <summary>The bottle CA certificate (agent and pipelock).</summary>
    public const string CaCertificate = "/etc/bottle/ca.pem";

    /// <summary>The bottle CA private key (pipelock only, 0600).</summary>
    public const string CaKey = "/etc/bottle/ca-key.pem";

    /// <summary>An extra upstream CA egress trusts, when the manifest names one.</summary>
    public const string ExtraCa = "/etc/bottle/extra-ca.pem";

    /// <summary>Real credential values by name (egress only, 0600).</summary>
    public const string Credentials = "/run/bottle/credentials.json";

    /// <summary>The folder git-gate finds each remote's key or token in, one file per credential name (read-only).</summary>
    public const string GitCredentials = "/run/bottle/git";

    /// <summary>
    /// The folder git-gate finds local remotes in (<c>&lt;name&gt;.git</c>, each a read-write bind mount of a bare repository
    /// on the host). Only git-gate mounts them.
    /// </summary>
    public const string LocalRemotes = "/var/lib/bottle/remotes";

    /// <summary>Where every sidecar appends its audit events (JSON lines).</summary>
    public const string Audit = "/var/log/bottle/audit.jsonl";

    /// <summary>
    /// The folder git-gate writes the findings of refused pushes into (<c>findings.sarif</c>, <c>findings.json</c>).
    /// A folder, not a file mount: each write is a temp file renamed into place, and the sidecar's root is read-only.
    /// </summary>
    public const string FindingsDirectory = "/var/log/bottle/findings";

    /// <summary>Where git-gate writes the findings of refused pushes (SARIF).</summary>
    public const string Findings = FindingsDirectory + "/findings.sarif";

    /// <summary>
    /// The folder each sidecar's own config file (<c>&lt;role&gt;.yaml</c>) is in. The folder is the bind mount, not the
    /// file, so a config renamed into place on the host (an atomic apply) is what the sidecar reads on reload.
    /// </summary>
    public const string ConfigDirectory = "/etc/bottle/config";
}
