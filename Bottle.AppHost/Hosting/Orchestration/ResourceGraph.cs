using Bottle.AppHost.Hosting.ApplicationModel;

namespace Bottle.AppHost.Hosting.Orchestration;

/// <summary>The wait graph of a model: validation and dependency order.</summary>
internal static class ResourceGraph
{
    /// <summary>Throws when an edge points outside the model or the waits form a cycle.</summary>
    public static void Validate(IReadOnlyList<IResource> resources)
    {
        var known = resources.ToHashSet();
        foreach (var resource in resources)
        {
            foreach (var (target, kind) in EdgesOf(resource))
            {
                if (!known.Contains(target))
                {
                    throw new BottleApplicationException(
                        $"Resource '{resource.Name}' {kind} '{target.Name}', which is not part of the application (add it with AddResource).");
                }
            }
        }

        _ = StartOrder(resources);
    }

    /// <summary>The resources with every one after the resources it waits for; ties keep the order of addition.</summary>
    public static IReadOnlyList<IResource> StartOrder(IReadOnlyList<IResource> resources)
    {
        var order = new List<IResource>(resources.Count);
        var done = new HashSet<IResource>();
        var path = new List<IResource>();
        foreach (var resource in resources)
        {
            Visit(resource, order, done, path);
        }

        return order;
    }

    private static void Visit(IResource resource, List<IResource> order, HashSet<IResource> done, List<IResource> path)
    {
        if (done.Contains(resource))
        {
            return;
        }

        if (path.Contains(resource))
        {
            var cycle = path.Skip(path.IndexOf(resource)).Append(resource).Select(r => r.Name);
            throw new BottleApplicationException($"Resources wait for each other in a cycle: {string.Join(" -> ", cycle)}.");
        }

        path.Add(resource);
        foreach (var wait in resource.Annotations.OfType<WaitAnnotation>())
        {
            Visit(wait.Resource, order, done, path);
        }

        path.RemoveAt(path.Count - 1);
        done.Add(resource);
        order.Add(resource);
    }

    private static IEnumerable<(IResource Target, string Kind)> EdgesOf(IResource resource)
    {
        if (resource is IResourceWithParent withParent)
        {
            yield return (withParent.Parent, "has parent");
        }

        foreach (var annotation in resource.Annotations)
        {
            switch (annotation)
            {
                case WaitAnnotation wait:
                    yield return (wait.Resource, "waits for");
                    break;
                case ResourceRelationshipAnnotation relationship:
                    yield return (relationship.Resource, $"has a '{relationship.Type}' relationship to");
                    break;
            }
        }
    }
}
