#if canImport(Glibc)
import Glibc
#endif
import HostCheckCore
import Synchronization
import Testing
@testable import HostCheckProbes

@Suite struct BlockingThreadTests {
    @Test func runReturnsTheValueFromAnotherThread() async {
        let caller = pthread_self()
        let (value, sameThread) = await BlockingThread.run { (42, pthread_equal(pthread_self(), caller) != 0) }
        #expect(value == 42)
        #expect(!sameThread)
    }

    /// Each side waits for the other to start: both see the other only if they run at once.
    @Test func bothRunsTheTwoSidesAtOnce() {
        let rendezvous = Rendezvous()
        let (first, second) = BlockingThread.both({ rendezvous.arriveAndWait() }, { rendezvous.arriveAndWait() })
        #expect(first && second)
    }
}

/// Two threads arrive; each waits (up to 2 s) until both have.
private final class Rendezvous: Sendable {
    private let arrived = Atomic<Int>(0)

    func arriveAndWait() -> Bool {
        arrived.add(1, ordering: .sequentiallyConsistent)
        for _ in 0..<2_000 where arrived.load(ordering: .sequentiallyConsistent) < 2 { usleep(1_000) }
        return arrived.load(ordering: .sequentiallyConsistent) == 2
    }
}
