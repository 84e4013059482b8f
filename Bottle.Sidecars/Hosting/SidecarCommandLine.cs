using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Bottle.Sidecars.Hosting;

/// <summary>
/// The parsed command line of <c>bottle-sidecars</c>:
/// <c>&lt;pipelock|egress|git-gate|all&gt; [--config FILE] [--admin-port N]</c>, or <c>probe [--admin-port N]</c>.
/// </summary>
/// <param name="Command">What to do.</param>
/// <param name="RoleName">The role as given (empty for probe and help).</param>
/// <param name="Roles">The roles to run (empty for probe and help).</param>
/// <param name="ConfigPath">The <c>--config</c> file, or null.</param>
/// <param name="AdminPort">The admin endpoint's port (<c>/health</c>, <c>/alive</c>); 0 lets the OS choose.</param>
public sealed record SidecarCommandLine(
    SidecarCommand Command,
    string RoleName,
    IReadOnlyList<ISidecarRole> Roles,
    string? ConfigPath,
    int AdminPort)
{
    /// <summary>The admin port a sidecar container listens on unless told otherwise.</summary>
    public const int DefaultAdminPort = 9901;

    /// <summary>The word that selects <see cref="SidecarCommand.Probe"/> instead of a role.</summary>
    public const string ProbeWord = "probe";

    /// <summary>How to call the program, printed with every parse error.</summary>
    public static string Usage { get; } =
        $"usage: bottle-sidecars <{string.Join('|', SidecarRoles.Names)}> [--config FILE] [--admin-port N]\n" +
        $"       bottle-sidecars {ProbeWord} [--admin-port N]";

    /// <summary>Parses <paramref name="args"/>; on failure <paramref name="error"/> names the argument that is wrong.</summary>
    public static bool TryParse(
        IReadOnlyList<string> args,
        [NotNullWhen(true)] out SidecarCommandLine? commandLine,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        commandLine = null;
        string? positional = null;
        string? configPath = null;
        var adminPort = DefaultAdminPort;

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                commandLine = new SidecarCommandLine(SidecarCommand.Help, "", [], null, DefaultAdminPort);
                error = null;
                return true;
            }

            if (arg.StartsWith('-'))
            {
                var (name, inlineValue) = SplitOption(arg);
                if (name is not ("--config" or "--admin-port"))
                {
                    error = $"unknown option '{arg}'";
                    return false;
                }

                var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : null);
                if (string.IsNullOrWhiteSpace(value))
                {
                    error = name == "--config" ? "option --config needs a file path" : "option --admin-port needs a port number";
                    return false;
                }

                if (name == "--config")
                {
                    configPath = value;
                }
                else if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out adminPort) || adminPort > 65535)
                {
                    error = $"option --admin-port: '{value}' is not a port number (0-65535)";
                    return false;
                }

                continue;
            }

            if (positional is not null)
            {
                error = $"unexpected argument '{arg}' after '{positional}'";
                return false;
            }

            positional = arg;
        }

        if (positional is null)
        {
            error = $"missing role: expected one of {string.Join(", ", SidecarRoles.Names)} (or {ProbeWord})";
            return false;
        }

        if (positional == ProbeWord)
        {
            if (configPath is not null)
            {
                error = $"option --config does not apply to {ProbeWord}";
                return false;
            }

            commandLine = new SidecarCommandLine(SidecarCommand.Probe, "", [], null, adminPort);
            error = null;
            return true;
        }

        if (!SidecarRoles.TryResolve(positional, out var roles))
        {
            error = $"unknown role '{positional}': expected one of {string.Join(", ", SidecarRoles.Names)}";
            return false;
        }

        commandLine = new SidecarCommandLine(SidecarCommand.Serve, positional, roles, configPath, adminPort);
        error = null;
        return true;
    }

    private static (string Name, string? Value) SplitOption(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? (arg, null) : (arg[..eq], arg[(eq + 1)..]);
    }
}
