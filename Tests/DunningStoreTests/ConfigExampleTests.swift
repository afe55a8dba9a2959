import DunningCore
@testable import DunningStore
import Foundation
import Testing

/// The shipped `config/dunning.yaml`: the config reference the README links to.
@Suite struct ConfigExampleTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config/dunning.yaml").path
    static let root = URL(fileURLWithPath: path).deletingLastPathComponent().deletingLastPathComponent().path

    @Test("the shipped example is valid, uses outbox delivery and keeps its files under var/")
    func valid() throws {
        let config = try ConfigLoader.load(path: Self.path)
        #expect(config.company.name == "Voorbeeld B.V.")
        #expect(config.ledger == Self.root + "/var/ledger.jsonl")
        #expect(config.delivery.transport == .outbox)
        #expect(config.delivery.outbox == Self.root + "/var/outbox")
        #expect(config.bounces.maildir == Self.root + "/var/bounces")
        #expect(config.templates == nil)
        #expect(config.verification.mode == .advisory)
        #expect(config.digest != nil)
        #expect(Set(config.rates.keys).isSuperset(of: ["nl-commercial", "nl-consumer", "be-commercial", "be-consumer", "ro-legal"]))
        #expect(config.rates["nl-commercial"]?.compounding == .yearly)
        #expect(config.rates["nl-consumer"]?.compounding == .yearly)
        #expect(config.rates["be-commercial"]?.compounding == .simple)
        #expect(config.rates["ro-legal"]?.compounding == .simple)
        #expect(config.flatCompensation["RON"] != nil)
        #expect(config.policies.contains { $0.appliesTo.kind == .business })
        #expect(config.policies.contains { $0.appliesTo.kind == .consumer })
        let holidays = config.schedule.holidays
        #expect(holidays.contains { $0.year == 2026 } && holidays.contains { $0.year == 2027 })
        let reminders = Dictionary(config.limitation.map { ("\($0.country)-\($0.kind?.rawValue ?? "any")", $0.interruptedByReminder) },
                                   uniquingKeysWith: { first, _ in first })
        #expect(reminders["NL-business"] == true)
        #expect(reminders["BE-business"] == false)
        #expect(reminders["RO-any"] == false)
    }

    @Test("the shipped example documents every key dunning knows")
    func everyKeyUsed() throws {
        let yaml = try String(contentsOfFile: Self.path, encoding: .utf8)
        let (config, reader) = ConfigLoader.read(yaml: yaml, path: Self.path)
        #expect(config != nil)
        #expect(reader.issues.isEmpty)
        let missing = ConfigSection.allCases.flatMap { section in
            section.keys.map { "\(section.rawValue).\($0)" }.filter { !reader.usedKeys.contains($0) }
        }
        #expect(missing.isEmpty, "keys never set in config/dunning.yaml: \(missing)")
    }
}
