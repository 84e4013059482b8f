namespace Bottle.Sidecars.Egress.Http;

/// <summary>A request egress will not parse or forward; the message says what is wrong with it.</summary>
public sealed class BadRequestException : Exception
{
    public BadRequestException()
    {
    }

    public BadRequestException(string message) : base(message)
    {
    }

    public BadRequestException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
