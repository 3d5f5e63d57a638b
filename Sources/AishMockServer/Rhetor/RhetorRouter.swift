import Hummingbird

/// Builds the router of the Rhetor profile: Rhetor's v1 routes, team chat and its
/// service routes, and nothing else; `/api/capabilities`, `/api/v2/…` and the
/// WebSockets answer FastAPI's 404.
func makeRhetorRouter(state: MockServerState) -> Router<MockContext> {
    let router = Router(context: MockContext.self)
    router.add(middleware: FastAPIMiddleware())
    RhetorSpecialistRoutes(state: state).register(on: router)
    RhetorStreamRoutes(state: state).register(on: router)
    RhetorTeamChatRoutes(state: state).register(on: router)
    RhetorServiceRoutes(state: state).register(on: router)
    return router
}
