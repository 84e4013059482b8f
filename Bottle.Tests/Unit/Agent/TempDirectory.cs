using System.Runtime.Versioning;

namespace Bottle.Tests.Unit.Agent;

/// <summary>A temporary folder removed on dispose.</summary>
[UnsupportedOSPlatform("windows")]
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("bottle-test-").FullName;

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
