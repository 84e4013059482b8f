namespace Bottle.Agent.Trust;

/// <summary>Where <see cref="CaTrust"/> finds and puts certificates; the defaults are Debian's paths.</summary>
/// <param name="CaFile">The bottle CA certificate (PEM).</param>
/// <param name="UserBundle">Where a non-root user's combined bundle (system bundle + bottle CA) is written.</param>
public sealed record CaTrustOptions(string CaFile, string UserBundle)
{
    /// <summary>The system bundle that <c>update-ca-certificates</c> writes and OpenSSL reads by default.</summary>
    public string SystemBundle { get; init; } = "/etc/ssl/certs/ca-certificates.crt";

    /// <summary>Where a local CA is dropped for <c>update-ca-certificates</c> to pick up (must end in <c>.crt</c>).</summary>
    public string AnchorFile { get; init; } = "/usr/local/share/ca-certificates/bottle-ca.crt";

    /// <summary>The command that rebuilds <see cref="SystemBundle"/> from the anchors.</summary>
    public string UpdateCommand { get; init; } = "update-ca-certificates";

    /// <summary>True when the shim may write the system store (runs as root).</summary>
    public bool CanWriteSystemStore { get; init; } = Environment.IsPrivilegedProcess;

    /// <summary>The user bundle for a home directory: <c>$HOME/.bottle/ca-bundle.pem</c>.</summary>
    public static string UserBundleIn(string home) => Path.Combine(home, ".bottle", "ca-bundle.pem");
}
