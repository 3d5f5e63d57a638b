import Hummingbird

/// Authentication and the request rate for the protected routes (PROTOCOL.md §8).
///
/// Without a valid bearer token a protected route answers 401, except a
/// WebSocket upgrade without any `Authorization` header: that socket may send
/// `auth` as its first message instead (``RPCConnection`` enforces it). A
/// request over the client's rate answers 429 with the four rate-limit headers.
struct SecurityMiddleware: RouterMiddleware {
    typealias Context = MockContext

    let security: MockSecurity

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        guard Credentials.isProtected(path) else { return try await next(request, context) }
        if security.credentials.required {
            if let token = Credentials.bearerToken(of: request) {
                guard security.credentials.accepts(token) else { throw APIError.unauthorized }
            } else if !path.hasPrefix("/ws/") || request.headers[.authorization] != nil {
                throw APIError.unauthorized
            }
        }
        guard let limiter = security.requests else { return try await next(request, context) }
        let decision = limiter.take(for: Credentials.clientKey(request: request, channel: context.channel))
        guard decision.allowed else { throw APIError.rateLimited(decision, rate: limiter.rate) }
        var response = try await next(request, context)
        response.headers.append(contentsOf: decision.headers)
        return response
    }
}
