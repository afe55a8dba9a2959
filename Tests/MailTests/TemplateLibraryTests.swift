import DunningCore
import Foundation
import Mail
import Testing
import TestSupport

@Suite struct TemplateLibraryTests {
    /// A complete, valid KIND: subject, text and HTML.
    static func kind(_ name: String, subject: String = "Herinnering {{payment.reference}}",
                     text: String = "Beste {{customer.name}},\n{{#invoices}}{{number}}: {{open}}\n{{/invoices}}",
                     html: String = "<p>{{customer.name}}</p>", language: String = "nl") -> [String: String] {
        ["\(language)/\(name).subject.mustache": subject, "\(language)/\(name).text.mustache": text,
         "\(language)/\(name).html.mustache": html]
    }

    @Test("a variable the data does not have fails with the file and line")
    func unknownVariable() throws {
        let folder = try TemporaryDirectory()
        try writeTemplates(Self.kind("reminder", text: "Beste {{customer.name}},\n\nTotaal: {{totals.open}}\n  {{nonexistent}}\n"),
                           in: folder.path)
        let library = try TemplateLibrary(folder: folder.path, fallbackLanguage: "nl")
        let data = try TemplateFixture().data(asOf: "2026-11-23")
        let path = folder.file("nl/reminder.text.mustache")
        #expect {
            _ = try library.render(kind: "reminder", language: "nl", data: data)
        } throws: { error in
            guard let error = error as? TemplateError else { return false }
            return error.path == path && error.line == 4 && error.column == 3
                && error.description.hasPrefix("\(path):4:3: error: unknown variable 'nonexistent'")
        }
    }

    @Test("a check passed for one data shape is not taken for another: digest data still fails a reminder template")
    func checkedPerShape() throws {
        let folder = try TemporaryDirectory()
        try writeTemplates(Self.kind("reminder"), in: folder.path)
        let library = try TemplateLibrary(folder: folder.path, fallbackLanguage: "nl")
        let reminder = try TemplateFixture().data(asOf: "2026-11-23")
        for _ in 0..<2 { _ = try library.render(kind: "reminder", language: "nl", data: reminder) }
        let digest = TemplateData.sample(kind: "digest", config: TemplateFixture.config, language: "nl")
        #expect {
            _ = try library.render(kind: "reminder", language: "nl", data: digest)
        } throws: { error in
            (error as? TemplateError)?.description.contains("unknown variable 'payment.reference'") == true
        }
        // And the reminder data still renders afterwards.
        #expect(try library.render(kind: "reminder", language: "nl", data: reminder).subject.hasPrefix("Herinnering "))
    }

    @Test("names are checked inside sections, dotted, and in sections that do not render")
    func sections() throws {
        let folder = try TemporaryDirectory()
        let text = """
        {{#invoices}}{{number}} {{due}} {{company.name}}{{/invoices}}
        {{#announced_costs}}{{announced_costs_from}}{{/announced_costs}}
        {{#invoices}}
        {{numbr}}
        {{/invoices}}
        {{#company.phone}}{{company.website}}{{/company.phone}}
        {{#count(invoices)}}{{/count(invoices)}}{{uppercased(customer.name)}}
        """
        try writeTemplates(Self.kind("reminder", text: text), in: folder.path)
        let library = try TemplateLibrary(folder: folder.path, fallbackLanguage: "nl")
        let errors = library.check(kinds: ["reminder"], config: TemplateFixture.config)
        let path = folder.file("nl/reminder.text.mustache")
        #expect(errors.map(\.description) == [
            "\(path):4:1: error: unknown variable 'numbr' (the reminder data has no 'numbr' here) (did you mean 'number'?)",
            "\(path):6:19: error: unknown variable 'company.website' ('company' has no 'website') (see docs/templates.md)",
        ])
        #expect(throws: TemplateError.self) {
            try library.render(kind: "reminder", language: "nl", data: try TemplateFixture().data(asOf: "2026-11-23"))
        }
        let fixed = text.replacingOccurrences(of: "{{numbr}}", with: "").replacingOccurrences(of: "{{company.website}}", with: "")
        try writeTemplates(Self.kind("reminder", text: fixed), in: folder.path)
        let message = try TemplateLibrary(folder: folder.path, fallbackLanguage: "nl")
            .render(kind: "reminder", language: "nl", data: try TemplateFixture().data(asOf: "2026-11-23"))
        #expect(message.text.hasPrefix("INV-1 1 november 2026 Voorbeeld B.V.INV-2 2 november 2026 Voorbeeld B.V.INV-3"))
        #expect(message.text.hasSuffix("BAKKERIJ JANSEN"))
    }

    @Test("inside a text's own section, {{.}} is the text and other names come from outside; count and first apply to lists")
    func textSections() throws {
        let folder = try TemporaryDirectory()
        let text = "{{#customer.name}}[{{.}}|{{company.name}}|{{customer.id}}]{{/customer.name}}"
            + "{{^customer.name}}none{{/customer.name}} {{count(invoices)}} {{#first(invoices)}}{{number}}{{/first(invoices)}}"
        try writeTemplates(Self.kind("reminder", text: text, html: "<p>{{#customer.name}}{{.}}{{/customer.name}}</p>"),
                           in: folder.path)
        let library = try TemplateLibrary(folder: folder.path, fallbackLanguage: "nl")
        let data = try TemplateFixture().data(asOf: "2026-11-23")
        let message = try library.render(kind: "reminder", language: "nl", data: data)
        #expect(message.text == "[Bakkerij Jansen|Voorbeeld B.V.|\(try #require(data.text(at: "customer.id")))] 3 INV-1")
        #expect(message.html == "<p>Bakkerij Jansen</p>")
    }

    @Test("a folder template overrides its built-in; other kinds and languages stay built-in")
    func override() throws {
        let folder = try TemporaryDirectory()
        try writeTemplates(Self.kind("reminder", subject: "Eigen herinnering {{payment.reference}}"), in: folder.path)
        let library = try TemplateLibrary(folder: folder.path, fallbackLanguage: "nl")
        let data = try TemplateFixture().data(asOf: "2026-11-23")
        let own = try library.render(kind: "reminder", language: "nl", data: data)
        #expect(own.subject == "Eigen herinnering INV-1, INV-2, INV-3")
        #expect(own.text == "Beste Bakkerij Jansen,\nINV-1: €\(nbsp)1.000,00\nINV-2: €\(nbsp)200,00\nINV-3: €\(nbsp)34,56\n")
        #expect(try library.render(kind: "notice", language: "nl", data: data).subject.hasPrefix("Aanmaning"))
        #expect(try library.render(kind: "reminder", language: "en", data: data).subject.hasPrefix("Payment reminder"))
    }

    @Test("a policy's own KIND renders from the folder, in the customer's language or the company's")
    func ownKind() throws {
        let folder = try TemporaryDirectory()
        try writeTemplates(Self.kind("laatste", subject: "Laatste kans {{payment.reference}}")
                           .merging(Self.kind("laatste", subject: "Last chance {{payment.reference}}", language: "en")) { $1 },
                           in: folder.path)
        let library = try TemplateLibrary(folder: folder.path, fallbackLanguage: "nl")
        let data = try TemplateFixture().data(asOf: "2026-11-23")
        #expect(try library.render(kind: "laatste", language: "en", data: data).subject == "Last chance INV-1, INV-2, INV-3")
        #expect(try library.render(kind: "laatste", language: "ro", data: data).subject == "Laatste kans INV-1, INV-2, INV-3")
        #expect(throws: TemplateError.self) { try library.render(kind: "onbekend", language: "nl", data: data) }
    }

    @Test("check on the built-in set is clean, whatever the company's language", arguments: ["nl", "ro", "en"])
    func builtInsClean(language: String) throws {
        let library = try TemplateLibrary(folder: nil, fallbackLanguage: language)
        #expect(library.check(kinds: ["reminder", "notice", "confirmation", "digest"], config: TemplateFixture.config).isEmpty)
    }

    @Test("check on the built-in set reports a KIND a policy step names that has none")
    func builtInMissingKind() throws {
        var config = TemplateFixture.config
        config.policies = [Policy(id: "zakelijk", steps: [
            PolicyStep(id: "herinnering", after: .days(14), template: "reminder"),
            PolicyStep(id: "laatste", after: .days(30), template: "laatste-kans"),
        ])]
        let library = try TemplateLibrary(folder: nil, fallbackLanguage: "nl")
        let errors = library.check(kinds: [], config: config).map(\.description)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("builtin:nl/laatste-kans.text.mustache: error: missing template 'laatste-kans' "
            + "in the company's language 'nl', used by policy step zakelijk/laatste;") == true)
    }

    @Test("check on a broken folder reports each problem as PATH:LINE")
    func brokenFolder() throws {
        let folder = try TemporaryDirectory()
        var files = Self.kind("reminder", text: "Beste {{customer.name}},\n{{#invoices}}\n{{number}}\n")
        files.merge(Self.kind("notice", html: "<p>\n{{totaal}}</p>")) { $1 }
        files["nl/confirmation.subject.mustache"] = "Bevestiging"
        files["nl/digest.txt.mustache"] = "Dagoverzicht"
        try writeTemplates(files, in: folder.path)
        let library = try TemplateLibrary(folder: folder.path, fallbackLanguage: "nl")
        let errors = library.check(kinds: ["reminder", "notice", "herinnering-2"], config: TemplateFixture.config)
        let descriptions = errors.map(\.description)
        #expect(descriptions == [
            "\(folder.file("nl/confirmation.text.mustache")): error: missing: 'confirmation' needs a subject, a text and an HTML "
                + "template (confirmation.text.mustache, confirmation.html.mustache not found)",
            "\(folder.file("nl/digest.txt.mustache")): error: not a template name: expected KIND.subject.mustache, "
                + "KIND.text.mustache or KIND.html.mustache",
            "\(folder.file("nl/herinnering-2.text.mustache")): error: missing template 'herinnering-2' in the company's "
                + "language 'nl', used by dunning; add herinnering-2.subject.mustache, herinnering-2.text.mustache and "
                + "herinnering-2.html.mustache",
            "\(folder.file("nl/notice.html.mustache")):2:1: error: unknown variable 'totaal' (the reminder data has no "
                + "'totaal' here) (did you mean 'totals'?)",
            "\(folder.file("nl/reminder.text.mustache")):4:1: error: a section is never closed: {{/…}} missing",
        ])
        #expect(errors.allSatisfy { $0.path.hasPrefix(folder.path) })
    }

    @Test("a missing or unreadable folder fails at load")
    func missingFolder() throws {
        let folder = try TemporaryDirectory()
        #expect {
            _ = try TemplateLibrary(folder: folder.file("nope"), fallbackLanguage: "nl")
        } throws: { error in
            (error as? TemplateError)?.description == "\(folder.file("nope")): error: templates folder does not exist (or is not a folder)"
        }
    }

    @Test("the built-in set exported to a folder loads, checks clean and renders the same")
    func export() throws {
        let folder = try TemporaryDirectory()
        try TemplateLibrary.exportBuiltIn(to: folder.file("templates"))
        let names = try FileManager.default.subpathsOfDirectory(atPath: folder.file("templates")).filter { $0.hasSuffix(".mustache") }
        #expect(names.count == 3 * 4 * 3)
        #expect(names.contains("ro/notice.html.mustache"))
        let exported = try TemplateLibrary(folder: folder.file("templates"), fallbackLanguage: "nl")
        #expect(exported.check(kinds: ["reminder", "notice"], config: TemplateFixture.config).isEmpty)
        let builtIn = try TemplateLibrary(folder: nil, fallbackLanguage: "nl")
        var fixture = TemplateFixture(kind: .consumer)
        fixture.reminderSent(on: "2026-11-16")
        let data = try fixture.data(asOf: "2026-12-07")
        for language in ["nl", "ro", "en"] {
            #expect(try exported.render(kind: "notice", language: language, data: data)
                == builtIn.render(kind: "notice", language: language, data: data))
        }
        // Never overwrites an edited template.
        #expect(throws: TemplateError.self) { try TemplateLibrary.exportBuiltIn(to: folder.file("templates")) }
    }

    @Test("the subject comes out on one line even when its template spans lines")
    func subjectOneLine() throws {
        let folder = try TemporaryDirectory()
        try writeTemplates(Self.kind("reminder", subject: "Herinnering\n{{#invoices}}\n{{number}}\n{{/invoices}}\n"), in: folder.path)
        let library = try TemplateLibrary(folder: folder.path, fallbackLanguage: "nl")
        let message = try library.render(kind: "reminder", language: "nl", data: try TemplateFixture().data(asOf: "2026-11-23"))
        #expect(message.subject == "Herinnering INV-1 INV-2 INV-3")
    }
}

@Suite struct TemplateDataTests {
    @Test("docs/templates.md documents every key of every data shape")
    func documented() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/templates.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for kind in ["reminder", "confirmation", "digest"] {
            let data = TemplateData.sample(kind: kind, config: TemplateFixture.config, language: "nl")
            #expect(data.shape.rawValue == kind)
            for path in data.keyPaths {
                #expect(text.contains("`\(path)`"), "docs/templates.md does not mention `\(path)` (\(kind))")
            }
        }
    }

    @Test("optional values are present as keys and empty when missing")
    func optionals() throws {
        let data = try TemplateFixture().data(asOf: "2026-11-23")
        #expect(data.text(at: "company.phone") == "")
        #expect(data.text(at: "announced_costs") == "")
        #expect(data.text(at: "previous_reminder") == "")
        #expect(data.text(at: "company.iban") == "NL91ABNA0417164300")
        #expect(data.text(at: "payment.reference") == "INV-1, INV-2, INV-3")
        #expect(data.text(at: "customer.nope") == nil)
    }
}
