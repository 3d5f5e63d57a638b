import Foundation

/// The base URL of a provider's OpenAI-compatible API (`providers.NAME.url`,
/// `AISH_PROVIDER_URL`), checked where the configuration is read and where the
/// endpoint is made.
public enum ProviderURL {
    /// What `text` should be instead when aish cannot take it as an API's base URL (as
    /// "an http:// or https:// URL such as …"); nil when it can: http or https, a host,
    /// no credentials (the key has settings of its own), no query or fragment (the routes
    /// are appended to it).
    public static func problem(_ text: String) -> String? {
        var trimmed = text.trimmingWhitespace()
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else {
            if let address = ServerURL.withHTTP(trimmed) {
                return "the address with its scheme, \(address) (https:// if the server has TLS)"
            }
            return "an http:// or https:// URL such as http://127.0.0.1:11434/v1"
        }
        if url.user != nil {
            return "the URL without credentials, which aish never sends to a provider; the key goes in "
                + "api_key_env or api_key_file (AISH_PROVIDER_KEY beside AISH_PROVIDER_URL)"
        }
        if url.query != nil || url.fragment != nil {
            return "the API's base without a query or fragment (aish adds /chat/completions and /models to it), "
                + "such as http://127.0.0.1:11434/v1 (Azure: https://RESOURCE.openai.azure.com/openai/v1)"
        }
        return nil
    }
}
