using Bottle.Sidecars.GitGate.Scanning;

namespace Bottle.Sidecars.GitGate.Push;

/// <summary>What a pushed ref points at, with annotated tags peeled.</summary>
/// <param name="Type">The type of the object the ref names (<c>commit</c>, <c>tag</c>, ...), or <c>missing</c>.</param>
/// <param name="PeeledId">The object at the end of the tag chain (the ref's own object when it is no tag).</param>
/// <param name="PeeledType">The type of <paramref name="PeeledId"/>, or <c>missing</c>.</param>
/// <param name="Tags">The annotated tags passed through on the way, outermost first.</param>
internal sealed record RefTarget(string Type, string PeeledId, string PeeledType, IReadOnlyList<AnnotatedTag> Tags)
{
    /// <summary>The type reported for an object that is not there.</summary>
    public const string Missing = "missing";
}
