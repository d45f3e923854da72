/// What shows which program a process runs, beyond the name it gives itself
/// (docs/rule-packs.md, "How strong is this identity?").
///
/// Every member is nil when the source does not record it: nil is "not known", never "no".
/// The name, `argv[0]` and the command line are set by the process itself; these are not.
public struct ProcessIdentity: Sendable, Hashable {
    /// The owning (real) user id, when known.
    public var uid: Int?
    /// True when the executable has no link left on disk (`st_nlink == 0` of `/proc/PID/exe`):
    /// deleted or replaced after the process started.
    public var exeDeleted: Bool?
    /// True when `path`, looked up in hostcheck's own mount namespace, is the very file the
    /// process runs (same device and inode as `/proc/PID/exe`); false when it is not.
    public var pathVerified: Bool?
    /// Why `pathVerified` is false or nil although a path is known: `not-found`, `other-file`,
    /// `deleted`, `unreadable`, `not-checked`.
    public var pathProblem: String?
    /// The SHA-256 of the executable the process runs (lower-case hex), read through the
    /// process (`/proc/PID/exe`) or recorded by the capture script, never through the path alone.
    public var sha256: String?
    /// The inode of the process's mount namespace (`/proc/PID/ns/mnt`), when known.
    public var mountNamespace: UInt64?
    /// The systemd unit the process belongs to (`sshd.service`), from its cgroup.
    public var unit: String?
    /// The process's cgroup (v2 path, or the v1 `name=systemd` hierarchy's).
    public var cgroup: String?
    /// The container id its cgroup shows (docker, containerd, podman, kubepods).
    public var containerID: String?
    /// The parent process's name, when the parent was visible.
    public var parentName: String?
    /// The parent process's executable path, when the parent was visible.
    public var parentPath: String?
    /// True when the name the process gives itself (`comm`) is not a prefix of its executable's
    /// name (nor of a command on `PATH` that resolves to it): a rename. False when checked and
    /// consistent; nil when not checked.
    public var nameMismatch: Bool?
    /// The subject of the certificate that signed the executable, as Windows prints it
    /// (`CN=Magaya Corporation, O=Magaya Corporation, C=US`: `Get-AuthenticodeSignature`'s
    /// `SignerCertificate.Subject`), when the capture recorded one; whatever the status, which
    /// says whether the signature is valid.
    public var signer: String?
    /// The signature status as recorded (`Valid`, `NotSigned`, `HashMismatch`, ...).
    public var signatureStatus: String?

    /// Creates an identity; every member not given is nil (not known).
    public init(
        uid: Int? = nil, exeDeleted: Bool? = nil, pathVerified: Bool? = nil, pathProblem: String? = nil,
        sha256: String? = nil, mountNamespace: UInt64? = nil, unit: String? = nil, cgroup: String? = nil,
        containerID: String? = nil, parentName: String? = nil, parentPath: String? = nil,
        nameMismatch: Bool? = nil, signer: String? = nil, signatureStatus: String? = nil
    ) {
        self.uid = uid
        self.exeDeleted = exeDeleted
        self.pathVerified = pathVerified
        self.pathProblem = pathProblem
        self.sha256 = sha256
        self.mountNamespace = mountNamespace
        self.unit = unit
        self.cgroup = cgroup
        self.containerID = containerID
        self.parentName = parentName
        self.parentPath = parentPath
        self.nameMismatch = nameMismatch
        self.signer = signer
        self.signatureStatus = signatureStatus
    }
}
