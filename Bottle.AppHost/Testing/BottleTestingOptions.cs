using Bottle.AppHost.Manifest;
using Bottle.AppHost.Planning;

namespace Bottle.AppHost.Testing;

/// <summary>How <see cref="BottleTesting.StartAsync(string, BottleTestingOptions, CancellationToken)"/> starts a bottle.</summary>
public sealed class BottleTestingOptions
{
    /// <summary>
    /// Where the bottle's state directory goes (<c>&lt;root&gt;/&lt;slug&gt;</c>), kept after dispose. Null (the default): a
    /// fresh temporary folder, deleted on dispose with everything in it.
    /// </summary>
    public string? StateRoot { get; init; }

    /// <summary>The sidecar image (default <see cref="PlanOptions.DefaultSidecarImage"/>, built from the checkout when missing).</summary>
    public string SidecarImage { get; init; } = PlanOptions.DefaultSidecarImage;

    /// <summary>
    /// The manifest instance. Null (the default): a fresh one per start, so tests running in parallel, or beside a
    /// developer's own bottle of the same manifest, get their own slug, networks and containers.
    /// </summary>
    public string? Instance { get; init; }

    /// <summary>
    /// Values for the manifest's environment-variable credential sources, by variable name: the bottle reads these
    /// instead of this process's environment (which tests should not change: it is shared by every test).
    /// A name no credential of the manifest reads from is an error.
    /// </summary>
    public IDictionary<string, string> CredentialEnvironment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Changes the loaded manifest before it is planned (e.g. add an egress rule or an extra CA for a test upstream).</summary>
    public Func<BottleManifest, BottleManifest>? ConfigureManifest { get; init; }

    /// <summary>How long the bottle may take to come up once its images exist (default 5 minutes).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Hears progress lines (image builds, each resource's state); e.g. <c>Console.WriteLine</c> to see them in the test log.</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>The clock the audit watch polls with.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
