import Testing

@testable import AishMockServer

@Suite struct JSONEncodingTests {
    @Test func pythonStyleEscapesNonASCII() {
        let value = JSONValue.object(["chunk": "naïve — 日本 🚀 \"q\" \\ \n\t\u{01}\u{7F}"])
        #expect(
            value.encoded(.python)
                == #"{"chunk": "na\u00efve \u2014 \u65e5\u672c \ud83d\ude80 \"q\" \\ \n\t\u0001\u007f"}"#)
    }

    @Test func compactStyleKeepsUTF8AndOrder() {
        let value = JSONValue.object([
            "z": .int(1), "a": .double(0.95), "m": .null, "b": .bool(false), "s": "café 🚀", "l": .strings(["x"]),
        ])
        #expect(value.encoded() == #"{"z":1,"a":0.95,"m":null,"b":false,"s":"café 🚀","l":["x"]}"#)
    }

    @Test func doublesLookLikePython() {
        #expect(JSONValue.double(1.0).encoded() == "1.0")
        #expect(JSONValue.double(1.2).encoded() == "1.2")
        #expect(JSONValue.double(0.7).encoded() == "0.7")
    }
}
