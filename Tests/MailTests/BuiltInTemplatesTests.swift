import DunningCore
import Foundation
import Mail
import Testing
import TestSupport

/// The built-in templates are the files in `Sources/Mail/Templates/BuiltIn`, compiled in.
@Suite struct BuiltInTemplatesTests {
    /// `Sources/Mail/Templates/BuiltIn`, found from this file (`Tests/MailTests/…`).
    static let sourceFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/Mail/Templates/BuiltIn")

    /// Every file of the source tree, by the path it is embedded as: `nl/nl.reminder.subject.mustache`
    /// is exported as `nl/reminder.subject.mustache`; `nl/nl.digest.lines.mustache` (the digest's
    /// lines, not exported) is `nl/digest.lines.mustache`.
    static func sourceFiles() throws -> [String: Data] {
        let manager = FileManager.default
        var files: [String: Data] = [:]
        for language in try manager.contentsOfDirectory(atPath: sourceFolder.path) {
            for name in try manager.contentsOfDirectory(atPath: sourceFolder.appendingPathComponent(language).path) {
                #expect(name.hasPrefix("\(language).") && name.hasSuffix(".mustache"), "\(language)/\(name)")
                let exported = "\(language)/" + name.dropFirst(language.count + 1)
                files[exported] = try Data(contentsOf: sourceFolder.appendingPathComponent(language).appendingPathComponent(name))
            }
        }
        return files
    }

    /// The files export writes: templates, not the digest's lines.
    static func templateFiles() throws -> [String: Data] {
        try sourceFiles().filter { !$0.key.hasSuffix("/digest.lines.mustache") }
    }

    @Test("export-templates writes the template files of the source tree byte for byte, and no other")
    func exportIsTheSource() throws {
        let sources = try Self.templateFiles()
        let folder = try TemporaryDirectory()
        let count = try TemplateLibrary.exportBuiltIn(to: folder.path)
        let written = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        #expect(count == sources.count && count == 3 * 4 * 3)
        #expect(Set(written) == Set(sources.keys))
        for (path, bytes) in sources.sorted(by: { $0.key < $1.key }) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: folder.file(path))) == bytes, "\(path) differs from its source")
        }
    }

    @Test("every file in BuiltIn/ is embedded (listed in BuiltInTemplates+Files.swift), as it is, and is UTF-8")
    func everyFileEmbedded() throws {
        let sources = try Self.sourceFiles()
        let embedded = BuiltInTemplates.files.merging(BuiltInTemplates.digestLines) { first, _ in first }
        #expect(embedded.count == BuiltInTemplates.files.count + BuiltInTemplates.digestLines.count)
        #expect(Set(embedded.keys) == Set(sources.keys))
        #expect(Set(BuiltInTemplates.digestLines.keys) == Set(BuiltInTemplates.languages.map { "\($0)/digest.lines.mustache" }))
        for (path, bytes) in embedded {
            #expect(sources[path] == Data(bytes), "\(path)")
            #expect(String(validating: bytes, as: UTF8.self) != nil, "\(path) is not UTF-8")
        }
    }

    @Test("every built-in KIND exists in every built-in language and renders its sample there",
          arguments: BuiltInTemplates.languages, BuiltInTemplates.kinds)
    func rendersEveryKind(language: String, kind: String) throws {
        for part in ["subject", "text", "html"] {
            #expect(BuiltInTemplates.files["\(language)/\(kind).\(part).mustache"] != nil, "\(language)/\(kind).\(part) missing")
        }
        // The company's language has no templates: a KIND missing in `language` fails instead of falling back.
        let library = try TemplateLibrary(folder: nil, fallbackLanguage: "de")
        let data = TemplateData.sample(kind: kind, config: TemplateFixture.config, language: language)
        let message = try library.render(kind: kind, language: language, data: data)
        #expect(!message.subject.isEmpty && !message.text.isEmpty)
        // The customer's language; the digest's is the company's.
        let lang = try #require(data.text(at: "language"))
        #expect(message.html.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(lang)\">\n") && message.html.hasSuffix("</html>\n"))
        for text in [message.subject, message.text, message.html] {
            #expect(!text.contains("{{") && !text.contains("}}"))
        }
    }
}
