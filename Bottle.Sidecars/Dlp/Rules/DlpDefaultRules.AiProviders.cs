using System.Text.RegularExpressions;

namespace Bottle.Sidecars.Dlp.Rules;

public static partial class DlpDefaultRules
{
    private static IEnumerable<DlpRule> AiProviders()
    {
        const string c = "ai";
        yield return Rule("anthropic-api-key", "Anthropic API key", c, DlpSeverity.Critical, AnthropicApiKey(), ["sk-ant-api03-"], 3);
        yield return Rule("anthropic-admin-api-key", "Anthropic Admin API key", c, DlpSeverity.Critical, AnthropicAdminKey(), ["sk-ant-admin01-"], 3);
        yield return Rule("openai-project-key", "OpenAI project, service-account or admin key", c, DlpSeverity.Critical, OpenAiProjectKey(), ["sk-proj-", "sk-svcacct-", "sk-admin-"], 3, maxLength: 480);
        yield return Rule("openai-api-key", "OpenAI user API key (legacy format)", c, DlpSeverity.Critical, OpenAiLegacyKey(), ["t3blbkfj"], 3);
        yield return Rule("huggingface-access-token", "Hugging Face user access token", c, DlpSeverity.High, HuggingFaceToken(), ["hf_"], 3);
        yield return Rule("huggingface-org-token", "Hugging Face organisation API token", c, DlpSeverity.High, HuggingFaceOrgToken(), ["api_org_"], 3);
        yield return Rule("cohere-api-key", "Cohere API key assigned to a cohere name", c, DlpSeverity.High, CohereApiKey(), ["cohere", "co_api_key"], 4, assigned: true);
        yield return Rule("groq-api-key", "Groq API key", c, DlpSeverity.High, GroqApiKey(), ["gsk_"], 3);
        yield return Rule("replicate-api-token", "Replicate API token", c, DlpSeverity.High, ReplicateToken(), ["r8_"], 3);
        yield return Rule("perplexity-api-key", "Perplexity API key", c, DlpSeverity.High, PerplexityKey(), ["pplx-"], 3);
        yield return Rule("xai-api-key", "xAI (Grok) API key", c, DlpSeverity.High, XaiKey(), ["xai-"], 3);
        yield return Rule("mistral-api-key", "Mistral API key assigned to a mistral name", c, DlpSeverity.High, MistralKey(), ["mistral"], 3.5, assigned: true);
    }

    [GeneratedRegex(@"\b(sk-ant-api03-[\w-]{93}AA)(?![\w-])", Options)]
    private static partial Regex AnthropicApiKey();

    [GeneratedRegex(@"\b(sk-ant-admin01-[\w-]{93}AA)(?![\w-])", Options)]
    private static partial Regex AnthropicAdminKey();

    // T3BlbkFJ is base64 of "OpenAI": OpenAI embeds it in every key it issues.
    [GeneratedRegex(@"\b(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200})(?![\w-])", Options)]
    private static partial Regex OpenAiProjectKey();

    [GeneratedRegex(@"\b(sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20})\b", Options)]
    private static partial Regex OpenAiLegacyKey();

    [GeneratedRegex(@"\b(hf_[a-zA-Z]{34})\b", Options)]
    private static partial Regex HuggingFaceToken();

    [GeneratedRegex(@"\b(api_org_[a-zA-Z]{34})\b", Options)]
    private static partial Regex HuggingFaceOrgToken();

    [GeneratedRegex(@"(?i)(?:cohere|co_api_key)" + Assign + @"([a-z0-9]{40})" + End, Options)]
    private static partial Regex CohereApiKey();

    [GeneratedRegex(@"\b(gsk_[a-zA-Z0-9]{52})\b", Options)]
    private static partial Regex GroqApiKey();

    [GeneratedRegex(@"\b(r8_[a-zA-Z0-9]{37})\b", Options)]
    private static partial Regex ReplicateToken();

    [GeneratedRegex(@"\b(pplx-[a-zA-Z0-9]{48})\b", Options)]
    private static partial Regex PerplexityKey();

    [GeneratedRegex(@"\b(xai-[a-zA-Z0-9]{80})\b", Options)]
    private static partial Regex XaiKey();

    [GeneratedRegex(@"(?i)mistral" + Assign + @"([a-z0-9]{32})" + End, Options)]
    private static partial Regex MistralKey();
}
