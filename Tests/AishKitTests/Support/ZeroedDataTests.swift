import Foundation
import Testing

@testable import AishKit

/// The program's zeroed data is mapped writable in one call: afterwards each of its
/// pages is present and this process's own (not the shared zero page, which a page
/// read before it is written maps first). A kernel older than 5.14 refuses the call.
@Suite struct ZeroedDataTests {
    @Test func everyPageIsMappedAndOwnAfterTheCall() throws {
        let range = ZeroedData.addresses
        try #require(!range.isEmpty)
        let mapped = ZeroedData.mapWritable()
        #expect(mapped == Self.kernelCanPopulate, "kernel \(Self.kernelRelease)")
        guard mapped else { return }
        let page = UInt(sysconf(Int32(_SC_PAGESIZE)))
        let entries = try pageMapEntries(from: range.lowerBound / page, count: Int(UInt(range.count) / page))
        // /proc/PID/pagemap: bit 63 present, bit 56 mapped by this process alone.
        let notOwn = entries.filter { $0 & (1 << 63) == 0 || $0 & (1 << 56) == 0 }
        #expect(entries.count == range.count / Int(page))
        #expect(notOwn.count == 0, "of \(entries.count) pages")
    }

    /// `uname -r`, as `6.18.44-…`.
    private static var kernelRelease: String {
        var names = utsname()
        uname(&names)
        return withUnsafeBytes(of: names.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    /// Whether the kernel has `MADV_POPULATE_WRITE` (Linux 5.14).
    private static var kernelCanPopulate: Bool {
        let numbers = kernelRelease.split(whereSeparator: { !$0.isNumber }).prefix(2).compactMap { Int($0) }
        guard numbers.count == 2 else { return false }
        return (numbers[0], numbers[1]) >= (5, 14)
    }

    private func pageMapEntries(from firstPage: UInt, count: Int) throws -> [UInt64] {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/self/pagemap"))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(firstPage) * 8)
        let data = try handle.read(upToCount: count * 8) ?? Data()
        return stride(from: 0, to: data.count, by: 8).map { offset in
            data[offset..<offset + 8].enumerated().reduce(UInt64(0)) {
                $0 | UInt64($1.element) << (8 * UInt64($1.offset))
            }
        }
    }
}
