namespace Bottle.Sidecars.Proxy;

/// <summary>Thrown inside the forwarding path when the inspector denies a body chunk; aborts the upstream request.</summary>
public sealed class InspectionDeniedException : Exception
{
    /// <summary>Creates the exception for <paramref name="verdict"/>.</summary>
    public InspectionDeniedException(InspectionVerdict verdict)
        : base($"request body denied by inspector rule '{verdict?.Rule}'") => Verdict = verdict!;

    /// <summary>Creates the exception with no verdict (for serializers and analyzers).</summary>
    public InspectionDeniedException()
        : this(InspectionVerdict.Deny("denied", "unknown"))
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InspectionDeniedException(string message)
        : base(message) => Verdict = InspectionVerdict.Deny(message, "unknown");

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public InspectionDeniedException(string message, Exception innerException)
        : base(message, innerException) => Verdict = InspectionVerdict.Deny(message, "unknown");

    /// <summary>The inspector's deny.</summary>
    public InspectionVerdict Verdict { get; }
}
