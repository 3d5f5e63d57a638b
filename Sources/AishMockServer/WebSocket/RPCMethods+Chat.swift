/// `chat`, `stream` and `resume`: the calls that produce a reply.
extension RPCMethods {
    /// `chat` (streaming when `stream` is true) and `stream` (always streaming).
    ///
    /// The reply comes from the same generation and event log as a v2 SSE stream,
    /// so its text is identical to the SSE reply for the same request.
    func chat(_ params: JSONValue, id: RPCID, forceStream: Bool) async -> RPCOutcome {
        let specialist = connection.specialist
        guard params.isObject else {
            return .failure(.invalidParams("Params must be an object with at least \"message\"."))
        }
        let parameters: StreamParameters
        do {
            parameters = try StreamParameters.fromJSON(
                Array(params.encoded().utf8), sizeLimit: connection.state.messageSizeLimit)
        } catch {
            return .failure(.invalidParams(error.message, data: error.details))
        }
        let streamFlag = params[member: "stream"]
        guard streamFlag == nil || streamFlag == .null || streamFlag?.isBool == true else {
            return .failure(.invalidParams("\"stream\" must be true or false.", data: .object(["field": "stream"])))
        }
        guard specialist.healthy && !connection.faults.unavailable else {
            return .failure(.unavailable(specialist.id))
        }
        var inSession = parameters
        if let sessionID = params[member: "session_id"]?.stringValue { inSession = parameters.inSession(sessionID) }
        do {
            try connection.state.enterSession(inSession, specialistID: specialist.id)
        } catch {
            return .failure(
                error.code == "SESSION_EXPIRED"
                    ? .sessionExpired(inSession.sessionID ?? "") : .invalidParams(error.message, data: error.details))
        }
        let estimatedTokens = (parameters.message.utf8.count + 3) / 4
        guard estimatedTokens <= specialist.contextWindow else {
            return .failure(.contextLimit(estimatedTokens: estimatedTokens, window: specialist.contextWindow))
        }
        let state = connection.state
        if state.security.faultRefuses(connection.faults) { return .failure(.rateLimited(retryAfter: 1)) }
        guard let release = takeStreamSlot() else { return .failure(tooManyStreams) }
        defer { release() }
        let reply = Reply(specialist: specialist, message: parameters.message, maxTokens: parameters.maxTokens)
        let (requestID, entry, lease) = state.streams.start(
            reply: reply, faults: connection.faults, pacing: state.pacing(for: connection.faults),
            grace: .clampedSeconds(state.configuration.cancellationGrace), owner: connection.owner
        )
        let stream = RPCStream(
            connection: connection, lease: lease, requestID: requestID, call: id,
            numbering: RPCChunkNumbering(faults: entry.faults), notifies: forceStream || streamFlag == .bool(true),
            dropBeforeID: connection.faults.dropAfterEvents
        )
        return await stream.run(afterChunk: -1)
    }

    /// `resume {request, after_chunk}`: continues a stream started on any
    /// connection, from the chunk after `after_chunk` (-1 or absent: from the first).
    func resume(_ params: JSONValue, id: RPCID) async -> RPCOutcome {
        guard let requestID = params[member: "request"]?.stringValue else {
            return .failure(.invalidParams("resume needs \"request\": the request_id from stream.start."))
        }
        let afterMember = params[member: "after_chunk"]
        let afterChunk = afterMember == nil || afterMember == .null ? -1 : afterMember?.intValue
        guard let afterChunk, afterChunk >= -1 else {
            return .failure(
                .invalidParams(
                    "\"after_chunk\" must be a chunk index (or -1 for the start).",
                    data: .object(["field": "after_chunk"])
                ))
        }
        let specialistID = connection.specialist.id
        guard let entry = connection.state.streams.entry(for: requestID, owner: connection.owner),
            entry.specialistID == specialistID
        else {
            return .failure(
                .invalidParams(
                    "No stream '\(requestID)' for specialist '\(specialistID)'; it may have expired.",
                    data: .object(["code": "REQUEST_NOT_FOUND", "request_id": .string(requestID)])
                ))
        }
        let numbering = RPCChunkNumbering(faults: entry.faults)
        guard let lease = ReaderLease(log: entry.log, after: numbering.eventID(ofChunk: afterChunk)) else {
            return .failure(
                .invalidParams(
                    "Chunks after \(afterChunk) of '\(requestID)' are no longer kept.",
                    data: .object(["code": "RESUME_EXPIRED", "request_id": .string(requestID)])
                ))
        }
        guard let release = takeStreamSlot() else { return .failure(tooManyStreams) }
        defer { release() }
        let stream = RPCStream(
            connection: connection, lease: lease, requestID: requestID, call: id,
            numbering: numbering, notifies: true, dropBeforeID: nil
        )
        return await stream.run(afterChunk: afterChunk)
    }

    /// Takes one of the client's stream slots when streams are limited, returning
    /// what gives it back; nil when the client has no slot left.
    private func takeStreamSlot() -> (@Sendable () -> Void)? {
        guard let slots = connection.state.security.streams else { return {} }
        let client = connection.client
        guard slots.acquire(for: client) else { return nil }
        return { slots.release(for: client) }
    }

    /// -32003 for a client with as many streams as allowed.
    private var tooManyStreams: RPCError {
        let limit = connection.state.security.streams?.limit ?? 0
        return RPCError(
            code: RPCError.rateLimitedCode,
            message: "Too many streams at once (at most \(limit) per client); wait for one to finish.",
            data: .object(["code": "TOO_MANY_STREAMS", "retry_after": .int(1), "max_concurrent_streams": .int(limit)])
        )
    }
}

extension JSONValue {
    /// Whether this is `true` or `false`.
    var isBool: Bool {
        if case .bool = self { return true }
        return false
    }
}
