using Bottle.Agent.Workspace;

namespace Bottle.Agent.Shim;

/// <summary>
/// Parses <c>bottle-agent [options] -- command [args...]</c>. Every option has a <c>BOTTLE_*</c> variable so the
/// Compose runtime can set them once in the agent's environment and <c>docker exec</c> only the command;
/// an option given on the command line wins over its variable.
/// </summary>
public static class ShimCommandLine
{
    /// <summary>The default place the bottle mounts its CA certificate.</summary>
    public const string DefaultCaFile = "/etc/bottle/ca.pem";

    /// <summary>The usage text printed with <c>--help</c> and after a usage error.</summary>
    public const string Usage = """
        usage: bottle-agent [options] -- command [args...]

        Prepares the bottle for the command (trust the bottle CA, proxy variables, git rewrites to git-gate,
        the workspace), then runs it, passing signals on and returning its exit code.

        options (each also read from the variable in brackets):
          --ca FILE             the bottle CA certificate                  [BOTTLE_CA_FILE] (/etc/bottle/ca.pem)
          --proxy URL           fills HTTP(S)_PROXY where they are unset   [BOTTLE_PROXY]
          --no-proxy LIST       extra NO_PROXY entries                     [BOTTLE_NO_PROXY]
          --workspace MODE      none | mount | clone                       [BOTTLE_WORKSPACE] (none)
          --workdir DIR         the workspace directory                    [BOTTLE_WORKDIR] (current directory)
          --clone-url URL       git-gate URL to clone (mode clone)         [BOTTLE_CLONE_URL]

        exit codes: the command's own; 128+N when signal N ended it; 125 the shim failed;
                    126 the command cannot be executed; 127 the command was not found.
        """;

    private static readonly Dictionary<string, string> OptionVariables = new(StringComparer.Ordinal)
    {
        ["--ca"] = "BOTTLE_CA_FILE",
        ["--proxy"] = "BOTTLE_PROXY",
        ["--no-proxy"] = "BOTTLE_NO_PROXY",
        ["--workspace"] = "BOTTLE_WORKSPACE",
        ["--workdir"] = "BOTTLE_WORKDIR",
        ["--clone-url"] = "BOTTLE_CLONE_URL",
    };

    /// <summary>Parses the arguments; returns null when help was asked for.</summary>
    /// <exception cref="ShimFailureException">An unknown option, a missing value or command, or a bad workspace mode.</exception>
    public static ShimOptions? Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (option, variable) in OptionVariables)
        {
            if (environment.TryGetValue(variable, out var value) && value.Length > 0)
            {
                values[option] = value;
            }
        }

        var index = 0;
        for (; index < args.Count; index++)
        {
            var arg = args[index];
            if (arg == "--")
            {
                index++;
                break;
            }

            if (arg is "-h" or "--help")
            {
                return null;
            }

            if (!arg.StartsWith('-'))
            {
                break; // the command starts here; "--" is optional when it does not look like an option
            }

            var (name, inline) = arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
            if (!OptionVariables.ContainsKey(name))
            {
                throw new ShimFailureException($"unknown option '{name}' (see bottle-agent --help)");
            }

            values[name] = inline ?? (++index < args.Count ? args[index] : throw new ShimFailureException($"option '{name}' needs a value"));
        }

        var command = args.Skip(index).ToArray();
        if (command.Length == 0 || command[0].Length == 0)
        {
            throw new ShimFailureException("no command given: usage is bottle-agent [options] -- command [args...]");
        }

        return new ShimOptions(
            values.GetValueOrDefault("--ca", DefaultCaFile),
            values.GetValueOrDefault("--proxy"),
            values.GetValueOrDefault("--no-proxy"),
            ParseMode(values.GetValueOrDefault("--workspace")),
            values.GetValueOrDefault("--workdir"),
            values.GetValueOrDefault("--clone-url"),
            command);
    }

    private static WorkspaceMode ParseMode(string? text) => text switch
    {
        null or "none" => WorkspaceMode.None,
        "mount" => WorkspaceMode.Mount,
        "clone" => WorkspaceMode.Clone,
        _ => throw new ShimFailureException($"workspace mode '{text}' (--workspace or BOTTLE_WORKSPACE) is not one of none, mount, clone"),
    };
}
