// libFuzzer harness for the configuration file's outline (ConfigFileOutline and
// ConfigFileLine), which checks config.yaml before any YAML parser sees it
// (compiled with the Config sources it needs; see `make fuzz`).
//
// Input: a config.yaml, as bytes (invalid UTF-8 is decoded with replacement characters).
// Properties, each a trap when broken:
// - checking never traps, and checking twice gives the same answer;
// - an accepted file names only known keys, on lines of the file, and has no YAML
//   anchor or alias at the start of any line's value;
// - a refusal is a bad-configuration error naming the file and a line of it.

@_cdecl("LLVMFuzzerTestOneInput")
public func configFileFuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    let path = "config.yaml"
    let result = Result { () throws(AishError) in try ConfigFileOutline.outline(of: text, path: path) }
    let again = Result { () throws(AishError) in try ConfigFileOutline.outline(of: text, path: path) }
    precondition(result == again, "checking twice gave different answers")
    let fileLines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    let lineCount = fileLines.count
    let known = Set(AishSettings.keys.map(\.name))
    /// A refusal names the file and a line of it.
    func checkRefusal(_ error: AishError) {
        guard case .badConfiguration(let source, let detail) = error, !detail.isEmpty else {
            preconditionFailure("not a bad-configuration error: \(error)")
        }
        let number = Int(source.dropFirst(path.count + 1)) ?? 0
        precondition(source.hasPrefix(path + ":") && (1...lineCount).contains(number), "no line named: \(source)")
    }
    switch result {
    case .success(let contents):
        // A bad providers block is a refusal that leaves the other keys readable.
        if let problem = contents.providersProblem {
            checkRefusal(problem)
            return 0
        }
        let lines = contents.lines
        precondition(lines.keys.allSatisfy(known.contains), "an unknown key was accepted")
        precondition(lines.values.allSatisfy { (1...lineCount).contains($0) }, "a line number outside the file")
        for line in fileLines {
            // A directive line (`%YAML`, `%TAG`) holds no nodes, so no anchor either.
            guard !line.hasPrefix("%"), let value = ConfigFileLine(number: 1, text: line).entry?.value else {
                continue
            }
            precondition(!value.hasPrefix("&") && !value.hasPrefix("*"), "an anchor or alias was accepted")
        }
    case .failure(let error):
        checkRefusal(error)
    }
    return 0
}
