using System.Text.RegularExpressions;

namespace Bottle.Sidecars.Dlp.Rules;

public static partial class DlpDefaultRules
{
    private static IEnumerable<DlpRule> Chat()
    {
        const string c = "chat";
        yield return Rule("slack-bot-token", "Slack bot token", c, DlpSeverity.High, SlackBotToken(), ["xoxb-"], 3);
        yield return Rule("slack-user-token", "Slack user or refresh token", c, DlpSeverity.High, SlackUserToken(), ["xoxp-", "xoxe-"], 3);
        yield return Rule("slack-app-token", "Slack app-level token", c, DlpSeverity.High, SlackAppToken(), ["xapp-"], 3);
        yield return Rule("slack-webhook-url", "Slack incoming webhook or workflow URL", c, DlpSeverity.Medium, SlackWebhook(), ["hooks.slack.com"], 3);
        yield return Rule("discord-bot-token", "Discord bot token assigned to a discord name", c, DlpSeverity.High, DiscordBotToken(), ["discord"], 3, assigned: true);
        yield return Rule("discord-webhook-url", "Discord webhook URL", c, DlpSeverity.Medium, DiscordWebhook(), ["discord"], 3);
        yield return Rule("telegram-bot-token", "Telegram bot API token", c, DlpSeverity.High, TelegramBotToken(), [":aa"], 3);
        yield return Rule("twilio-api-key", "Twilio API key (SK…)", c, DlpSeverity.High, TwilioApiKey(), ["twilio", "sk0", "sk1", "sk2", "sk3", "sk4", "sk5", "sk6", "sk7", "sk8", "sk9", "ska", "skb", "skc", "skd", "ske", "skf"], 3);
        yield return Rule("sendgrid-api-key", "SendGrid API key", c, DlpSeverity.High, SendGridKey(), ["sg."], 3);
        yield return Rule("mailgun-api-key", "Mailgun private API key", c, DlpSeverity.High, MailgunKey(), ["key-"], 3);
        yield return Rule("mailchimp-api-key", "Mailchimp API key", c, DlpSeverity.High, MailchimpKey(), ["-us"], 3);
        yield return Rule("teams-webhook-url", "Microsoft Teams incoming webhook URL", c, DlpSeverity.Medium, TeamsWebhook(), ["webhook.office.com"], 3, maxLength: 400);
    }

    [GeneratedRegex(@"\b(xoxb-[0-9]{10,13}-[0-9]{10,13}-?[a-zA-Z0-9-]*)", Options)]
    private static partial Regex SlackBotToken();

    [GeneratedRegex(@"\b(xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34})", Options)]
    private static partial Regex SlackUserToken();

    [GeneratedRegex(@"\b(xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+)", Options)]
    private static partial Regex SlackAppToken();

    [GeneratedRegex(@"(?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/([A-Za-z0-9+/]{43,56})", Options)]
    private static partial Regex SlackWebhook();

    [GeneratedRegex(@"(?i)discord" + Assign + @"([mno][a-z0-9_-]{23,25}\.[\w-]{6}\.[\w-]{27,38})" + End, Options)]
    private static partial Regex DiscordBotToken();

    [GeneratedRegex(@"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d{17,20}/([\w-]{60,68})", Options)]
    private static partial Regex DiscordWebhook();

    [GeneratedRegex(@"\b(\d{8,10}:AA[0-9A-Za-z_-]{33})(?![\w-])", Options)]
    private static partial Regex TelegramBotToken();

    [GeneratedRegex(@"\b(SK[0-9a-fA-F]{32})\b", Options)]
    private static partial Regex TwilioApiKey();

    [GeneratedRegex(@"\b(SG\.[\w-]{22}\.[\w-]{43})(?![\w-])", Options)]
    private static partial Regex SendGridKey();

    [GeneratedRegex(@"\b(key-[0-9a-f]{32})\b", Options)]
    private static partial Regex MailgunKey();

    [GeneratedRegex(@"\b([0-9a-f]{32}-us[0-9]{1,2})\b", Options)]
    private static partial Regex MailchimpKey();

    [GeneratedRegex(@"(?i)https://[a-z0-9-]+\.webhook\.office\.com/webhookb2/[a-z0-9-]{36}@[a-z0-9-]{36}/IncomingWebhook/([a-z0-9]{32})/[a-z0-9-]{36}", Options)]
    private static partial Regex TeamsWebhook();
}
