/// `--name value` pairs and a few bare flags, parsed by hand: the benchmark takes no
/// dependency on ArgumentParser.
struct BenchOptions {
    private var values: [String: String] = [:]
    private var flags: Set<String> = []

    /// The options that take no value.
    static let knownFlags: Set<String> = ["--skip-python", "--skip-plan"]

    init(_ arguments: [String]) throws(BenchError) {
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            if Self.knownFlags.contains(name) {
                flags.insert(name)
                index += 1
                continue
            }
            guard name.hasPrefix("--"), index + 1 < arguments.count else { throw .usage("expected --name value, got '\(name)'") }
            values[name] = arguments[index + 1]
            index += 2
        }
    }

    func string(_ name: String) throws(BenchError) -> String {
        guard let value = values[name] else { throw .usage("\(name) is required") }
        return value
    }

    func optionalString(_ name: String) -> String? { values[name] }

    /// Whether the bare flag `name` was given.
    func flag(_ name: String) -> Bool { flags.contains(name) }

    func integer(_ name: String, default fallback: Int) throws(BenchError) -> Int {
        guard let text = values[name] else { return fallback }
        guard let value = Int(text), value >= 0 else { throw .usage("\(name) must be a whole number, not '\(text)'") }
        return value
    }
}

enum BenchError: Error, CustomStringConvertible {
    case usage(String)
    case failed(String)

    var description: String {
        switch self {
        case .usage(let message): "usage: \(message)"
        case .failed(let message): message
        }
    }
}
