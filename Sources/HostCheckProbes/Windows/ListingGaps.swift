import HostCheckCore

/// What a Windows socket listing could not show although it tried (docs/captures.md, "Nothing
/// read is lost silently"): rows that could not be read fully, and signs that the copy is
/// incomplete (a pager line, a `^C`, a cut last row, an odd UTF-16 tail).
///
/// Each lowers the coverage of what it could have been to `partial`: an unreadable row its
/// protocol and family when they can be told (else every protocol or family), an incomplete
/// copy every protocol and family.
struct ListingGaps: Sendable {
    /// A row that could not be read fully, with what it could be told to be.
    struct UnreadableRow: Sendable, Hashable {
        var line: Int
        var proto: TransportProtocol?
        var family: AddressFamily?
    }

    /// A sign that the copy is incomplete, and what it is.
    struct IncompleteMark: Sendable, Hashable {
        var line: Int
        var what: String
    }

    private(set) var unreadable: [UnreadableRow] = []
    private(set) var incomplete: [IncompleteMark] = []

    var isEmpty: Bool { unreadable.isEmpty && incomplete.isEmpty }

    mutating func unreadable(at line: Int, proto: TransportProtocol?, family: AddressFamily?) {
        unreadable.append(UnreadableRow(line: line, proto: proto, family: family))
    }

    mutating func incomplete(at line: Int, _ what: String) {
        incomplete.append(IncompleteMark(line: line, what: what))
    }

    /// Appends the gaps of the next part of the same listing.
    mutating func absorb(_ next: ListingGaps) {
        unreadable += next.unreadable
        incomplete += next.incomplete
    }

    /// The diagnostics of the incomplete marks (the unreadable rows have their own warning
    /// where they are read), one warning each at its line.
    func incompleteDiagnostics(file: String) -> [Diagnostic] {
        incomplete.map { mark in
            Diagnostic(
                .warning, "\(mark.what): the copy is incomplete; coverage of tcp, udp, ipv4 and ipv6 is partial",
                at: SourceLocation(file: file, line: mark.line))
        }
    }

    /// What an unreadable row lowers, for its warning: `coverage of tcp and ipv4 is partial`.
    static func lowered(proto: TransportProtocol?, family: AddressFamily?) -> String {
        let protocols = proto.map { [$0.rawValue] } ?? ["tcp", "udp"]
        let families = family.map { [$0.rawValue] } ?? ["ipv4", "ipv6"]
        let all = protocols + families
        return "coverage of " + all.dropLast().joined(separator: ", ") + " and " + (all.last ?? "") + " is partial"
    }

    /// `coverage` with the gaps applied: each unreadable row's protocol and family become
    /// `partial` (also from `none`: rows of it exist), an incomplete copy lowers every
    /// protocol and family that was `full` to `partial`. `readable` says whether levels may be
    /// raised from `none` (false for a listing that covers nothing, such as rows without a
    /// header and no filter they show).
    func applied(to coverage: Coverage, raisingFromNone: Bool) -> Coverage {
        var result = coverage
        func lower(_ level: CoverageLevel) -> CoverageLevel {
            level == .full || (level == .none && raisingFromNone) ? .partial : level
        }
        for row in unreadable {
            for proto in row.proto.map({ [$0] }) ?? TransportProtocol.allCases {
                result.setLevel(lower(result.level(of: proto)), of: proto)
            }
            for family in row.family.map({ [$0] }) ?? AddressFamily.allCases {
                result.setLevel(lower(result.level(of: family)), of: family)
            }
        }
        if !incomplete.isEmpty { result.lowerSockets(to: .partial) }
        if let first = unreadable.first {
            let more = unreadable.count > 1 ? " and \(unreadable.count - 1) more" : ""
            result.assumed.append("partial: a row could not be read (line \(first.line)\(more))")
        }
        if let first = incomplete.first {
            result.assumed.append("partial: the copy is incomplete (\(first.what), line \(first.line))")
        }
        return result
    }
}
