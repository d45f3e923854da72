import HostCheckCore

/// `applies_to` against a host.
enum ScopeCheck {
    enum Verdict: Equatable {
        case inScope
        /// `skip`, with the reason.
        case outOfScope(String)
        /// `unknown`: the platform or host name is unknown.
        case undecidable(String)
    }

    static func isUnknownHostName(_ name: String) -> Bool {
        name.isEmpty || name.lowercased() == "unknown"
    }

    static func check(_ scope: Scope?, host: HostInfo) -> Verdict {
        guard let scope else { return .inScope }
        var undecidable: [String] = []
        if !scope.platforms.isEmpty {
            // Worked out only for a message: an in-scope host, the common case, needs none.
            var wanted: String { scope.platforms.map(\.rawValue).joined(separator: ", ") }
            if host.platform == .unknown {
                undecidable.append(
                    "platform unknown (rule applies to \(wanted)); give `platform` in the bundle's host.json to settle it")
            } else if !scope.platforms.contains(host.platform) {
                return .outOfScope("out of scope: platform \(host.platform.rawValue), rule applies to \(wanted)")
            }
        }
        if !scope.hosts.isEmpty {
            if isUnknownHostName(host.name) {
                undecidable.append("host name unknown (rule applies to hosts matching \(scope.hosts.map(\.pattern).joined(separator: ", ")))")
            } else if !scope.hosts.contains(where: { $0.matches(host.name) }) {
                return .outOfScope("out of scope: host \(MessageText.quote(host.name)) matches no applies_to.hosts glob")
            }
        }
        for (key, condition) in scope.labels.sorted(by: { $0.key < $1.key }) {
            guard condition.admits(host.labels[key]) else {
                let value = host.labels[key].map { "is \(MessageText.quote($0))" } ?? "is not set"
                return .outOfScope("out of scope: host label \(MessageText.quote(key)) \(value), rule applies to \(condition.summary)")
            }
        }
        return undecidable.isEmpty ? .inScope : .undecidable(undecidable.joined(separator: "; "))
    }
}
