import Hummingbird
import NIOCore

extension Response {
    /// A JSON response, `application/json`, with the exact bytes of `value`.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        let buffer = value.encodedBuffer(.compact)
        return Response(
            status: status,
            headers: [.contentType: "application/json", .contentLength: String(buffer.readableBytes)],
            body: ResponseBody(byteBuffer: buffer)
        )
    }
}
