extension LedgerState {
    /// Whether a record with this id was applied (voided ones included): new ids must not collide.
    public func hasRecord(_ id: String) -> Bool { kinds[id] != nil }
}
