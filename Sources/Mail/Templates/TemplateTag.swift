import Foundation

/// One `{{…}}` tag of a template, where it starts.
///
/// swift-mustache keeps its parsed tokens internal, so `TemplateTag.scan` finds the tags
/// again with their line numbers: it follows the same syntax (sections, inverted sections,
/// `{{{…}}}`, `{{&…}}`, comments, partials, `{{=<% %>=}}` delimiter changes, pragmas). It runs
/// only on text swift-mustache has parsed, so it need not diagnose bad syntax itself.
struct TemplateTag: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case variable, unescaped, section, inverted, close, comment, partial, parent, block, delimiters, pragma
    }

    var kind: Kind
    /// The tag's content without sigil and surrounding spaces (`invoices`, `count(invoices)`).
    var content: String
    /// 1-based, where the opening delimiter starts.
    var line: Int
    var column: Int

    /// The tags of `source` in order.
    static func scan(_ source: String) -> [TemplateTag] {
        let characters = Array(source)
        var open = Array("{{"), close = Array("}}")
        var tags: [TemplateTag] = []
        var index = 0, line = 1, column = 1

        func matches(_ delimiter: [Character], at position: Int) -> Bool {
            guard position + delimiter.count <= characters.count else { return false }
            return characters[position..<position + delimiter.count].elementsEqual(delimiter)
        }
        func advance(to end: Int) {
            while index < end {
                if characters[index].isNewline {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                index += 1
            }
        }

        while index < characters.count {
            guard matches(open, at: index) else {
                advance(to: index + 1)
                continue
            }
            var start = index + open.count
            var kind = Kind.variable
            var triple = false
            if start < characters.count {
                switch characters[start] {
                case "#": kind = .section
                case "^": kind = .inverted
                case "/": kind = .close
                case "!": kind = .comment
                case ">": kind = .partial
                case "<": kind = .parent
                case "$": kind = .block
                case "=": kind = .delimiters
                case "%": kind = .pragma
                case "&": kind = .unescaped
                case "{":
                    kind = .unescaped
                    triple = true
                default: break
                }
                if kind != .variable { start += 1 }
            }
            var end = start
            while end < characters.count, !matches(close, at: end) { end += 1 }
            guard end < characters.count else { break }
            var content = String(characters[start..<end])
            var after = end + close.count
            if triple {
                if content.hasSuffix("}") {
                    content.removeLast()
                } else if after < characters.count, characters[after] == "}" {
                    after += 1
                }
            }
            if kind == .delimiters, content.hasSuffix("=") {
                let parts = content.dropLast().split(whereSeparator: \.isWhitespace)
                if parts.count == 2 {
                    open = Array(parts[0])
                    close = Array(parts[1])
                }
            }
            tags.append(TemplateTag(kind: kind, content: content.trimmingCharacters(in: .whitespacesAndNewlines),
                                    line: line, column: column))
            advance(to: after)
        }
        return tags
    }
}
