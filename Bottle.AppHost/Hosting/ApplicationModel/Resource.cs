using System.Diagnostics.CodeAnalysis;

namespace Bottle.AppHost.Hosting.ApplicationModel;

/// <summary>
/// Base class of every resource. The name follows Aspire's rule: 1–64 characters, a letter first, then
/// ASCII letters, digits and hyphens, with no double hyphen and no trailing hyphen (names end up in DNS
/// labels, container names and URLs, so the rule keeps them valid everywhere).
/// </summary>
public abstract class Resource : IResource
{
    /// <summary>The longest name a resource may have.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Creates a resource, rejecting a name that breaks the naming rule.</summary>
    /// <exception cref="ArgumentException">The name is invalid; the message says why.</exception>
    protected Resource(string name)
    {
        ValidateName(name);
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public ResourceAnnotationCollection Annotations { get; } = [];

    /// <summary>Throws an <see cref="ArgumentException"/> naming the problem when <paramref name="name"/> is invalid.</summary>
    public static void ValidateName(string name)
    {
        if (!TryValidateName(name, out var error))
        {
            throw new ArgumentException(error, nameof(name));
        }
    }

    /// <summary>Checks <paramref name="name"/> against the naming rule.</summary>
    /// <param name="name">The candidate name.</param>
    /// <param name="error">Why the name is invalid, or null when it is valid.</param>
    /// <returns>True when the name is valid.</returns>
    public static bool TryValidateName(string? name, [NotNullWhen(false)] out string? error)
    {
        error = name switch
        {
            null or "" => "Resource name is empty: it must be 1-64 characters, starting with a letter.",
            { Length: > MaxNameLength } =>
                $"Resource name '{name}' is {name.Length} characters long: the limit is {MaxNameLength}.",
            _ when !char.IsAsciiLetter(name[0]) =>
                $"Resource name '{name}' must start with an ASCII letter, not '{name[0]}'.",
            _ when name.FirstOrDefault(c => !char.IsAsciiLetterOrDigit(c) && c != '-') is var bad && bad != default =>
                $"Resource name '{name}' contains '{bad}' at position {name.IndexOf(bad, StringComparison.Ordinal) + 1}: only ASCII letters, digits and hyphens are allowed.",
            _ when name.Contains("--", StringComparison.Ordinal) =>
                $"Resource name '{name}' contains two hyphens in a row ('--').",
            _ when name.EndsWith('-') => $"Resource name '{name}' ends with a hyphen.",
            _ => null,
        };
        return error is null;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
