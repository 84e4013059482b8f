namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>A state text (see <see cref="KnownResourceStates"/>) and how to colour it (see <see cref="KnownResourceStateStyles"/>).</summary>
/// <param name="Text">The state, e.g. <c>Running</c>.</param>
/// <param name="Style">The style, e.g. <c>success</c>, or null for none.</param>
public sealed record ResourceStateSnapshot(string Text, string? Style)
{
    /// <summary>A known state with the hosting layer's style for it.</summary>
    public static ResourceStateSnapshot For(string text) => new(text, KnownResourceStateStyles.ForState(text));
}
