using System.Text;

namespace Bottle.Benchmarks.Dlp;

/// <summary>
/// Benchmark inputs, each <see cref="Size"/> chars. Clean text is this repository's own C# source (bin/obj
/// excluded, repeated); it is keyword-heavy (the DLP code itself says token, secret, key everywhere), so it is a
/// pessimistic stand-in for ordinary source, which the Python standard library represents. Secret-dense text has one fake token of a rotating kind per line.
/// </summary>
internal static class DlpCorpus
{
    public const int Size = 4 * 1024 * 1024;

    public static string CleanSource() => Concatenate(FindRepositoryRoot(), "*.cs", "/Unit/Dlp/");

    /// <summary>Debian's Python 3.11 standard library (tests excluded): real, ordinary source code.</summary>
    public static string PythonStdlib() => Concatenate("/usr/lib/python3.11", "*.py", "/test/");

    private static string Concatenate(string root, string pattern, string exclude)
    {
        var builder = new StringBuilder(Size + 64 * 1024);
        var files = Directory.EnumerateFiles(root, pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal)
                        && !f.Contains(exclude, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        while (builder.Length < Size)
        {
            foreach (var file in files)
            {
                builder.Append(File.ReadAllText(file));
                if (builder.Length >= Size)
                {
                    break;
                }
            }
        }

        return builder.ToString(0, Size);
    }

    public static string SecretDense()
    {
        string[] kinds =
        [
            "ghp_" + Cycle(36), "sk-ant-api03-" + Cycle(93) + "AA", "AKIA" + Cycle(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
            "xoxb-12345678901-123456789012-" + Cycle(24), "npm_" + Cycle(36), "glpat-" + Cycle(20), "sk_live_" + Cycle(24),
        ];
        var builder = new StringBuilder(Size + 256);
        for (var i = 0; builder.Length < Size; i++)
        {
            builder.Append("    config.Add(\"item").Append(i).Append("\", \"").Append(kinds[i % kinds.Length]).Append("\"); // rotated weekly\n");
        }

        return builder.ToString(0, Size);
    }

    private static string Cycle(int length, string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[((i * 7) + 1) % alphabet.Length];
        }

        return new string(chars);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bottle.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Bottle.slnx not found above {AppContext.BaseDirectory}: run from the repository");
    }
}
