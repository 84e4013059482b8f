namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>Which Compose client runs the projects.</summary>
public enum ComposeFlavor
{
    /// <summary>The <c>docker compose</c> plugin (preferred).</summary>
    V2,

    /// <summary>The standalone Python <c>docker-compose</c>.</summary>
    V1,
}
