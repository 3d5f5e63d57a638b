import Hummingbird

/// Answers as Rhetor's FastAPI under uvicorn does around every route: errors as
/// `{"detail": …}` (a missing route is `{"detail":"Not Found"}`, as
/// `capabilities-404.http`), and `vary: Origin` on every response, from its CORS layer.
struct FastAPIMiddleware: RouterMiddleware {
    typealias Context = MockContext

    /// The header Rhetor's CORS middleware adds to every response.
    static let vary = HeaderName("vary")

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as FastAPIError {
            response = try error.response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            response = try FastAPIError(status: error.status, detail: .string(error.status.reasonPhrase))
                .response(from: request, context: context)
        }
        if let vary = Self.vary { response.headers[vary] = "Origin" }
        return response
    }
}
