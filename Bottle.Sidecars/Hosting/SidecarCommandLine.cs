using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Bottle.Sidecars.Hosting;

/// <summary>
/// The parsed command line of <c>bottle-sidecars</c>:
/// <c>&lt;pipelock|egress|git-gate|all&gt; [--config FILE] [--admin-port N]</c>, <c>probe [--admin-port N]</c>, or
/// <c>connect &lt;proxy-host:port&gt; &lt;host&gt; &lt;port&gt;</c>.
/// </summary>
/// <param name="Command">What to do.</param>
/// <param name="RoleName">The role as given (empty for probe and help).</param>
/// <param name="Roles">The roles to run (empty for probe and help).</param>
/// <param name="ConfigPath">The <c>--config</c> file, or null.</param>
/// <param name="AdminPort">The admin endpoint's port (<c>/health</c>, <c>/alive</c>); 0 lets the OS choose.</param>
/// <param name="Connect">For <see cref="SidecarCommand.Connect"/>: the proxy and the destination.</param>
public sealed record SidecarCommandLine(
    SidecarCommand Command,
    string RoleName,
    IReadOnlyList<ISidecarRole> Roles,
    string? ConfigPath,
    int AdminPort,
    ConnectTarget? Connect = null)
{
    /// <summary>The admin port a sidecar container listens on unless told otherwise.</summary>
    public const int DefaultAdminPort = 9901;

    /// <summary>The word that selects <see cref="SidecarCommand.Probe"/> instead of a role.</summary>
    public const string ProbeWord = "probe";

    /// <summary>The word that selects <see cref="SidecarCommand.Connect"/> instead of a role.</summary>
    public const string ConnectWord = "connect";

    /// <summary>How to call the program, printed with every parse error.</summary>
    public static string Usage { get; } =
        $"usage: bottle-sidecars <{string.Join('|', SidecarRoles.Names)}> [--config FILE] [--admin-port N]\n" +
        $"       bottle-sidecars {ProbeWord} [--admin-port N]\n" +
        $"       bottle-sidecars {ConnectWord} <proxy-host:port> <host> <port>";

    /// <summary>Parses <paramref name="args"/>; on failure <paramref name="error"/> names the argument that is wrong.</summary>
    public static bool TryParse(
        IReadOnlyList<string> args,
        [NotNullWhen(true)] out SidecarCommandLine? commandLine,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        commandLine = null;
        if (args.Count > 0 && args[0] == ConnectWord)
        {
            return TryParseConnect(args, out commandLine, out error);
        }

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

    private static bool TryParseConnect(
        IReadOnlyList<string> args,
        [NotNullWhen(true)] out SidecarCommandLine? commandLine,
        [NotNullWhen(false)] out string? error)
    {
        commandLine = null;
        if (args.Count != 4)
        {
            error = $"{ConnectWord} takes exactly three arguments: <proxy-host:port> <host> <port> (got {args.Count - 1})";
            return false;
        }

        var proxy = args[1];
        var colon = proxy.LastIndexOf(':');
        var proxyHost = colon > 0 ? proxy[..colon].Trim('[', ']') : "";
        if (proxyHost.Length == 0 || !TryParsePort(proxy[(colon + 1)..], out var proxyPort))
        {
            error = $"{ConnectWord}: proxy '{proxy}' is not host:port (e.g. 10.202.7.4:3129)";
            return false;
        }

        var host = args[2];
        if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or '@'))
        {
            error = $"{ConnectWord}: '{host}' is not a host name or address";
            return false;
        }

        if (!TryParsePort(args[3], out var port))
        {
            error = $"{ConnectWord}: '{args[3]}' is not a port number (1-65535)";
            return false;
        }

        commandLine = new SidecarCommandLine(SidecarCommand.Connect, "", [], null, DefaultAdminPort, new ConnectTarget(proxyHost, proxyPort, host, port));
        error = null;
        return true;
    }

    private static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;

    private static (string Name, string? Value) SplitOption(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? (arg, null) : (arg[..eq], arg[(eq + 1)..]);
    }
}
