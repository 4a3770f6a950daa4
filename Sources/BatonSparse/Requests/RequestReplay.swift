import BatonCore

extension SparseWorkload {
    /// Turns a request table into jobs for the simulator: `requestID` = row index; the true costs,
    /// both estimate tables and the observed-ratio table are those of the row's model and input.
    /// - Throws: `InputError` if a row names an unknown model or an input the model does not have.
    public func makeJobs(_ table: RequestTable) throws -> [JobSpec] {
        var jobs: [JobSpec] = []
        jobs.reserveCapacity(table.rows.count)
        for (i, row) in table.rows.enumerated() {
            guard let m = modelIndex(named: row.model) else {
                throw unknownNameError("model", row.model, known: modelNames, kind: .file, line: i + 2, field: "model")
            }
            let model = models[m]
            guard row.input >= 0, row.input < model.inputCount else {
                throw InputError(.file, line: i + 2, field: "input",
                                 "input \(row.input) is out of range for model '\(row.model)' (0...\(model.inputCount - 1))")
            }
            jobs.append(JobSpec(requestID: i, model: m, arrivalSeconds: row.arrivalSeconds,
                                deadlineSeconds: row.deadlineSeconds, priority: row.priority,
                                trueCosts: model.inputTables[row.input], patternEstimate: model.patternEstimate,
                                architectureEstimate: model.architectureEstimate,
                                observedRatios: model.ratioTables[row.input]))
        }
        return jobs
    }
}
