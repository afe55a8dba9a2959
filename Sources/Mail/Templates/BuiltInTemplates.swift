import DunningCore
import Synchronization

/// The nl, ro and en templates compiled into the binary (`templates:` unset).
///
/// They are plain files in the source tree, `Templates/BuiltIn/LANG/LANG.KIND.PART.mustache`,
/// exported by `TemplateLibrary.exportBuiltIn(to:)` as `LANG/KIND.PART.mustache`, byte for
/// byte. They reach the binary through SwiftPM: the Mail target declares
/// `resources: [.embedInCode("Templates/BuiltIn")]`, so every file becomes a `[UInt8]`
/// constant of the generated, internal `PackageResources`, named after the file's name alone
/// with every character that cannot be in an identifier as `_`
/// (`PackageResources.nl_reminder_subject_mustache`). The folder is not part of that name and
/// SwiftPM refuses two resources of one name in a target, so each file's name repeats its
/// language. Nothing is read at run time: the statically linked release binary is installed
/// alone, without the resource folder `Bundle.module` would look for beside it.
///
/// A file added to `BuiltIn/` also needs its line in `files` (a test checks both ways). Each
/// HTML part carries the whole `<head>` with its CSS, so an exported file stands alone.
/// Beside its templates each language has `LANG.digest.lines.mustache`, the wording of the
/// digest's lines (`DigestPhrases`), embedded the same way (`digestLines`) but not exported.
///
/// - `nl`: polite and direct; the notice for consumers is the statutory 14-day letter of
///   art. 6:96 lid 6 BW (the exact collection costs and the day from which they are owed),
///   for businesses a formal aanmaning with costs and interest.
/// - `ro`: politicos, formal; the notice is a „somație de plată” stating costs (cheltuieli
///   de recuperare, Legea 72/2013) and penalty interest.
/// - `en`: for customers outside NL, BE and RO, British usage.
/// - The `ro` and `en` notices carry the Dutch 14-day wording when the planner announces WIK
///   costs (an NL consumer who reads Romanian or English).
/// - `digest`: the bookkeeper's daily summary, its groups in the order a person works
///   through them (what needs deciding first, what merely happened last), each with a line
///   on what it means.
package enum BuiltInTemplates {
    /// The languages with a built-in set.
    package static let languages = ["en", "nl", "ro"]

    /// The KINDs every built-in language has.
    package static let kinds = TemplateKind.allCases.map(\.rawValue)

    /// A built-in part's path as exported (`nl/reminder.subject.mustache`), its key in `files`.
    static func exportPath(_ key: TemplateKey, _ part: CompiledTemplate.Part) -> String {
        "\(key.language)/\(key.kind).\(part.rawValue).mustache"
    }

    /// Every built-in KIND of every language, parsed (`check`, `export-templates`).
    static var compiled: [TemplateKey: TemplateSet] {
        var sets: [TemplateKey: TemplateSet] = [:]
        for language in languages {
            for kind in kinds {
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
        guard CompiledTemplate.Part.allCases.allSatisfy({ files[exportPath(key, $0)] != nil }) else { return nil }
        // Parsed under the lock: two threads asking at once parse it once.
        return parsed.withLock { sets in
            if let set = sets[key] { return set }
            func part(_ part: CompiledTemplate.Part) -> CompiledTemplate {
                let path = exportPath(key, part)
                return CompiledTemplate(path: "builtin:" + path, part: part, source: text(of: path))
            }
            let set = TemplateSet(subject: part(.subject), text: part(.text), html: part(.html))
            sets[key] = set
            return set
        }
    }

    /// An embedded file's text (UTF-8, which a test checks), by its exported path.
    static func text(of path: String) -> String {
        guard let bytes = files[path] ?? digestLines[path] else { preconditionFailure("\(path) is not a built-in template") }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The sets parsed so far, shared by the threads that build messages.
    private static let parsed = Mutex<[TemplateKey: TemplateSet]>([:])
}
