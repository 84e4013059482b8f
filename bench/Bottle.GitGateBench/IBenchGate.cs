namespace Bottle.GitGateBench;

/// <summary>A git-gate the bench pushes through: in this process, or the real sidecar process.</summary>
internal interface IBenchGate : IAsyncDisposable
{
    /// <summary>How the gate is named in the output.</summary>
    string Name { get; }

    /// <summary>The agent's URL for <paramref name="remote"/>.</summary>
    Uri RemoteUrl(string remote);

    /// <summary>CPU seconds the gate has used so far outside this process (its own and its reaped children's); 0 in-process.</summary>
    double ExternalCpuSeconds();

    /// <summary>CPU seconds of the gate's own .NET code so far (this process's for the in-process gate).</summary>
    double OwnCpuSeconds();

    /// <summary>The gate's log lines since the last call (phase timings), if it runs as a process.</summary>
    IReadOnlyList<string> DrainLog();
}
