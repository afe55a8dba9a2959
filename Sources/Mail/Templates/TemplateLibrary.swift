import DunningCore
import Foundation

/// The message templates of one installation: the built-in nl/ro/en set compiled into the
/// binary, overlaid by a folder's (`templates:` in the config).
///
/// A folder holds `LANG/KIND.subject.mustache`, `LANG/KIND.text.mustache` and
/// `LANG/KIND.html.mustache`; a folder's KIND in a language replaces the built-in one as a
/// whole, and KINDs it does not have come from the built-in set. A customer's language
/// without the KIND falls back to the company's language.
///
/// Loading reports only a folder that cannot be read at all; a template that does not
/// parse, or a KIND missing a part, is reported by `check` (run it at start and reload) and
/// makes `render` of that KIND fail.
///
/// ```swift
/// let library = try TemplateLibrary(folder: config.templates, fallbackLanguage: config.company.language)
/// let message = try library.render(kind: "reminder", language: customer.language,
///                                  data: .reminder(item: item, customer: customer, config: config, asOf: day))
/// ```
public struct TemplateLibrary: Sendable {
    /// The folder overlaying the built-in set; `nil`: built-in only.
    public let folder: String?
    /// The company's language.
    public let fallbackLanguage: String
    let folderSets: [TemplateKey: TemplateSet]
    /// A folder's KIND that is not usable (a part missing), by key: `render` throws it.
    let incomplete: [TemplateKey: TemplateError]
    /// Folder files that are not templates of a KIND (`reminder.txt.mustache`), unreadable files.
    let loadProblems: [TemplateError]

    /// folder nil: built-in set. fallbackLanguage: company's language.
    public init(folder: String?, fallbackLanguage: String) throws(TemplateError) {
        self.folder = folder
        self.fallbackLanguage = fallbackLanguage.lowercased()
        guard let folder else {
            folderSets = [:]
            incomplete = [:]
            loadProblems = []
            return
        }
        let loaded = try TemplateFolder.load(folder)
        folderSets = loaded.sets
        incomplete = loaded.incomplete
        loadProblems = loaded.problems
    }

    /// Renders KIND for a customer who reads `language`.
    ///
    /// Fails, naming the file and line, when the template uses a name `data` does not have,
    /// when the KIND has no template in `language` nor in the company's language, or when
    /// its template does not parse. The subject comes back on one line, trimmed.
    public func render(kind: String, language: String, data: TemplateData) throws(TemplateError) -> RenderedMessage {
        let set = try templateSet(kind: kind, language: language)
        // Data with a skeleton that passed before is not checked again: a run's messages
        // mostly share one.
        let skeleton = data.root.skeleton
        if !set.passed.contains(skeleton) {
            for part in set.parts {
                if let problem = part.problems(with: data).first { throw problem }
            }
            set.passed.insert(skeleton)
        }
        let value = data.mustacheValue
        let subject = try set.subject.render(value)
        return RenderedMessage(
            subject: Self.oneLine(subject),
            text: try set.text.render(value),
            html: try set.html.render(value))
    }

    /// `text`'s lines trimmed, the empty ones dropped, joined by a space: a subject
    /// template may spread over lines.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).compactMap { line -> Substring? in
            guard let first = line.firstIndex(where: { !$0.isWhitespace }),
                  let last = line.lastIndex(where: { !$0.isWhitespace }) else { return nil }
            return line[first...last]
        }.joined(separator: " ")
    }

    /// The languages tried for `language`: itself, its primary subtag (`nl-BE` → `nl`), the company's.
    func candidates(for language: String) -> [String] {
        // Not Foundation's `replacingOccurrences`: this runs for every message.
        let exact = String(language.lowercased().map { $0 == "_" ? "-" : $0 })
        let primary = exact.split(separator: "-").first.map(String.init) ?? exact
        var result: [String] = []
        for candidate in [exact, primary, fallbackLanguage] where !candidate.isEmpty && !result.contains(candidate) {
            result.append(candidate)
        }
        return result
    }

    /// The templates `render` uses for KIND in `language`.
    func templateSet(kind: String, language: String) throws(TemplateError) -> TemplateSet {
        for candidate in candidates(for: language) {
            let key = TemplateKey(language: candidate, kind: kind)
            if let problem = incomplete[key] { throw problem }
            if let set = folderSets[key] ?? BuiltInTemplates.compiled(key) { return set }
        }
        throw TemplateError(path: expectedPath(language: fallbackLanguage, kind: kind, part: .text),
                            message: "no template '\(kind)' for language '\(language)' nor for the company's "
                                + "language '\(fallbackLanguage)'")
    }

    /// Where KIND's part would be: in the folder, or the built-in name.
    func expectedPath(language: String, kind: String, part: CompiledTemplate.Part) -> String {
        let name = "\(language)/\(kind).\(part.rawValue).mustache"
        guard let folder else { return "builtin:" + name }
        return URL(fileURLWithPath: folder).appendingPathComponent(name).path
    }

    /// Every KIND in every language, folder over built-in.
    var effectiveSets: [(key: TemplateKey, set: TemplateSet)] {
        var merged = BuiltInTemplates.compiled
        for (key, set) in folderSets { merged[key] = set }
        for key in incomplete.keys { merged[key] = nil }
        return merged.sorted { $0.key < $1.key }.map { (key: $0.key, set: $0.value) }
    }
}
