#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Names the interface a socket is bound to (`idiag_if`), as `ss` prints it after `%`
/// (`[fe80::1]%eth0`, `127.0.0.53%lo`): the kernel's name in the probe's own network
/// namespace; in another namespace, whose names this process cannot ask for, the index as text.
enum InterfaceNames {
    /// `sockets` with ``KernelSocket/zone`` set where an interface index is known.
    static func named(_ sockets: [KernelSocket], ownNamespace: Bool) -> [KernelSocket] {
        guard sockets.contains(where: { $0.interfaceIndex != 0 }) else { return sockets }
        var names: [UInt32: String] = [:]
        var result = sockets
        for position in result.indices where result[position].interfaceIndex != 0 {
            let index = result[position].interfaceIndex
            let name = names[index] ?? ((ownNamespace ? name(of: index) : nil) ?? String(index))
            names[index] = name
            result[position].zone = name
        }
        return result
    }

    /// The name of interface `index` in this process's namespace; nil when there is none.
    static func name(of index: UInt32) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(IF_NAMESIZE) + 1)
        guard if_indextoname(index, &buffer) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
