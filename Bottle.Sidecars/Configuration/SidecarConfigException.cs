namespace Bottle.Sidecars.Configuration;

/// <summary>A sidecar config file that cannot be used; the message names the file, the place in it and the problem.</summary>
public sealed class SidecarConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SidecarConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public SidecarConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public SidecarConfigException()
        : base("sidecar config is invalid")
    {
    }
}
