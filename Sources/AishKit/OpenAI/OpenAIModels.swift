import Foundation

extension OpenAIEndpoint {
    /// The ids of the server's models (`GET {base}/models`, answered
    /// `{"data": [{"id": …}, …]}`), in the server's order, made safe to print.
    ///
    /// - Throws: ``AishError/providerUnreachable(provider:url:reason:)`` when no connection can
    ///   be made, the errors of ``OpenAIFailure`` for an error status, and
    ///   ``AishError/malformedResponse(url:detail:)`` when the answer has another shape.
    public func models() async throws -> [String] {
        let url = self.url("/models")
        let response = try await send(makeRequest(url: url), timeout: Self.metadataTimeout)
        guard response.status.code == 200 else {
            throw await OpenAIFailure.error(for: response, url: url, endpoint: self, model: nil, shownAs: name)
        }
        let body = try await collect(response, url: url)
        return try Self.modelIDs(json: Data(body.readableBytesView), url: url)
    }

    /// The model ids of a `/models` answer.
    static func modelIDs(json: Data, url: String) throws(AishError) -> [String] {
        guard let list = try? JSONDecoder().decode(ModelList.self, from: json) else {
            throw AishError.malformedResponse(
                url: url, detail: "expected {\"data\": [{\"id\": …}]}, the answer of an OpenAI-compatible server")
        }
        return list.data.map { OpenAIServerText.safe($0.id, limit: 200) }.filter { !$0.isEmpty }
    }

    private struct ModelList: Decodable {
        struct Model: Decodable {
            var id: String
        }

        var data: [Model]
    }
}
