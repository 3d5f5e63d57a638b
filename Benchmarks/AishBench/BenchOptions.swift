#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The command line of `AishBench`, parsed by hand (the target has no ArgumentParser).
struct BenchOptions: Sendable {
    /// The `aish` binary to measure.
    var aishPath = ".build/release/aish"
    /// A Swift "hello, world" built like aish (`BenchHello`); by default beside it.
    var helloPath: String?
    /// Fewer runs per benchmark, for a quick look; the figures are noisier.
    var quick = false
    /// Run only the benchmarks with these ids (all when nil).
    var only: Set<String>?
    /// Exit with status 2 when a target is missed.
    var strict = false
    /// `--help` was given.
    var showsHelp = false

    static let usage = """
        usage: AishBench [--aish PATH] [--hello PATH] [--quick] [--only ID,ID…] [--strict]
          --aish PATH   the aish binary to measure (default .build/release/aish)
          --hello PATH  a Swift hello world built the same way (default: BenchHello beside aish)
          --quick       fewer runs per benchmark (noisier figures)
          --only IDS    run only these benchmarks: \(BenchmarkSuite.all.map(\.id).joined(separator: ", "))
          --strict      exit with status 2 when a target is missed
        """

    /// Parses `arguments` (without the program name).
    static func parse(_ arguments: [String]) throws(BenchError) -> BenchOptions {
        var options = BenchOptions()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--aish":
                guard let path = remaining.popFirst() else { throw BenchError("--aish needs a path") }
                options.aishPath = path
            case "--hello":
                guard let path = remaining.popFirst() else { throw BenchError("--hello needs a path") }
                options.helloPath = path
            case "--only":
                guard let list = remaining.popFirst() else { throw BenchError("--only needs benchmark ids") }
                let ids = Set(list.split(separator: ",").map(String.init))
                let known = Set(BenchmarkSuite.all.map(\.id))
                if let unknown = ids.subtracting(known).sorted().first {
                    throw BenchError("unknown benchmark '\(unknown)'")
                }
                options.only = ids
            case "--quick": options.quick = true
            case "--strict": options.strict = true
            case "--help", "-h": options.showsHelp = true
            default: throw BenchError("unknown argument '\(argument)'")
            }
        }
        return options
    }
}
