namespace Bottle.Sidecars.Pipelock;

/// <summary>A pipelock config file that cannot be used; the message names the file, the place and the problem.</summary>
public sealed class PipelockConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PipelockConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public PipelockConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public PipelockConfigException()
        : base("pipelock config is invalid")
    {
    }
}
