using System.Diagnostics;

namespace Bottle.ProxyBench;

/// <summary>Ends the processes the bench started (by their own handle) and removes its temp folder.</summary>
internal sealed class Cleanup(string directory) : IAsyncDisposable
{
    private readonly List<Process> _processes = [];
    private readonly List<IAsyncDisposable> _owned = [];

    public void Add(Process process) => _processes.Add(process);

    public void Add(IAsyncDisposable owned) => _owned.Add(owned);

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        Directory.Delete(directory, recursive: true);
    }
}
