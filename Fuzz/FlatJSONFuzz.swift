// libFuzzer harness for FlatJSONObject, the per-token JSON parser, and the v1/v2 stream
// events read with it (compiled with the flat JSON, stream event and JSON text sources;
// see `make fuzz`).
//
// Input: one JSON text, as bytes (for the stream events, also an SSE event's data).
// Properties, each a trap when broken:
// - parsing never traps; contiguous bytes, a non-contiguous collection and (for valid
//   UTF-8) a String give the same members or the same error;
// - what parses re-encodes (JSONRPCText) to JSON that parses to the same members, and
//   that text is a fixed point of parse-then-encode;
// - a nested value's raw text parses again as a member value, unchanged;
// - Foundation's JSONSerialization, an independent parser, accepts what this one
//   accepts, and the other way round for objects within the depth limit (lone UTF-16
//   surrogate escapes, which this parser deliberately turns into U+FFFD, and the
//   trailing commas JSONSerialization allows are left out);
// - V1StreamEvent and V2StreamEvent read any data without trapping, and on JSON the
//   parser accepts, a v2 content event's one-pass reading finds what the parser finds;
// - with the input in place of a learnt content event's text, a JSONStringTemplate
//   reads what the one-pass reading of the whole event finds, or leaves it to it, and
//   reads every input that is one valid JSON string.

import Foundation

private typealias Parsed = Result<[FlatJSONObject.Member], FlatJSONError>

private func parse(_ bytes: some Collection<UInt8>) -> Parsed {
    Result { () throws(FlatJSONError) in try FlatJSONObject(parsing: bytes).members }
}

/// Strict equality for members: keys and strings compared scalar by scalar.
private func identical(_ left: [FlatJSONObject.Member], _ right: [FlatJSONObject.Member]) -> Bool {
    guard left.count == right.count else { return false }
    return zip(left, right).allSatisfy { left, right in
        guard left.key.unicodeScalars.elementsEqual(right.key.unicodeScalars) else { return false }
        switch (left.value, right.value) {
        case (.string(let a), .string(let b)), (.nested(let a), .nested(let b)):
            return a.unicodeScalars.elementsEqual(b.unicodeScalars)
        default:
            return left.value == right.value
        }
    }
}

private func checkReencoding(_ members: [FlatJSONObject.Member]) {
    let text = JSONRPCText.object(members)
    guard case .success(let again) = parse(Array(text.utf8)) else {
        preconditionFailure("re-encoded members do not parse")
    }
    precondition(identical(again, members), "members changed on re-encoding")
    precondition(JSONRPCText.object(again).utf8.elementsEqual(text.utf8), "encoding is not a fixed point")
    for member in members {
        guard case .nested(let raw) = member.value else { continue }
        guard case .success(let wrapped) = parse(Array(("{\"v\":" + raw + "}").utf8)) else {
            preconditionFailure("a nested value's raw text does not parse")
        }
        precondition(identical(wrapped, [FlatJSONObject.Member(key: "v", value: .nested(raw))]), "raw text changed")
    }
}

/// Whether Foundation's parser accepts `bytes` as a JSON object or array.
private func foundationAccepts(_ bytes: [UInt8]) -> Bool {
    (try? JSONSerialization.jsonObject(with: Data(bytes))) != nil
}

/// What a scan outside strings shows: how deep brackets nest (on valid JSON, the
/// nesting depth), and whether a comma comes right before a closer, which
/// JSONSerialization accepts and JSON does not.
private func shape(_ bytes: [UInt8]) -> (depth: Int, trailingComma: Bool) {
    var deepest = 0
    var current = 0
    var inString = false
    var escaped = false
    var afterComma = false
    var trailingComma = false
    for byte in bytes {
        if inString {
            if escaped {
                escaped = false
            } else if byte == ASCII.backslash {
                escaped = true
            } else if byte == ASCII.quote {
                inString = false
            }
            continue
        }
        switch byte {
        case ASCII.space, ASCII.tab, ASCII.lineFeed, ASCII.carriageReturn:
            continue
        case ASCII.quote:
            inString = true
        case ASCII.openBrace, ASCII.openBracket:
            current += 1
            deepest = max(deepest, current)
        case ASCII.closeBrace, ASCII.closeBracket:
            current -= 1
            trailingComma = trailingComma || afterComma
        default:
            break
        }
        afterComma = byte == ASCII.comma
    }
    return (deepest, trailingComma)
}

