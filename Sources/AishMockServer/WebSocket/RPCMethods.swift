/// The methods of PROTOCOL.md §7, plus `resume`, for one connection.
///
/// Each method validates its params (-32602 when they are wrong) and answers with
/// a result or an error; streaming methods also send notifications as they go.
struct RPCMethods: Sendable {
    let connection: RPCConnection

    /// Every method name, for the -32601 error's data.
    static let names = ["chat", "stream", "resume", "cancel", "ping", "auth", "subscribe", "unsubscribe"]

    /// Runs a call (a request with an id) and returns what it answers.
    func perform(_ request: RPCRequest, id: RPCID) async -> RPCOutcome {
        let params = request.params ?? .object([])
        switch request.method {
        case "ping":
            return .result("pong")
        case "chat":
            return await chat(params, id: id, forceStream: false)
        case "stream":
            return await chat(params, id: id, forceStream: true)
        case "resume":
            return await resume(params, id: id)
        case "cancel":
            return cancel(params)
        case "auth":
            return auth(params)
        case "subscribe":
            return subscribe(params)
        case "unsubscribe":
            return unsubscribe(params)
        default:
            return .failure(.methodNotFound(request.method))
        }
    }

    /// Runs a notification (no id): only the methods whose effect outlasts the
    /// call do anything; nothing is ever sent back for it, not even an error.
    func performNotification(_ request: RPCRequest) async {
        let params = request.params ?? .object([])
        switch request.method {
        case "cancel":
            _ = cancel(params)
        case "subscribe":
            for followUp in subscribe(params).followUps { await connection.send(followUp) }
        case "unsubscribe":
            _ = unsubscribe(params)
        default:
            break
        }
    }

    // MARK: Small methods

    private func cancel(_ params: JSONValue) -> RPCOutcome {
        guard let value = params[member: "request"], let target = RPCID(value), target != .null else {
            return .failure(.invalidParams("cancel needs \"request\": the id of the call to cancel."))
        }
        return .result(.bool(connection.calls.cancel(target)))
    }

    /// `auth` on a connection that may already be in: a token the server accepts
    /// answers `{authenticated: true}`, another -32004. (A server with no tokens
    /// accepts any non-empty one.) The first message of a connection that must
    /// authenticate is handled by ``RPCConnection`` itself.
    private func auth(_ params: JSONValue) -> RPCOutcome {
        guard let token = params[member: "token"]?.stringValue else {
            return .failure(.invalidParams("auth needs \"token\", a string."))
        }
        guard !token.isEmpty, connection.state.security.credentials.accepts(token) else {
            return .failure(.unauthorized)
        }
        connection.adopt(token: token)
        return .result(.object(["authenticated": .bool(true)]))
    }

    // MARK: Subscriptions

    /// The events a client can subscribe to.
    static let events: Set<String> = ["specialist.status"]

    private func subscribe(_ params: JSONValue) -> RPCOutcome {
        let names: [String]
        do {
            names = try eventNames(params)
        } catch {
            return .failure(error)
        }
        let (subscribed, added) = connection.subscriptions.withLock { subscriptions in
            let added = names.filter { subscriptions.insert($0).inserted }
            return (subscriptions.sorted(), added)
        }
        let followUps = added.contains("specialist.status") ? [statusNotification] : []
        return .result(.object(["subscribed": .strings(subscribed)]), followUps: followUps)
    }

    private func unsubscribe(_ params: JSONValue) -> RPCOutcome {
        let names: [String]
        do {
            names = try eventNames(params)
        } catch {
            return .failure(error)
        }
        let remaining = connection.subscriptions.withLock { subscriptions in
            for name in names { subscriptions.remove(name) }
            return subscriptions.sorted()
        }
        return .result(.object(["subscribed": .strings(remaining)]))
    }

    private func eventNames(_ params: JSONValue) throws(RPCError) -> [String] {
        guard case .array(let values)? = params[member: "events"] else {
            throw .invalidParams("Give \"events\": a list of event names, such as [\"specialist.status\"].")
        }
        var names: [String] = []
        for value in values {
            guard let name = value.stringValue, Self.events.contains(name) else {
                throw .invalidParams(
                    "Unknown event \(value.encoded()); known events: \(Self.events.sorted().joined(separator: ", ")).",
                    data: .object(["events": .strings(Self.events.sorted())])
                )
            }
            names.append(name)
        }
        return names
    }

    /// `specialist.status {specialist_id, status}`, with the status v1 health reports.
    private var statusNotification: String {
        let available = connection.specialist.healthy && !connection.faults.unavailable
        return RPCMessageText.notification(
            "specialist.status",
            params: .object([
                "specialist_id": .string(connection.specialist.id),
                "status": .string(available ? "available" : "unavailable"),
            ]))
    }
}
