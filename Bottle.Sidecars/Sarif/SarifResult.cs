namespace Bottle.Sidecars.Sarif;

/// <summary>One finding: the rule, its level, a message, where it is, and fingerprints that identify it across runs.</summary>
public sealed record SarifResult(
    string RuleId,
    int RuleIndex,
    string Level,
    SarifMessage Message,
    IReadOnlyList<SarifLocation> Locations,
    IReadOnlyDictionary<string, string> PartialFingerprints,
    IReadOnlyDictionary<string, string>? Properties = null);
