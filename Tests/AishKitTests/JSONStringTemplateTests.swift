import Testing

@testable import AishKit

/// A ``JSONStringTemplate`` reads the string of an event that is the learnt one's
/// bytes with another valid string in its place, and nothing else.
@Suite struct JSONStringTemplateTests {
    static let learnt = #"{"type":"content","data":"first","specialist_id":"apollo"}"#

    /// Where `"first"` (its quotes included) lies in ``learnt``.
    static var firstString: Range<Int> {
        let bytes = Array(learnt.utf8)
        let start = bytes.indices.first { bytes[$0...].starts(with: Array(#""first""#.utf8)) } ?? 0
        return start..<(start + 7)
    }

    /// `learnt` with `middle` in place of `"first"`.
    static func event(_ middle: String) -> String {
        learnt.replacingOccurrences(of: #""first""#, with: middle)
    }

    private func value(_ event: [UInt8]) -> String?? {
        let learnt = Array(Self.learnt.utf8)
        let template = learnt.withUnsafeBufferPointer { JSONStringTemplate($0, string: Self.firstString) }
        guard let template else { return .none }
        return .some(event.withUnsafeBufferPointer { template.value(in: $0) })
    }

    @Test(arguments: [
        (#""second""#, "second"), (#""""#, ""), (#""a\nb \"q\" \u00e9 \ud83d\ude00""#, "a\nb \"q\" é 😀"),
        (#""ünï""#, "ünï"), (#" "spaced""#, "spaced"),
    ])
    func anotherStringInThePlaceIsRead(middle: String, expected: String) {
        #expect(value(Array(Self.event(middle).utf8)) == .some(expected))
    }

    @Test(arguments: [
        "null", "12", #""a","data":"b""#, #""a"  "#, #""tab"# + "\t" + #"here""#, #""bad \q escape""#,
        #""unterminated"#, #"["x"]"#, "",
    ])
    func anythingButOneValidStringIsLeftToTheFullReading(middle: String) {
        #expect(value(Array(Self.event(middle).utf8)) == .some(nil))
    }

    @Test func otherBytesAroundTheStringAreLeftToTheFullReading() {
        for event in [
            #"{"type":"content","data":"x","specialist_id":"athena"}"#,
            #"{"type":"content", "data":"x","specialist_id":"apollo"}"#,
            #"{"type":"content","data":"x","specialist_id":"apollo"} "#, #"{"type":"content","data":"x""#,
            #""x""#, "",
        ] {
            #expect(value(Array(event.utf8)) == .some(nil), "\(event)")
        }
    }

    @Test func invalidUTF8InTheStringIsLeftToTheFullReading() {
        var bytes = Array(Self.event(#""éé""#).utf8)
        let lead = bytes.firstIndex(of: 0xC3) ?? 0
        bytes[lead + 1] = 0x41  // a lead byte without its continuation
        #expect(value(bytes) == .some(nil))
    }

    @Test func onlyAStringTokenMakesATemplate() {
        let bytes = Array(Self.learnt.utf8)
        let range = Self.firstString
        bytes.withUnsafeBufferPointer { bytes in
            #expect(JSONStringTemplate(bytes, string: range) != nil)
            #expect(JSONStringTemplate(bytes, string: range.lowerBound..<(range.upperBound - 1)) == nil)
            #expect(JSONStringTemplate(bytes, string: (range.lowerBound + 1)..<range.upperBound) == nil)
            #expect(JSONStringTemplate(bytes, string: range.lowerBound..<(range.lowerBound + 1)) == nil)
            #expect(JSONStringTemplate(bytes, string: 0..<(bytes.count + 1)) == nil)
        }
    }
}
