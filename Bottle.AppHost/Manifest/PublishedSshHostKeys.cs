namespace Bottle.AppHost.Manifest;

/// <summary>
/// Host keys a git host publishes, used when a manifest's ssh remote names that host and pins no keys itself.
/// Only hosts whose keys we can state exactly are here; any other ssh host needs <c>hostKeys</c> in the manifest.
/// </summary>
public static class PublishedSshHostKeys
{
    /// <summary>
    /// github.com's ed25519 and ECDSA host keys, as GitHub publishes them (docs "GitHub's SSH key fingerprints" and
    /// <c>https://api.github.com/meta</c> <c>ssh_keys</c>; SHA256 fingerprints +DiY3wvvV6TuJJhbpZisF/zLDA0zPMSvHdkr4UvCOqU
    /// and p2QAMXNIC1TJYWeIOttrVc98/R1BUFWu3/LiyKgUfQM). Its RSA key is left out: ssh negotiates one of these.
    /// </summary>
    public static IReadOnlyList<string> GitHub { get; } =
    [
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
        "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=",
    ];

    /// <summary>The published keys of <paramref name="host"/>, or an empty list when we know none.</summary>
    public static IReadOnlyList<string> For(string host) =>
        string.Equals(host, "github.com", StringComparison.OrdinalIgnoreCase) ? GitHub : [];
}
