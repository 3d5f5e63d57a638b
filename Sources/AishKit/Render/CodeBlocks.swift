/// The fenced code blocks of a Markdown text (```` ``` ```` or `~~~`, as the renderer
/// reads them), each without its fences, in order. Pure.
enum CodeBlocks {
    static func of(_ markdown: String) -> [String] {
        var blocks: [String] = []
        var open: Fence?
        var lines: [Substring] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let head = Array(line.unicodeScalars)
            switch LineHead.classify(head, complete: true, inside: open) {
            case .fenceOpen(let fence, _):
                open = fence
                lines = []
            case .fenceClose:
                blocks.append(lines.joined(separator: "\n") + "\n")
                open = nil
            default:
                if open != nil { lines.append(line) }
            }
        }
        if open != nil, !lines.isEmpty { blocks.append(lines.joined(separator: "\n") + "\n") }
        return blocks
    }
}

/// Puts text on the clipboard of the terminal aish writes to, through OSC 52
/// (`ESC ] 52 ; c ; BASE64 BEL`): over ssh and in tmux too, when the terminal
/// allows it. Nothing comes back to say whether it did.
public enum TerminalClipboard {
    /// The sequence that asks the terminal to copy `text`.
    public static func sequence(copying text: String) -> String {
        "\u{1B}]52;c;" + base64(Array(text.utf8)) + "\u{07}"
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Standard base64, padded (Foundation is not needed for this much).
    static func base64(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let count = min(3, bytes.count - index)
            let chunk = (0..<3).map { index + $0 < bytes.count ? UInt32(bytes[index + $0]) : 0 }
            let value = chunk[0] << 16 | chunk[1] << 8 | chunk[2]
            for position in 0..<4 {
                out.append(
                    position <= count ? alphabet[Int((value >> (18 - 6 * UInt32(position))) & 0x3F)] : UInt8(ascii: "=")
                )
            }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
