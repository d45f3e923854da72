import HostCheckCore

/// The localized words of Windows `netstat` and `tasklist`, one entry per display language
/// (docs/captures.md, "Display languages").
///
/// They are data, not logic: rows are always found by structure and a TCP listener by its
/// remote endpoint, so an unknown language still parses. The tables serve to recognise title
/// and header lines as decoration, to refine localized state words, and to tell which code
/// page decodes a capture. Entries marked `verified: false` come from no real capture we could
/// find; they only ever refine, never decide.
struct WindowsLanguage: Sendable {
    var code: String
    var netstatTitle: String
    /// The netstat header without the trailing `PID` label, blanks collapsed.
    var netstatHeader: String
    var states: [String: SocketState] = [:]
    var ownerFailure: [String] = []
    /// The words of the `tasklist` table header (first column label first).
    var tasklistHeader: [String] = []
    /// The OEM (cmd) and ANSI code pages of systems in this language.
    var codePages: [CodePage] = []
    var verified = true
}

enum WindowsLanguages {
    static let all: [WindowsLanguage] = [
        WindowsLanguage(
            code: "en", netstatTitle: "Active Connections",
            netstatHeader: "Proto Local Address Foreign Address State",
            ownerFailure: ["Can not obtain ownership information"],
            tasklistHeader: ["Image Name", "PID", "Session Name", "Session#", "Mem Usage"],
            codePages: [.cp437, .cp1252]),
        WindowsLanguage(
            code: "de", netstatTitle: "Aktive Verbindungen",
            netstatHeader: "Proto Lokale Adresse Remoteadresse Status",
            states: [
                "ABHÖREN": .listening, "HERGESTELLT": .established, "WARTEND": .timeWait,
                "SCHLIESSEN_WARTEN": .closeWait, "FIN_WARTEN_1": .finWait1, "FIN_WARTEN_2": .finWait2,
                "SYN_GESENDET": .synSent, "SCHLIESSEND": .closing,
            ],
            tasklistHeader: ["Abbildname", "PID", "Sitzungsname", "Sitz.-Nr.", "Speichernutzung"],
            codePages: [.cp850, .cp1252]),
        WindowsLanguage(
            code: "fr", netstatTitle: "Connexions actives",
            netstatHeader: "Proto Adresse locale Adresse distante État",
            states: ["ÉCOUTE": .listening, "À L'ÉCOUTE": .listening],
            ownerFailure: [
                "Impossible d’obtenir les informations de propriétaire",
                "Impossible d'obtenir les informations de propriétaire",
            ],
            tasklistHeader: ["Nom de l’image", "PID", "Nom de la sessio", "Numéro de s", "Utilisation"],
            codePages: [.cp850, .cp1252]),
        WindowsLanguage(
            code: "es", netstatTitle: "Conexiones activas",
            netstatHeader: "Proto Dirección local Dirección remota Estado",
            states: ["ESCUCHANDO": .listening, "ESTABLECIDO": .established],
            tasklistHeader: ["Nombre de imagen", "PID", "Nombre de sesión", "Núm. de ses", "Uso de memor"],
            codePages: [.cp850, .cp1252]),
        WindowsLanguage(
            code: "pt", netstatTitle: "Conexões ativas",
            netstatHeader: "Proto Endereço local Endereço externo Estado",
            states: ["ESCUTANDO": .listening, "ESTABELECIDA": .established],
            codePages: [.cp850, .cp1252]),
        WindowsLanguage(
            code: "it", netstatTitle: "Connessioni attive",
            netstatHeader: "Proto Indirizzo locale Indirizzo esterno Stato",
            states: ["IN ASCOLTO": .listening, "STABILITO": .established],
            codePages: [.cp850, .cp1252], verified: false),
        WindowsLanguage(
            code: "ru", netstatTitle: "Активные подключения",
            netstatHeader: "Имя Локальный адрес Внешний адрес Состояние",
            states: ["ПРОСЛУШИВАНИЕ": .listening],
            tasklistHeader: ["Имя образа", "PID", "Имя сессии", "№ сеанса", "Память"],
            codePages: [.cp866, .cp1251]),
        WindowsLanguage(
            code: "pl", netstatTitle: "Aktywne połączenia",
            netstatHeader: "Protokół Adres lokalny Obcy adres Stan",
            codePages: [.cp852, .cp1250], verified: false),
        WindowsLanguage(
            code: "zh-CN", netstatTitle: "活动连接",
            netstatHeader: "协议 本地地址 外部地址 状态",
            tasklistHeader: ["映像名称", "PID", "会话名", "会话#", "内存使用"],
            codePages: [.cp936]),
        WindowsLanguage(
            code: "zh-TW", netstatTitle: "使用中連線",
            netstatHeader: "協定 本機位址 外部位址 狀態",
            codePages: [.cp950], verified: false),
        WindowsLanguage(
            code: "ja", netstatTitle: "アクティブな接続",
            netstatHeader: "プロトコル ローカル アドレス 外部アドレス 状態",
            states: ["受信待ち": .listening, "確立済み": .established],
            codePages: [.cp932]),
        WindowsLanguage(
            code: "ko", netstatTitle: "활성 연결",
            netstatHeader: "프로토콜 로컬 주소 외부 주소 상태",
            codePages: [.cp949]),
    ]

    /// Every localized state word, also in its mis-decoded forms (`ABH™REN`).
    static let states: [String: SocketState] = {
        var table: [String: SocketState] = [:]
        for language in all {
            for (word, state) in language.states {
                for variant in Mojibake.variants(of: word) { table[variant] = state }
            }
        }
        return table
    }()

    /// Titles and headers (blanks collapsed, no `PID`), also mis-decoded.
    static let netstatDecoration: Set<String> = Set(all.flatMap { language in
        Mojibake.variants(of: language.netstatTitle) + Mojibake.variants(of: language.netstatHeader)
    })

    /// Headers alone (blanks collapsed, no `PID`), also mis-decoded: a capture with one has
    /// not been filtered through `findstr`.
    static let netstatHeaders: Set<String> = Set(all.flatMap { Mojibake.variants(of: $0.netstatHeader) })

    /// What `netstat -b` prints instead of a table when the prompt is not elevated (only the
    /// English text is known from a real capture; another language's message is a warning).
    static let elevationMessages: Set<String> = [
        "The requested operation requires elevation.",
    ]

    /// ``elevationMessages`` with ASCII lowered, as one byte search: a line that holds none of them is
    /// none of them, whatever its blanks.
    static let elevationNeedles = ByteNeedles(elevationMessages.map { $0.utf8.map(ByteNeedles.lower) })

    /// The "can not obtain ownership information" lines, also mis-decoded.
    static let ownerFailures: Set<String> = Set(all.flatMap { $0.ownerFailure.flatMap(Mojibake.variants(of:)) })

    /// Non-ASCII text that appears only when a capture is decoded with the right code page,
    /// with the code pages of its language.
    static let codePageSignatures: [CodePageSignature] = {
        var signatures: [CodePageSignature] = []
        for language in all {
            let texts = [language.netstatTitle] + language.netstatHeader.split(separator: " ").map(String.init)
                + Array(language.states.keys) + language.ownerFailure + language.tasklistHeader
            for text in texts where text.unicodeScalars.contains(where: { $0.value >= 0x80 }) {
                signatures.append(CodePageSignature(text: text, pages: language.codePages))
            }
        }
        return signatures
    }()
}
