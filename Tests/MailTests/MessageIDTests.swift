import Mail
import MIME
import Testing

@Suite struct MessageIDTests {
    @Test("The id reads dunning.STEP.CUSTOMER.HASH@DOMAIN, HASH from the sorted invoice ids")
    func shape() {
        let id = MessageID.make(customer: "C-17", step: "aanmaning", invoices: ["INV-1003", "INV-1001", "INV-1002"], domain: "voorbeeld.nl")
        // sha256("8:INV-1001,8:INV-1002,8:INV-1003"), first 16 hex digits, computed with Python's hashlib.
        #expect(id == "dunning.aanmaning.C-17.347e5fb935ec3d03@voorbeeld.nl")
    }

    @Test("A confirmation's id reads dunning.confirmation.CUSTOMER.HASH@DOMAIN, HASH from the agreement's record id")
    func confirmation() {
        // sha256("prm-7k3m9q2x4d"), first 16 hex digits, computed with Python's hashlib.
        #expect(MessageID.confirmation(customer: "C-17", agreement: "prm-7k3m9q2x4d", domain: "voorbeeld.nl")
                == "dunning.confirmation.C-17.e0aff69d9da70ed1@voorbeeld.nl")
        #expect(MessageID.confirmation(customer: "C-17", agreement: "prm-7k3m9q2x4e", domain: "voorbeeld.nl")
                != MessageID.confirmation(customer: "C-17", agreement: "prm-7k3m9q2x4d", domain: "voorbeeld.nl"))
    }

    @Test("The same invoice set in any order, or repeated, gives the same id", arguments: [
        ["INV-1", "INV-2", "INV-3"], ["INV-3", "INV-2", "INV-1"], ["INV-2", "INV-1", "INV-3", "INV-1"],
    ])
    func orderIndependent(_ invoices: [String]) {
        #expect(MessageID.make(customer: "C-1", step: "herinnering", invoices: invoices, domain: "voorbeeld.nl")
                == MessageID.make(customer: "C-1", step: "herinnering", invoices: ["INV-1", "INV-2", "INV-3"], domain: "voorbeeld.nl"))
    }

    @Test("Another step, customer, invoice set or domain gives another id")
    func distinct() {
        let ids = [
            MessageID.make(customer: "C-1", step: "herinnering", invoices: ["INV-1", "INV-2"], domain: "voorbeeld.nl"),
            MessageID.make(customer: "C-1", step: "aanmaning", invoices: ["INV-1", "INV-2"], domain: "voorbeeld.nl"),
            MessageID.make(customer: "C-2", step: "herinnering", invoices: ["INV-1", "INV-2"], domain: "voorbeeld.nl"),
            MessageID.make(customer: "C-1", step: "herinnering", invoices: ["INV-1"], domain: "voorbeeld.nl"),
            MessageID.make(customer: "C-1", step: "herinnering", invoices: ["INV-1", "INV-2", "INV-3"], domain: "voorbeeld.nl"),
            MessageID.make(customer: "C-1", step: "herinnering", invoices: ["INV-1,INV-2"], domain: "voorbeeld.nl"),
            MessageID.make(customer: "C-1", step: "herinnering", invoices: ["INV-1", "INV-2"], domain: "voorbeeld.be"),
            // Replaced characters are hashed, so these differ from each other and from "C_1".
            MessageID.make(customer: "C 1", step: "herinnering", invoices: ["INV-1", "INV-2"], domain: "voorbeeld.nl"),
            MessageID.make(customer: "C/1", step: "herinnering", invoices: ["INV-1", "INV-2"], domain: "voorbeeld.nl"),
            MessageID.make(customer: "C_1", step: "herinnering", invoices: ["INV-1", "INV-2"], domain: "voorbeeld.nl"),
        ]
        #expect(Set(ids).count == ids.count)
    }

    @Test("Any customer, step or domain still gives a dot-atom id the composer takes", arguments: [
        ("Klant 17/ß", "stap één", "voorbeeld.nl"),
        ("", "", ""),
        ("C-1\r\nBcc: x@y", "a.b", "exa mple..nl."),
        (String(repeating: "x", count: 500), "herinnering", "voorbeeld.nl"),
        ("<C-1>", "\"quoted\"", "münchen.de"),
    ])
    func safe(customer: String, step: String, domain: String) throws {
        let id = MessageID.make(customer: customer, step: step, invoices: ["INV-1"], domain: domain)
        let sides = id.split(separator: "@", omittingEmptySubsequences: false)
        try #require(sides.count == 2)
        let atext = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=.")
        #expect(sides.allSatisfy { side in !side.isEmpty && side.allSatisfy(atext.contains) })
        #expect(sides.allSatisfy { side in !side.hasPrefix(".") && !side.hasSuffix(".") && !side.contains("..") })
        #expect(id.count <= 120)
        var message = MessageComposerFixture.message()
        message.messageID = id
        _ = try MessageComposer.compose(message)
    }

    @Test("A changed component keeps a readable prefix and the hash of the original")
    func readable() {
        let id = MessageID.make(customer: "Klant 17/ß", step: "herinnering", invoices: ["INV-1"], domain: "voorbeeld.nl")
        // sha256("Klant 17/ß"), first 8 hex digits, computed with Python's hashlib.
        #expect(id.hasPrefix("dunning.herinnering.Klant_17__=9b172812."))
    }
}
