import NIOCore
import Testing

@testable import AishKit

/// Error answers of OpenAI-compatible servers, as aish reports them.
@Suite struct OpenAIFailureTests {
    static let key = "sk-test-SECRET-4242"

    private func endpoint(key: String? = OpenAIFailureTests.key) throws -> OpenAIEndpoint {
        try OpenAIEndpoint(name: "local", baseURL: "http://127.0.0.1:11434/v1", apiKey: key)
    }

    private func failure(
        _ status: Int, _ body: String?, retryAfter: String? = nil, key: String? = OpenAIFailureTests.key
    ) throws
        -> AishError
    {
        OpenAIFailure.error(
            status: status, retryAfter: retryAfter, body: body.map { ByteBuffer(string: $0) },
            url: "http://127.0.0.1:11434/v1/chat/completions", endpoint: try endpoint(key: key), model: "llama3.1",
            shownAs: "local/llama3.1")
    }

    static let errorBodies: [String] = [
        #"{"error":{"message":"max_tokens is too large","type":"invalid_request_error","param":"max_tokens","code":null}}"#,
        #"{"error":"plain message"}"#,
        #"{"object":"error","message":"vllm says no","type":"BadRequestError","param":null,"code":400}"#,
    ]

    @Test func badRequestSaysWhatTheServerSaidAndWhatToCheck() throws {
        let error = try failure(400, Self.errorBodies[0])
        guard case .unexpectedStatus(_, 400, let detail) = error else {
            Issue.record("got \(error)")
            return
        }
        #expect(detail.hasPrefix("max_tokens is too large [invalid_request_error]"))
        #expect(detail.contains("--max-tokens"))
        #expect(error.exitCode == 65)
    }

    /// A refusal that names the model (Ollama's answer for an embedding model) says to
    /// pick a chat model, not to check the options.
    @Test func aRefusalNamingTheModelSaysToPickAnother() throws {
        let error = try failure(400, #"{"error":{"message":"\"llama3.1\" does not support chat","type":"api_error"}}"#)
        guard case .unexpectedStatus(_, 400, let detail) = error else {
            Issue.record("got \(error)")
            return
        }
        #expect(detail.hasPrefix("\"llama3.1\" does not support chat [api_error]"))
        #expect(detail.contains("The model 'local/llama3.1' cannot answer this request"))
        #expect(detail.contains("`aish specialists` lists them"))
        #expect(!detail.contains("--max-tokens"))
    }

    @Test func otherErrorShapesAreReadToo() throws {
        #expect(OpenAIErrorBody(json: Array(Self.errorBodies[1].utf8)) == OpenAIErrorBody(message: "plain message"))
        #expect(
            OpenAIErrorBody(json: Array(Self.errorBodies[2].utf8))
                == OpenAIErrorBody(message: "vllm says no", type: "BadRequestError", code: "400"))
        #expect(OpenAIErrorBody(json: Array("404 page not found".utf8)) == nil)
        #expect(OpenAIErrorBody(json: Array(#"{"other":"x"}"#.utf8)) == nil)
        #expect(OpenAIErrorBody(json: Array("[]".utf8)) == nil)
    }

