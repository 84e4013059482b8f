namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>The labels every container and network of a bottle carries: how <c>ls</c>, <c>prune</c> and the next <c>up</c> find them.</summary>
public static class BottleLabels
{
    /// <summary><c>true</c> on everything Bottle made.</summary>
    public const string Managed = "io.bottle.managed";

    /// <summary>The bottle's slug.</summary>
    public const string Slug = "io.bottle.slug";

    /// <summary>The bottle's state directory (absolute), so cleanup finds <c>metadata.json</c> from a label alone.</summary>
    public const string StateDirectory = "io.bottle.state-dir";

    /// <summary>The Compose service a container runs (<c>agent</c>, <c>pipelock</c>, ...).</summary>
    public const string Service = "io.bottle.service";

    /// <summary>The <c>docker ... --filter</c> value that selects everything Bottle made.</summary>
    public const string ManagedFilter = $"label={Managed}=true";

    /// <summary>The filter that selects one bottle.</summary>
    public static string SlugFilter(string slug) => $"label={Slug}={slug}";
}
