namespace Bottle.Sidecars.Sarif;

/// <summary>A rule, as listed in <c>tool.driver.rules</c>.</summary>
public sealed record SarifReportingDescriptor(string Id, SarifMessage ShortDescription);
