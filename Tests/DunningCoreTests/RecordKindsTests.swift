@testable import DunningCore
import Testing

/// `RecordKinds` against a `Dictionary` doing the same inserts and removals: small tables
/// (many collisions and wrap-arounds) and growth through several sizes.
@Suite struct RecordKindsTests {
    @Test func matchesDictionary() {
        var generator = SystemRandomNumberGenerator()
        let all: [RecordKind] = [.customer, .invoice, .payment, .void, .resolve, .contactCheck]
        var table = RecordKinds()
        var model: [String: RecordKind] = [:]
        // Ids of 1 to 40 bytes, so both the 8-byte loop and the tail of the hash are used.
        let ids = (0..<3000).map { index in "id-\(index)" + String(repeating: "x", count: index % 37) }
        for step in 0..<20_000 {
            let id = ids[Int.random(in: 0..<(step < 10_000 ? 500 : ids.count), using: &generator)]
            if Int.random(in: 0..<3, using: &generator) == 0 {
                table.remove(id)
                model[id] = nil
            } else {
                let kind = all.randomElement(using: &generator)!
                let earlier = table.insert(id, kind: kind)
                #expect(earlier == model[id])
                if model[id] == nil { model[id] = kind }
            }
            #expect(table.count == model.count)
        }
        for id in ids { #expect(table[id] == model[id]) }
        #expect(table["not there"] == nil)
        #expect(RecordKinds()["x"] == nil)
    }

    @Test func copiesAreIndependent() {
        var table = RecordKinds()
        _ = table.insert("a", kind: .invoice)
        var copy = table
        _ = copy.insert("b", kind: .payment)
        copy.remove("a")
        #expect(table["a"] == .invoice && table["b"] == nil && table.count == 1)
        #expect(copy["a"] == nil && copy["b"] == .payment && copy.count == 1)
    }

    @Test func reservedTableHoldsWithoutGrowing() {
        var table = RecordKinds()
        table.reserveCapacity(1000)
        for index in 0..<1000 { #expect(table.insert("r\(index)", kind: .note) == nil) }
        for index in 0..<1000 { #expect(table["r\(index)"] == .note) }
        #expect(table.count == 1000)
    }
}
