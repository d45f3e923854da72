import HostCheckCore

/// Evaluates host jobs with bounded parallelism and hands results over in job order,
/// so reports stream and memory stays bounded by the window, not the fleet.
enum HostEvaluation {
    static func forEach(
        _ jobs: [HostJob], evaluator: RunEvaluator, parallelism: Int,
        _ body: (HostResults) throws -> Void
    ) async throws {
        let window = max(1, parallelism) * 2
        try await withThrowingTaskGroup(of: (Int, HostResults).self) { group in
            var next = 0
            var emitted = 0
            var pending: [Int: HostResults] = [:]
            func launch() {
                while next < jobs.count, next - emitted < window, next - emitted - pending.count < parallelism {
                    let index = next
                    let job = jobs[index]
                    group.addTask { (index, evaluator.evaluate(await job.load())) }
                    next += 1
                }
            }
            launch()
            while let (index, results) = try await group.next() {
                pending[index] = results
                while let ready = pending.removeValue(forKey: emitted) {
                    try body(ready)
                    emitted += 1
                }
                launch()
            }
        }
    }
}
