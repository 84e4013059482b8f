namespace Bottle.AppHost.Hosting;

/// <summary>A problem with the application model or with running it; the message names the resource and the cause.</summary>
public sealed class BottleApplicationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BottleApplicationException()
    {
    }

    /// <summary>Creates the exception with a message for the operator.</summary>
    public BottleApplicationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public BottleApplicationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
