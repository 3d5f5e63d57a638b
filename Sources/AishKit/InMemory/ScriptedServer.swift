/// A server in memory: the twin of ``TektonClient`` for tests of the chat turn, the
/// shell, discovery and bulk runs. It has a roster, the capabilities it says it
/// offers, optional v2 discovery entries, and replies written by a script (by
/// default ``ScriptedTransport/echo(_:)``). Server sessions are numbered
/// `sess_1`, `sess_2`, … when the capabilities offer them.
///
/// Copies share what was sent, so a test keeps one and reads ``requests`` after.
public struct ScriptedServer: BulkServer {
    public var baseURL: String
    /// What ``capabilities()`` answers.
    public var offered: ServerCapabilities
    /// What ``specialists()`` answers.
    public var roster: [Specialist]
    /// What ``discoveredSpecialists()`` answers; nil is a server without v2 discovery.
    public var discovered: [DiscoveredSpecialist]?
    /// The transport kinds the client side implements.
    public var implementedTransports: Set<TransportKind> = Set(TransportKind.allCases).subtracting([.openAI])
    public var unusableTransports: [TransportKind: String] = [:]
    /// The clock the replies' waits run on.
    public var clock: any AishClock
    /// How rate limits are waited out (a scripted server never imposes one).
    public var rateLimitPolicy: RateLimitPolicy = .default
    /// The providers whose models it also reaches, as a combined server's (`local`
    /// for `local/m`): their models are in ``roster`` under those ids.
    public var providerNames: [String] = []
    private let script: @Sendable (ChatRequest) -> [ScriptedTransport.Step]
    private let log = LockedBox<[ChatRequest]>([])
    private let sessions = LockedBox(0)
    private let rosterReadCount = LockedBox(0)

    /// A server with `roster`, offering `offered`, answering as `script` says.
    public init(
        baseURL: String = "http://scripted.invalid", roster: [Specialist], offered: ServerCapabilities = .v1Only,
        discovered: [DiscoveredSpecialist]? = nil, clock: any AishClock = SystemClock(),
        script: @escaping @Sendable (ChatRequest) -> [ScriptedTransport.Step] = ScriptedTransport.echo
    ) {
        self.baseURL = baseURL
        self.roster = roster
        self.offered = offered
        self.discovered = discovered
        self.clock = clock
        self.script = script
    }

    /// Every chat request sent, oldest first, whichever transport carried it.
    public var requests: [ChatRequest] { log.withLock { $0 } }

    /// How many server sessions were opened.
    public var sessionsOpened: Int { sessions.withLock { $0 } }

    /// How many times ``specialists()`` was asked.
    public var rosterReads: Int { rosterReadCount.withLock { $0 } }

    public func capabilities() async throws -> ServerCapabilities { offered }

    public func cachedCapabilities() async throws -> (ServerCapabilities, cached: Bool) { (offered, false) }

    public func forgetCapabilities(after error: any Error) {}

    public func specialists() async throws -> [Specialist] {
        rosterReadCount.withLock { $0 += 1 }
        return roster
    }

    public func transport(_ kind: TransportKind) throws(AishError) -> any ChatTransport {
        ScriptedTransport(kind: kind, clock: clock, log: log, script: script)
    }

    public func createServerSession(specialistID: String) async throws -> String? {
        guard offered.features.sessions else { return nil }
        let number = sessions.withLock { count -> Int in
            count += 1
            return count
        }
        return "sess_\(number)"
    }

    public func discoveredSpecialists() async throws -> [DiscoveredSpecialist]? { discovered }

    public func bestMatches(capability: String, threshold: Double) async throws -> [DiscoveryCatalog.BestMatch]? {
        nil
    }

    /// As Rhetor does on a v1-only server: the first healthy specialist whose
    /// category or tags name `role`. Nil (no route) elsewhere.
    public func findSpecialist(role: String) async throws -> String?? {
        guard offered.isV1Only else { return nil }
        let match = roster.first { ($0.category == role || $0.capabilities.contains(role)) && $0.healthy }
        return .some(match?.id)
    }

    /// Runs the plan here, as a server would, through the scripted transport.
    public func runBulkOnServer(_ plan: BulkPlan, source: String, retry: BulkRetryPolicy) async throws
        -> BulkRunResult
    {
        let runner = BulkRunner(
            plan: plan, executor: TransportOperationExecutor(transport: try transport(.sse)),
            options: BulkRunner.Options(retry: retry), clock: clock)
        var result = await runner.run()
        result.executedBy = "server"
        return result
    }
}

extension ScriptedServer: TeamChatServer {
    /// The team chat as Rhetor runs it: every healthy specialist answers through the
    /// scripted transport, in the roster's order; one whose reply fails answers with
    /// its error.
    public func teamChat(_ message: String) -> AsyncThrowingStream<TeamAnswer, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: TeamAnswer.self)
        let server = self
        let task = Task {
            do {
                let transport = try server.transport(.v1Post)
                for specialist in server.roster where specialist.healthy {
                    let reply = try? await TransportOperationExecutor(transport: transport).execute(
                        ChatRequest(specialistID: specialist.id, message: message)
                    ) { _, _ in }
                    try Task.checkCancellation()
                    continuation.yield(
                        TeamAnswer(
                            specialistID: specialist.id, content: reply?.text ?? "",
                            failure: reply == nil ? "the specialist failed" : nil))
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
