import AishKit
import Testing

@Suite("FlatJSONObject")
struct FlatJSONObjectTests {
    @Test func scalarMembers() throws {
        let object = try FlatJSONObject(
            parsing:
                #" { "s" : "text", "i": 42, "neg": -7, "f": 1.5, "e": 2.5E+2, "t": true, "no": false, "n": null } "#
        )
        #expect(object.string("s") == "text")
        #expect(object.int("i") == 42)
        #expect(object.int("neg") == -7)
        #expect(object.int("f") == nil)
        #expect(object.double("f") == 1.5)
        #expect(object.double("e") == 250)
        #expect(object.bool("t") == true)
        #expect(object.bool("no") == false)
        #expect(object["n"] == .null)
        #expect(object["missing"] == nil)
        #expect(object.members.map(\.key) == ["s", "i", "neg", "f", "e", "t", "no", "n"])
    }

    @Test func emptyObject() throws {
        #expect(try FlatJSONObject(parsing: "{}").members.isEmpty)
        #expect(try FlatJSONObject(parsing: " \t\r\n{ }\n").members.isEmpty)
    }

    @Test func escapes() throws {
        let object = try FlatJSONObject(parsing: #"{"a":"q\" b\\ s\/ \b\f\n\r\t end","k\u0065y":"v"}"#)
        #expect(object.string("a") == "q\" b\\ s/ \u{8}\u{C}\n\r\t end")
        #expect(object.string("key") == "v")
    }

    @Test func unicodeEscapesAndSurrogatePairs() throws {
        let object = try FlatJSONObject(
            parsing: #"{"chunk": "\u00efve caf\u00e9 \u65e5\u672c\u8a9e \ud83d\ude80 \uD83D\uDE80 and"}"#
        )
        #expect(object.string("chunk") == "ïve café 日本語 🚀 🚀 and")
    }

    @Test func loneSurrogatesBecomeReplacementCharacters() throws {
        #expect(try FlatJSONObject(parsing: #"{"a":"x\ud83dy"}"#).string("a") == "x\u{FFFD}y")
        #expect(try FlatJSONObject(parsing: #"{"a":"x\ude80y"}"#).string("a") == "x\u{FFFD}y")
        #expect(try FlatJSONObject(parsing: #"{"a":"\ud83d\u0041"}"#).string("a") == "\u{FFFD}A")
        #expect(try FlatJSONObject(parsing: #"{"a":"\ud83d"}"#).string("a") == "\u{FFFD}")
    }

    @Test func rawUTF8PassesThrough() throws {
        #expect(try FlatJSONObject(parsing: #"{"a":"naïve 日本語 🚀"}"#).string("a") == "naïve 日本語 🚀")
    }

    @Test func nestedValuesAreKeptRaw() throws {
        let object = try FlatJSONObject(parsing: #"{"a": {"b": [1, 2.5, {"c": null}], "d": "\""}, "e": [], "f": 1}"#)
        #expect(object["a"] == .nested(#"{"b": [1, 2.5, {"c": null}], "d": "\""}"#))
        #expect(object["e"] == .nested("[]"))
        #expect(object.int("f") == 1)
    }

    @Test func numbers() throws {
        let object = try FlatJSONObject(
            parsing: #"{"z":0,"m":-0.5e-2,"big":12345678901234567890,"max":9007199254740993}"#)
        #expect(object.double("z") == 0)
        #expect(object.double("m") == -0.005)
        #expect(object.double("big") == Double("12345678901234567890"))
        #expect(object.int("big") == nil)
    }

    @Test func lastDuplicateWins() throws {
        #expect(try FlatJSONObject(parsing: #"{"a":1,"a":2}"#).int("a") == 2)
    }

    @Test func bytesAndTextParseAlike() throws {
        let text = #"{"type":"content","data":"tok \u00e9"}"#
        #expect(try FlatJSONObject(parsing: Array(text.utf8)) == FlatJSONObject(parsing: text))
        #expect(try FlatJSONObject(parsing: Array(text.utf8).lazy.map { $0 }) == FlatJSONObject(parsing: text))
    }

    static let malformed: [String] = [
        "", " ", "{", "}", "[]", "\"a\"", "1", "null",
        #"{"a"}"#, #"{"a":}"#, #"{"a":1,}"#, "{,}", #"{"a":1 "b":2}"#, #"{"a" 1}"#,
        "{a:1}", "{'a':1}", #"{"a":01}"#, #"{"a":1.}"#, #"{"a":.5}"#, #"{"a":-}"#, #"{"a":+1}"#,
        #"{"a":1e}"#, #"{"a":1e+}"#, #"{"a":tru}"#, #"{"a":nul}"#, #"{"a":True}"#, #"{"a":NaN}"#,
        #"{"a":"\x"}"#, #"{"a":"\u12"}"#, #"{"a":"\u12G4"}"#, #"{"a":"unterminated}"#, #"{"a":"ends in \"#,
        "{\"a\":\"tab\tinside\"}", "{\"a\":\"nl\ninside\"}", #"{"a":1} x"#, #"{"a":1}{}"#,
        #"{"a":[1 2]}"#, #"{"a":[1,]}"#, #"{"a":1e999}"#, #"{"a":{"b"}}"#, #"{"a":{1:2}}"#, #"{"a":["#,
    ]

    @Test(arguments: malformed)
    func rejectsMalformedInput(_ text: String) {
        #expect(throws: FlatJSONError.self) { try FlatJSONObject(parsing: text) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: FlatJSONError.self) { try FlatJSONObject(parsing: [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]) }
        #expect(throws: FlatJSONError.self) {
            try FlatJSONObject(parsing: Array(#"{"a":""#.utf8) + [0xC3] + Array(#""}"#.utf8))
        }
    }

    @Test func rejectsDeepNesting() {
        let deep = #"{"a":"# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        #expect(throws: FlatJSONError.self) { try FlatJSONObject(parsing: deep) }
        let fine = #"{"a":"# + String(repeating: "[", count: 60) + String(repeating: "]", count: 60) + "}"
        #expect(throws: Never.self) { try FlatJSONObject(parsing: fine) }
    }

    @Test func errorsGiveOffsetsNotContent() {
        do {
            _ = try FlatJSONObject(parsing: #"{"secret": x}"#)
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 11)
            #expect(!error.description.contains("secret"))
        }
    }

    /// A smoke test for the fuzzer to come: mutated valid inputs never crash.
    @Test func mutatedInputsNeverCrash() {
        let seeds = [
            #"{"type":"content","data":"tok \ud83d\ude80 \u00e9","n":[1,{"x":null}],"t":true,"f":-1.5e3}"#,
            #"{"chunk": "\u00efve caf\u00e9"}"#,
        ].map { Array($0.utf8) }
        var generator = SplitMix64(seed: 42)
        let alphabet = Array(#"{}[]:,"\u0123456789abcdefDEtrunl.-+eE "#.utf8) + [0x00, 0xFF, 0xC3, 0x0A]
        var parsed = 0
        for round in 0..<20_000 {
            var bytes = seeds[round % seeds.count]
            for _ in 0...(generator.next() % 4) {
                let position = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 3 {
                case 0: bytes[position] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                case 1: bytes.remove(at: position)
                default: bytes.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: position)
                }
                if bytes.isEmpty { bytes = [0x7B] }
            }
            if (try? FlatJSONObject(parsing: bytes)) != nil { parsed += 1 }
        }
        #expect(parsed > 0)
    }
}

/// A small deterministic generator, so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
