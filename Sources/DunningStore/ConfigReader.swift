import DunningCore
import Foundation
import Yams

/// Walks the composed YAML tree, turning nodes into values and collecting every problem
/// with its position instead of stopping at the first.
///
/// Each accessor returns `nil` after reporting when a value is unusable, so callers fall
/// back to a default and carry on; `ConfigLoader` throws if any issue was reported.
final class ConfigReader {
    let path: String
    private(set) var issues: [ConfigIssue] = []
    /// `section.key` of every key present in the file, for the shipped example's test.
    private(set) var usedKeys: Set<String> = []

    init(path: String) {
        self.path = path
    }

    func report(_ problem: ConfigProblem, at mark: Mark?) {
        report(problem, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// Reports at a 1-based line and column (Yams' `Mark` cannot be built outside Yams).
    func report(_ problem: ConfigProblem, line: Int, column: Int) {
        issues.append(ConfigIssue(path: path, line: line, column: column, problem: problem))
    }

    func invalid(_ message: String, at node: Node) {
        report(.invalidValue(message), at: node.mark)
    }

    // MARK: Maps

    /// Checks that `node` is a map of `section`'s keys; unknown keys and inline secrets are reported.
    ///
    /// `name` is the key path used in messages (`delivery.smtp`). YAML merge keys (`<<`) are
    /// applied; explicit keys win over merged ones.
    func keyed(_ node: Node, _ section: ConfigSection, name: String) -> Fields? {
        guard case .mapping(let mapping) = node else {
            report(.wrongType(key: name.isEmpty ? "the config file" : name, expected: "a map", found: Self.describe(node)),
                   at: node.mark)
            return nil
        }
        var values: [String: Node] = [:]
        var merged: [(key: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                report(.wrongType(key: name, expected: "plain keys", found: Self.describe(keyNode)), at: keyNode.mark)
                continue
            }
            let key = scalar.string
            if key == "<<" {
                merged += mergeSources(value, name: name)
                continue
            }
            if let replacement = Self.secretReplacement(for: key) {
                report(.inlineSecret(key: key, use: replacement), at: keyNode.mark)
            } else if !section.keys.contains(key) {
                let suggestion = Suggestion.closest(to: key, in: section.keys)
                report(.unknownKey(key, section: name.isEmpty ? section.rawValue : name, suggestion: suggestion),
                       at: keyNode.mark)
            } else {
                values[key] = value
                usedKeys.insert("\(section.rawValue).\(key)")
            }
        }
        for (keyNode, value) in merged {
            guard let key = keyNode.string, section.keys.contains(key), values[key] == nil else { continue }
            values[key] = value
            usedKeys.insert("\(section.rawValue).\(key)")
        }
        return Fields(section: section, name: name, mark: node.mark, values: values)
    }

    /// Pairs of a merge key's value: one map or a list of maps.
    private func mergeSources(_ node: Node, name: String) -> [(key: Node, value: Node)] {
        switch node {
        case .mapping(let mapping): return Array(mapping)
        case .sequence(let sequence): return sequence.flatMap { mergeSources($0, name: name) }
        default:
            report(.wrongType(key: "\(name).<<", expected: "a map to merge", found: Self.describe(node)), at: node.mark)
            return []
        }
    }

    /// The `*_file` key to use instead of an inline secret key, or `nil` if `key` is no secret.
    static func secretReplacement(for key: String) -> String? {
        let lowered = key.lowercased()
        guard !lowered.hasSuffix("_file") else { return nil }
        for word in ["password", "passwd", "secret", "token", "api_key", "apikey"] where lowered.contains(word) {
            return lowered == "imap_password" ? "bounces.imap_password_file" : "password_file"
        }
        return nil
    }

    /// A map with string keys whose values are checked by the caller (`rates`, `flat_compensation`).
    func dictionary(_ node: Node, name: String) -> [(key: String, keyMark: Mark?, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            report(.wrongType(key: name, expected: "a map", found: Self.describe(node)), at: node.mark)
            return nil
        }
        return mapping.map { (key: $0.key.string ?? "", keyMark: $0.key.mark, value: $0.value) }
    }

    /// The items of a list; a single scalar is accepted as a one-item list when `single` is true.
    func list(_ node: Node, name: String, single: Bool = false) -> [Node]? {
        switch node {
        case .sequence(let sequence): return Array(sequence)
        case .scalar where single: return [node]
        default:
            report(.wrongType(key: name, expected: "a list", found: Self.describe(node)), at: node.mark)
            return nil
        }
    }

    // MARK: Scalars

    /// The text of a scalar (any plain, quoted or block style).
    func string(_ node: Node, name: String) -> String? {
        guard case .scalar(let scalar) = node else {
            report(.wrongType(key: name, expected: "a string", found: Self.describe(node)), at: node.mark)
            return nil
        }
        return scalar.string
    }

    /// A scalar that must not be empty.
    func nonEmpty(_ node: Node, name: String) -> String? {
        guard let text = string(node, name: name) else { return nil }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            invalid("\(name) must not be empty", at: node)
            return nil
        }
        return text
    }

    /// A non-empty text on one line: no line break or other control character (it goes
    /// into every letter as it is).
    func line(_ node: Node, name: String) -> String? {
        guard let text = nonEmpty(node, name: name) else { return nil }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            invalid("\(name) must be one line (no line break or control character)", at: node)
            return nil
        }
        return text
    }

