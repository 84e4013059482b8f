using System.Text.RegularExpressions;

namespace Bottle.Sidecars.Dlp.Rules;

public static partial class DlpDefaultRules
{
    private static IEnumerable<DlpRule> Registries()
    {
        const string c = "package-registry";
        const string d = "devops";
        yield return Rule("npm-access-token", "npm access token", c, DlpSeverity.Critical, NpmToken(), ["npm_"], 3);
        yield return Rule("pypi-upload-token", "PyPI upload token", c, DlpSeverity.Critical, PypiToken(), ["pypi-ageichlwas5vcmc"], 3, maxLength: 1100);
        yield return Rule("nuget-api-key", "NuGet.org API key", c, DlpSeverity.Critical, NugetKey(), ["oy2"], 3);
        yield return Rule("rubygems-api-token", "RubyGems API token", c, DlpSeverity.Critical, RubygemsToken(), ["rubygems_"], 3);
        yield return Rule("dockerhub-pat", "Docker Hub personal or organisation access token", c, DlpSeverity.High, DockerHubToken(), ["dckr_pat_", "dckr_oat_"], 3);
        yield return Rule("crates-io-api-token", "crates.io API token", c, DlpSeverity.Critical, CratesToken(), ["cio"], 3);
        yield return Rule("artifactory-api-key", "JFrog Artifactory API key", c, DlpSeverity.High, ArtifactoryKey(), ["akcp"], 4);
        yield return Rule("clojars-api-token", "Clojars deploy token", c, DlpSeverity.High, ClojarsToken(), ["clojars_"], 3);
        yield return Rule("pulumi-access-token", "Pulumi access token", d, DlpSeverity.High, PulumiToken(), ["pul-"], 3);
        yield return Rule("postman-api-key", "Postman API key", d, DlpSeverity.High, PostmanKey(), ["pmak-"], 3);
        yield return Rule("grafana-service-account-token", "Grafana service account token", d, DlpSeverity.High, GrafanaToken(), ["glsa_"], 3);
        yield return Rule("new-relic-user-api-key", "New Relic user API key", d, DlpSeverity.High, NewRelicKey(), ["nrak-"], 3);
    }

    [GeneratedRegex(@"\b(npm_[a-zA-Z0-9]{36})\b", Options)]
    private static partial Regex NpmToken();

    // "AgEIcHlwaS5vcmc" is the macaroon header PyPI puts in every token (base64 of its location, pypi.org).
    [GeneratedRegex(@"\b(pypi-AgEIcHlwaS5vcmc[\w-]{50,1000})(?![\w-])", Options)]
    private static partial Regex PypiToken();

    [GeneratedRegex(@"\b(oy2[a-z0-9]{43})\b", Options)]
    private static partial Regex NugetKey();

    [GeneratedRegex(@"\b(rubygems_[a-f0-9]{48})\b", Options)]
    private static partial Regex RubygemsToken();

    [GeneratedRegex(@"\b(dckr_(?:pat|oat)_[\w-]{27,64})(?![\w-])", Options)]
    private static partial Regex DockerHubToken();

    [GeneratedRegex(@"\b(cio[a-zA-Z0-9]{32})\b", Options)]
    private static partial Regex CratesToken();

    [GeneratedRegex(@"\b(AKCp[A-Za-z0-9]{69})\b", Options)]
    private static partial Regex ArtifactoryKey();

    [GeneratedRegex(@"(?i)\b(CLOJARS_[a-z0-9]{60})\b", Options)]
    private static partial Regex ClojarsToken();

    [GeneratedRegex(@"\b(pul-[a-f0-9]{40})\b", Options)]
    private static partial Regex PulumiToken();

    [GeneratedRegex(@"(?i)\b(PMAK-[a-f0-9]{24}-[a-f0-9]{34})\b", Options)]
    private static partial Regex PostmanKey();

    [GeneratedRegex(@"\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})\b", Options)]
    private static partial Regex GrafanaToken();

    [GeneratedRegex(@"(?i)\b(NRAK-[a-z0-9]{27})\b", Options)]
    private static partial Regex NewRelicKey();
}
