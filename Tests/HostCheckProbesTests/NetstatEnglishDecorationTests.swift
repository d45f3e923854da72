@testable import HostCheckProbes
import Testing

/// The English title and header read from bytes (``NetstatDecoration/english(_:tokens:)``)
/// against the text path (``NetstatDecoration/isKnown(_:)``, ``NetstatDecoration/isKnownHeader(_:)``).
@Suite struct NetstatEnglishDecorationTests {
    static func decide(_ line: String) -> (known: Bool, header: Bool)? {
        var tokens: [Range<Int>] = []
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { NetstatDecoration.english($0, tokens: &tokens) }
    }

    @Test(arguments: [
        ("Active Connections", true),
        ("  Active   Connections  ", true),
        ("\tActive\tConnections", true),
        ("  Proto  Local Address          Foreign Address        State           PID", true),
        ("  Proto  Local Address          Foreign Address        State", true),
        ("Proto Local Address Foreign Address State PID", true),
        ("Active Connections now", false),
        ("Aktive Verbindungen", false),
        ("  Proto  Local Address          Foreign Address        State           PID  X", false),
        ("  Proto  Lokale Adresse         Remoteadresse          Status           PID", false),
        ("active connections", false),
        ("  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       912", false),
    ])
    func bytesDecideAsText(_ line: String, english: Bool) throws {
        let decision = Self.decide(line)
        #expect((decision != nil) == english)
        guard let decision else { return }
        #expect(decision.known == NetstatDecoration.isKnown(Substring(line)))
        #expect(decision.header == NetstatDecoration.isKnownHeader(Substring(line)))
        #expect(decision.known)
    }

    /// The byte path skips the elevation check of `readOther`: no elevation message has the
    /// words of the English title or header.
    @Test func noElevationMessageHasTheirWords() {
        for message in WindowsLanguages.elevationMessages {
            #expect(Self.decide(message) == nil, "\(message)")
        }
    }
}
