import ArgumentParser
import DunningCore
import DunningStore

@main
struct Dunning: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Chases unpaid invoices, politely and lawfully.")
}
