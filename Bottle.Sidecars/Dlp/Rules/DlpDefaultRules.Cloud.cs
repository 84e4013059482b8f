using System.Text.RegularExpressions;

namespace Bottle.Sidecars.Dlp.Rules;

public static partial class DlpDefaultRules
{
    private static IEnumerable<DlpRule> Cloud()
    {
        const string c = "cloud";
        yield return Rule("aws-access-key-id", "AWS access key id", c, DlpSeverity.Critical, AwsAccessKeyId(), ["akia", "asia", "abia", "acca"], 3, allow: [EndsWithExample()]);
        yield return Rule("aws-secret-access-key", "AWS secret access key assigned to an aws_secret name", c, DlpSeverity.Critical, AwsSecretAccessKey(), ["aws"], 4);
        yield return Rule("gcp-api-key", "Google Cloud / Gemini API key", c, DlpSeverity.High, GcpApiKey(), ["aiza"], 3);
        yield return Rule("gcp-service-account-key", "Google Cloud service account key file (private_key_id)", c, DlpSeverity.Critical, GcpServiceAccountKey(), ["private_key_id"]);
        yield return Rule("gcp-oauth-client-secret", "Google OAuth client secret", c, DlpSeverity.High, GcpOauthClientSecret(), ["gocspx-"], 3);
        yield return Rule("azure-storage-account-key", "Azure storage account key in a connection string", c, DlpSeverity.Critical, AzureStorageAccountKey(), ["accountkey="], 4);
        yield return Rule("azure-shared-access-key", "Azure Service Bus / Event Hubs shared access key", c, DlpSeverity.High, AzureSharedAccessKey(), ["sharedaccesskey="], 4);
        yield return Rule("azure-ad-client-secret", "Azure AD (Entra ID) client secret", c, DlpSeverity.High, AzureAdClientSecret(), ["0q~", "1q~", "2q~", "3q~", "4q~", "5q~", "6q~", "7q~", "8q~", "9q~"], 3);
        yield return Rule("digitalocean-pat", "DigitalOcean personal access token", c, DlpSeverity.Critical, DigitalOceanPat(), ["dop_v1_"], 3);
        yield return Rule("digitalocean-oauth-token", "DigitalOcean OAuth access token", c, DlpSeverity.High, DigitalOceanOauth(), ["doo_v1_"], 3);
        yield return Rule("digitalocean-refresh-token", "DigitalOcean OAuth refresh token", c, DlpSeverity.High, DigitalOceanRefresh(), ["dor_v1_"], 3);
        yield return Rule("heroku-api-key", "Heroku API key (HRKU- format)", c, DlpSeverity.High, HerokuApiKey(), ["hrku-aa"], 3);
        yield return Rule("heroku-legacy-api-key", "Heroku API key (UUID) assigned to a heroku name", c, DlpSeverity.High, HerokuLegacyApiKey(), ["heroku"], 3, assigned: true);
        yield return Rule("alibaba-access-key-id", "Alibaba Cloud AccessKey id", c, DlpSeverity.High, AlibabaAccessKeyId(), ["ltai"], 3);
        yield return Rule("cloudflare-api-token", "Cloudflare API token assigned to a cloudflare name", c, DlpSeverity.High, CloudflareApiToken(), ["cloudflare"], 3.5, assigned: true);
        yield return Rule("hashicorp-vault-token", "HashiCorp Vault service token", c, DlpSeverity.Critical, VaultToken(), ["hvs."], 3.5);
        yield return Rule("terraform-cloud-token", "Terraform Cloud / Enterprise API token", c, DlpSeverity.High, TerraformCloudToken(), [".atlasv1."], 3.5);
        yield return Rule("databricks-api-token", "Databricks personal access token", c, DlpSeverity.High, DatabricksToken(), ["dapi"], 3);
        yield return Rule("doppler-api-token", "Doppler API token", c, DlpSeverity.High, DopplerToken(), ["dp.pt."], 3);
    }

    [GeneratedRegex(@"\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b", Options)]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex(@"EXAMPLE$", Options)]
    private static partial Regex EndsWithExample();

    [GeneratedRegex(@"(?i)aws[\w.-]{0,20}?secret" + Assign + @"([a-z0-9/+]{40})(?![a-z0-9/+=])", Options)]
    private static partial Regex AwsSecretAccessKey();

    [GeneratedRegex(@"\b(AIza[\w-]{35})(?![\w-])", Options)]
    private static partial Regex GcpApiKey();

    [GeneratedRegex(@"""private_key_id""\s*:\s*""([a-f0-9]{40})""", Options)]
    private static partial Regex GcpServiceAccountKey();

    [GeneratedRegex(@"\b(GOCSPX-[\w-]{28})(?![\w-])", Options)]
    private static partial Regex GcpOauthClientSecret();

    [GeneratedRegex(@"(?i)AccountKey=([a-z0-9+/]{86}==)", Options)]
    private static partial Regex AzureStorageAccountKey();

    [GeneratedRegex(@"(?i)SharedAccessKey=([a-z0-9+/]{42,44}=)", Options)]
    private static partial Regex AzureSharedAccessKey();

    [GeneratedRegex(@"(?:^|[\\'""`\s>=:(,)])([a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34})(?:$|[\\'""`\s<),])", Options)]
    private static partial Regex AzureAdClientSecret();

    [GeneratedRegex(@"\b(dop_v1_[a-f0-9]{64})\b", Options)]
    private static partial Regex DigitalOceanPat();

    [GeneratedRegex(@"\b(doo_v1_[a-f0-9]{64})\b", Options)]
    private static partial Regex DigitalOceanOauth();

    [GeneratedRegex(@"\b(dor_v1_[a-f0-9]{64})\b", Options)]
    private static partial Regex DigitalOceanRefresh();

    [GeneratedRegex(@"\b(HRKU-AA[0-9a-zA-Z_-]{58})(?![\w-])", Options)]
    private static partial Regex HerokuApiKey();

    [GeneratedRegex(@"(?i)heroku" + Assign + @"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b", Options)]
    private static partial Regex HerokuLegacyApiKey();

    [GeneratedRegex(@"\b(LTAI[a-zA-Z0-9]{20})\b", Options)]
    private static partial Regex AlibabaAccessKeyId();

    [GeneratedRegex(@"(?i)cloudflare" + Assign + @"([a-z0-9_-]{40})" + End, Options)]
    private static partial Regex CloudflareApiToken();

    [GeneratedRegex(@"\b(hvs\.[\w-]{90,120})(?![\w-])", Options)]
    private static partial Regex VaultToken();

    [GeneratedRegex(@"\b([a-zA-Z0-9]{14}\.atlasv1\.[a-zA-Z0-9_=-]{60,70})(?![\w=-])", Options)]
    private static partial Regex TerraformCloudToken();

    [GeneratedRegex(@"\b(dapi[a-f0-9]{32}(?:-\d)?)\b", Options)]
    private static partial Regex DatabricksToken();

    [GeneratedRegex(@"\b(dp\.pt\.[a-zA-Z0-9]{43})\b", Options)]
    private static partial Regex DopplerToken();
}
