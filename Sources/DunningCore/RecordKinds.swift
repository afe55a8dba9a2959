/// The kind of every applied record, by record id: `LedgerState`'s biggest index (one entry
/// per ledger record), so it is a hash table of its own rather than a `Dictionary`.
///
/// Open addressing with linear probing, each slot holding the id, its hash and its kind
/// together: a lookup or insert touches one slot (one cache line, mostly) instead of a
/// `Dictionary`'s bitmap, key and value arrays, and hashes the id's bytes with a
/// multiply-xorshift mix instead of SipHash. Ids come from the ledger, which the user
/// controls, so a seed chosen per process (as `Hasher`'s) keeps crafted ids from colliding.
/// A value type: the slots are an `Array`, copied on write.
struct RecordKinds: Sendable {
    struct Slot: Sendable {
        var key: String = ""
        /// The low 32 bits of the key's hash (the bucket is `hash & mask`).
        var hash: UInt32 = 0
        /// `nil`: the slot is empty.
        var kind: RecordKind?
    }

    private var slots: [Slot] = []
    /// `slots.count - 1` (`slots.count` is a power of two), or -1 while there are none.
    private var mask = -1
    private(set) var count = 0

    private static let seed = UInt64.random(in: .min ... .max)

    init() {}

    /// The kind of record `id`, or `nil` if no record has it.
    subscript(id: String) -> RecordKind? {
        guard count > 0 else { return nil }
        let hash = Self.hash(id)
        return slots.withUnsafeBufferPointer { slots in
            var index = Int(hash) & mask
            while let kind = slots[index].kind {
                if slots[index].hash == hash, slots[index].key == id { return kind }
                index = (index + 1) & mask
            }
            return nil
        }
    }

    /// Records `id` as `kind` unless it is already there; returns the kind it already had
    /// (leaving it unchanged), or `nil` if it was added.
    mutating func insert(_ id: String, kind: RecordKind) -> RecordKind? {
        if (count + 1) * 4 > slots.count * 3 { grow(toHold: count + 1) }
        let hash = Self.hash(id)
        let mask = mask
        let earlier: RecordKind? = slots.withUnsafeMutableBufferPointer { slots in
            var index = Int(hash) & mask
            while let kind = slots[index].kind {
                if slots[index].hash == hash, slots[index].key == id { return kind }
                index = (index + 1) & mask
            }
            slots[index] = Slot(key: id, hash: hash, kind: kind)
            return nil
        }
        if earlier == nil { count += 1 }
        return earlier
    }

    /// Forgets `id` (if it is there), shifting the slots after it back so that every key
    /// stays reachable from its bucket without gaps.
    mutating func remove(_ id: String) {
        guard count > 0 else { return }
        let hash = Self.hash(id)
        let mask = mask
        let removed = slots.withUnsafeMutableBufferPointer { slots -> Bool in
            var hole = Int(hash) & mask
            while true {
                guard slots[hole].kind != nil else { return false }
                if slots[hole].hash == hash, slots[hole].key == id { break }
                hole = (hole + 1) & mask
            }
            var next = (hole + 1) & mask
            while slots[next].kind != nil {
                let home = Int(slots[next].hash) & mask
                // Move the slot back into the hole unless its home lies after the hole
                // (cyclically, in hole+1 ... next): then it must stay where it is.
                if (next &- home) & mask >= (next &- hole) & mask {
                    slots[hole] = slots[next]
                    hole = next
                }
                next = (next + 1) & mask
            }
            slots[hole] = Slot()
            return true
        }
        if removed { count -= 1 }
    }

    /// Makes room for `more` ids beyond `count` without growing.
    mutating func reserveCapacity(_ more: Int) {
        let needed = count + more
        if needed * 4 > slots.count * 3 { grow(toHold: needed) }
    }

    /// Rehashes into the smallest power of two of slots that holds `needed` ids at a load of
    /// at most three quarters.
    private mutating func grow(toHold needed: Int) {
        var size = max(16, slots.count)
        while needed * 4 > size * 3 { size *= 2 }
        let old = slots
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
        let mask = mask
        slots.withUnsafeMutableBufferPointer { slots in
            for slot in old where slot.kind != nil {
                var index = Int(slot.hash) & mask
                while slots[index].kind != nil { index = (index + 1) & mask }
                slots[index] = slot
            }
        }
    }

    /// The id's UTF-8 bytes, 8 at a time, through a multiply-xorshift mix; the low 32 bits.
    @inline(__always)
    private static func hash(_ id: String) -> UInt32 {
        var id = id
        return id.withUTF8 { bytes -> UInt32 in
            var state = seed ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
            guard let base = bytes.baseAddress else { return UInt32(truncatingIfNeeded: mix(state)) }
            let raw = UnsafeRawPointer(base)
            var offset = 0
            while offset + 8 <= bytes.count {
                state = mix(state ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset += 8
            }
            if offset < bytes.count {
                var tail: UInt64 = 0
                for index in offset..<bytes.count { tail |= UInt64(bytes[index]) << (8 * UInt64(index - offset)) }
                state = mix(state ^ tail)
            }
            return UInt32(truncatingIfNeeded: mix(state))
        }
    }

    /// The splitmix64 finalizer: every input bit affects every output bit.
    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        var value = value
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
