extension Shell {
    /// `/copy [N]`: the last reply, or its Nth code block, onto the clipboard through
    /// the terminal (``TerminalClipboard``, OSC 52). The terminal gives no answer,
    /// so the shell says what it asked for and when a terminal may refuse it.
    func copy(block: Int?) {
        guard context.output.isTerminal else {
            return complain("/copy writes to the terminal's clipboard, and there is no terminal here.")
        }
        guard let reply = transcript.turns.last(where: { $0.role == .specialist && !$0.content.isEmpty }) else {
            return complain("nothing to copy yet: /copy takes the last reply.")
        }
        var text = reply.content
        var what = "the last reply"
        if let block {
            let blocks = CodeBlocks.of(reply.content)
            guard block <= blocks.count else {
                let has = blocks.isEmpty ? "no code block" : "\(blocks.count) code block\(blocks.count == 1 ? "" : "s")"
                return complain("the last reply has \(has); /copy alone copies all of it.")
            }
            text = blocks[block - 1]
            what = "code block \(block) of the last reply"
        }
        try? context.output.write(TerminalClipboard.sequence(copying: text))
        let size = text.utf8.count
        say(dim("copied \(what) (\(size) bytes) through the terminal (OSC 52)"))
        say(
            dim(
                "  if it is not there: tmux needs `set -g set-clipboard on`; some terminals ask first or refuse"
                    + (size > 74_994 ? "; xterm takes at most 74,994 bytes" : "")))
    }
}
