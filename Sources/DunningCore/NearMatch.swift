/// The known id an unknown one was probably meant to be: for "did you mean F2026-0455?".
///
/// Ids are compared on their letters and digits only, in lower case, so `f2026 0455`
/// matches `F2026-0455`. Failing an exact match that way, an id of five or more letters
/// and digits may differ from a known one in one letter or digit (one typed, left out or
/// mistyped: `F2026-455`). Shorter ids get no such guess: `F-4` is not a typo of `F-1`.
package enum NearMatch {
    /// The known ids `id` is near, best first (at most 3); empty when none is, or when
    /// too many are to be a useful hint.
    package static func suggestions(for id: String, among known: some Sequence<String>) -> [String] {
        let target = key(id)
        guard !target.isEmpty else { return [] }
        var equal: [String] = [], near: [String] = []
        for candidate in known {
            let other = key(candidate)
            if other == target {
                equal.append(candidate)
            } else if target.count >= 5, abs(other.count - target.count) <= 1, withinOneEdit(target, other) {
                near.append(candidate)
            }
        }
        let best = (equal.isEmpty ? near : equal).sorted()
        return best.count <= 3 ? best : []
    }

    /// `" (did you mean F2026-0455?)"`, or empty when there is no suggestion.
    package static func hint(for id: String, among known: some Sequence<String>) -> String {
        let found = suggestions(for: id, among: known)
        return found.isEmpty ? "" : " (did you mean \(found.joined(separator: " or "))?)"
    }

    static func key(_ id: String) -> [Character] {
        id.lowercased().filter { $0.isLetter || $0.isNumber }.map { $0 }
    }

    /// Whether `a` becomes `b` by inserting, deleting or replacing at most one character.
    static func withinOneEdit(_ a: [Character], _ b: [Character]) -> Bool {
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        guard long.count - short.count <= 1 else { return false }
        var i = 0, j = 0, edits = 0
        while i < short.count, j < long.count {
            if short[i] == long[j] {
                i += 1
                j += 1
                continue
            }
            edits += 1
            if edits > 1 { return false }
            if short.count == long.count { i += 1 }
            j += 1
        }
        return edits + (long.count - j) + (short.count - i) <= 1
    }
}
