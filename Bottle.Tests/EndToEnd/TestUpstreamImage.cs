using System.Security.Cryptography;
using System.Text;
using Bottle.Tests.Integration.Infrastructure;

namespace Bottle.Tests.EndToEnd;

/// <summary>
/// The server a <see cref="TestHttpsUpstream"/> runs: a Dockerfile from <c>debian:bookworm-slim</c> (Debian packages
/// only) and the files it copies. The server must serve HTTPS on :443 with <c>/certs/server.pem</c> and
/// <c>/certs/server.key</c>; it may write what it saw into <c>/records</c>. The tag is a hash of the content, so a
/// changed server is rebuilt and parallel worktrees never overwrite each other's image.
/// </summary>
internal sealed class TestUpstreamImage
{
    private readonly string dockerfile;
    private readonly IReadOnlyDictionary<string, string> files;

    /// <param name="repository">The image's repository (the tag is the content hash).</param>
    /// <param name="dockerfile">The Dockerfile's text.</param>
    /// <param name="files">Files of the build context, by name, as text.</param>
    public TestUpstreamImage(string repository, string dockerfile, IReadOnlyDictionary<string, string> files)
    {
        this.dockerfile = dockerfile;
        this.files = files;
        var content = new StringBuilder(dockerfile);
        foreach (var (name, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            content.Append('\0').Append(name).Append('\0').Append(text);
        }

        Tag = $"{repository}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString())))[..12]}";
    }

    /// <summary><c>openssl s_server -www</c>: answers every request with a page naming s_server and the TLS session.</summary>
    public static TestUpstreamImage OpenSslWww { get; } = new("bottle-test-https", """
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y --no-install-recommends openssl && rm -rf /var/lib/apt/lists/*
        ENTRYPOINT ["openssl", "s_server", "-accept", "443", "-www", "-cert", "/certs/server.pem", "-key", "/certs/server.key"]
        """, new Dictionary<string, string>());

    public string Tag { get; }

    /// <summary>Builds the image unless a build of this exact content exists; <paramref name="scratch"/> receives the context.</summary>
    public async Task EnsureBuiltAsync(string scratch)
    {
        if ((await DockerCommand.RunAsync("image", "inspect", Tag)).ExitCode == 0)
        {
            return;
        }

        var context = Directory.CreateDirectory(scratch).FullName;
        await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), dockerfile);
        foreach (var (name, text) in files)
        {
            await File.WriteAllTextAsync(Path.Combine(context, name), text);
        }

        (await DockerCommand.RunAsync("build", "-t", Tag, context)).EnsureSuccess($"docker build {Tag}");
    }
}