    /// A list of strings (a single string when `single` is true).
    func stringList(_ node: Node, name: String, single: Bool = false) -> [String]? {
        guard let items = list(node, name: name, single: single) else { return nil }
        var result: [String] = []
        for item in items {
            // Any scalar: `NO` (Norway) is a YAML 1.1 boolean and `1001` a number, yet both are ids here.
            guard case .scalar(let scalar) = item else {
                report(.wrongType(key: name, expected: "a list of strings", found: Self.describe(item)), at: item.mark)
                return nil
            }
            result.append(scalar.string)
        }
        return result
    }

    /// `true` or `false` (YAML 1.1 also allows `yes`/`no`, `on`/`off`).
    func bool(_ node: Node, name: String) -> Bool? {
        guard case .scalar(let scalar) = node, scalar.tagName == .bool, let value = node.bool else {
            report(.wrongType(key: name, expected: "true or false", found: Self.describe(node)), at: node.mark)
            return nil
        }
        return value
    }

    /// A whole number `>= minimum`.
    func integer(_ node: Node, name: String, minimum: Int = 0) -> Int? {
        guard case .scalar(let scalar) = node, scalar.tagName == .int, let value = Int(scalar.string),
              value >= minimum else {
            report(.wrongType(key: name, expected: "a whole number of at least \(minimum)", found: Self.describe(node)),
                   at: node.mark)
            return nil
        }
        return value
    }

    /// A duration: `30s`, `5m`, `2h`, `14d`, `2w`, `1mo`, `5y`.
    func duration(_ node: Node, name: String) -> ConfigDuration? {
        guard let text = string(node, name: name) else { return nil }
        guard let duration = ConfigDuration(text) else {
            invalid("\(name): '\(text)' is not a duration (expected a whole number and a unit: "
                + "30s, 5m, 2h, 14d, 2w, 1mo, 5y)", at: node)
            return nil
        }
        return duration
    }

    /// A duration in whole days (`14d`, `2w`), as a number of days.
    func days(_ node: Node, name: String) -> Int? {
        guard let duration = duration(node, name: name) else { return nil }
        guard case .days(let days) = duration else {
            invalid("\(name): '\(duration)' must be given in days or weeks (14d, 2w)", at: node)
            return nil
        }
        return days
    }

    /// A decimal written as a quoted string (`"10.00"`), parsed by `Money.parse`.
    func money(_ node: Node, name: String, currency: Currency? = nil) -> Decimal? {
        if case .scalar(let scalar) = node, scalar.style == .plain,
           [Tag.Name.int, .float].contains(scalar.tagName) {
            report(.unquotedMoney(key: name, text: scalar.string), at: node.mark)
            return nil
        }
        guard let text = string(node, name: name) else { return nil }
        do {
            return try Money.parse(text, currency: currency)
        } catch {
            invalid("\(name): \(error)", at: node)
            return nil
        }
    }

    /// A date `YYYY-MM-DD` that exists on the calendar.
    func date(_ node: Node, name: String) -> CalendarDate? {
        guard let text = string(node, name: name) else { return nil }
        do {
            return try CalendarDate.parse(text)
        } catch {
            invalid("\(name): \(error)", at: node)
            return nil
        }
    }

    /// One of `cases`, with a suggestion when misspelt.
    func choice<Value: RawRepresentable>(_ node: Node, name: String, among values: [Value]) -> Value?
    where Value.RawValue == String {
        guard let text = string(node, name: name) else { return nil }
        if let value = values.first(where: { $0.rawValue == text }) { return value }
        let names = values.map(\.rawValue)
        let hint = Suggestion.closest(to: text, in: names).map { " (did you mean '\($0)'?)" } ?? ""
        invalid("\(name): unknown value '\(text)'\(hint); expected one of: \(names.joined(separator: ", "))", at: node)
        return nil
    }

    /// A phrase for messages: "a map", "a list", "the string 'abc'", "the number 5".
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a map"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            switch scalar.tagName {
            case .null: return "nothing (null)"
            case .int, .float: return "the number \(scalar.string)"
            case .bool: return "the boolean \(scalar.string)"
            default: return "the string '\(scalar.string)'"
            }
        }
    }
}

/// One checked YAML map: its keys are known to its section.
struct Fields {
    let section: ConfigSection
    /// Key path for messages (`delivery.smtp`).
    let name: String
    let mark: Mark?
    let values: [String: Node]

    /// The value of `key`; `nil` if absent or null (`key:` or `key: null` means "the default").
    subscript(key: String) -> Node? {
        precondition(section.keys.contains(key), "\(key) is not a key of \(section)")
        guard let node = values[key] else { return nil }
        if case .scalar(let scalar) = node, scalar.tagName == .null { return nil }
        return node
    }

    /// `name.key` for messages.
    func path(_ key: String) -> String { name.isEmpty ? key : "\(name).\(key)" }

    /// The value of a required key, or a `missingKey` report at the map's position.
    func required(_ key: String, in reader: ConfigReader) -> Node? {
        guard let node = self[key] else {
            reader.report(.missingKey(key, section: name.isEmpty ? section.rawValue : name), at: mark)
            return nil
        }
        return node
    }
}

extension Node.Scalar {
    /// The tag Yams resolves for this scalar (quoted scalars are always `str`).
    var tagName: Tag.Name { Resolver.default.resolveTag(of: Node.scalar(self)) }
}
