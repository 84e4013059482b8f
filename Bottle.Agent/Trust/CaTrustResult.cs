namespace Bottle.Agent.Trust;

/// <summary>How the bottle CA came to be trusted.</summary>
/// <param name="Bundle">The CA bundle the child's TLS stacks are pointed at; it holds the bottle CA.</param>
/// <param name="SystemWide">True when the bottle CA is in the system bundle (every process trusts it, env or not).</param>
public sealed record CaTrustResult(string Bundle, bool SystemWide);
