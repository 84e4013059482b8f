using System.Reflection;

namespace Bottle.ServiceDefaults;

/// <summary>
/// Who a service is: the name, role and version that <c>/health</c> reports and that OpenTelemetry
/// attaches to every signal as resource attributes.
/// </summary>
/// <param name="Name">The service (executable) name, e.g. <c>bottle-sidecars</c>.</param>
/// <param name="Role">The role this process plays, e.g. <c>pipelock</c>.</param>
/// <param name="Version">The build's informational version.</param>
public sealed record ServiceIdentity(string Name, string Role, string Version)
{
    /// <summary>Creates an identity whose version is the informational version of <paramref name="assembly"/>.</summary>
    public static ServiceIdentity ForAssembly(string name, string role, Assembly assembly)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        ArgumentNullException.ThrowIfNull(assembly);
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        return new ServiceIdentity(name, role, version);
    }
}
