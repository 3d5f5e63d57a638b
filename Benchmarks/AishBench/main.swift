// AishBench: release-mode benchmarks of the `aish` binary (`make bench`).
// See BENCHMARKS.md at the repository root for what each benchmark measures.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The scripted server writes to sockets aish may close; a write must fail, not kill us.
signal(SIGPIPE, SIG_IGN)

let options: BenchOptions
do {
    options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    Console.error("AishBench: \(error)\n\(BenchOptions.usage)")
    exit(64)
}
if options.showsHelp {
    Console.print(BenchOptions.usage)
    exit(0)
}
let status = await BenchRunner(options: options).run(BenchmarkSuite.all)
exit(status)
