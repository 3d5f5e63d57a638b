import AsyncHTTPClient
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Short human reasons for network errors, for ``AishError`` descriptions.
enum NetworkFailure {
    /// A few words saying why a connection failed or broke ("connection refused").
    static func reason(for error: any Error) -> String {
        if let failure = TLSFailure(error, url: "") { return failure.reason }
        switch error {
        case let error as NIOConnectionError:
            if let dnsError = error.dnsAError ?? error.dnsAAAAError {
                return reason(for: dnsError)
            }
            // Every address failed; the first one's reason is the telling one.
            if let first = error.connectionErrors.first {
                return reason(for: first.error)
            }
            return "cannot connect to \(error.host):\(error.port)"
        case let error as IOError:
            return reason(errno: error.errnoCode) ?? "\(error)"
        case let error as SocketAddressError.UnknownHost:
            return "cannot resolve host '\(error.host)'"
        case let error as HTTPClientError:
            return reason(for: error)
        case let error as ChannelError:
            if case .connectTimeout = error { return "connection timed out" }
            return "\(error)"
        case is NIOTooManyBytesError:
            return "the response is too large"
        default:
            return String("\(error)".prefix(160))
        }
    }

    /// Why a request to the server at `url` got no answer at all: as ``reason(for:)``,
    /// and when the server closed the connection on a plain `http://` request, that an
    /// https server does that (it cannot read the request).
    static func reason(forUnanswered error: any Error, url: String) -> String {
        let reason = reason(for: error)
        guard let error = error as? HTTPClientError, error == .remoteConnectionClosed, url.hasPrefix("http://") else {
            return reason
        }
        return "\(reason) without answering; if it serves https, use https://\(url.dropFirst("http://".count))"
    }

    /// Whether `error` is the connect timeout running out (for any address tried).
    static func isConnectTimeout(_ error: any Error) -> Bool {
        switch error {
        case let error as HTTPClientError: error == .connectTimeout
        case let error as ChannelError: if case .connectTimeout = error { true } else { false }
        case let error as NIOConnectionError: error.connectionErrors.first.map { isConnectTimeout($0.error) } ?? false
        default: false
        }
    }

    /// Whether `error` means the task was cancelled rather than the network failing
    /// (a cancelled request can fail with many kinds of error).
    static func isCancellation(_ error: any Error) -> Bool {
        if Task.isCancelled || error is CancellationError { return true }
        if let error = error as? HTTPClientError, error == .cancelled { return true }
        return false
    }

    private static func reason(for error: HTTPClientError) -> String {
        switch error {
        case .connectTimeout: "connection timed out"
        case .readTimeout: "the server sent nothing for too long"
        case .deadlineExceeded: "the request timed out"
        case .remoteConnectionClosed: "the server closed the connection"
        case .invalidURL: "invalid URL"
        case .cancelled: "cancelled"
        default: String("\(error)".prefix(160))
        }
    }

    private static func reason(errno code: CInt) -> String? {
        switch code {
        case ECONNREFUSED: "connection refused"
        case ECONNRESET: "connection reset by the server"
        case ETIMEDOUT: "connection timed out"
        case EHOSTUNREACH: "no route to host"
        case ENETUNREACH: "network is unreachable"
        case EPIPE: "the server closed the connection"
        case EADDRNOTAVAIL: "address not available"
        default: nil
        }
    }
}
