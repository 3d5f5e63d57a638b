/// The dependency graph of a mock plan: a cycle check and, while running, which
/// operations are ready (every dependency succeeded) and which are doomed.
struct MockBulkGraph: Sendable {
    let ids: [String]
    let dependencies: [[Int]]

    init(_ operations: [MockBulkPlan.Operation]) {
        let ids = operations.map(\.id)
        self.ids = ids
        self.dependencies = operations.map { operation in
            operation.dependsOn.compactMap { ids.firstIndex(of: $0) }
        }
    }

    /// The ids around one cycle (first repeated at the end), if there is one.
    func cycle() -> [String]? {
        var state = [UInt8](repeating: 0, count: ids.count)  // 0 new, 1 on the path, 2 done
        var path: [Int] = []
        func visit(_ node: Int) -> [Int]? {
            state[node] = 1
            path.append(node)
            for next in dependencies[node] {
                if state[next] == 1, let start = path.firstIndex(of: next) { return Array(path[start...]) + [next] }
                if state[next] == 0, let found = visit(next) { return found }
            }
            path.removeLast()
            state[node] = 2
            return nil
        }
        for node in ids.indices where state[node] == 0 {
            if let found = visit(node) { return found.map { ids[$0] } }
        }
        return nil
    }
}

/// `{id}` placeholders, found and filled in one pass (braces in an inserted
/// response stay as they are), as a Tekton server does.
enum MockPlaceholders {
    private static func isIDCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "_-.".contains(character))
    }

    /// The `{name}` ranges of `message`.
    private static func ranges(in message: String) -> [(Range<String.Index>, String)] {
        var found: [(Range<String.Index>, String)] = []
        var index = message.startIndex
        while let open = message[index...].firstIndex(of: "{") {
            let start = message.index(after: open)
            guard let close = message[start...].firstIndex(where: { !isIDCharacter($0) }) else { break }
            let name = String(message[start..<close])
            if message[close] == "}", !name.isEmpty, !name.hasPrefix("."), name.count <= 64 {
                found.append((open..<message.index(after: close), name))
                index = message.index(after: close)
            } else {
                index = close
            }
        }
        return found
    }

    static func names(in message: String) -> [String] {
        ranges(in: message).map(\.1)
    }

    static func fill(_ message: String, with responses: [String: String]) -> String {
        var result = ""
        var position = message.startIndex
        for (range, name) in ranges(in: message) {
            guard let response = responses[name] else { continue }
            result += message[position..<range.lowerBound] + response
            position = range.upperBound
        }
        return result + message[position...]
    }
}
