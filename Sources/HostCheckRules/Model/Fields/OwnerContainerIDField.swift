import HostCheckCore

extension Field {
    /// The container id its cgroup shows (docker, containerd, podman, kubepods).
    static let ownerContainerID = Field(
        name: "owner.container_id", summary: "the container id its cgroup shows (docker, containerd, podman, kubepods)", kind: .text,
        providedBy: ["linux-proc"],
        extraction: .owner { _, process in .identity(process, { $0.containerID }, FieldValue.whole) })
}
