import Hummingbird
import NIOCore

/// Who asks for a stream: the key its limits are counted under, and the credentials
/// the stream belongs to.
struct StreamCaller: Sendable {
    /// The per-client key of ``Credentials/clientKey(request:channel:)``.
    let client: String
    /// The hash of the caller's bearer token, or nil without one.
    let owner: String?

    /// The caller of `request`, arriving on `channel`.
    init(request: Request, channel: any Channel) {
        self.client = Credentials.clientKey(request: request, channel: channel)
        self.owner = Credentials.owner(of: request)
    }
}
