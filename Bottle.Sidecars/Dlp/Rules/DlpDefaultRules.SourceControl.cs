using System.Text.RegularExpressions;

namespace Bottle.Sidecars.Dlp.Rules;

public static partial class DlpDefaultRules
{
    private static IEnumerable<DlpRule> SourceControl()
    {
        const string c = "source-control";
        yield return Rule("github-pat", "GitHub personal access token (classic)", c, DlpSeverity.Critical, GithubPat(), ["ghp_"], 3);
        yield return Rule("github-fine-grained-pat", "GitHub fine-grained personal access token", c, DlpSeverity.Critical, GithubFineGrainedPat(), ["github_pat_"], 3);
        yield return Rule("github-oauth-token", "GitHub OAuth access token", c, DlpSeverity.High, GithubOauth(), ["gho_"], 3);
        yield return Rule("github-app-token", "GitHub App user-to-server or installation token", c, DlpSeverity.High, GithubAppToken(), ["ghu_", "ghs_"], 3);
        yield return Rule("github-refresh-token", "GitHub refresh token", c, DlpSeverity.High, GithubRefreshToken(), ["ghr_"], 3);
        yield return Rule("gitlab-pat", "GitLab personal access token", c, DlpSeverity.Critical, GitlabPat(), ["glpat-"], 3);
        yield return Rule("gitlab-runner-token", "GitLab runner authentication token", c, DlpSeverity.High, GitlabRunnerToken(), ["glrt-"], 3);
        yield return Rule("gitlab-runner-registration-token", "GitLab runner registration token", c, DlpSeverity.High, GitlabRunnerRegistration(), ["gr1348941"], 3);
        yield return Rule("gitlab-deploy-token", "GitLab deploy token", c, DlpSeverity.High, GitlabDeployToken(), ["gldt-"], 3);
        yield return Rule("gitlab-pipeline-trigger-token", "GitLab pipeline trigger token", c, DlpSeverity.Medium, GitlabTriggerToken(), ["glptt-"], 3);
        yield return Rule("gitlab-job-token", "GitLab CI/CD job token", c, DlpSeverity.High, GitlabJobToken(), ["glcbt-"], 3);
        yield return Rule("bitbucket-app-password", "Bitbucket app password", c, DlpSeverity.High, BitbucketAppPassword(), ["atbb"], 3);
        yield return Rule("bitbucket-client-secret", "Bitbucket OAuth client secret assigned to a bitbucket name", c, DlpSeverity.High, BitbucketClientSecret(), ["bitbucket"], 3.5, assigned: true);
        yield return Rule("atlassian-api-token", "Atlassian (Jira, Confluence, Bitbucket) API token", c, DlpSeverity.High, AtlassianApiToken(), ["atatt3"], 3.5);
    }

    [GeneratedRegex(@"\b(ghp_[0-9a-zA-Z]{36})\b", Options)]
    private static partial Regex GithubPat();

    [GeneratedRegex(@"\b(github_pat_[0-9a-zA-Z_]{82})\b", Options)]
    private static partial Regex GithubFineGrainedPat();

    [GeneratedRegex(@"\b(gho_[0-9a-zA-Z]{36})\b", Options)]
    private static partial Regex GithubOauth();

    [GeneratedRegex(@"\b((?:ghu|ghs)_[0-9a-zA-Z]{36})\b", Options)]
    private static partial Regex GithubAppToken();

    [GeneratedRegex(@"\b(ghr_[0-9a-zA-Z]{36})\b", Options)]
    private static partial Regex GithubRefreshToken();

    [GeneratedRegex(@"\b(glpat-[0-9a-zA-Z_-]{20,300})", Options)]
    private static partial Regex GitlabPat();

    [GeneratedRegex(@"\b(glrt-[0-9a-zA-Z_-]{20,300})", Options)]
    private static partial Regex GitlabRunnerToken();

    [GeneratedRegex(@"\b(GR1348941[0-9a-zA-Z_-]{20})(?![\w-])", Options)]
    private static partial Regex GitlabRunnerRegistration();

    [GeneratedRegex(@"\b(gldt-[0-9a-zA-Z_-]{20,300})", Options)]
    private static partial Regex GitlabDeployToken();

    [GeneratedRegex(@"\b(glptt-[0-9a-f]{40})\b", Options)]
    private static partial Regex GitlabTriggerToken();

    [GeneratedRegex(@"\b(glcbt-[0-9a-zA-Z]{1,5}_[0-9a-zA-Z_-]{20})(?![\w-])", Options)]
    private static partial Regex GitlabJobToken();

    [GeneratedRegex(@"\b(ATBB[a-zA-Z0-9]{32})\b", Options)]
    private static partial Regex BitbucketAppPassword();

    [GeneratedRegex(@"(?i)bitbucket" + Assign + @"([a-z0-9=_-]{64})" + End, Options)]
    private static partial Regex BitbucketClientSecret();

    [GeneratedRegex(@"\b(ATATT3[A-Za-z0-9_=-]{186})(?![\w=-])", Options)]
    private static partial Regex AtlassianApiToken();
}
