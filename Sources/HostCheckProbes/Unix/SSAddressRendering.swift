/// How an `ss` listing prints the any address, told by its header and rows (docs/captures.md,
/// "Dual-stack sockets").
///
/// A newer iproute2 brackets IPv6 addresses, prints `0.0.0.0` for the IPv4 any address, `[::]`
/// for an IPv6 any address with `v6only` set, and `*` for a dual-stack socket (`::` with
/// `v6only` off); its header names a `Process` column. An older one printed the IPv4 any
/// address as `*` and every IPv6 any address as `:::port`, whatever `v6only` was.
enum SSAddressRendering: Sendable, Hashable {
    /// `*` is a dual-stack socket and `[::]` an IPv6-only one.
    case modern
    /// `*` is the IPv4 any address; `:::port` does not say `v6only`.
    case old
    /// Nothing in the listing tells: a `*` is IPv4-only or dual-stack.
    case unknown

    /// Reads the rendering from a listing's lines: the header's `Process` column or a
    /// bracketed or `0.0.0.0` endpoint shows a newer `ss`, an unbracketed IPv6 endpoint an older one.
    static func of(_ lines: [Substring]) -> SSAddressRendering {
        var sawOld = false
        for line in lines {
            let tokens = Tokens.split(line)
            guard let first = tokens.first else { continue }
            if first == "Netid" || first == "State" {
                if line.contains("Process") { return .modern }
                continue
            }
            for token in tokens.dropFirst() {
                if token.hasPrefix("[") || token.hasPrefix("0.0.0.0:") { return .modern }
                if isUnbracketedIPv6Endpoint(token) { sawOld = true }
            }
        }
        return sawOld ? .old : .unknown
    }

    /// `:::22`, `::1:631`, `fe80::1%eth0:123`: an IPv6 endpoint printed without brackets.
    private static func isUnbracketedIPv6Endpoint(_ token: Substring) -> Bool {
        guard !token.hasPrefix("["), token.utf8.filter({ $0 == UInt8(ascii: ":") }).count >= 2 else { return false }
        guard let colon = token.lastIndex(of: ":") else { return false }
        let port = token[token.index(after: colon)...]
        return port == "*" || (!port.isEmpty && port.allSatisfy { $0.isASCII && ($0.isNumber || $0.isLetter || $0 == "-") })
    }
}
