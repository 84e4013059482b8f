using System.Security.Cryptography;
using System.Text;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// The content hash of a build context: SHA-256 over one line per entry, sorted by ordinal relative path,
/// <c>"f {mode} {sha256} {path}"</c> for files, <c>"l {target} {path}"</c> for symlinks and <c>"d {mode} {path}"</c>
/// for directories. Modes count because <c>COPY</c> keeps them; timestamps do not, so a re-publish of the
/// same sources (deterministic builds) hashes the same and the image is reused.
/// </summary>
public static class ImageBuilderContentHash
{
    /// <summary>The image label that carries the hash.</summary>
    public const string LabelName = "io.bottle.content-hash";

    /// <summary>Hashes every entry under <paramref name="contextDirectory"/>; returns <c>sha256:&lt;hex&gt;</c>.</summary>
    public static async Task<string> ComputeAsync(string contextDirectory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contextDirectory);
        var root = new DirectoryInfo(contextDirectory);
        if (!root.Exists)
        {
            throw new DirectoryNotFoundException($"build context '{contextDirectory}' does not exist");
        }

        var entries = root.EnumerateFileSystemInfos("*", new EnumerationOptions
            {
                RecurseSubdirectories = true,
                AttributesToSkip = 0,
                IgnoreInaccessible = false,
            })
            .Select(entry => (Path: Path.GetRelativePath(root.FullName, entry.FullName).Replace('\\', '/'), Entry: entry))
            .OrderBy(e => e.Path, StringComparer.Ordinal);

        using var manifest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, entry) in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = entry switch
            {
                { LinkTarget: { } target } => $"l {target} {path}\n",
                DirectoryInfo directory => $"d {Mode(directory)} {path}\n",
                FileInfo file => $"f {Mode(file)} {await HashFileAsync(file, cancellationToken)} {path}\n",
                _ => throw new InvalidOperationException($"unexpected entry '{path}' in build context '{contextDirectory}'"),
            };
            manifest.AppendData(Encoding.UTF8.GetBytes(line));
        }

        return "sha256:" + Convert.ToHexStringLower(manifest.GetHashAndReset());
    }

    private static string Mode(FileSystemInfo entry) =>
        OperatingSystem.IsWindows() ? "0" : Convert.ToString((int)entry.UnixFileMode, 8);

    private static async Task<string> HashFileAsync(FileInfo file, CancellationToken cancellationToken)
    {
        await using var stream = file.OpenRead();
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
