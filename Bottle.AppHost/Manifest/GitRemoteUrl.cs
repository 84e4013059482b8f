using System.Diagnostics.CodeAnalysis;
using Bottle.Sidecars.Policy;

namespace Bottle.AppHost.Manifest;

/// <summary>
/// A real git remote URL: scp-like ssh (<c>git@github.com:acme/app.git</c>), <c>ssh://[user@]host[:port]/path</c>,
/// <c>https://host[:port]/path</c>, or a local bare repository on this machine (<see cref="Local"/>). Plain http,
/// file:// and git:// remotes are refused: the push would leave unprotected.
/// </summary>
/// <param name="Text">The URL as written; for a local repository its host path (absolute, or <c>~/...</c>).</param>
/// <param name="Scheme"><c>ssh</c>, <c>https</c>, or <see cref="LocalScheme"/>.</param>
/// <param name="Host">The host name (never an IP literal: egress allows git-gate by name); empty for a local repository.</param>
/// <param name="Port">The port (default 22 for ssh, 443 for https); 0 for a local repository.</param>
public sealed record GitRemoteUrl(string Text, string Scheme, string Host, int Port)
{
    /// <summary>The scheme of a local bare repository: git-gate reaches it through a bind mount, not through egress.</summary>
    public const string LocalScheme = "file";

    /// <summary>True for a local bare repository (git-gate mounts it; no egress rule).</summary>
    public bool IsLocal => Scheme == LocalScheme;

    /// <summary>
    /// True when <paramref name="text"/> is written as a local path: <c>/abs</c>, <c>~/x</c>, <c>./x</c>, <c>../x</c>, <c>.</c> or <c>..</c>.
    /// Only these forms: a bare <c>name</c> would turn a mistyped host (<c>github.com/acme/app</c>) into a folder.
    /// </summary>
    public static bool IsLocalPath(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text is "." or ".." || text.StartsWith('/') || text.StartsWith("~/", StringComparison.Ordinal)
            || text.StartsWith("./", StringComparison.Ordinal) || text.StartsWith("../", StringComparison.Ordinal);
    }

    /// <summary>A local bare repository at <paramref name="hostPath"/> (absolute, or <c>~/...</c> expanded at launch).</summary>
    public static GitRemoteUrl Local(string hostPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostPath);
        return new GitRemoteUrl(hostPath, LocalScheme, string.Empty, 0);
    }

    /// <summary>Parses a remote URL, or says why it is not one bottle accepts.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out GitRemoteUrl? url, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        url = null;
        string scheme;
        string host;
        int port;
        if (text.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.AbsolutePath.Length <= 1)
            {
                error = $"'{text}' is not a valid URL with a repository path";
                return false;
            }

            scheme = uri.Scheme;
            host = uri.Host;
            port = uri.IsDefaultPort || uri.Port < 0 ? (scheme == "ssh" ? 22 : 443) : uri.Port;
        }
        else if (!text.Contains("://", StringComparison.Ordinal) && text.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon
            && colon < text.Length - 1)
        {
            // scp-like syntax: [user@]host:path
            scheme = "ssh";
            var authority = text[..colon];
            host = authority[(authority.LastIndexOf('@') + 1)..];
            port = 22;
        }
        else
        {
            error = $"'{text}' is not a remote bottle can push to: use git@host:path, ssh://host/path, https://host/path, "
                + "or a local bare repository as a path (/abs/repo.git, ~/repo.git, ../repo.git)";
            return false;
        }

        if (!HostPattern.TryParse(host, out var pattern, out var hostError) || pattern.IsWildcard)
        {
            error = $"'{text}' does not name a usable host: {hostError ?? "a wildcard is not a host"}";
            return false;
        }

        url = new GitRemoteUrl(text, scheme, pattern.Value, port);
        error = null;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
