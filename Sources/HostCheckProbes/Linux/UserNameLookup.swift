#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How the live probe turns a uid into a user name.
package enum UserNameLookup: Sendable, Hashable {
    /// The system's user database (`getpwuid_r`: `/etc/passwd`, NSS).
    case system
    /// A `passwd`-format file (`name:x:uid:gid:...`), for fixture trees and other roots.
    case passwdFile(String)
    /// No names: every user is its numeric uid as text.
    case numeric

    /// The lookup to use for a proc root: the system database for `/proc`, else numeric.
    package static func `default`(procRoot: String) -> UserNameLookup {
        procRoot == "/proc" ? .system : .numeric
    }

    /// A resolver with its own cache (build one per collection).
    func makeResolver() -> UserNameResolver {
        UserNameResolver(lookup: self)
    }
}

/// Resolves uids to names, caching each answer; falls back to the uid as text.
struct UserNameResolver {
    let lookup: UserNameLookup
    private var cache: [UInt32: String] = [:]
    private var fileNames: [UInt32: String]?

    init(lookup: UserNameLookup) {
        self.lookup = lookup
        if case .passwdFile(let path) = lookup {
            fileNames = (try? SystemIO.readFile(path).get()).map(Self.parsePasswd) ?? [:]
        }
    }

    mutating func name(of uid: UInt32) -> String {
        if let cached = cache[uid] { return cached }
        let name: String?
        switch lookup {
        case .system: name = Self.systemName(of: uid)
        case .passwdFile: name = fileNames?[uid]
        case .numeric: name = nil
        }
        let result = name ?? String(uid)
        cache[uid] = result
        return result
    }

    /// `name:password:uid:...` lines; the first line for a uid wins; malformed lines are skipped.
    static func parsePasswd(_ bytes: [UInt8]) -> [UInt32: String] {
        var names: [UInt32: String] = [:]
        for line in bytes.split(separator: 0x0A) {
            let fields = line.split(separator: UInt8(ascii: ":"), maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count >= 3, !fields[0].isEmpty,
                  let uid = UInt32(String(decoding: fields[2], as: UTF8.self)) else { continue }
            if names[uid] == nil { names[uid] = String(decoding: fields[0], as: UTF8.self) }
        }
        return names
    }

    static func systemName(of uid: UInt32) -> String? {
        var size = 4096
        while size <= 1 << 20 {
            var entry = passwd()
            var result: UnsafeMutablePointer<passwd>?
            var buffer = [CChar](repeating: 0, count: size)
            let (status, name) = buffer.withUnsafeMutableBufferPointer { storage -> (Int32, String?) in
                guard let base = storage.baseAddress else { return (EINVAL, nil) }
                let status = getpwuid_r(uid_t(uid), &entry, base, storage.count, &result)
                guard status == 0, result != nil, let name = entry.pw_name else { return (status, nil) }
                return (status, String(cString: name))
            }
            if status == ERANGE {
                size *= 4
                continue
            }
            return name
        }
        return nil
    }
}
