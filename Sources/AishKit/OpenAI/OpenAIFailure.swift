import AsyncHTTPClient
import NIOCore

/// The ``AishError`` an OpenAI-compatible server's error answer stands for.
///
/// Pure: it is given the status, the `Retry-After` header and the body, and reads
/// the server's `{"error": {"message", "type", "code"}}` when there is one. The
/// server's text is made safe to print, and the API key, should the server echo it, is
/// redacted.
enum OpenAIFailure {
    /// What went wrong with a request at `url` for `model` (shown as `shownAs`), or
    /// for no model (`GET /models`).
    static func error(
        status: Int, retryAfter: String?, body: ByteBuffer?, url: String, endpoint: OpenAIEndpoint, model: String?,
        shownAs: String
    ) -> AishError {
        let server = body.flatMap { OpenAIErrorBody(json: $0.readableBytesView) }.map { redacted($0, endpoint) }
        var said = server?.summary ?? body.flatMap { firstTextLine(of: $0, endpoint) } ?? "HTTP \(status)"
        let refusesTheModel = model.map { !$0.isEmpty && server?.message.contains($0) == true } ?? false
        while said.hasSuffix(".") { said.removeLast() }
        switch status {
        case 401, 403:
            return .apiKeyRefused(provider: endpoint.name, url: endpoint.baseURL, hasKey: endpoint.hasAPIKey)
        case 404 where server.map({ names(model, in: $0) }) ?? false:
            return .unexpectedStatus(
                url: url, status: 404,
                detail: "\(said). The model '\(shownAs)' is not on this server: check its name "
                    + "(GET \(endpoint.url("/models")) lists them)")
        case 404:
            return .unexpectedStatus(
                url: url, status: 404,
                detail: "\(said). No OpenAI-compatible API answers at \(endpoint.baseURL): check the provider's url, "
                    + "which usually ends in /v1 (such as http://127.0.0.1:11434/v1)")
        case 429:
            let seconds = retryAfter.flatMap { Int($0.trimmingWhitespace()) }
            return .rateLimited(url: endpoint.baseURL, retryAfter: seconds, attempts: 1)
        case 503:
            return .specialistUnavailable(id: shownAs, detail: said)
        case 400 where refusesTheModel, 422 where refusesTheModel:
            // Ollama: `"nomic-embed-text" does not support chat` (an embedding model).
            return .unexpectedStatus(
                url: url, status: status,
                detail: "\(said). The model '\(shownAs)' cannot answer this request: if it is no chat model (an "
                    + "embedding model, say), pick another (`aish specialists` lists them)")
        case 400, 413, 422:
            return .unexpectedStatus(
                url: url, status: status,
                detail: "\(said). The server refused the request as sent: check the message's length, "
                    + "--max-tokens and --temperature against what the model allows")
        case 500...599:
            return .unexpectedStatus(
                url: url, status: status, detail: "\(said). The server failed; try again, or look at its log")
        default:
            return .unexpectedStatus(url: url, status: status, detail: said)
        }
    }

    /// Reads the error answer `response` (at most ``OpenAIEndpoint/errorBodyLimit``
    /// bytes of it) and maps it.
    static func error(
        for response: HTTPClientResponse, url: String, endpoint: OpenAIEndpoint, model: String?, shownAs: String
    ) async -> AishError {
        let body = try? await response.body.collect(upTo: OpenAIEndpoint.errorBodyLimit)
        return error(
            status: Int(response.status.code), retryAfter: response.headers.first(name: "Retry-After"), body: body,
            url: url, endpoint: endpoint, model: model, shownAs: shownAs)
    }

    /// The error of a stream's `{"error": …}` event.
    static func streamError(_ body: OpenAIErrorBody, endpoint: OpenAIEndpoint, shownAs: String) -> AishError {
        let body = redacted(body, endpoint)
        return .specialistFailed(
            id: shownAs, code: body.tag.map { OpenAIServerText.safe($0, limit: 64) },
            message: OpenAIServerText.safe(body.message))
    }

    /// The body with the API key, should the server echo it, redacted (before any
    /// cut, so no part of it is left).
    private static func redacted(_ body: OpenAIErrorBody, _ endpoint: OpenAIEndpoint) -> OpenAIErrorBody {
        OpenAIErrorBody(
            message: endpoint.redacting(body.message), type: body.type.map(endpoint.redacting),
            code: body.code.map(endpoint.redacting))
    }

    /// Whether an error body is about the model: OpenAI's `model_not_found`, or a
    /// message naming it (Ollama: `model "x" not found`).
    private static func names(_ model: String?, in body: OpenAIErrorBody) -> Bool {
        guard let model, !model.isEmpty else { return false }
        return body.code == "model_not_found"
            || (body.message.contains(model) && body.message.lowercased().contains("model"))
    }

    /// The gist of an error body that is no JSON (``ErrorPageText``), safe to print.
    private static func firstTextLine(of body: ByteBuffer, _ endpoint: OpenAIEndpoint) -> String? {
        guard let text = String(validating: body.readableBytesView, as: UTF8.self).map(endpoint.redacting),
            let gist = ErrorPageText.gist(of: text)
        else { return nil }
        let safe = OpenAIServerText.safe(gist, limit: 200)
        return safe.isEmpty ? nil : safe
    }
}
