import HostCheckCore

/// Which local ports a rule's `select` can accept, decided once per rule so that a host's
/// sockets on other ports are passed over without evaluating the predicate (Benchmarks/README.md,
/// "Fleet").
///
/// Built like ``CoverageNeeds``'s port projection: the ports where a `local_port` matcher can
/// change its answer cut 0...65535 into stretches, and every port of a stretch is treated alike,
/// so one `admits` per stretch decides. `admits` false for a known port means the predicate is
/// `no` for every socket on that port, whatever its other fields (``Predicate/admits(_:)``: a
/// condition ruled out makes `all` no, and `any` is no only when every item is), so skipping
/// the socket is step 1's `sel` false (docs/architecture.md, "Evaluation"). A rule whose
/// `select` names no `local_port`, or tests it with a matcher that cannot be cut, has none.
struct PortFilter: Sendable {
    /// One bit per port of 0...65535, set when the selection can accept that port: a host's
    /// sockets are tested against it once per rule, so the test is one load and one mask.
    private let admittedPorts: [UInt64]

    init?(select: Predicate) {
        var cuts: Set<Int> = [0]
        var exact = true
        var named = false
        select.visit { node in
            if case .field(let field, let matcher) = node, field == .localPort {
                named = true
                exact = exact && matcher.collectPortCuts(into: &cuts)
            }
            return true
        }
        guard named, exact else { return nil }
        let starts = cuts.filter { $0 >= 0 && $0 <= 65535 }.sorted()
        let admitted = starts.map { select.admits([.localPort: .integer($0)]) }
        // Nothing to gain when every stretch is admitted.
        if !admitted.contains(false) { return nil }
        var bits = [UInt64](repeating: 0, count: 65536 / 64)
        for (index, start) in starts.enumerated() where admitted[index] {
            let end = index + 1 < starts.count ? starts[index + 1] : 65536
            for port in start..<end { bits[port >> 6] |= 1 << UInt64(port & 63) }
        }
        admittedPorts = bits
    }

    /// Whether a socket on local port `port` may be selected; true outside 0...65535.
    func admits(_ port: Int) -> Bool {
        guard port >= 0, port <= 65535 else { return true }
        return admittedPorts[port >> 6] & (1 << UInt64(port & 63)) != 0
    }
}

extension Matcher {
    /// Adds the ports where this matcher may change its answer; false when it is of a kind
    /// whose answer on ports cannot be cut into stretches (used by ``PortFilter`` and
    /// ``CoverageNeeds``).
    func collectPortCuts(into cuts: inout Set<Int>) -> Bool {
        switch self {
        case .integer(let port): cuts.formUnion([port, port + 1])
        case .range(let range): cuts.formUnion([range.lowerBound, range.upperBound + 1])
        case .anyOf(let items): return items.allSatisfy { $0.collectPortCuts(into: &cuts) }
        case .not(let inner): return inner.collectPortCuts(into: &cuts)
        default: return false
        }
        return true
    }
}
