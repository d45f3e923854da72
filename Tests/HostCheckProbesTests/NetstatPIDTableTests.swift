import Testing
@testable import HostCheckProbes

@Suite("netstat pid tables")
struct NetstatPIDTableTests {
    /// PIDs 4 and 4100 share a slot; every PID keeps its own index however lookups alternate.
    @Test func collidingPIDsKeepTheirOwnRecords() {
        var table = PIDIndex()
        #expect(table.index(of: 4) == nil)
        table.set(0, for: 4)
        table.set(1, for: 4100)
        table.set(2, for: 8)
        for _ in 0..<3 {
            #expect(table.index(of: 4) == 0)
            #expect(table.index(of: 4100) == 1)
            #expect(table.index(of: 8) == 2)
        }
        #expect(table.index(of: 5) == nil && table.index(of: 4096) == nil)
    }

    @Test func pidListsHoldTheirPID() {
        var lists = PIDLists()
        for pid in [4, 4100, 4, 6120, 4100, 0, 4_294_967_295] {
            #expect(lists.list(pid) == [pid])
        }
    }
}
