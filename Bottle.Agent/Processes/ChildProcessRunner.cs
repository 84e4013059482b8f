using System.Runtime.Versioning;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Bottle.Agent.Shim;

namespace Bottle.Agent.Processes;

/// <summary>
/// Runs the agent's command as a child with the prepared environment, inheriting the shim's stdin, stdout,
/// stderr (and so its terminal), passes SIGINT, SIGTERM, SIGHUP, SIGQUIT and SIGWINCH on, and returns the child's exit
/// code: its own, or 128 + N when signal N ended it.
/// </summary>
/// <remarks>
/// Under a terminal (<c>docker exec -it</c>) the child is in the shim's foreground process group, so the kernel
/// already delivers the terminal's own signals (Ctrl-C's SIGINT, SIGQUIT, SIGWINCH on resize) to it; passing those
/// on as well would deliver them twice (and two Ctrl-C quit Claude Code). So with a terminal only SIGTERM and SIGHUP
/// are passed on; without one (CI, <c>docker stop</c>, tests) all of them are.
/// </remarks>
[UnsupportedOSPlatform("windows")]
public sealed class ChildProcessRunner
{
    /// <summary>The signals the shim catches and passes on.</summary>
    public static readonly IReadOnlyList<PosixSignal> ForwardedSignals =
        [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT, PosixSignal.SIGWINCH];

    private static readonly PosixSignal[] TerminalSignals = [PosixSignal.SIGINT, PosixSignal.SIGQUIT, PosixSignal.SIGWINCH];

    private readonly Lock gate = new();
    private readonly List<PosixSignal> pending = [];
    private Process? child;

    /// <summary>Whether the kernel delivers terminal signals to the child itself (see remarks); default: stdin is a terminal.</summary>
    public bool UnderTerminal { get; init; } = NativeSignals.StdinIsTerminal();

    /// <summary>Raised with each started child's process id (tests wait on it instead of sleeping).</summary>
    public event Action<int>? Started;

    /// <summary>Runs <paramref name="command"/> and returns its exit code.</summary>
    /// <param name="command">The program (looked up on the child's <c>PATH</c>) and its arguments.</param>
    /// <param name="environment">The child's whole environment.</param>
    /// <param name="workingDirectory">The child's working directory.</param>
    /// <param name="cancellationToken">Cancels the wait (the child is then SIGKILLed).</param>
    /// <exception cref="ShimFailureException">The command was not found (127) or cannot be executed (126).</exception>
    public async Task<int> RunAsync(
        IReadOnlyList<string> command,
        IDictionary<string, string> environment,
        string workingDirectory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(environment);
        if (command.Count == 0)
        {
            throw new ShimFailureException("no command given");
        }

        var startInfo = new ProcessStartInfo(ResolveOnPath(command[0], environment)) { UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var argument in command.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        // Registered before the start, so a signal that arrives meanwhile is queued and delivered, not lost.
        var registrations = ForwardedSignals.Select(signal => PosixSignalRegistration.Create(signal, OnSignal)).ToList();
        try
        {
            using var process = Start(startInfo, command[0]);
            Started?.Invoke(process.Id);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            // .NET reports a signalled child as 128 + the signal number, the shell convention.
            return process.ExitCode;
        }
        finally
        {
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }

            lock (gate)
            {
                child = null;
            }
        }
    }

    /// <summary>Passes <paramref name="signal"/> to the running child, or queues it until the child starts.</summary>
    public void Forward(PosixSignal signal)
    {
        lock (gate)
        {
            if (child is null)
            {
                pending.Add(signal);
                return;
            }

            NativeSignals.Send(child.Id, signal);
        }
    }

    private void OnSignal(PosixSignalContext context)
    {
        // The shim never dies of a forwarded signal: it stays to report the child's exit code.
        context.Cancel = true;
        if (!(UnderTerminal && TerminalSignals.Contains(context.Signal)))
        {
            Forward(context.Signal);
        }
    }

    private Process Start(ProcessStartInfo startInfo, string name)
    {
        lock (gate)
        {
            try
            {
                child = Process.Start(startInfo) ?? throw new ShimFailureException($"'{name}' did not start");
            }
            catch (Win32Exception ex) when (ex.NativeErrorCode == 2)
            {
                throw new ShimFailureException($"{name}: command not found", ShimExitCodes.NotFound);
            }
            catch (Win32Exception ex)
            {
                throw new ShimFailureException($"{name}: cannot execute: {ex.Message}", ShimExitCodes.NotExecutable);
            }

            foreach (var signal in pending)
            {
                NativeSignals.Send(child.Id, signal);
            }

            pending.Clear();
            return child;
        }
    }

    // .NET looks a bare name up on the shim's own PATH; the child's PATH (the plan's) is the one that counts.
    private static string ResolveOnPath(string name, IDictionary<string, string> environment)
    {
        if (name.Contains('/', StringComparison.Ordinal) || !environment.TryGetValue("PATH", out var path))
        {
            return name;
        }

        foreach (var directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new ShimFailureException($"{name}: command not found (PATH={path})", ShimExitCodes.NotFound);
    }
}
