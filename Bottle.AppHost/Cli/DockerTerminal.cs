using System.Diagnostics;
using System.Runtime.InteropServices;
using Bottle.AppHost.Hosting.Executables;
using Bottle.AppHost.Runtimes.Compose;

namespace Bottle.AppHost.Cli;

/// <summary>
/// Runs the <c>docker</c> client on this process's own terminal (<c>exec -it</c> for <c>attach</c> and <c>exec -t</c>).
/// The client does the terminal work: raw mode, the window size at start and on every SIGWINCH (the kernel delivers
/// it to the whole foreground process group, the client included), and restoring the terminal when it ends. What is
/// left for us: termination signals sent to <c>bottle</c> alone are passed on, so the client never outlives us on the
/// terminal; and the terminal's settings are put back even when the client could not do it itself.
/// </summary>
internal static class DockerTerminal
{
    // How long the client gets to end after a passed-on signal before it is killed.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    // Signal numbers are the same on Linux and macOS for these four.
    private static readonly (PosixSignal Signal, int Number)[] PassedOn =
        [(PosixSignal.SIGHUP, 1), (PosixSignal.SIGINT, 2), (PosixSignal.SIGQUIT, 3), (PosixSignal.SIGTERM, ProcessSignals.SigTerm)];

    /// <summary>
    /// Runs <c>docker &lt;arguments&gt;</c> with stdin, stdout and stderr inherited. Returns the client's exit code (for
    /// <c>exec</c>, the command's), or 128+N when signal N told us to stop. Cancelling stops the client with SIGTERM and throws.
    /// </summary>
    public static async Task<int> RunAsync(IEnumerable<string> dockerArguments, CancellationToken cancellationToken)
    {
        var settings = TerminalSettings.Capture();
        var startInfo = new ProcessStartInfo(DockerCli.Docker) { UseShellExecute = false };
        foreach (var argument in dockerArguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("cannot start the docker client");
        using var stopping = new CancellationTokenSource();
        var stoppedBy = 0;
        void PassOn(int signal)
        {
            Interlocked.CompareExchange(ref stoppedBy, signal, 0);
            ProcessSignals.SignalProcess(process.Id, signal);
            stopping.CancelAfter(StopGrace);
        }

        // Cancel = true: without it .NET ends this process on SIGTERM/SIGINT/SIGHUP and the client, left running,
        // keeps the terminal in raw mode and reading keys under the user's shell.
        var registrations = PassedOn.Select(s => PosixSignalRegistration.Create(s.Signal, context =>
        {
            context.Cancel = true;
            PassOn(s.Number);
        })).ToList();
        try
        {
            using (cancellationToken.Register(() => PassOn(ProcessSignals.SigTerm)))
            {
                try
                {
                    await process.WaitForExitAsync(stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill();
                    await process.WaitForExitAsync(CancellationToken.None);
                }
            }
        }
        finally
        {
            registrations.ForEach(r => r.Dispose());
            settings?.Restore();
        }

        cancellationToken.ThrowIfCancellationRequested();
        return stoppedBy != 0 ? 128 + stoppedBy : process.ExitCode;
    }
}
