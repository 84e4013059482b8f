using System.Text.RegularExpressions;

namespace Bottle.Sidecars.GitGate;

/// <summary>Checks git-gate options before anything starts, with messages that name the setting that is wrong.</summary>
public static partial class GitGateOptionsValidator
{
    /// <summary>Every problem with <paramref name="options"/>; empty when they are valid.</summary>
    public static IReadOnlyList<string> Validate(GitGateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.StateDirectory))
        {
            errors.Add("git-gate: stateDirectory is empty");
        }

        if (options.MaxDiffBytes <= 0)
        {
            errors.Add($"git-gate: maxDiffBytes must be positive (got {options.MaxDiffBytes})");
        }

        foreach (var (remote, i) in options.Remotes.Select((r, i) => (r, i)))
        {
            var where = $"git-gate remotes[{i}]";
            if (!RemoteName().IsMatch(remote.Name ?? string.Empty))
            {
                errors.Add($"{where}: name '{remote.Name}' must be 1-64 letters, digits, '-', '_' or '.', starting with a letter or digit");
            }

            if (string.IsNullOrWhiteSpace(remote.Url))
            {
                errors.Add($"{where} ('{remote.Name}'): url is empty");
            }

            foreach (var pattern in remote.PushRefPatterns)
            {
                if (!pattern.StartsWith("refs/", StringComparison.Ordinal))
                {
                    errors.Add($"{where} ('{remote.Name}'): push ref pattern '{pattern}' must start with 'refs/' (e.g. 'refs/heads/bottle/*')");
                }
            }
        }

        foreach (var duplicate in options.Remotes.GroupBy(r => r.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"git-gate: remote name '{duplicate.Key}' is used {duplicate.Count()} times");
        }

        return errors;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every problem, if there is any.</summary>
    public static void ThrowIfInvalid(GitGateOptions options)
    {
        var errors = Validate(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex RemoteName();
}
