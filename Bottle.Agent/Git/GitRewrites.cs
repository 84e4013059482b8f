using System.Globalization;
using Bottle.Agent.Processes;
using Bottle.Agent.Shim;

namespace Bottle.Agent.Git;

/// <summary>
/// The agent's git configuration, kept in the environment (<c>GIT_CONFIG_COUNT</c>, <c>GIT_CONFIG_KEY_i</c>,
/// <c>GIT_CONFIG_VALUE_i</c>, git &gt;= 2.31) rather than in <c>~/.gitconfig</c>, on purpose:
/// the plan already sets the <c>insteadOf</c> rewrites there, the values take precedence over every config file
/// (so a repository's own <c>.git/config</c> cannot point <c>origin</c> around git-gate), nothing is written
/// into a home directory that may be read-only or shared, and <c>git config --get-regexp insteadof</c> still
/// shows them. The shim checks the entries the plan passed (git itself dies on a missing key) and adds a
/// default commit identity when none is configured anywhere.
/// </summary>
public static class GitRewrites
{
    /// <summary>The identity commits get when neither config nor <c>GIT_AUTHOR_*</c>/<c>GIT_COMMITTER_*</c> name one.</summary>
    public const string DefaultUserName = "Bottle Agent";

    /// <summary>The default commit e-mail: <c>.invalid</c> so it can never be a real mailbox.</summary>
    public const string DefaultUserEmail = "agent@bottle.invalid";

    /// <summary>
    /// Validates the env-based git config of <paramref name="environment"/>, adds the default identity where
    /// needed, and returns the rewrites to git-gate.
    /// </summary>
    /// <param name="environment">The child's environment, updated in place.</param>
    /// <param name="workingDirectory">Where git looks for config: the workspace, so a mounted repository's own identity counts.</param>
    /// <param name="readConfigAsync">Reads <c>user.name</c>/<c>user.email</c> as git sees them with that environment in that directory (null when git is missing); <see cref="ReadIdentityAsync"/> in production.</param>
    /// <param name="cancellationToken">Cancels the git call.</param>
    /// <exception cref="ShimFailureException">A malformed <c>GIT_CONFIG_*</c> set, or a rewrite whose target is not an http(s) URL.</exception>
    public static async Task<IReadOnlyList<GitRewrite>> ApplyAsync(
        IDictionary<string, string> environment,
        string workingDirectory,
        Func<IDictionary<string, string>, string, CancellationToken, Task<IReadOnlyDictionary<string, string>?>> readConfigAsync,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrWhiteSpace(workingDirectory);
        ArgumentNullException.ThrowIfNull(readConfigAsync);
        var entries = ReadEntries(environment);
        var rewrites = entries
            .Where(e => e.Key.StartsWith("url.", StringComparison.OrdinalIgnoreCase) && e.Key.EndsWith(".insteadof", StringComparison.OrdinalIgnoreCase))
            .Select(e => new GitRewrite(ParseGitGateUrl(e.Key["url.".Length..^".insteadof".Length], e.Key), e.Value))
            .ToList();

        var configured = await readConfigAsync(environment, workingDirectory, cancellationToken);
        if (configured is not null)
        {
            AddDefault(environment, entries, configured, "user.name", DefaultUserName, "GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME");
            AddDefault(environment, entries, configured, "user.email", DefaultUserEmail, "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL");
        }

        return rewrites;
    }

    /// <summary>
    /// Asks git for the identity configured at any scope (system, global, the repository in <paramref name="workingDirectory"/>);
    /// null when git is not installed. The defaults go into the environment, which outranks every file, so they are
    /// added only where no file names an identity.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>?> ReadIdentityAsync(
        IDictionary<string, string> environment, string workingDirectory, CancellationToken cancellationToken)
    {
        var result = await CapturedProcess.RunAsync(
            "git", ["config", "--get-regexp", @"^user\.(name|email)$"], environment, cancellationToken, workingDirectory);
        if (result.ExitCode is not (0 or 1))
        {
            // -1: git is not there (nothing to configure); anything else: config files git cannot read.
            return result.ExitCode == -1 ? null : throw new ShimFailureException($"git cannot read its configuration: {result.StdErr.Trim()}");
        }

        return result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.OrdinalIgnoreCase);
    }

    private static List<KeyValuePair<string, string>> ReadEntries(IDictionary<string, string> environment)
    {
        if (!environment.TryGetValue("GIT_CONFIG_COUNT", out var countText) || countText.Length == 0)
        {
            return [];
        }

        if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new ShimFailureException($"GIT_CONFIG_COUNT='{countText}' is not a count of git config entries");
        }

        var entries = new List<KeyValuePair<string, string>>(count);
        for (var i = 0; i < count; i++)
        {
            if (!environment.TryGetValue($"GIT_CONFIG_KEY_{i}", out var key) || key.Length == 0)
            {
                throw new ShimFailureException($"GIT_CONFIG_COUNT is {count} but GIT_CONFIG_KEY_{i} is missing or empty");
            }

            if (!environment.TryGetValue($"GIT_CONFIG_VALUE_{i}", out var value))
            {
                throw new ShimFailureException($"GIT_CONFIG_COUNT is {count} but GIT_CONFIG_VALUE_{i} (for '{key}') is missing");
            }

            entries.Add(new(key, value));
        }

        return entries;
    }

    private static Uri ParseGitGateUrl(string text, string key) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.Host.Length > 0
            ? url
            : throw new ShimFailureException($"git rewrite '{key}' does not point at an http(s) URL; the bottle's git remote is git-gate's http URL");

    private static void AddDefault(
        IDictionary<string, string> environment,
        List<KeyValuePair<string, string>> entries,
        IReadOnlyDictionary<string, string> configured,
        string key,
        string value,
        params string[] overridingVariables)
    {
        if (configured.ContainsKey(key) || overridingVariables.All(v => environment.TryGetValue(v, out var set) && set.Length > 0))
        {
            return;
        }

        var index = entries.Count;
        entries.Add(new(key, value));
        environment[$"GIT_CONFIG_KEY_{index}"] = key;
        environment[$"GIT_CONFIG_VALUE_{index}"] = value;
        environment["GIT_CONFIG_COUNT"] = entries.Count.ToString(CultureInfo.InvariantCulture);
    }
}
