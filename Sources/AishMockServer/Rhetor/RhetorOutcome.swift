/// What Rhetor's `send_to_ai` gives back: the reply's text, or why there is none.
enum RhetorOutcome: Sendable, Equatable {
    /// The specialist answered (a failed model's error text counts as an answer).
    case response(String)
    /// The message did not get an answer.
    case error(String)

    /// `No response`: the socket closed, or another request replaced it.
    static let noResponse = RhetorOutcome.error("No response")
    /// A reply longer than the specialist socket's 64 KiB line limit.
    static let lineTooLong = RhetorOutcome.error("Separator is found, but chunk is longer than limit")

    /// `{"success", "ai_id", "response", "error"}`, as `POST …/message` answers.
    func messageBody(id: String) -> JSONValue {
        switch self {
        case .response(let text):
            return .object(["success": .bool(true), "ai_id": .string(id), "response": .string(text), "error": .null])
        case .error(let message):
            return .object([
                "success": .bool(false), "ai_id": .string(id), "response": .null, "error": .string(message),
            ])
        }
    }
}
