namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>
/// A network endpoint a resource listens on. A null <see cref="Port"/> asks the orchestrator for a free
/// loopback port at start; the chosen port lands in <see cref="AllocatedPort"/> and, when
/// <see cref="EnvironmentVariable"/> is set, in that variable of the resource's environment.
/// </summary>
public sealed class EndpointAnnotation : IResourceAnnotation
{
    /// <summary>Creates an endpoint annotation.</summary>
    /// <param name="name">Endpoint name, unique within the resource (e.g. "http").</param>
    /// <param name="uriScheme">The URL scheme shown for it ("http", "https", "tcp").</param>
    /// <param name="port">A fixed port, or null for a free one chosen at start.</param>
    /// <param name="environmentVariable">The variable that tells the process its port, if any.</param>
    public EndpointAnnotation(string name, string uriScheme = "http", int? port = null, string? environmentVariable = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(uriScheme);
        if (port is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, $"Endpoint '{name}': port must be 1-65535.");
        }

        Name = name;
        UriScheme = uriScheme;
        Port = port;
        EnvironmentVariable = environmentVariable;
    }

    /// <summary>Endpoint name, unique within the resource.</summary>
    public string Name { get; }

    /// <summary>The URL scheme ("http", "https", "tcp").</summary>
    public string UriScheme { get; }

    /// <summary>The fixed port, or null when one is chosen at start.</summary>
    public int? Port { get; }

    /// <summary>The host the endpoint is reached on; local resources bind loopback only.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The environment variable that carries the port to the process, if any.</summary>
    public string? EnvironmentVariable { get; }

    /// <summary>The port in use once the resource started (equal to <see cref="Port"/> when that is fixed).</summary>
    public int? AllocatedPort { get; set; }

    /// <summary>The endpoint URL once a port is known, else null.</summary>
    public Uri? Url => (AllocatedPort ?? Port) is { } port ? new Uri($"{UriScheme}://{Host}:{port}") : null;
}
