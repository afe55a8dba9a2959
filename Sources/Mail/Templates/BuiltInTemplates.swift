import Foundation

/// The nl, ro and en templates compiled into the binary (`templates:` unset).
///
/// Kept as Swift string literals, one file per language, because the binary is installed
/// alone; `TemplateLibrary.exportBuiltIn(to:)` writes them out as files to start from.
enum BuiltInTemplates {
    struct Source: Sendable {
        var subject: String
        var text: String
        var html: String
    }

    /// The KINDs every built-in language has.
    static let kinds = ["reminder", "notice", "confirmation", "digest"]

    /// language → KIND → its three templates.
    static let sources: [String: [String: Source]] = ["nl": dutch, "ro": romanian, "en": english]

    /// Every built-in KIND of every language, parsed (`check`, `export-templates`).
    static var compiled: [TemplateKey: TemplateSet] {
        var sets: [TemplateKey: TemplateSet] = [:]
        for (language, kinds) in sources {
            for kind in kinds.keys {
                let key = TemplateKey(language: language, kind: kind)
                sets[key] = compiled(key)
            }
        }
        return sets
    }

    /// The built-in KIND in a language, parsed at its first use and kept: a run that sends
    /// Dutch reminders parses those three templates, not all of them (parsing the whole set
    /// takes longer than building a hundred messages).
    static func compiled(_ key: TemplateKey) -> TemplateSet? {
        guard let source = sources[key.language]?[key.kind] else { return nil }
        return parsed.set(for: key) {
            func part(_ part: CompiledTemplate.Part, _ text: String) -> CompiledTemplate {
                CompiledTemplate(path: "builtin:\(key.language)/\(key.kind).\(part.rawValue).mustache", part: part, source: text)
            }
            return TemplateSet(subject: part(.subject, source.subject), text: part(.text, source.text), html: part(.html, source.html))
        }
    }

    private static let parsed = ParsedSets()

    /// The sets parsed so far, shared by the threads that build messages.
    private final class ParsedSets: @unchecked Sendable {
        private var sets: [TemplateKey: TemplateSet] = [:]
        private let lock = NSLock()

        /// Parsed under the lock: two threads asking at once parse it once.
        func set(for key: TemplateKey, parse: () -> TemplateSet) -> TemplateSet {
            lock.withLock {
                if let set = sets[key] { return set }
                let set = parse()
                sets[key] = set
                return set
            }
        }
    }

    /// The CSS of the built-in HTML parts: letters (with invoice tables) and the digest.
    enum Style {
        case letter, digest

        var css: String {
            switch self {
            case .letter: """
                th, td { padding: 4px 16px 4px 0; text-align: left; vertical-align: top; }
                .amount { text-align: right; white-space: nowrap; }
                """
            case .digest: """
                h1 { font-size: 18px; }
                h2 { font-size: 16px; margin: 20px 0 4px; }
                code { font-size: 14px; }
                """
            }
        }
    }

    /// The opening every built-in HTML part shares, up to and including `<body>`; one copy
    /// here instead of one per template, while each exported file stays self-contained.
    static func htmlHead(title: String, style: Style) -> String {
        """
        <!DOCTYPE html>
        <html lang="{{language}}">
        <head>
        <meta charset="utf-8">
        <title>\(title)</title>
        <style>
        body { font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #222; }
        \(style.css)
        </style>
        </head>
        <body>

        """
    }
}
