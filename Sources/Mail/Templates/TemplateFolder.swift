import Foundation

/// Reads a templates folder: `LANG/KIND.PART.mustache`, PART one of subject, text, html.
enum TemplateFolder {
    struct Loaded {
        var sets: [TemplateKey: TemplateSet] = [:]
        var incomplete: [TemplateKey: TemplateError] = [:]
        var problems: [TemplateError] = []
    }

    /// Throws only when `folder` itself is not a readable folder.
    static func load(_ folder: String) throws(TemplateError) -> Loaded {
        let files = FileManager.default
        var isFolder: ObjCBool = false
        guard files.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw TemplateError(path: folder, message: "templates folder does not exist (or is not a folder)")
        }
        let root = URL(fileURLWithPath: folder)
        let languages: [String]
        do {
            languages = try files.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            throw TemplateError(path: folder, message: "cannot read templates folder: \(error.localizedDescription)")
        }
        var loaded = Loaded()
        var parts: [TemplateKey: [CompiledTemplate.Part: CompiledTemplate]] = [:]
        for language in languages where !language.hasPrefix(".") {
            let languageURL = root.appendingPathComponent(language)
            var isLanguageFolder: ObjCBool = false
            _ = files.fileExists(atPath: languageURL.path, isDirectory: &isLanguageFolder)
            guard isLanguageFolder.boolValue else {
                if language.hasSuffix(".mustache") {
                    loaded.problems.append(TemplateError(
                        path: languageURL.path, message: "templates go into a language folder: LANG/KIND.PART.mustache"))
                }
                continue
            }
            let names: [String]
            do {
                names = try files.contentsOfDirectory(atPath: languageURL.path).sorted()
            } catch {
                loaded.problems.append(TemplateError(path: languageURL.path, message: "cannot read: \(error.localizedDescription)"))
                continue
            }
            for name in names where name.hasSuffix(".mustache") && !name.hasPrefix(".") {
                let path = languageURL.appendingPathComponent(name).path
                let pieces = name.dropLast(".mustache".count).split(separator: ".", omittingEmptySubsequences: false)
                guard pieces.count >= 2, let part = CompiledTemplate.Part(rawValue: String(pieces[pieces.count - 1])),
                      !pieces.dropLast().joined(separator: ".").isEmpty else {
                    loaded.problems.append(TemplateError(
                        path: path, message: "not a template name: expected KIND.subject.mustache, KIND.text.mustache or KIND.html.mustache"))
                    continue
                }
                let kind = pieces.dropLast().joined(separator: ".")
                let source: String
                do {
                    source = try String(contentsOfFile: path, encoding: .utf8)
                } catch {
                    loaded.problems.append(TemplateError(path: path, message: "cannot read as UTF-8: \(error.localizedDescription)"))
                    continue
                }
                let key = TemplateKey(language: language.lowercased(), kind: kind)
                parts[key, default: [:]][part] = CompiledTemplate(path: path, part: part, source: source)
            }
        }
        for (key, found) in parts {
            if let subject = found[.subject], let text = found[.text], let html = found[.html] {
                loaded.sets[key] = TemplateSet(subject: subject, text: text, html: html)
                continue
            }
            let missing = CompiledTemplate.Part.allCases.filter { found[$0] == nil }.map(\.rawValue)
            let path = root.appendingPathComponent(key.language).appendingPathComponent("\(key.kind).\(missing[0]).mustache").path
            loaded.incomplete[key] = TemplateError(
                path: path, message: "missing: '\(key.kind)' needs a subject, a text and an HTML template "
                    + "(\(missing.map { "\(key.kind).\($0).mustache" }.joined(separator: ", ")) not found)")
        }
        return loaded
    }
}
