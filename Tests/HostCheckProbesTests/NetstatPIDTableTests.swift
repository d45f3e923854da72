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

/// Tables sized for small captures.
@Suite("netstat small tables")
struct NetstatSmallTableTests {
    @Test func smallTablesHoldTheirPIDsAndTexts() {
        #expect(TableSlots.count(for: 0, maximum: 1024) == 16)
        #expect(TableSlots.count(for: 48, maximum: 1024) == 64)
        #expect(TableSlots.count(for: 5000, maximum: 1024) == 1024)
        var lists = PIDLists(rows: 3)
        for pid in [4, 68, 4, 132, 68, 0, 4_294_967_295] {
            #expect(lists.list(pid) == [pid])
        }
        var cache = TextCache(rows: 2)
        let words = ["10.0.0.1", "10.0.0.2", "fe80::1", "10.0.0.1", "x", "10.0.0.2"]
        for word in words {
            let bytes = Array(word.utf8)
            let text = bytes.withUnsafeBufferPointer { cache.string($0, 0..<$0.count) }
            #expect(text == word)
        }
    }
}
