/// Text that an OEM capture turns into when it is read with the ANSI code page of the same
/// locale: German `ABHÖREN` written in CP850 and read as CP1252 is `ABH™REN`.
enum Mojibake {
    /// The OEM → ANSI mis-readings that occur on real systems.
    static let pairs: [(oem: CodePage, ansi: CodePage)] = [
        (.cp850, .cp1252), (.cp437, .cp1252), (.cp852, .cp1250), (.cp866, .cp1251),
    ]

    /// The text itself followed by each distinct mis-decoded form of it.
    static func variants(of text: String) -> [String] {
        var result = [text]
        guard text.unicodeScalars.contains(where: { $0.value >= 0x80 }) else { return result }
        for (oem, ansi) in pairs {
            guard let bytes = oem.encode(text), let misread = ansi.decode(bytes[...]),
                  !misread.unicodeScalars.contains("\u{FFFD}"), !result.contains(misread) else { continue }
            result.append(misread)
        }
        return result
    }
}
