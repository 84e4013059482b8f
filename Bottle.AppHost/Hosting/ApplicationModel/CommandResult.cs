namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>The outcome of a resource command.</summary>
/// <param name="Success">True when the command did what it was asked.</param>
/// <param name="ErrorMessage">Why it failed, for the operator; null on success.</param>
public sealed record CommandResult(bool Success, string? ErrorMessage = null)
{
    /// <summary>A successful result.</summary>
    public static CommandResult Succeeded { get; } = new(true);

    /// <summary>A failed result with the reason shown to the operator.</summary>
    public static CommandResult Failed(string errorMessage) => new(false, errorMessage);
}
