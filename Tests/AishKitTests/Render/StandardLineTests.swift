import Testing

@testable import AishKit

/// Standard error's lines start on a line of their own when standard output, in the
/// same file, left its last line unfinished; only then, and only once.
@Suite struct StandardLineTests {
    @Test func aLineBreakComesOnlyAfterAnUnfinishedLine() {
        let line = StandardLine()
        #expect(line.statusLine("aish: notice\n") == "aish: notice\n")
        line.wroteOutput("## Apollo on")
        #expect(line.statusLine("") == "")
        #expect(line.statusLine("aish: notice\n") == "\naish: notice\n")
        #expect(line.statusLine("aish: error\n") == "aish: error\n")
        line.wroteOutput(" the reply\n")
        #expect(line.statusLine("aish: error\n") == "aish: error\n")
        line.wroteOutput("more")
        line.wroteOutput("")
        #expect(line.statusLine("aish: error\n") == "\naish: error\n")
    }
}
