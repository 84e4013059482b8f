using Bottle.AppHost.Hosting.ApplicationModel;

namespace Bottle.AppHost.Hosting;

/// <summary>The fluent handle <c>AddX</c> returns; <c>WithX</c> extension methods hang annotations on <see cref="Resource"/>.</summary>
/// <typeparam name="T">The resource type, which decides which <c>WithX</c> methods apply.</typeparam>
public interface IResourceBuilder<out T> where T : IResource
{
    /// <summary>The builder the resource was added to.</summary>
    BottleApplicationBuilder ApplicationBuilder { get; }

    /// <summary>The resource being configured.</summary>
    T Resource { get; }

    /// <summary>Adds <paramref name="annotation"/> to the resource.</summary>
    IResourceBuilder<T> WithAnnotation<TAnnotation>(TAnnotation annotation) where TAnnotation : IResourceAnnotation;
}
