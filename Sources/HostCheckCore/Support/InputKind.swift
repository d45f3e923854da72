/// What an input file is for, and so how large it may be (docs/cli.md, "Limits").
///
/// A regular file over its kind's ``regularLimit`` is refused from its `fstat` size, before a
/// byte is read. A non-regular input named on the command line (a pipe, `-`, `/dev/stdin`, a
/// FIFO, a character device) is read in chunks up to ``streamLimit`` and refused as soon as
/// it goes past it.
package enum InputKind: Sendable, Hashable, CaseIterable {
    /// A rule pack, or a file a pack includes.
    case pack
    /// A waiver file (`--waivers`).
    case waivers
    /// A variables file (`--vars`).
    case variables
    /// A host snapshot (`--snapshot`, a fleet's `*.json`).
    case snapshot
    /// A capture file (`--capture`, a bundle's file).
    case capture
    /// A port registry (`--port-registry`, `registry import`, the imported copy, `/etc/services`).
    case portRegistry

    /// The largest regular file of this kind, in bytes.
    package var regularLimit: Int { Self.table[self]?.regular ?? 0 }

    /// The most bytes read from a non-regular input of this kind: the smaller of the
    /// kind's regular limit and ``InputFile/streamLimit``.
    package var streamLimit: Int { min(regularLimit, InputFile.streamLimit) }

    /// `a rule pack`, `a snapshot`: for messages.
    package var noun: String { Self.table[self]?.noun ?? "an input" }

    /// The kinds and their limits, in one place (docs/cli.md repeats it).
    private static let table: [InputKind: (regular: Int, noun: String)] = [
        .pack: (8 << 20, "a rule pack"),
        .waivers: (8 << 20, "a waiver file"),
        .variables: (8 << 20, "a variables file"),
        .snapshot: (256 << 20, "a snapshot"),
        .capture: (1 << 30, "a capture"),
        .portRegistry: (16 << 20, "a port registry"),
    ]
}

/// Byte counts as people read them: `8 MiB`, `1 GiB`, `512 KiB`, `100 bytes`.
package enum ByteCount {
    /// `count` in the largest binary unit that divides it, else in bytes.
    package static func text(_ count: Int) -> String {
        for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")] where count >= 1 << shift && count % (1 << shift) == 0 {
            return "\(count >> shift) \(unit)"
        }
        return count == 1 ? "1 byte" : "\(count) bytes"
    }
}
