using System.Text.RegularExpressions;

namespace Bottle.Sidecars.Dlp.Rules;

public static partial class DlpDefaultRules
{
    private static IEnumerable<DlpRule> Payment()
    {
        const string c = "payment";
        yield return Rule("stripe-secret-key", "Stripe live secret key", c, DlpSeverity.Critical, StripeSecretKey(), ["sk_live_", "sk_prod_"], 3);
        yield return Rule("stripe-restricted-key", "Stripe live restricted key", c, DlpSeverity.High, StripeRestrictedKey(), ["rk_live_", "rk_prod_"], 3);
        yield return Rule("stripe-webhook-secret", "Stripe webhook signing secret", c, DlpSeverity.Medium, StripeWebhookSecret(), ["whsec_"], 3);
        yield return Rule("square-access-token", "Square access token", c, DlpSeverity.High, SquareAccessToken(), ["eaaa", "sq0atp-"], 3);
        yield return Rule("square-oauth-secret", "Square OAuth application secret", c, DlpSeverity.High, SquareOauthSecret(), ["sq0csp-"], 3);
        yield return Rule("braintree-access-token", "PayPal Braintree production access token", c, DlpSeverity.Critical, BraintreeAccessToken(), ["access_token$production$"], 3);
        yield return Rule("paypal-client-secret", "PayPal REST client secret assigned to a paypal name", c, DlpSeverity.High, PaypalClientSecret(), ["paypal"], 3.5, assigned: true);
        yield return Rule("shopify-access-token", "Shopify access, custom-app, private-app or shared-secret token", c, DlpSeverity.High, ShopifyToken(), ["shpat_", "shpca_", "shppa_", "shpss_"], 3);
    }

    [GeneratedRegex(@"\b(sk_(?:live|prod)_[a-zA-Z0-9]{24,247})\b", Options)]
    private static partial Regex StripeSecretKey();

    [GeneratedRegex(@"\b(rk_(?:live|prod)_[a-zA-Z0-9]{24,247})\b", Options)]
    private static partial Regex StripeRestrictedKey();

    [GeneratedRegex(@"\b(whsec_[a-zA-Z0-9]{32,64})\b", Options)]
    private static partial Regex StripeWebhookSecret();

    [GeneratedRegex(@"\b((?:EAAA|sq0atp-)[\w-]{22,60})(?![\w-])", Options)]
    private static partial Regex SquareAccessToken();

    [GeneratedRegex(@"\b(sq0csp-[\w-]{43})(?![\w-])", Options)]
    private static partial Regex SquareOauthSecret();

    [GeneratedRegex(@"\b(access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})\b", Options)]
    private static partial Regex BraintreeAccessToken();

    [GeneratedRegex(@"(?i)paypal" + Assign + @"([a-z0-9_-]{80})" + End, Options)]
    private static partial Regex PaypalClientSecret();

    [GeneratedRegex(@"\b(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})\b", Options)]
    private static partial Regex ShopifyToken();
}
