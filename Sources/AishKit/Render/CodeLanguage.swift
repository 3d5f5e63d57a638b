/// What the code highlighter knows of a language: its keywords, string quotes and
/// comment markers. Enough for a basic highlight, not a parser.
struct CodeLanguage: Sendable {
    var keywords: Set<String>
    var quotes: [Unicode.Scalar]
    /// `//` line comments and `/* */` block comments.
    var slashComments = true
    /// `#` line comments.
    var hashComments = false
    /// A diff or patch: each line coloured by its first character (`+`, `-`, `@@`).
    var isDiff = false

    /// The language a fence's info string names (`swift`, `py`, `ts`, `sh`…), or nil.
    static func named(_ name: String) -> CodeLanguage? {
        switch name.lowercased() {
        case "diff", "patch", "udiff": return diff
        case "swift": return swift
        case "python", "py", "python3": return python
        case "javascript", "js", "jsx", "mjs", "cjs", "typescript", "ts", "tsx": return javascript
        case "go", "golang": return go
        case "rust", "rs": return rust
        case "bash", "sh", "shell", "zsh", "console", "shellscript": return shell
        case "json", "jsonc", "json5": return json
        case "c", "h", "cpp", "c++", "cc", "hpp", "java", "kotlin", "kt", "csharp", "cs", "objc": return cFamily
        default: return nil
        }
    }

    static let diff = CodeLanguage(keywords: [], quotes: [], slashComments: false, isDiff: true)

    private static func words(_ list: String) -> Set<String> {
        Set(list.split(separator: " ").map(String.init))
    }

    static let swift = CodeLanguage(
        keywords: words(
            "actor any as associatedtype async await break case catch class continue default defer do else enum "
                + "extension fallthrough false fileprivate final for func guard if import in init inout internal is "
                + "let mutating nil nonisolated open operator private protocol public repeat rethrows return self Self "
                + "some static struct subscript super switch throw throws true try typealias var weak where while"),
        quotes: ["\""])

    static let python = CodeLanguage(
        keywords: words(
            "False None True and as assert async await break class continue def del elif else except finally "
                + "for from global if import in is lambda match nonlocal not or pass raise return self try while with yield"
        ),
        quotes: ["\"", "'"], slashComments: false, hashComments: true)

    static let javascript = CodeLanguage(
        keywords: words(
            "abstract as async await break case catch class const continue debugger default delete do else enum "
                + "export extends false finally for from function if implements import in instanceof interface let new "
                + "null of private protected public readonly return static super switch this throw true try type typeof "
                + "undefined var void while with yield"),
        quotes: ["\"", "'", "`"])

    static let go = CodeLanguage(
        keywords: words(
            "break case chan const continue default defer else fallthrough false for func go goto if import "
                + "interface iota map nil package range return select struct switch true type var"),
        quotes: ["\"", "'", "`"])

    static let rust = CodeLanguage(
        keywords: words(
            "as async await break const continue crate dyn else enum extern false fn for if impl in let loop match "
                + "mod move mut pub ref return self Self static struct super trait true type unsafe use where while"),
        quotes: ["\""])  // not `'`: lifetimes would open a string

    static let shell = CodeLanguage(
        keywords: words(
            "case do done elif else esac export fi for function if in local readonly return select set shift "
                + "then until unset while"),
        quotes: ["\"", "'"], slashComments: false, hashComments: true)

    static let json = CodeLanguage(keywords: words("true false null"), quotes: ["\""], slashComments: false)

    static let cFamily = CodeLanguage(
        keywords: words(
            "auto bool break case catch char class const constexpr continue default delete do double else enum "
                + "extends false final float for fun if implements import int interface long namespace new null "
                + "nullptr override package private protected public return short signed sizeof static struct super "
                + "switch template this throw throws true try typedef typename union unsigned val var virtual void "
                + "volatile when while"),
        quotes: ["\"", "'"])
}
