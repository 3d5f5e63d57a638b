/// The dependency graph of a plan's operations, by index in the file's order.
/// A value type with no I/O: the scheduler and the checks both read it.
public struct BulkGraph: Sendable, Equatable {
    /// The operations' ids, in the file's order.
    public let ids: [String]
    /// For each operation, the indices of the operations it depends on (sorted).
    public let dependencies: [[Int]]
    /// For each operation, the indices of the operations that depend on it (sorted).
    public let dependents: [[Int]]

    /// The graph of `operations`. A dependency on an unknown id, or on the operation
    /// itself, is left out (the plan's checks report those); when ids repeat, the
    /// first operation with the id is the one depended on.
    public init(_ operations: [BulkOperation]) {
        var index: [String: Int] = [:]
        for (position, operation) in operations.enumerated() where index[operation.id] == nil {
            index[operation.id] = position
        }
        var dependencies: [[Int]] = []
        var dependents = [[Int]](repeating: [], count: operations.count)
        for (position, operation) in operations.enumerated() {
            let edges = Set(operation.dependsOn.compactMap { index[$0] }.filter { $0 != position }).sorted()
            dependencies.append(edges)
            for edge in edges { dependents[edge].append(position) }
        }
        self.ids = operations.map(\.id)
        self.dependencies = dependencies
        self.dependents = dependents
    }

    /// The number of operations.
    public var count: Int { ids.count }

    /// Every operation downstream of `index` (that depends on it directly or not),
    /// in the file's order.
    public func downstream(of index: Int) -> [Int] {
        var seen = Set<Int>()
        var stack = dependents[index]
        while let next = stack.popLast() {
            if seen.insert(next).inserted { stack += dependents[next] }
        }
        return seen.sorted()
    }

    /// The number of operations on the longest chain of dependencies (1 when
    /// nothing depends on anything), for an acyclic graph.
    public var depth: Int {
        var levels = [Int](repeating: 0, count: count)
        var remaining = dependencies.map(\.count)
        var ready = (0..<count).filter { remaining[$0] == 0 }
        for index in ready { levels[index] = 1 }
        while let node = ready.popLast() {
            for dependent in dependents[node] {
                levels[dependent] = max(levels[dependent], levels[node] + 1)
                remaining[dependent] -= 1
                if remaining[dependent] == 0 { ready.append(dependent) }
            }
        }
        return levels.max() ?? 0
    }

    /// One cycle for every group of operations that wait for each other, each as
    /// the indices along it, starting and ending with the group's first operation
    /// in the file (`[0, 2, 0]`: op0 depends on op2, which depends on op0).
    public func cycles() -> [[Int]] {
        stronglyConnectedComponents()
            .filter { $0.count > 1 }
            .compactMap { component in shortestCycle(through: component.min() ?? 0, within: Set(component)) }
            .sorted { $0[0] < $1[0] }
    }

    /// The shortest path from `start` back to itself along dependency edges that
    /// stay inside `members`.
    private func shortestCycle(through start: Int, within members: Set<Int>) -> [Int]? {
        var previous: [Int: Int] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for next in dependencies[node] where members.contains(next) {
                if next == start {
                    var path = [start]
                    var step = node
                    while step != start {
                        path.append(step)
                        step = previous[step] ?? start
                    }
                    let middle: [Int] = Array(path[1...]).reversed()
                    return [start] + middle + [start]
                }
                if previous[next] == nil {
                    previous[next] = node
                    queue.append(next)
                }
            }
        }
        return nil
    }

    /// Tarjan's algorithm, iterative so a long chain cannot exhaust the stack.
    private func stronglyConnectedComponents() -> [[Int]] {
        var indexOf = [Int?](repeating: nil, count: count)
        var lowLink = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var stack: [Int] = []
        var components: [[Int]] = []
        var nextIndex = 0
        for root in 0..<count where indexOf[root] == nil {
            // Each frame: a node and how many of its edges have been followed.
            var frames: [(node: Int, edge: Int)] = [(root, 0)]
            indexOf[root] = nextIndex
            lowLink[root] = nextIndex
            nextIndex += 1
            stack.append(root)
            onStack[root] = true
            while let frame = frames.last {
                let node = frame.node
                if frame.edge < dependencies[node].count {
                    frames[frames.count - 1].edge += 1
                    let next = dependencies[node][frame.edge]
                    if let nextIndexValue = indexOf[next] {
                        if onStack[next] { lowLink[node] = min(lowLink[node], nextIndexValue) }
                    } else {
                        indexOf[next] = nextIndex
                        lowLink[next] = nextIndex
                        nextIndex += 1
                        stack.append(next)
                        onStack[next] = true
                        frames.append((next, 0))
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last?.node { lowLink[parent] = min(lowLink[parent], lowLink[node]) }
                if lowLink[node] == indexOf[node] {
                    var component: [Int] = []
                    while let member = stack.popLast() {
                        onStack[member] = false
                        component.append(member)
                        if member == node { break }
                    }
                    components.append(component)
                }
            }
        }
        return components
    }
}
