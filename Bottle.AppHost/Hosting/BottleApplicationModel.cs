using Bottle.AppHost.Hosting.ApplicationModel;

namespace Bottle.AppHost.Hosting;

/// <summary>The resources of a built application, in the order they were added (resolve it from DI).</summary>
public sealed class BottleApplicationModel
{
    /// <summary>Creates the model over <paramref name="resources"/>.</summary>
    public BottleApplicationModel(IEnumerable<IResource> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        Resources = [.. resources];
    }

    /// <summary>The resources, in the order they were added.</summary>
    public IReadOnlyList<IResource> Resources { get; }

    /// <summary>Finds a resource by name (case-insensitive).</summary>
    public IResource? FindResource(string name) =>
        Resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
}
