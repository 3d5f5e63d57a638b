#if canImport(Glibc)
    import Glibc
#endif

/// The characters libedit can read and show. libedit converts the prompt and every
/// key through the C library's locale (`LC_CTYPE`). A process whose `LANG` and
/// `LC_*` are unset (a fresh container, `env -i`, cron, many CI runners) is in the
/// "C" locale, where a UTF-8 prompt such as `apollo› ` fails to convert and libedit
/// 3.1 dereferences NULL: the shell crashed as it first asked for a line.
enum TerminalCharacters {
    /// Takes the user's `LC_CTYPE`, or C.UTF-8 when theirs is not UTF-8 (as Python
    /// does for the C locale, PEP 538): aish reads and writes UTF-8 everywhere else.
    /// True when the C library now speaks UTF-8; glibc has C.UTF-8 built in since 2.35.
    static func chooseUTF8() -> Bool {
        setlocale(LC_CTYPE, "")
        if speaksUTF8 { return true }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil {
            if speaksUTF8 { return true }
        }
        setlocale(LC_CTYPE, "")
        return false
    }

    /// `prompt` as libedit can show it: unchanged in UTF-8; otherwise in ASCII, with
    /// `›` as `>` and any other character outside ASCII as `?`.
    static func displayable(_ prompt: String, utf8: Bool) -> String {
        guard !utf8 else { return prompt }
        return String(
            String.UnicodeScalarView(
                prompt.unicodeScalars.map { scalar in
                    scalar.isASCII ? scalar : scalar == "›" ? ">" : "?"
                }))
    }

    private static var speaksUTF8: Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        return String(cString: codeset) == "UTF-8"
    }
}
