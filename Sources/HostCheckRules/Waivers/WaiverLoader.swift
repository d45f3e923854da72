import HostCheckCore

/// Loads a waiver file:
///
/// ```yaml
/// hostcheck: 1
/// waivers:
///   - rule: magaya-3691-owner
///     hosts: ["wh-berlin-*"]
///     reason: Magaya 12 migration, ticket SEC-1234
///     expires: 2027-01-31
/// ```
package enum WaiverLoader {
    static let topKeys = ["hostcheck", "waivers"]
    static let waiverKeys = ["rule", "hosts", "reason", "expires"]

    /// Loads `source`; `waivers` is nil when any error was found. Every problem is located.
    package static func load(_ source: PackSource) -> (waivers: WaiverSet?, diagnostics: [Diagnostic]) {
        let read = YAMLReader.read(source.bytes, file: source.path)
        if let reason = PackShape.notAPackReason(read, bytes: source.bytes) {
            return (nil, [Diagnostic(.error, "not a waiver file (\(reason))", at: SourceLocation(file: source.path))])
        }
        var reader = NodeReader(diagnostics: read.diagnostics, recovered: read.recovered)
        guard let root = read.root else {
            if read.diagnostics.isEmpty { reader.error("empty waiver file", at: SourceLocation(file: source.path, line: 1, column: 1)) }
            return (nil, reader.diagnostics)
        }
        var waivers: [Waiver] = []
        if let top = reader.mapping(root, allowed: topKeys, what: "a waiver file") {
            if let version = top["hostcheck"] {
                if let text = reader.string(version.value, what: "hostcheck"), text != "1" {
                    reader.error("unsupported waiver format version \(MessageText.quote(text)) (this hostcheck reads version 1)", at: version.value.location)
                }
            } else {
                reader.missing("hostcheck", in: "a waiver file", at: root.location)
            }
            if let list = top["waivers"] {
                if let items = list.value.items {
                    waivers = items.compactMap { decode($0, reader: &reader) }
                } else {
                    reader.error("waivers must be a list, found a \(list.value.kindName)", at: list.value.location)
                }
            } else {
                reader.missing("waivers", in: "a waiver file", at: root.location)
            }
        }
        let diagnostics = PackLoader.sortDiagnostics(reader.diagnostics, fileOrder: [source.path])
        guard !reader.hasErrors else { return (nil, diagnostics) }
        return (WaiverSet(waivers: waivers, file: source.path, sha256: SHA256Hex.digest(source.bytes)), diagnostics)
    }

    private static func decode(_ node: YAMLNode, reader: inout NodeReader) -> Waiver? {
        guard let fields = reader.mapping(node, allowed: waiverKeys, what: "a waiver") else { return nil }
        var rule: String?
        if let ruleNode = fields["rule"] {
            rule = reader.string(ruleNode.value, what: "rule")
            if rule?.trimmingSpaces.isEmpty == true {
                reader.error("a waiver's rule must not be empty", at: ruleNode.value.location)
            }
        } else {
            reader.missing("rule", in: "a waiver", at: node.location)
        }
        var reason: String?
        if let reasonNode = fields["reason"] {
            reason = reader.string(reasonNode.value, what: "reason")
            if reason?.trimmingSpaces.isEmpty == true {
                reader.error("a waiver's reason must not be empty", at: reasonNode.value.location)
            }
        } else {
            reader.missing("reason", in: "a waiver", at: node.location)
        }
        var hosts: [Glob] = []
        if let hostsNode = fields["hosts"], let list = reader.stringList(hostsNode.value, what: "hosts") {
            // An empty list would leave `hosts` empty, which means every host: refused, as empty
            // lists are in packs; leaving `hosts` out is how a waiver covers every host.
            if list.isEmpty {
                reader.error("hosts must not be an empty list (leave hosts out to waive the rule on every host)",
                             at: hostsNode.value.location)
            }
            for text in list {
                if text.isEmpty {
                    reader.error("a host glob must not be empty", at: hostsNode.value.location)
                } else if let glob = Glob(text, ignoreCase: true) {
                    hosts.append(glob)
                } else {
                    reader.error("invalid glob \(MessageText.quote(text)) (unclosed '[')", at: hostsNode.value.location)
                }
            }
        }
        var expires: String?
        var expiresAt: Double?
        if let expiresNode = fields["expires"], let text = reader.string(expiresNode.value, what: "expires") {
            switch Waiver.endOfDay(text) {
            case .success(let end):
                expires = text
                expiresAt = end
            case .failure(let invalid):
                let why = invalid.reason.map { ": \($0)" } ?? ""
                reader.error("expires must be a date YYYY-MM-DD, found \(MessageText.quote(text))\(why)", at: expiresNode.value.location)
            }
        }
        guard let rule, let reason else { return nil }
        return Waiver(rule: rule, hosts: hosts, reason: reason, expires: expires, expiresAt: expiresAt, location: node.location)
    }
}
