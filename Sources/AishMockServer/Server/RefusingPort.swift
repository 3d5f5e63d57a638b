import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs `body` with a loopback port that refuses connections for as long as it
/// runs: a socket holds it, bound but not listening, so no other server can take it
/// meanwhile (a port freed by a server that stopped can be taken at once).
///
/// `port` 0 lets the system choose; another asks for that one (the port of a server
/// just stopped, so a URL that worked stops working), and throws
/// `POSIXError(.EADDRINUSE)` when something holds it. For tests of unreachable servers.
package func withRefusingPort<T>(_ port: Int = 0, _ body: (Int) async throws -> T) async throws -> T {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
    defer { close(descriptor) }
    var reuse: Int32 = 1  // a port whose last connections are in TIME_WAIT can be bound again
    _ = setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(clamping: port).bigEndian
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
            bind(descriptor, address, length) == 0 && getsockname(descriptor, address, &length) == 0
        }
    }
    guard bound else { throw POSIXError(.EADDRINUSE) }
    return try await body(Int(UInt16(bigEndian: address.sin_port)))
}