    /// Google's Gemini wraps its error in an array and names its kind `status`, with the
    /// HTTP status as `code`; FastAPI servers answer `{"detail": …}`, a string or their
    /// request check's list of problems.
    @Test func geminisAndFastAPIsShapesAreRead() throws {
        let gemini = OpenAIErrorBody(
            json: Array(
                #"[{"error": {"code": 400, "message": "API key not valid.", "status": "INVALID_ARGUMENT"}}]"#.utf8))
        #expect(gemini == OpenAIErrorBody(message: "API key not valid.", type: "INVALID_ARGUMENT", code: "400"))
        #expect(gemini?.summary == "API key not valid [INVALID_ARGUMENT]")
        #expect(OpenAIErrorBody(json: Array(#"{"detail":"Model x not found"}"#.utf8))?.message == "Model x not found")
        let check =
            #"{"detail":[{"loc":["body","messages",0,"role"],"msg":"field required","type":"missing"},"#
            + #"{"loc":["body","max_tokens"],"msg":"must be positive"},{"msg":"no location"},{"loc":[]},"x",{"loc":["a"],"msg":"m"},"#
            + #"{"loc":["b"],"msg":"n"}]}"#
        #expect(
            OpenAIErrorBody(json: Array(check.utf8))?.message
                == "body.messages.0.role: field required; body.max_tokens: must be positive; no location")
        // OpenAI's numeric-looking codes still show when there is no type.
        #expect(OpenAIErrorBody(message: "overloaded", code: "502").summary == "overloaded [502]")
    }

    @Test func anHTMLPageIsToldByItsTitle() throws {
        let page =
            "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
            + "</center><hr><center>nginx</center></body></html>"
        let error = try failure(502, page)
        guard case .unexpectedStatus(_, 502, let detail) = error else {
            Issue.record("got \(error)")
            return
        }
        #expect(detail == "502 Bad Gateway. The server failed; try again, or look at its log")
        #expect(ErrorPageText.htmlTitle("<HTML><TITLE> Down </TITLE>") == "Down")
        #expect(ErrorPageText.htmlTitle("<html><title></title><p>x</p>") == nil)
        #expect(ErrorPageText.gist(of: "  \n") == nil)
        #expect(ErrorPageText.gist(of: "Internal Server Error\nat line 3") == "Internal Server Error")
        let untitled = try failure(503, "<html><body><h1>Service Unavailable</h1><p>Back soon</p></body></html>")
        #expect(String(describing: untitled).contains("Service Unavailable Back soon"))
    }

    @Test func unauthorizedSaysWhetherAKeyWasSent() throws {
        let url = "http://127.0.0.1:11434/v1"
        #expect(try failure(401, nil) == .apiKeyRefused(provider: "local", url: url, hasKey: true))
        #expect(try failure(403, nil, key: nil) == .apiKeyRefused(provider: "local", url: url, hasKey: false))
    }

    @Test func notFoundTellsAWrongModelFromAWrongURL() throws {
        let model = try failure(404, #"{"error":{"message":"model \"llama3.1\" not found, try pulling it first"}}"#)
        #expect(String(describing: model).contains("The model 'local/llama3.1' is not on this server"))
        let route = try failure(404, "404 page not found")
        #expect(String(describing: route).contains("check the provider's url"))
        #expect(String(describing: route).contains("404 page not found"))
    }

    @Test func tooManyRequestsCarriesRetryAfter() throws {
        #expect(
            try failure(429, #"{"error":{"message":"slow down"}}"#, retryAfter: " 7 ")
                == .rateLimited(url: "http://127.0.0.1:11434/v1", retryAfter: 7, attempts: 1))
        #expect(
            try failure(429, nil, retryAfter: "Wed, 21 Oct 2026 07:28:00 GMT")
                == .rateLimited(url: "http://127.0.0.1:11434/v1", retryAfter: nil, attempts: 1))
    }

    @Test func serverErrorsSayTheServerFailed() throws {
        let error = try failure(500, #"{"error":{"message":"boom","type":"server_error"}}"#)
        #expect(String(describing: error).contains("HTTP 500"))
        #expect(String(describing: error).contains("boom [server_error]. The server failed"))
        #expect(
            try failure(503, #"{"error":{"message":"loading"}}"#)
                == .specialistUnavailable(id: "local/llama3.1", detail: "loading"))
    }

    @Test func serverTextIsMadeSafeToPrint() throws {
        let hostile = #"{"error":{"message":"\u001b]0;pwned\u0007gone \u001b[2Jwrong","code":"\u001b[31mx"}}"#
        let text = String(describing: try failure(400, hostile))
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\u{07}"))
        #expect(text.contains("gone wrong [x]"))
        let stream = OpenAIFailure.streamError(
            OpenAIErrorBody(message: "a\u{1B}[1mb"), endpoint: try endpoint(), shownAs: "local/m")
        #expect(stream == .specialistFailed(id: "local/m", code: nil, message: "ab"))
    }

    @Test(arguments: [400, 401, 403, 404, 422, 429, 500, 502, 503])
    func theKeyNeverAppearsInAnError(status: Int) throws {
        // A server that echoes the key back must not get it printed either.
        let echo = #"{"error":{"message":"bad key \#(Self.key)? no, "}}"#
        let error = try failure(status, echo, retryAfter: "1")
        #expect(!String(describing: error).contains(Self.key))
        let stream = OpenAIFailure.streamError(
            OpenAIErrorBody(message: "echo \(Self.key)", code: Self.key), endpoint: try endpoint(), shownAs: "local/m")
        #expect(!String(describing: stream).contains(Self.key))
        #expect(!String(describing: try endpoint()).contains(Self.key))
        var dumped = ""
        dump(try endpoint(), to: &dumped)
        #expect(!dumped.contains(Self.key))
    }
}
