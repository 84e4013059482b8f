using System.Collections.ObjectModel;

namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>The annotations of one resource, in the order they were added.</summary>
public sealed class ResourceAnnotationCollection : Collection<IResourceAnnotation>
{
    /// <summary>The annotations of type <typeparamref name="T"/>, in the order they were added.</summary>
    public IEnumerable<T> OfType<T>() where T : IResourceAnnotation => Items.OfType<T>();

    /// <inheritdoc />
    protected override void InsertItem(int index, IResourceAnnotation item)
    {
        ArgumentNullException.ThrowIfNull(item);
        base.InsertItem(index, item);
    }

    /// <inheritdoc />
    protected override void SetItem(int index, IResourceAnnotation item)
    {
        ArgumentNullException.ThrowIfNull(item);
        base.SetItem(index, item);
    }
}
