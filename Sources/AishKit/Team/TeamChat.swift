/// `aish team` and `/team`: one message to several specialists at once, every
/// answer attributed and shown as it arrives.
///
/// Who answers: the specialists `--to` names (models of OpenAI-compatible providers
/// too), else every healthy specialist of Tekton's. How:
/// - on a v1-only server asked for the whole team, Rhetor's own team chat
///   (``TeamChatServer/teamChat(_:)``: its event stream, else its POST), where
///   every specialist whose socket is up answers, whatever its last health check
///   said; one the roster calls unhealthy that does not answer is left out, not failed;
/// - otherwise one chat per specialist, all at once, over the transport aish picks
///   for the server (WebSocket streams side by side on a v2 server; v1 POSTs, one per
///   specialist, on Rhetor), through ``BulkRunner`` with its retries.
///
/// Either way the run is reported as ``BulkEvent``s and a ``BulkRunResult`` with one
/// operation per specialist (its id the specialist's bare name), so the live view and
/// the JSON are those of `aish bulk`.
public struct TeamChat: Sendable {
    /// The server.
    public var server: any TeamChatServer
    /// The transport `--transport` forces, if any.
    public var forcedTransport: TransportKind?
    /// Time, for the answers' times.
    public var clock: any AishClock

    /// A team chat on `server`.
    public init(server: any TeamChatServer, forcedTransport: TransportKind? = nil, clock: any AishClock = SystemClock())
    {
        self.server = server
        self.forcedTransport = forcedTransport
        self.clock = clock
    }

    /// Who answers a message, and how it gets to them.
    public struct Prepared: Sendable {
        /// One operation per specialist.
        public var plan: BulkPlan
        /// How the message goes out, for `-v` and the summary line.
        public var via: String
        /// The chat per specialist; nil for the server's own team chat.
        fileprivate var fanOut: PreparedChat?
        /// The bare names by server id, to attribute the team route's answers.
        fileprivate var names: [String: String]
        /// The operations expected to answer (the healthy specialists, or those named).
        public fileprivate(set) var expected: Set<String>
    }

    /// Chooses the specialists (`to`: names as typed; nil for every healthy one) and
    /// the route for `message`.
    ///
    /// - Throws: ``AishError/unknownSpecialist(name:suggestions:)`` for a name in
    ///   `to` the server does not know; ``AishError/invalidArgument(name:value:hint:)``
    ///   when nobody is left to ask.
    public func prepare(_ message: String, to names: [String]?) async throws -> Prepared {
        let everyone = try await server.specialists()
        let resolver = SpecialistResolver(specialists: everyone)
        // The whole team is Tekton's: a provider's models answer when named in --to.
        let roster = everyone.filter { $0.provider == nil }
        var chosen: [Specialist] = []
        for name in names ?? [] {
            let specialist = try resolver.resolve(name)
            if !chosen.contains(where: { $0.id == specialist.id }) { chosen.append(specialist) }
        }
        if names == nil { chosen = roster.filter(\.healthy) }
        guard let first = chosen.first else {
            throw AishError.invalidArgument(
                name: "--to", value: names?.joined(separator: ",") ?? "",
                hint: "no healthy specialist to ask; see `aish specialists`")
        }
        let expected = Set(chosen.map(\.teamName))
        let (capabilities, _) = try await server.cachedCapabilities()
        if capabilities.isV1Only, names == nil, forcedTransport == nil {
            // Rhetor asks every socket that is up: the whole roster may answer.
            let byID = Dictionary(roster.map { ($0.id, $0.bareName) }, uniquingKeysWith: { first, _ in first })
            let operations = roster.map { BulkOperation(id: $0.bareName, ai: $0.id, message: message) }
            return Prepared(
                plan: BulkPlan(operations: operations), via: "Rhetor's team chat", fanOut: nil, names: byID,
                expected: expected)
        }
        let chat = try await server.prepareChat(specialist: first.id, forcedTransport: forcedTransport)
        let operations = chosen.map { BulkOperation(id: $0.teamName, ai: $0.id, message: message) }
        return Prepared(
            plan: BulkPlan(operations: operations),
            via: "\(chosen.count) chats over \(chat.transport.kind.displayName)",
            fanOut: chat, names: [:], expected: expected)
    }

