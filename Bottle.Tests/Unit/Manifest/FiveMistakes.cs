namespace Bottle.Tests.Unit.Manifest;

/// <summary>A manifest with five different mistakes, shared by the loader and CLI tests.</summary>
internal static class FiveMistakes
{
    public const string Text = """
        name: five
        agent:
          image: bottle-agent:local
          memory: lots
        egress:
          allow:
            - host: exa mple.com
            - host: api.example.com
              credential: missing
            - cidr: 10.1.2.3/8
        colour: blue
        """;

    /// <summary>Each error line up to the end of its path (<c>file:line:col: path</c>).</summary>
    public static readonly string[] ExpectedPrefixes =
    [
        "bad.yaml:4:11: agent.memory",
        "bad.yaml:7:13: egress.allow[0].host",
        "bad.yaml:9:19: egress.allow[1].credential",
        "bad.yaml:10:13: egress.allow[2].cidr",
        "bad.yaml:11:1: colour",
    ];
}
