#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Synchronization

/// Runs blocking system-call work (netlink dumps, `/proc/[pid]/fd` walks) on a thread of its
/// own, not on Swift's cooperative pool: that pool has one thread per core, and a probe that
/// blocked it would stall the command-line parsing running beside it (``LinuxProcProbe`` is
/// started before the arguments are parsed).
enum BlockingThread {
    /// The value of `body`, computed on a new detached thread; on the calling task's thread
    /// when no thread can be created.
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let start = ThreadStart { continuation.resume(returning: body()) }
            if let thread = spawn(start) {
                pthread_detach(thread)
            } else {
                start.body()
            }
        }
    }

    /// A new thread running `start`; nil when none can be created.
    fileprivate static func spawn(_ start: ThreadStart) -> pthread_t? {
        let context = Unmanaged.passRetained(start)
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            Unmanaged<ThreadStart>.fromOpaque(raw).takeRetainedValue().body()
            return nil
        }, context.toOpaque())
        guard status == 0 else {
            context.release()
            return nil
        }
        return thread
    }
}

extension BlockingThread {
    /// Runs `first` on the calling thread and `second` on a new one at the same time, and
    /// returns both results once both are done (`second` runs after `first` on the calling
    /// thread when no thread can be created). For a caller that is itself on a blocking thread.
    static func both<A, B: Sendable>(_ first: () -> A, _ second: @escaping @Sendable () -> B) -> (A, B) {
        let result = ResultSlot<B>()
        guard let thread = spawn(ThreadStart { result.store(second()) }) else { return (first(), second()) }
        let firstResult = first()
        pthread_join(thread, nil)
        guard let secondResult = result.take() else { return (firstResult, second()) }
        return (firstResult, secondResult)
    }
}

/// Where a thread leaves its result for the thread that joins it.
private final class ResultSlot<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)

    func store(_ newValue: Value) {
        value.withLock { $0 = newValue }
    }

    func take() -> Value? {
        value.withLock { $0.take() }
    }
}

/// The work handed to a new thread.
private final class ThreadStart: Sendable {
    let body: @Sendable () -> Void

    init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
    }
}
