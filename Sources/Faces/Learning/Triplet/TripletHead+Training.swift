import Foundation

extension TripletHead {
    /// Trains the head in place and returns the mean batch loss of each epoch.
    ///
    /// Each epoch shuffles the people who have at least two descriptors and walks through them
    /// P at a time; each batch takes K random descriptors of each of its people (all of them
    /// when a person has fewer), mines semi-hard triplets with the current head and takes one
    /// optimizer step.
    public mutating func train(descriptors: [FaceDescriptor], labels: [String],
                               options: TripletTrainingOptions = TripletTrainingOptions()) throws -> [Float] {
        guard descriptors.count == labels.count else {
            throw TripletError.mismatchedCounts(descriptors: descriptors.count, labels: labels.count)
        }
        if let wrong = descriptors.first(where: { $0.count != inputDimension }) {
            throw TripletError.wrongDescriptorLength(expected: inputDimension, got: wrong.count)
        }
        guard options.peoplePerBatch >= 2, options.imagesPerPerson >= 2 else {
            throw TripletError.invalidOptions("a batch needs at least 2 people and 2 images per person")
        }
        guard options.epochs >= 0, options.learningRate > 0, options.margin > 0 else {
            throw TripletError.invalidOptions("epochs must not be negative; learning rate and margin must be positive")
        }
        var indicesByPerson: [String: [Int]] = [:]
        for (index, label) in labels.enumerated() { indicesByPerson[label, default: []].append(index) }
        let people = indicesByPerson.keys.sorted().compactMap { indicesByPerson[$0] }.filter { $0.count >= 2 }
        guard people.count >= 2 else { throw TripletError.tooFewPeople(people.count) }

        let inputs = descriptors.map { $0.values.map(Double.init) }
        var generator = SeededGenerator(seed: options.seed)
        var optimizer = Step(options.optimizer, parameterCount: weights.count + (bias?.count ?? 0))
        var epochLosses: [Float] = []
        for _ in 0..<options.epochs {
            let order = people.shuffled(using: &generator)
            var lossSum = 0.0
            var batches = 0
            for start in stride(from: 0, to: order.count, by: options.peoplePerBatch) {
                let group = order[start..<min(start + options.peoplePerBatch, order.count)]
                guard group.count >= 2 else { continue }
                var batch: [Int] = []
                var batchLabels: [Int] = []
                for (person, indices) in group.enumerated() {
                    let chosen = indices.shuffled(using: &generator).prefix(options.imagesPerPerson)
                    batch += chosen
                    batchLabels += Array(repeating: person, count: chosen.count)
                }
                let batchInputs = batch.map { inputs[$0] }
                let triplets = Triplet.semiHard(embeddings: batchInputs.map { forward($0).output },
                                                labels: batchLabels, margin: options.margin)
                let result = lossGradient(inputs: batchInputs, triplets: triplets, margin: options.margin)
                lossSum += result.loss
                batches += 1
                var parameters = weights + (bias ?? [])
                optimizer.apply(gradient: result.weightGradient + (result.biasGradient ?? []),
                                to: &parameters, learningRate: options.learningRate)
                weights = Array(parameters[0..<weights.count])
                if bias != nil { bias = Array(parameters[weights.count...]) }
            }
            epochLosses.append(Float(batches > 0 ? lossSum / Double(batches) : 0))
        }
        return epochLosses
    }
}

/// The optimizer's running state: nothing for SGD, the two moment estimates for Adam.
private struct Step {
    let rule: TripletTrainingOptions.Optimizer
    var firstMoment: [Double]
    var secondMoment: [Double]
    var count = 0

    init(_ rule: TripletTrainingOptions.Optimizer, parameterCount: Int) {
        self.rule = rule
        firstMoment = [Double](repeating: 0, count: parameterCount)
        secondMoment = firstMoment
    }

    mutating func apply(gradient: [Double], to parameters: inout [Double], learningRate: Double) {
        switch rule {
        case .sgd:
            for i in parameters.indices { parameters[i] -= learningRate * gradient[i] }
        case let .adam(beta1, beta2, epsilon):
            count += 1
            // Bias correction undoes the moments' start at zero during the first steps.
            let correction1 = 1 - pow(beta1, Double(count)), correction2 = 1 - pow(beta2, Double(count))
            for i in parameters.indices {
                firstMoment[i] = beta1 * firstMoment[i] + (1 - beta1) * gradient[i]
                secondMoment[i] = beta2 * secondMoment[i] + (1 - beta2) * gradient[i] * gradient[i]
                let mean = firstMoment[i] / correction1, variance = secondMoment[i] / correction2
                parameters[i] -= learningRate * mean / (variance.squareRoot() + epsilon)
            }
        }
    }
}