    /// Sends the message and reports every answer as it arrives. Never throws:
    /// failures are results. Cancelling the task (Ctrl-C) ends the run and keeps the
    /// answers so far; the result then says `interrupted`.
    public func run(_ prepared: Prepared, onEvent: @escaping @Sendable (BulkEvent) -> Void) async -> BulkRunResult {
        if let chat = prepared.fanOut {
            let runner = BulkRunner(
                plan: prepared.plan, executor: TransportOperationExecutor(transport: chat.transport),
                options: BulkRunner.Options(maxParallel: max(1, prepared.plan.operations.count)), clock: clock)
            return await runner.run(onEvent: onEvent)
        }
        return await runTeamRoute(prepared, onEvent: onEvent)
    }

    /// The server's own team chat: every operation starts at once and ends with its
    /// specialist's answer; one that never answers has failed.
    private func runTeamRoute(_ prepared: Prepared, onEvent: @escaping @Sendable (BulkEvent) -> Void) async
        -> BulkRunResult
    {
        let start = clock.now
        func elapsed() -> Double { (clock.now - start).seconds }
        let operations = prepared.plan.operations
        for operation in operations {
            onEvent(.started(id: operation.id, ai: operation.ai, attempt: 1, at: 0))
        }
        var results: [String: BulkOperationResult] = [:]
        func settle(_ id: String, _ result: BulkOperationResult) {
            guard results[id] == nil else { return }
            results[id] = result
            onEvent(.finished(id: id, result: result, at: elapsed()))
        }
        var cause = "did not answer the team chat"
        var status = BulkOperationResult.Status.failed
        do {
            for try await answer in server.teamChat(operations[0].message) {
                guard let id = prepared.names[answer.specialistID] else { continue }
                let time = elapsed()
                if let failure = answer.failure {
                    settle(id, BulkOperationResult(status: .failed, executionTime: time, error: failure, startedAt: 0))
                } else {
                    // The answer alone, as `aish bulk` keeps it: thinking written inline is left out.
                    let content = InlineThinking.split(whole: answer.content).answer
                    onEvent(.text(id: id, chunk: content, tokens: 0))
                    settle(
                        id,
                        BulkOperationResult(
                            status: .success, response: content, executionTime: time, startedAt: 0, attempts: 1))
                }
            }
        } catch is CancellationError {
            (cause, status) = ("cancelled", .cancelled)
        } catch {
            cause = (error as? AishError)?.description ?? String(describing: error)
        }
        if Task.isCancelled { (cause, status) = ("cancelled", .cancelled) }
        var left: Set<String> = []
        for operation in operations where results[operation.id] == nil {
            if prepared.expected.contains(operation.id) || status == .cancelled {
                settle(operation.id, BulkOperationResult(status: status, executionTime: elapsed(), error: cause))
            } else {
                // Unhealthy by the roster and silent: never expected, so shown as skipped and left out.
                left.insert(operation.id)
                let skipped = BulkOperationResult(status: .skipped, error: "not healthy; it did not answer")
                onEvent(.finished(id: operation.id, result: skipped, at: elapsed()))
            }
        }
        return BulkRunResult(
            requestID: BulkRunner.makeRequestID(), executionTime: elapsed(),
            results: operations.filter { !left.contains($0.id) }.map {
                ($0.id, results[$0.id] ?? BulkOperationResult(status: status, error: cause))
            },
            interrupted: status == .cancelled, executedBy: "local")
    }
}

extension Specialist {
    /// The name of this specialist's answer in a team: its bare name (`apollo`), or a
    /// model's whole id (`local/llama3.1`), since two providers may serve one model.
    var teamName: String { provider == nil ? bareName : id }
}
