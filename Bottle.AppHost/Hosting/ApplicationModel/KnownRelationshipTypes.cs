namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>The relationship types the hosting layer itself publishes.</summary>
public static class KnownRelationshipTypes
{
    /// <summary>The resource lives inside the related one.</summary>
    public const string Parent = "Parent";

    /// <summary>The resource waits for the related one to be healthy.</summary>
    public const string WaitFor = "WaitFor";

    /// <summary>The resource waits for the related one to complete.</summary>
    public const string WaitForCompletion = "WaitForCompletion";

    /// <summary>The resource refers to the related one (e.g. uses its endpoint).</summary>
    public const string Reference = "Reference";
}
