using Bottle.AppHost.Hosting.ApplicationModel;

namespace Bottle.AppHost.Hosting;

/// <summary>The one implementation of <see cref="IResourceBuilder{T}"/>.</summary>
internal sealed class ResourceBuilder<T>(BottleApplicationBuilder applicationBuilder, T resource) : IResourceBuilder<T>
    where T : IResource
{
    public BottleApplicationBuilder ApplicationBuilder { get; } = applicationBuilder;

    public T Resource { get; } = resource;

    public IResourceBuilder<T> WithAnnotation<TAnnotation>(TAnnotation annotation) where TAnnotation : IResourceAnnotation
    {
        ArgumentNullException.ThrowIfNull(annotation);
        Resource.Annotations.Add(annotation);
        return this;
    }
}