/// Whether the text has a `\u` escape of a UTF-16 surrogate (`\uD800`–`\uDFFF`).
private func hasSurrogateEscape(_ bytes: [UInt8]) -> Bool {
    guard bytes.count >= 3 else { return false }
    for index in 0..<(bytes.count - 2)
    where bytes[index] == ASCII.backslash && bytes[index + 1] == UInt8(ascii: "u")
        && (bytes[index + 2] | 0x20) == UInt8(ascii: "d")
    {
        return true
    }
    return false
}

/// A content event learnt by a JSONStringTemplate, and the same event with the input in
/// place of its text: what the template reads there, when it reads anything, is what
/// the one-pass reading of the whole event finds, and a valid JSON string (with no
/// whitespace after it) always is read.
private func checkTemplate(_ middle: [UInt8]) {
    let head = Array(#"{"type":"content","data":"#.utf8)
    let tail = Array(#","specialist_id":"apollo"}"#.utf8)
    let learnt = head + Array(#""first""#.utf8) + tail
    let template = learnt.withUnsafeBufferPointer { JSONStringTemplate($0, string: head.count..<(head.count + 7)) }
    guard let template else { preconditionFailure("no template of a content event") }
    let event = head + middle + tail
    let read = event.withUnsafeBufferPointer { template.value(in: $0) }
    let full = event.withUnsafeBufferPointer { V2StreamEvent.contentText($0) }
    if let read {
        precondition(
            read == full, "the template read \(read.debugDescription), the full reading \(String(describing: full))")
    }
    if middle.first == ASCII.quote, middle.last == ASCII.quote,
        case .success(let members) = parse(Array(#"{"v":"#.utf8) + middle + [ASCII.closeBrace]),
        members.count == 1, case .string = members[0].value
    {
        precondition(read != nil, "the template did not read a valid string")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func flatJSONFuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let parsed = parse(bytes)
    precondition(parse(bytes.lazy.map { $0 }) == parsed, "a non-contiguous collection parsed differently")
    let text = String(validating: bytes, as: UTF8.self)
    if let text {
        let fromText = Result { () throws(FlatJSONError) in try FlatJSONObject(parsing: text).members }
        precondition(fromText == parsed, "the String parsed differently from its bytes")
    }

    switch parsed {
    case .success(let members):
        checkReencoding(members)
        if !hasSurrogateEscape(bytes) {
            precondition(foundationAccepts(bytes), "accepted JSON that Foundation rejects")
        }
    case .failure(let error):
        precondition(error.offset >= 0 && error.offset <= bytes.count, "error offset out of range")
        let isObject = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == ASCII.openBrace
        let (depth, trailingComma) = shape(bytes)
        if isObject, error.reason != "number out of range", depth <= FlatJSONParser.maxDepth, !trailingComma,
            foundationAccepts(bytes)
        {
            preconditionFailure("rejected JSON that Foundation accepts: \(error)")
        }
    }

    let data = text ?? String(decoding: bytes, as: UTF8.self)
    // On JSON the full parser accepts, a content event's one-pass reading finds the
    // same text, or leaves it to the parser. (It checks only the grammar of members it
    // skips, as the OpenAI stream's reading does, so it may take a content event whose
    // other members the parser would refuse.)
    if case .success = parsed, let fast = V2StreamEvent.contentText(data) {
        let full = try? FlatJSONObject(parsing: data).string("data")
        precondition(
            full == fast, "the content fast path read \(fast.debugDescription), the parser \(String(describing: full))")
    }
    checkTemplate(bytes)
    let names = ["message", "start", "content", "error", "done", "ping"]
    _ = try? V2StreamEvent(SSEEvent(event: names[count % names.count], data: data))
    _ = try? V1StreamEvent(SSEEvent(data: data))
    return 0
}
