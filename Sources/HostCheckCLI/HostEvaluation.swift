import HostCheckCore

/// Evaluates host jobs with bounded parallelism and hands results over in job order,
/// so reports stream and memory stays bounded by the window, not the fleet.
///
/// Hosts go to the workers in batches (``batchSize(hosts:parallelism:)``): one task per
/// small host costs as much in scheduling and wake-ups as the host's own evaluation.
enum HostEvaluation {
    /// The most hosts one task evaluates before handing its results over.
    static let largestBatch = 32

    /// Hosts per task: at most ``largestBatch``, and small enough that every worker gets
    /// about eight batches, so a short fleet still spreads over the cores.
    static func batchSize(hosts: Int, parallelism: Int) -> Int {
        min(largestBatch, max(1, hosts / (max(1, parallelism) * 8)))
    }

    /// Evaluates `jobs` on `parallelism` workers and calls `body` with each host's results, in
    /// the order of `jobs`, on the caller's task.
    static func forEach(
        _ jobs: [HostJob], evaluator: RunEvaluator, parallelism: Int,
        _ body: (HostResults) throws -> Void
    ) async throws {
        let workers = max(1, parallelism)
        let size = batchSize(hosts: jobs.count, parallelism: workers)
        let batches = stride(from: 0, to: jobs.count, by: size).map { $0..<min($0 + size, jobs.count) }
        let window = workers * 2
        try await withThrowingTaskGroup(of: (Int, [HostResults]).self) { group in
            var next = 0
            var emitted = 0
            var pending: [Int: [HostResults]] = [:]
            func launch() {
                while next < batches.count, next - emitted < window, next - emitted - pending.count < workers {
                    let index = next
                    let batch = jobs[batches[index]]
                    group.addTask {
                        var results: [HostResults] = []
                        results.reserveCapacity(batch.count)
                        for job in batch { results.append(evaluator.evaluate(await job.load())) }
                        return (index, results)
                    }
                    next += 1
                }
            }
            launch()
            while let (index, results) = try await group.next() {
                pending[index] = results
                while let ready = pending.removeValue(forKey: emitted) {
                    for host in ready { try body(host) }
                    emitted += 1
                }
                launch()
            }
        }
    }
}
