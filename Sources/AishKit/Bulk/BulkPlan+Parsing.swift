import Foundation

extension BulkPlan {
    /// Reads and checks a plan in the §5 format: JSON syntax (with line and column),
    /// the shape and range of every field, and the dependency graph (duplicate ids,
    /// unknown dependencies, cycles, `{opN}` not in `depends_on`, the size limit).
    ///
    /// - Parameters:
    ///   - bytes: the file's UTF-8 bytes.
    ///   - source: where they came from, for the error (`plan.json`, `standard input`).
    /// - Throws: ``BulkPlanError`` with every problem found.
    public static func parse(_ bytes: [UInt8], source: String) throws(BulkPlanError) -> BulkPlan {
        let (plan, problems) = read(bytes)
        guard let plan, problems.isEmpty else {
            throw BulkPlanError(source: source, problems: problems)
        }
        return plan
    }

    /// Reads a plan as far as it can and lists its problems (in the file's order),
    /// so a caller can add problems found elsewhere (unknown specialists) before
    /// reporting them all. The plan is nil when the file is not a JSON object.
    public static func read(_ bytes: [UInt8]) -> (plan: BulkPlan?, problems: [BulkPlanProblem]) {
        var reader = BulkPlanReader()
        let plan = reader.read(bytes)
        return (plan, BulkPlanProblem.inFileOrder(reader.problems, operations: plan?.operations ?? []))
    }
}

extension BulkPlanProblem {
    /// `problems` sorted the way the file reads: the plan's own and syntax problems
    /// first, then each operation's in the operations' order (stable within one).
    public static func inFileOrder(_ problems: [BulkPlanProblem], operations: [BulkOperation]) -> [BulkPlanProblem] {
        var rank: [String: Int] = [:]
        for (index, operation) in operations.enumerated() where rank[operation.id] == nil {
            rank[operation.id] = index
        }
        func key(_ problem: BulkPlanProblem) -> Int {
            if let index = rank[problem.location] { return index }
            if problem.location.hasPrefix("operation #"), let number = Int(problem.location.dropFirst(11)) {
                return number - 1
            }
            return -1
        }
        return problems.enumerated().sorted { (key($0.element), $0.offset) < (key($1.element), $1.offset) }
            .map(\.element)
    }
}

/// Collects the problems of one plan file while turning it into a ``BulkPlan``.
struct BulkPlanReader {
    private(set) var problems: [BulkPlanProblem] = []

    static let planFields = ["operations", "execution", "timeout"]
    static let operationFields = ["id", "ai", "message", "depends_on", "temperature", "max_tokens", "timeout"]
    /// The longest timeout accepted, a day, in seconds.
    static let longestTimeout = 86_400.0
    /// The largest `max_tokens` accepted.
    static let maxTokensLimit = 1_000_000
    /// The largest message accepted, in UTF-8 bytes (PROTOCOL.md §8).
    static let messageSizeLimit = 1 << 20

