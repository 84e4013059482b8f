using System.Diagnostics;
using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Hosting.Orchestration;

namespace Bottle.AppHost.Hosting.Executables;

/// <summary>
/// One run of an executable. The process leads its own process group (started through <c>setsid</c>), so a
/// stop reaches the children a shell script started too, and none keeps the output pipes open.
/// </summary>
internal sealed class ExecutableRun : IRunningResource
{
    private readonly Process _process;
    private readonly bool _ownsProcessGroup;
    private readonly TimeSpan _gracePeriod;
    private readonly TimeProvider _timeProvider;

    public ExecutableRun(Process process, bool ownsProcessGroup, TimeSpan gracePeriod, TimeProvider timeProvider)
    {
        _process = process;
        _ownsProcessGroup = ownsProcessGroup;
        _gracePeriod = gracePeriod;
        _timeProvider = timeProvider;
        Properties = [new ResourcePropertySnapshot(KnownProperties.ProcessId, process.Id.ToString())];
        Completion = WaitForExitAsync();
    }

    public Task<int?> Completion { get; }

    public IReadOnlyList<ResourcePropertySnapshot> Properties { get; }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Completion.IsCompleted)
        {
            return;
        }

        Signal(ProcessSignals.SigTerm);
        try
        {
            await Completion.WaitAsync(_gracePeriod, _timeProvider, cancellationToken);
        }
        catch (TimeoutException)
        {
            Signal(ProcessSignals.SigKill);
            await Completion.WaitAsync(cancellationToken);
        }
    }

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<int?> WaitForExitAsync()
    {
        // Also waits for stdout/stderr to reach end of file, so every line is logged before the exit is.
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    private void Signal(int signal)
    {
        if (OperatingSystem.IsWindows())
        {
            // No POSIX signals: there is no graceful ask, only the kill.
            _process.Kill(entireProcessTree: true);
            return;
        }

        if (_ownsProcessGroup && ProcessSignals.SignalGroup(_process.Id, signal))
        {
            return;
        }

        // Without setsid there is no group; and right after start setsid may not have made it yet, when the
        // process has no children. Either way the process itself gets the signal, so a stop is never lost.
        ProcessSignals.SignalProcess(_process.Id, signal);
    }
}
