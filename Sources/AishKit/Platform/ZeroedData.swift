import CStartup

/// The program's zero-initialised data (`.bss`: the Swift runtime's metadata caches,
/// `swift_once` tokens, lazily made witness tables), mapped writable in one call.
///
/// Each of those is read before it is first written, so the kernel first maps the
/// shared zero page and then, at the write, copies it and flushes the old mapping
/// from the TLB of every core that runs one of aish's threads: an interrupt to the
/// other core for each of ~300 pages, while the mock or a reply's stream is using
/// it. Mapped writable before any thread starts, the same pages cost one call
/// (`MADV_POPULATE_WRITE`, Linux 5.14; on older kernels the call fails and nothing
/// changes). A 20,000-token one-shot chat spends 1 to 3 ms less CPU, more on a busy
/// machine (BENCHMARKS.md, thirteenth session); the 1.5 MB are mostly touched anyway.
public enum ZeroedData {
    /// Maps it writable; call before the first thread starts. `--help` and
    /// `--version`, which start none, do not need it. False when the kernel cannot.
    @discardableResult
    public static func mapWritable() -> Bool {
        aish_populate_bss() == 0
    }

    /// Where it lies in memory, whole pages (empty where the linker does not say).
    static var addresses: Range<UInt> {
        var start: UInt = 0
        var end: UInt = 0
        aish_bss_range(&start, &end)
        return start..<max(start, end)
    }
}