    /// The plan, or nil when the file is not even a JSON object.
    mutating func read(_ file: [UInt8]) -> BulkPlan? {
        // A UTF-8 byte order mark, as some editors write, is no part of the JSON.
        let bytes = file.starts(with: ASCII.byteOrderMark) ? Array(file.dropFirst(3)) : file
        guard bytes.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
            report("plan", "the file is empty; a plan is a JSON object such as {\"operations\": [...]}")
            return nil
        }
        let value: BulkJSONValue
        do {
            value = try BulkJSONParser.parse(bytes)
        } catch {
            let position = TextPosition(offset: error.offset, in: bytes)
            report(position.description, error.isSyntax ? "not valid JSON: \(error.reason)" : error.reason)
            return nil
        }
        guard case .object(let root) = value else {
            let start = bytes.firstIndex(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) ?? 0
            report(
                TextPosition(offset: start, in: bytes).description,
                "a plan is a JSON object such as {\"operations\": [...]}, not \(value.kindName)")
            return nil
        }
        unknownFields(of: root, allowed: Self.planFields, at: "plan")
        let execution = readExecution(root["execution"])
        let timeout = readSeconds(root["timeout"], field: "timeout", at: "plan")
        let operations = readOperations(root["operations"])
        problems += BulkPlanChecks.graphProblems(operations)
        return BulkPlan(operations: operations, execution: execution, timeout: timeout)
    }

    private mutating func readExecution(_ value: BulkJSONValue?) -> BulkExecution {
        guard let value, value != .null else { return .parallel }
        guard case .string(let text) = value, let execution = BulkExecution(rawValue: text) else {
            let shown = if case .string(let text) = value { "'\(text)'" } else { value.kindName }
            report("plan", "execution must be \"parallel\" or \"sequential\", not \(shown)")
            return .parallel
        }
        return execution
    }

    private mutating func readOperations(_ value: BulkJSONValue?) -> [BulkOperation] {
        guard case .array(let items)? = value else {
            let got = value.map { ", not \($0.kindName)" } ?? ""
            report("plan", "needs an \"operations\" array of {\"id\", \"ai\", \"message\"} objects\(got)")
            return []
        }
        if items.isEmpty {
            report("plan", "\"operations\" is empty; add at least one operation")
        }
        // First, and alone: checking the operations of a plan that cannot run anyway
        // would only take time and bury this under their problems.
        guard items.count <= BulkPlan.maxOperations else {
            report(
                "plan",
                "has \(items.count) operations, more than the limit of \(BulkPlan.maxOperations); split it into smaller plans"
            )
            return []
        }
        return items.enumerated().map { index, item in readOperation(item, number: index + 1) }
    }

    private mutating func readOperation(_ value: BulkJSONValue, number: Int) -> BulkOperation {
        let fallbackName = "operation #\(number)"
        guard case .object(let fields) = value else {
            report(fallbackName, "must be an object with \"id\", \"ai\" and \"message\", not \(value.kindName)")
            return BulkOperation(id: "", ai: "", message: "")
        }
        let id = readID(fields["id"], at: fallbackName, number: number)
        let name = id.flatMap { BulkPlanChecks.isValidID($0) ? $0 : nil } ?? fallbackName
        unknownFields(of: fields, allowed: Self.operationFields, at: name)
        let ai = readText(fields["ai"], field: "ai", at: name, missing: "names no specialist; add \"ai\": \"apollo\"")
        if let ai, ai.allSatisfy(\.isWhitespace) { report(name, "\"ai\" is empty; name a specialist such as apollo") }
        let message = readText(fields["message"], field: "message", at: name, missing: "has no \"message\"")
        if let message {
            if message.allSatisfy(\.isWhitespace) {
                report(name, "the message is empty; say what \(ai ?? "the specialist") should do")
            } else if message.utf8.count > Self.messageSizeLimit {
                report(name, "the message is \(message.utf8.count) bytes, more than the limit of 1 MiB; shorten it")
            }
        }
        return BulkOperation(
            id: id ?? "",
            ai: ai ?? "",
            message: message ?? "",
            dependsOn: readDependencies(fields["depends_on"], at: name),
            temperature: readTemperature(fields["temperature"], at: name),
            maxTokens: readMaxTokens(fields["max_tokens"], at: name),
            timeout: readSeconds(fields["timeout"], field: "timeout", at: name)
        )
    }

    private mutating func readID(_ value: BulkJSONValue?, at name: String, number: Int) -> String? {
        guard let value else {
            report(name, "has no \"id\"; give it one, such as \"id\": \"op\(number)\"")
            return nil
        }
        guard case .string(let id) = value else {
            report(name, "\"id\" must be a string such as \"op\(number)\", not \(value.kindName)")
            return nil
        }
        if !BulkPlanChecks.isValidID(id) {
            report(
                name,
                "the id '\(id)' is not usable: an id is 1–64 letters, digits, '_', '-' or '.', not starting with '.'")
        }
        return id
    }

    private mutating func readText(_ value: BulkJSONValue?, field: String, at name: String, missing: String)
        -> String?
    {
        guard let value else {
            report(name, missing)
            return nil
        }
        guard case .string(let text) = value else {
            report(name, "\"\(field)\" must be a string, not \(value.kindName)")
            return nil
        }
        return text
    }

    private mutating func readDependencies(_ value: BulkJSONValue?, at name: String) -> [String] {
        guard let value, value != .null else { return [] }
        guard case .array(let items) = value else {
            report(name, "\"depends_on\" must be an array of operation ids such as [\"op1\"], not \(value.kindName)")
            return []
        }
        var ids: [String] = []
        var seen: Set<String> = []
        for item in items {
            guard case .string(let id) = item else {
                report(name, "\"depends_on\" must hold operation ids (strings), not \(item.kindName)")
                continue
            }
            if seen.insert(id).inserted { ids.append(id) }
        }
        return ids
    }

    private mutating func readTemperature(_ value: BulkJSONValue?, at name: String) -> Double? {
        guard let value, value != .null else { return nil }
        guard case .number(let number) = value, (0...2).contains(number) else {
            report(name, "\"temperature\" must be a number from 0 to 2, not \(Self.shown(value))")
            return nil
        }
        return number
    }

    private mutating func readMaxTokens(_ value: BulkJSONValue?, at name: String) -> Int? {
        guard let value, value != .null else { return nil }
        guard case .number(let number) = value, let count = Int(exactly: number),
            (1...Self.maxTokensLimit).contains(count)
        else {
            report(
                name, "\"max_tokens\" must be a whole number from 1 to \(Self.maxTokensLimit), not \(Self.shown(value))"
            )
            return nil
        }
        return count
    }

    private mutating func readSeconds(_ value: BulkJSONValue?, field: String, at name: String) -> Double? {
        guard let value, value != .null else { return nil }
        guard case .number(let seconds) = value, seconds > 0, seconds <= Self.longestTimeout else {
            report(
                name,
                "\"\(field)\" must be a number of seconds above 0 and at most \(Int(Self.longestTimeout)), not \(Self.shown(value))"
            )
            return nil
        }
        return seconds
    }

    private mutating func unknownFields(of fields: [String: BulkJSONValue], allowed: [String], at name: String) {
        for key in fields.keys.sorted() where !allowed.contains(key) {
            let close = allowed.filter { EditDistance.between(key, $0) <= 2 }
            let hint =
                close.isEmpty
                ? "the fields are \(allowed.joined(separator: ", "))"
                : "did you mean \"\(close[0])\"?"
            report(name, "unknown field \"\(key)\"; \(hint)")
        }
    }

    private mutating func report(_ location: String, _ message: String) {
        problems.append(BulkPlanProblem(location, message))
    }

    /// A value for a message: numbers and short strings as they are, else their kind.
    private static func shown(_ value: BulkJSONValue) -> String {
        switch value {
        case .number(let number):
            Int(exactly: number).map(String.init) ?? String(number)
        case .string(let text) where text.count <= 20:
            "'\(text)'"
        default:
            value.kindName
        }
    }
}
