import HostCheckCore

extension ParsedCapture {
    /// A UTF-16 file that ends with an odd byte was cut (a copy taken while it was written, a
    /// transfer cut short): a warning at its last line, and every protocol and family its
    /// socket listing covered becomes `partial` (docs/captures.md, "Nothing read is lost
    /// silently").
    mutating func markOddTrailingByte(_ text: CaptureText) {
        let location = text.location(line: max(text.lineCount, 1))
        let message = "the UTF-16 text ends with an odd byte: the file was cut, the copy is incomplete"
        guard var listing = sockets else {
            diagnostics.append(Diagnostic(.warning, message, at: location))
            return
        }
        var coverage = listing.coverage ?? SnapshotAssembler.inferredCoverage(listing)
        coverage.lowerSockets(to: .partial)
        coverage.assumed.append("partial: the copy is incomplete (an odd UTF-16 byte at its end, line \(location.line ?? 1))")
        listing.coverage = coverage
        listing.diagnostics.append(Diagnostic(
            .warning, message + "; coverage of tcp, udp, ipv4 and ipv6 is partial", at: location))
        sockets = listing
    }
}
