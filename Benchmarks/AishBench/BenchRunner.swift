import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the chosen benchmarks one after another and prints the results.
struct BenchRunner {
    let options: BenchOptions

    /// Runs `benchmarks` and returns the exit status: 0, 1 when a benchmark
    /// failed to run, 2 when a target was missed under `--strict`.
    func run(_ benchmarks: [any Benchmark]) async -> Int32 {
        guard access(options.aishPath, X_OK) == 0 else {
            Console.error(
                "AishBench: cannot execute \(options.aishPath); build it with `swift build -c release --product aish`")
            return 1
        }
        let context = BenchContext(
            aishPath: options.aishPath,
            helloPath: options.helloPath
                ?? ((options.aishPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent(
                    "BenchHello"),
            quick: options.quick)
        Console.print("AishBench: \(options.aishPath), \(Machine.describe())\(options.quick ? ", --quick" : "")")
        var table = ResultTable()
        for benchmark in benchmarks where options.only?.contains(benchmark.id) ?? true {
            Console.print("\n== \(benchmark.id)")
            do {
                let results = try await benchmark.run(context)
                var section = ResultTable()
                section.add(results)
                Console.print(section.render())
                table.add(results)
            } catch {
                Console.error("AishBench: \(benchmark.id) failed: \(error)")
                table.addFailure(id: benchmark.id, error: "\(error)")
            }
        }
        Console.print("\n== results\n" + table.render())
        if !table.failures.isEmpty { return 1 }
        return options.strict && table.anyMissed ? 2 : 0
    }
}

/// The machine the figures come from.
enum Machine {
    /// `2 CPUs, Linux 6.1.0 x86_64`.
    static func describe() -> String {
        let cpus = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        var name = utsname()
        guard uname(&name) == 0 else { return "\(cpus) CPUs" }
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { bytes in
                String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
        }
        return "\(cpus) CPUs, \(field(name.sysname)) \(field(name.release)) \(field(name.machine))"
    }
}
