namespace Bottle.Sidecars.GitGate.Scanning;

/// <summary>
/// An annotated tag object of a push. Its text (the <c>tag</c> and <c>tagger</c> lines and the message) is
/// scanned like a commit message: it goes upstream with the tag, so it is a way out for a secret too.
/// </summary>
/// <param name="Id">The tag object's id.</param>
/// <param name="Name">The name recorded in the tag (its <c>tag</c> line).</param>
/// <param name="Text">The whole tag object as text, as <c>git cat-file tag</c> prints it; findings give line numbers in it.</param>
public sealed record AnnotatedTag(string Id, string Name, string Text);
