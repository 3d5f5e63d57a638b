import AsyncHTTPClient
import Foundation
import NIOCore

/// The mock's reply fetched by a path independent of aish's client (v1 POST with
/// a plain HTTP client), so tests compare aish's output with what the server says.
enum MockReference {
    static func reply(at url: String, specialist: String, message: String) async throws -> String {
        var request = HTTPClientRequest(url: "\(url)/api/v1/ai/specialists/\(specialist)/message")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        let body = try JSONSerialization.data(withJSONObject: ["message": message])
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        let object = try JSONSerialization.jsonObject(with: Data(buffer: bytes)) as? [String: Any]
        guard let text = object?["response"] as? String else {
            throw ReferenceError(detail: "no response text for \(specialist)")
        }
        return text
    }

    struct ReferenceError: Error { var detail: String }
}
