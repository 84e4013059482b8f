namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>A resource that lives inside another one (a container inside its compose project).</summary>
public interface IResourceWithParent : IResource
{
    /// <summary>The resource this one belongs to.</summary>
    IResource Parent { get; }
}
