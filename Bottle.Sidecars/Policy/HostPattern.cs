using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Bottle.Sidecars.Policy;

/// <summary>
/// A destination host named in policy: an exact DNS name (<c>api.example.com</c>) or a wildcard suffix
/// (<c>*.example.com</c>, which matches any name below <c>example.com</c> but not <c>example.com</c> itself).
/// Names are compared case-insensitively; IP literals are never host patterns (policy names them as CIDRs).
/// </summary>
public sealed record HostPattern
{
    private HostPattern(string value, bool isWildcard)
    {
        Value = value;
        IsWildcard = isWildcard;
    }

    /// <summary>The normalised (lower-case) pattern text, e.g. <c>*.github.com</c>.</summary>
    public string Value { get; }

    /// <summary>True for <c>*.suffix</c> patterns.</summary>
    public bool IsWildcard { get; }

    /// <summary>For a wildcard, the suffix including its leading dot (<c>.github.com</c>); otherwise the name.</summary>
    private string Suffix => IsWildcard ? Value[1..] : Value;

    /// <summary>Parses a host pattern, or says in plain words why it is not one.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out HostPattern? pattern, [NotNullWhen(false)] out string? error)
    {
        pattern = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "host is empty";
            return false;
        }

        var value = text.Trim().ToLowerInvariant().TrimEnd('.');
        var isWildcard = value.StartsWith("*.", StringComparison.Ordinal);
        var name = isWildcard ? value[2..] : value;

        if (name.Contains('*', StringComparison.Ordinal))
        {
            error = $"'{text}' is not a host pattern: a wildcard is allowed only as a leading '*.' (e.g. '*.example.com')";
            return false;
        }

        if (IPAddress.TryParse(name.Trim('[', ']'), out _))
        {
            error = $"'{text}' is an IP address, not a host name: name the address with 'cidr:' instead";
            return false;
        }

        if (!IsValidDnsName(name, out var why))
        {
            error = $"'{text}' is not a valid host name: {why}";
            return false;
        }

        if (isWildcard && !name.Contains('.', StringComparison.Ordinal))
        {
            error = $"'{text}' is too broad: a wildcard needs at least two labels after '*.' (e.g. '*.example.com')";
            return false;
        }

        pattern = new HostPattern(value, isWildcard);
        error = null;
        return true;
    }

    /// <summary>Parses a pattern known to be valid (manifests are validated before this is used).</summary>
    public static HostPattern Parse(string text) =>
        TryParse(text, out var pattern, out var error) ? pattern : throw new FormatException(error);

    /// <summary>True when <paramref name="host"/> (a DNS name, any case, optional trailing dot) is covered by this pattern.</summary>
    public bool Matches(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.EndsWith('.') ? host[..^1] : host;
        return IsWildcard
            ? name.Length > Suffix.Length && name.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase)
            : string.Equals(name, Value, StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    private static bool IsValidDnsName(string name, out string why)
    {
        if (name.Length is 0 or > 253)
        {
            why = "a host name is 1 to 253 characters long";
            return false;
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > 63)
            {
                why = "every label between dots is 1 to 63 characters long";
                return false;
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                why = $"label '{label}' starts or ends with '-'";
                return false;
            }

            foreach (var c in label)
            {
                if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
                {
                    why = $"label '{label}' holds '{c}'; only letters, digits, '-' and '_' are allowed";
                    return false;
                }
            }
        }

        why = string.Empty;
        return true;
    }
}
