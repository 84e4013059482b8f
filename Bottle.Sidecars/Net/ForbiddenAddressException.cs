namespace Bottle.Sidecars.Net;

/// <summary>Thrown when every address a name resolved to is one egress must not dial.</summary>
public sealed class ForbiddenAddressException : IOException
{
    /// <summary>Creates the exception for <paramref name="host"/> with the per-address refusals.</summary>
    public ForbiddenAddressException(string host, IReadOnlyList<string> refusals)
        : base($"refusing to dial '{host}': {string.Join("; ", refusals)}")
    {
        Host = host;
        Refusals = refusals;
    }

    public ForbiddenAddressException() : this("?", [])
    {
    }

    public ForbiddenAddressException(string message) : base(message)
    {
        Host = "?";
        Refusals = [message];
    }

    public ForbiddenAddressException(string message, Exception innerException) : base(message, innerException)
    {
        Host = "?";
        Refusals = [message];
    }

    /// <summary>The name (or literal) that was to be dialled.</summary>
    public string Host { get; }

    /// <summary>Why each resolved address was refused.</summary>
    public IReadOnlyList<string> Refusals { get; }
}
