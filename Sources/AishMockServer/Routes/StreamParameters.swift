#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The validated inputs of a v2 stream request, from a JSON body or a query.
struct StreamParameters: Sendable {
    /// The message; never empty.
    let message: String
    /// The exact reply length in tokens, or nil for the natural length.
    let maxTokens: Int?
    /// The server-side session the message belongs to, if any (PROTOCOL.md §4).
    var sessionID: String? = nil

    /// These parameters, in session `id`.
    func inSession(_ id: String) -> StreamParameters {
        var copy = self
        copy.sessionID = id
        return copy
    }

    /// The largest `max_tokens` accepted.
    static let maxTokensLimit = 1_000_000

    private struct Body: Decodable {
        let message: String?
        let session_id: String?
        let temperature: Double?
        let max_tokens: Int?
    }

    /// Parses and validates a `POST /api/v2/ai/{id}/stream` body.
    static func fromJSON(_ bytes: [UInt8], sizeLimit: Int) throws(APIError) -> StreamParameters {
        let body: Body
        do {
            body = try JSONDecoder().decode(Body.self, from: Data(bytes))
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw .invalidRequest("Field '\(field)' has the wrong type.", details: .object(["field": .string(field)]))
        } catch {
            throw .invalidRequest("The request body is not a valid JSON object.")
        }
        var parameters = try validated(
            message: body.message, maxTokens: body.max_tokens, temperature: body.temperature, sizeLimit: sizeLimit)
        parameters.sessionID = body.session_id
        return parameters
    }

    /// Parses and validates the query of `GET /api/ai/specialists/{id}/stream`.
    static func fromQuery(_ query: QueryParameters, sizeLimit: Int) throws(APIError) -> StreamParameters {
        let maxTokens = try query["max_tokens"].map { text throws(APIError) in
            guard let value = Int(text) else { throw badMaxTokens(text) }
            return value
        }
        let temperature = try query["temperature"].map { text throws(APIError) in
            guard let value = Double(text) else { throw badTemperature(text) }
            return value
        }
        var parameters = try validated(
            message: query["message"], maxTokens: maxTokens, temperature: temperature, sizeLimit: sizeLimit)
        parameters.sessionID = query["session_id"].flatMap { $0.isEmpty ? nil : $0 }
        return parameters
    }

    private static func validated(message: String?, maxTokens: Int?, temperature: Double?, sizeLimit: Int)
        throws(APIError) -> StreamParameters
    {
        guard let message, message.contains(where: { !$0.isWhitespace }) else {
            throw .invalidRequest("The message must not be empty.", details: .object(["field": "message"]))
        }
        guard message.utf8.count <= sizeLimit else {
            throw APIError(
                status: .contentTooLarge, code: "MESSAGE_TOO_LARGE",
                message: "The message is larger than the server's limit of \(sizeLimit) bytes.",
                details: .object(["limit": .int(sizeLimit)])
            )
        }
        if let maxTokens, !(1...maxTokensLimit).contains(maxTokens) {
            throw badMaxTokens(String(maxTokens))
        }
        if let temperature, !(0...2).contains(temperature) {
            throw badTemperature(String(temperature))
        }
        return StreamParameters(message: message, maxTokens: maxTokens)
    }

    private static func badMaxTokens(_ text: String) -> APIError {
        .invalidRequest(
            "max_tokens must be a whole number from 1 to \(maxTokensLimit), not '\(text)'.",
            details: .object(["field": "max_tokens", "value": .string(text)])
        )
    }

    private static func badTemperature(_ text: String) -> APIError {
        .invalidRequest(
            "temperature must be a number from 0 to 2, not '\(text)'.",
            details: .object(["field": "temperature", "value": .string(text)])
        )
    }
}
