@testable import Daemon
import Foundation
import Glibc
import Testing

@Suite struct BuildThreadsTests {
    /// What each iteration saw: its thread's nice value and name.
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int: (nice: Int32, name: String)] = [:]
        func set(_ index: Int, _ value: (nice: Int32, name: String)) { lock.withLock { values[index] = value } }
        var all: [Int: (nice: Int32, name: String)] { lock.withLock { values } }
    }

    @Test("every iteration runs once, on a build thread whose nice value is the process's plus 10")
    func lowerPriority() {
        let base = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        let seen = Seen()
        SendCycle.BuildThreads.shared.perform(iterations: 50) { index in
            let name = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
            seen.set(index, (getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0), name))
        }
        let all = seen.all
        #expect(all.keys.sorted() == Array(0..<50))
        #expect(all.values.allSatisfy { $0.nice == min(19, base + SendCycle.BuildThreads.niceness) })
        #expect(all.values.allSatisfy { $0.name.hasPrefix("dunning-build-") })
        // The caller's own priority is untouched.
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) == base)
    }
}
