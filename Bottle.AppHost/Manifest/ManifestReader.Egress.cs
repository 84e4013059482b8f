using System.Net;
using Bottle.Sidecars.Policy;

namespace Bottle.AppHost.Manifest;

internal sealed partial class ManifestReader
{
    private static readonly string[] KnownMethods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE"];

    private EgressSpec ReadEgress(ManifestFields root)
    {
        if (Fields(root, "egress", "allow", "extraCa") is not { } fields)
        {
            return EgressSpec.DenyAll;
        }

        var rules = new List<EgressRule>();
        foreach (var (node, path) in List(fields, "allow") ?? [])
        {
            if (Fields(node, path, "host", "cidr", "ports", "methods", "paths", "credential") is { } rule && ReadRule(rule) is { } parsed)
            {
                rules.Add(parsed);
            }
        }

        var extraCa = String(fields, "extraCa");
        return new EgressSpec(rules, extraCa is null ? null : ResolvePath(extraCa));
    }

    private EgressRule? ReadRule(ManifestFields rule)
    {
        var hostText = String(rule, "host");
        var cidrText = String(rule, "cidr");
        HostPattern? host = null;
        IPNetwork? cidr = null;
        var valid = true;
        if (hostText is null == cidrText is null)
        {
            Error(rule.Node, rule.Path, "a rule names exactly one of 'host' or 'cidr'");
            valid = false;
        }
        else if (hostText is not null)
        {
            if (!HostPattern.TryParse(hostText, out host, out var error))
            {
                Error(rule["host"]!, rule.Child("host"), error);
                valid = false;
            }
        }
        else if (IPNetwork.TryParse(cidrText!, out var network))
        {
            cidr = network;
        }
        else
        {
            Error(rule["cidr"]!, rule.Child("cidr"), $"'{cidrText}' is not a CIDR with its base address (e.g. 10.99.0.0/16)");
            valid = false;
        }

        var ports = new List<(int, Yaml.YamlTreeNode, string)>();
        foreach (var (node, path) in List(rule, "ports") ?? [])
        {
            if (Int(node, path, 1, 65535) is { } port)
            {
                ports.Add((port, node, path));
            }
        }

        RejectDuplicates(ports, "port");

        var methods = new List<(string, Yaml.YamlTreeNode, string)>();
        foreach (var (value, node, path) in Strings(rule, "methods") ?? [])
        {
            var method = value.ToUpperInvariant();
            if (KnownMethods.Contains(method, StringComparer.Ordinal))
            {
                methods.Add((method, node, path));
            }
            else
            {
                Error(node, path, $"'{value}' is not an HTTP method (expected one of: {string.Join(", ", KnownMethods)})");
            }
        }

        RejectDuplicates(methods, "method", StringComparer.Ordinal);

        var paths = new List<string>();
        foreach (var (value, node, path) in Strings(rule, "paths") ?? [])
        {
            if (value.StartsWith('/') && !value.Any(char.IsWhiteSpace))
            {
                paths.Add(value);
            }
            else
            {
                Error(node, path, $"'{value}' is not a path prefix: it starts with '/' and holds no spaces");
            }
        }

        var credential = String(rule, "credential");
        if (credential is not null)
        {
            credentialReferences.Add(new(credential, rule["credential"]!, rule.Child("credential"), host, cidr is not null));
        }

        return valid
            ? new EgressRule(host, cidr, ports.Count == 0 ? EgressRule.DefaultPorts : ports.Select(p => p.Item1).ToList(),
                methods.Select(m => m.Item1).ToList(), paths, credential)
            : null;
    }
}
