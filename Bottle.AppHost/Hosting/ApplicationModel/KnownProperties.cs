namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>Names of the snapshot properties the hosting layer publishes.</summary>
public static class KnownProperties
{
    /// <summary>Why the resource is in <c>FailedToStart</c> (or why its last start failed).</summary>
    public const string FailureReason = "resource.failureReason";

    /// <summary>How many times the resource has been started by the orchestrator.</summary>
    public const string StartCount = "resource.startCount";

    /// <summary>The executable path of an executable resource.</summary>
    public const string ExecutablePath = "executable.path";

    /// <summary>The arguments of an executable resource.</summary>
    public const string ExecutableArguments = "executable.args";

    /// <summary>The working directory of an executable resource.</summary>
    public const string WorkingDirectory = "executable.workDir";

    /// <summary>The process id of a running executable resource.</summary>
    public const string ProcessId = "executable.pid";
}
