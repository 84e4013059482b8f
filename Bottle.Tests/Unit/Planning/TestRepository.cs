namespace Bottle.Tests.Unit.Planning;

/// <summary>Finds the repository the tests were built from (the folder holding <c>Bottle.slnx</c>).</summary>
internal static class TestRepository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bottle.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Bottle.slnx above {AppContext.BaseDirectory}");
    });

    public static string Root => RootPath.Value;

    public static string Bottle(string name) => Path.Combine(Root, "bottles", $"{name}.yaml");
}
