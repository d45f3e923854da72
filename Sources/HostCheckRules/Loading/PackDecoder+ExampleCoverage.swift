import HostCheckCore

extension PackDecoder {
    /// An example host's `coverage:`: the shape of the snapshot's `host.coverage`
    /// (``SnapshotKeys/coverage``, docs/architecture.md, "Contracts"), every key optional. A
    /// dimension left out is fully covered: levels `full`, `states: all`, `ports: all`,
    /// `users: all`, `netns: all`, `processes: full` (``Coverage/full``). `processes` (whether
    /// every process is listed, for process rules) is not a snapshot-2 key.
    mutating func decodeExampleCoverage(_ node: YAMLNode) -> Coverage? {
        guard let fields = reader.mapping(node, allowed: SnapshotKeys.coverage + ["processes"], what: "coverage") else { return nil }
        var coverage = Coverage.full
        func word<T: RawRepresentable<String> & CaseIterable>(_ key: String, _ type: T.Type, what: String) -> T? {
            fields[key].flatMap { reader.word($0.value, among: T.allCases.map(\.rawValue), what: what) }.flatMap(T.init(rawValue:))
        }
        for key in SnapshotKeys.coverageLevels {
            guard let level = word(key, CoverageLevel.self, what: "coverage level") else { continue }
            switch key {
            case "tcp": coverage.tcp = level
            case "udp": coverage.udp = level
            case "ipv4": coverage.ipv4 = level
            case "ipv6": coverage.ipv6 = level
            default: coverage.owners = level
            }
        }
        if let level = word("processes", CoverageLevel.self, what: "coverage processes") { coverage.processes = level }
        if let states = word("states", StateCoverage.self, what: "coverage states") { coverage.states = states }
        if let netns = word("netns", NamespaceCoverage.self, what: "coverage netns") { coverage.netns = netns }
        if let node = fields["ports"]?.value, let ports = allOrList(node, what: "coverage ports", item: { (decoder: inout PackDecoder, item: YAMLNode) -> Int? in
            guard let port = decoder.number(item, what: "a coverage port") else { return nil }
            guard port <= 65535 else {
                decoder.reader.error("a coverage port must be 0...65535, found \(port)", at: item.location)
                return nil
            }
            return port
        }) {
            coverage.ports = ports.map { Array(Set($0)).sorted() }
        }
        if let node = fields["users"]?.value, let users = allOrList(node, what: "coverage users", item: { (decoder: inout PackDecoder, item: YAMLNode) -> String? in
            decoder.reader.string(item, what: "a coverage user")
        }) {
            coverage.users = users.map { Array(Set($0)).sorted() }
        }
        if let node = fields["assumed"]?.value, let assumed = reader.stringList(node, what: "coverage assumed") {
            coverage.assumed = assumed
        }
        if let node = fields["full_capture"]?.value, let capture = reader.string(node, what: "coverage full_capture") {
            coverage.fullCapture = capture
        }
        return coverage
    }

    /// `all` as `.some(nil)`, a list as `.some(items)`, nil after an error (`item` reports its own).
    private mutating func allOrList<T>(_ node: YAMLNode, what: String, item: (inout PackDecoder, YAMLNode) -> T?) -> [T]?? {
        if node.scalar == CoverageJSON.all { return .some(nil) }
        guard let items = node.items else {
            reader.error("\(what) must be 'all' or a list, found \(node.scalar.map { MessageText.quote($0) } ?? "a \(node.kindName)")", at: node.location)
            return nil
        }
        var values: [T] = []
        for element in items {
            guard let value = item(&self, element) else { return nil }
            values.append(value)
        }
        return .some(values)
    }
}
