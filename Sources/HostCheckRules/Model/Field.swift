import HostCheckCore

/// A fact a rule can test: a socket field, or a field of the socket's owning process.
public enum Field: String, Sendable, Hashable, CaseIterable {
    case `protocol`, family
    case localAddress = "local_address", localPort = "local_port"
    case remoteAddress = "remote_address", remotePort = "remote_port"
    case state, exposure
    case ownerPID = "owner.pid", ownerName = "owner.name", ownerPath = "owner.path"
    case ownerCmdline = "owner.cmdline", ownerUser = "owner.user", ownerService = "owner.service"
    case ownerKernel = "owner.kernel"

    /// The type of the values a field holds, which decides how plain scalars are read.
    enum Kind: Sendable {
        /// One of a fixed set of words.
        case word([String])
        /// A port number, 0-65535.
        case port
        /// A non-negative integer.
        case integer
        /// An IP address (compared parsed); glob and regex see the text.
        case address
        /// Free text.
        case text
        /// `true` or `false`.
        case boolean
    }

    var kind: Kind {
        switch self {
        case .protocol: .word(TransportProtocol.allCases.map(\.rawValue))
        case .family: .word(AddressFamily.allCases.map(\.rawValue))
        case .state: .word(SocketState.allCases.map(\.rawValue))
        case .exposure: .word(Exposure.allCases.map(\.rawValue))
        case .localPort, .remotePort: .port
        case .ownerPID: .integer
        case .localAddress, .remoteAddress: .address
        case .ownerName, .ownerPath, .ownerCmdline, .ownerUser, .ownerService: .text
        case .ownerKernel: .boolean
        }
    }

    /// True for `owner.*` fields.
    var isOwnerField: Bool { rawValue.hasPrefix("owner.") }

    /// The key inside an `owner:` mapping (`name`), or the socket key (`local_port`).
    var key: String {
        isOwnerField ? String(rawValue.dropFirst("owner.".count)) : rawValue
    }

    /// The keys allowed directly in a socket field mapping.
    static let socketKeys: [String] = allCases.filter { !$0.isOwnerField }.map(\.rawValue)
    /// The keys allowed in an `owner:` mapping.
    static let ownerKeys: [String] = allCases.filter(\.isOwnerField).map(\.key)
}
