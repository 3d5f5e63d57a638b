import Hummingbird

/// Gives Hummingbird's own errors (no such route, body too large, …) the v2
/// error body, so every error a client sees has the §8 form or Rhetor's form.
struct ErrorBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Runs the next responder and rewrites framework errors.
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as FastAPIError {
            throw error
        } catch let error as any HTTPResponseError {
            throw Self.translate(error.status, request: request)
        }
    }

    private static func translate(_ status: HTTPResponse.Status, request: Request) -> APIError {
        switch status {
        case .notFound:
            return APIError(
                status: status, code: "NOT_FOUND", message: "No route for \(request.method) \(request.uri.path).",
                details: nil)
        case .contentTooLarge:
            return APIError(
                status: status, code: "MESSAGE_TOO_LARGE", message: "The request body is larger than 1 MiB.",
                details: nil)
        default:
            return APIError(status: status, code: "HTTP_\(status.code)", message: status.reasonPhrase, details: nil)
        }
    }
}
